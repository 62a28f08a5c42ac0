import { seededRandom, sirenFrom } from './random.ts';

/**
 * A creditor's export of unpaid invoices as accounting tools write it: French headers,
 * semicolons, Windows-1252, amounts like `1 234,56` (a no-break space sometimes), dates
 * DD/MM/YYYY, several invoices per debtor, a few credit notes and a few bad rows.
 * Deterministic for a seed, streamed line by line (a million rows never sit in memory).
 */
export const CREDITOR_FILE_HEADERS = [
  'N° facture',
  'Date facture',
  "Date d'échéance",
  'Montant TTC',
  'Raison sociale / Nom',
  'SIREN',
  'E-mail',
  'Téléphone',
  'Adresse',
  'Code postal',
  'Ville',
  // The creditor knows an old invoice may be prescribed: it is placed flagged, never demanded
  // (issue 15: without the flag an already prescribed claim is refused).
  'Prescrite',
] as const;

export type CreditorFileOptions = { rows: number; seed?: number; today?: string; invoicesPerDebtor?: number };
export type CreditorFileStats = { rows: number; bad: number; creditNotes: number; claims: number; debtors: number };
export type GeneratedRow = { cells: (string | number)[]; kind: 'claim' | 'credit_note' | 'bad' };

const COMPANY_WORDS = ['Boulangerie', 'Garage', 'Transports', 'Menuiserie', 'Pharmacie', 'Imprimerie', 'Plomberie', 'Électricité', 'Café', 'Librairie'];
const PLACES = ['du Port', 'de la Gare', 'des Halles', 'Saint-Michel', 'du Château', 'de l’Étang', 'des Prés', 'Bellevue', 'du Centre', 'des Écoles'];
const FORMS = ['SARL', 'SAS', 'SA', 'EURL', 'SNC'];
const FIRST = ['Jean', 'Marie', 'Hélène', 'François', 'Zoé', 'Léa', 'Noël', 'Chloé', 'Jérôme', 'Agnès', 'Loïc', 'Anaïs'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Mercier', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Müller', 'Lemaître'];
const STREETS = ['rue de la République', 'avenue Jean-Jaurès', 'boulevard Gambetta', 'place du Marché', 'chemin des Vignes', 'rue Émile-Zola'];
const CITIES: [string, string][] = [
  ['75011', 'Paris'],
  ['69003', 'Lyon'],
  ['13001', 'Marseille'],
  ['44000', 'Nantes'],
  ['33000', 'Bordeaux'],
  ['59000', 'Lille'],
  ['31000', 'Toulouse'],
  ['67000', 'Strasbourg'],
  ['97400', 'Saint-Denis'],
  ['20000', 'Ajaccio'],
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function frenchAmount(cents: number, nbsp: boolean): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, nbsp ? '\u00a0' : ' ');
  return `${negative ? '-' : ''}${euros},${pad(abs % 100)}`;
}

function dayToDate(day: number): { dmy: string; iso: string; serial: number } {
  const date = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000);
  const iso = date.toISOString().slice(0, 10);
  return { dmy: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, iso, serial: Math.round((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000) };
}

type Debtor = { name: string; siren: string; email: string; phone: string; address: string; postcode: string; city: string };

function debtorOf(index: number, seed: number): Debtor {
  const rnd = seededRandom(seed * 1_000_003 + index);
  const company = rnd.chance(0.45);
  const [postcode, city] = rnd.pick(CITIES);
  const address = `${rnd.int(1, 180)} ${rnd.pick(STREETS)}`;
  if (company) {
    return {
      name: `${rnd.pick(COMPANY_WORDS)} ${rnd.pick(PLACES)} ${index} ${rnd.pick(FORMS)}`,
      siren: sirenFrom(String(10_000_000 + index)),
      email: rnd.chance(0.7) ? `compta${index}@entreprise-${index % 977}.fr` : '',
      phone: rnd.chance(0.6) ? `01 ${pad(rnd.int(40, 99))} ${pad(index % 100)} ${pad(Math.floor(index / 100) % 100)} ${pad(Math.floor(index / 10_000) % 100)}` : '',
      address,
      postcode,
      city,
    };
  }
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  return {
    name: `${first} ${last}`,
    siren: '',
    // Every person has an e-mail or a phone or a unique address: recognisable again.
    email: rnd.chance(0.6) ? `${first}.${last}.${index}@exemple.fr`.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase() : '',
    phone: `06 ${pad(10 + (index % 80))} ${pad(Math.floor(index / 100) % 100)} ${pad(Math.floor(index / 10_000) % 100)} ${pad(rnd.int(10, 99))}`,
    address,
    postcode,
    city,
  };
}

/**
 * The rows of the file (without the header). `today` decides what is due: every good claim is
 * due before it. Bad rows: an unreadable amount, an impossible date, a claim not yet due, a
 * missing reference.
 */
export function* creditorFileRows(options: CreditorFileOptions, stats: CreditorFileStats = { rows: 0, bad: 0, creditNotes: 0, claims: 0, debtors: 0 }): Generator<GeneratedRow> {
  const seed = options.seed ?? 42;
  const perDebtor = options.invoicesPerDebtor ?? 3;
  const today = options.today ?? '2026-11-23';
  const todayDay = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.UTC(2020, 0, 1)) / 86_400_000);
  const debtors = Math.max(1, Math.ceil(options.rows / perDebtor));
  stats.debtors = debtors;
  const rnd = seededRandom(seed);
  for (let i = 0; i < options.rows; i += 1) {
    // Invoices of one debtor are spread through the file, as exports sorted by date are.
    const debtorIndex = (i * 7919) % debtors;
    const d = debtorOf(debtorIndex, seed);
    const due = todayDay - rnd.int(15, 1500);
    const issue = due - rnd.pick([0, 15, 30, 30, 45, 60]);
    const cents = rnd.int(1_500, 950_000);
    let ref = `FAC-${pad(i + 1, 8)}`;
    let amount = frenchAmount(cents, rnd.chance(0.3));
    let dueText = dayToDate(due).dmy;
    let kind: GeneratedRow['kind'] = 'claim';
    const roll = rnd.next();
    if (roll < 0.0005) {
      amount = '12,3,4';
      kind = 'bad';
    } else if (roll < 0.001) {
      dueText = '31/02/2025';
      kind = 'bad';
    } else if (roll < 0.0015) {
      dueText = dayToDate(todayDay + 30).dmy;
      kind = 'bad';
    } else if (roll < 0.002) {
      ref = '';
      kind = 'bad';
    } else if (roll < 0.004 && i >= perDebtor * debtors - debtors) {
      // A credit note, late in the file: its debtor already has claims above it.
      ref = `AV-${pad(i + 1, 8)}`;
      amount = frenchAmount(-Math.min(cents, 5_000), false);
      kind = 'credit_note';
    }
    stats.rows += 1;
    if (kind === 'bad') stats.bad += 1;
    else if (kind === 'credit_note') stats.creditNotes += 1;
    else stats.claims += 1;
    const old = due < todayDay - 730 ? 'oui' : '';
    yield { cells: [ref, dayToDate(issue).dmy, dueText, amount, d.name, d.siren, d.email, d.phone, d.address, d.postcode, d.city, old], kind };
  }
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The file as Windows-1252 text chunks. Every character used is in Latin-1's printable range
 * (where Windows-1252 and ISO-8859-1 agree), so Node's 'latin1' encoder writes it exactly;
 * the typographic apostrophe of the place names is replaced by a straight one, as exports do.
 */
export function* creditorCsvChunks(options: CreditorFileOptions, stats?: CreditorFileStats): Generator<Buffer> {
  let text = `${CREDITOR_FILE_HEADERS.join(';')}\r\n`;
  for (const row of creditorFileRows(options, stats)) {
    text += `${row.cells.map(csvCell).join(';').replace(/’/g, "'")}\r\n`;
    if (text.length > 256 * 1024) {
      yield Buffer.from(text, 'latin1');
      text = '';
    }
  }
  if (text) yield Buffer.from(text, 'latin1');
}
