import { type Random, seededRandom, sirenFrom } from './random.ts';

/**
 * The demo data set: deterministic, realistic French data. Pure (no I/O): the server's seed
 * command writes it. Dates are relative to `today` so the demo always has cases of every age.
 */
export type DemoCreditor = {
  key: 'creditor1' | 'creditor2' | 'creditor3';
  legalName: string;
  kind: 'company' | 'private_individual';
  siren: string | null;
  addressLine1: string;
  postalCode: string;
  city: string;
  brandDisplayName: string;
  brandPrimaryColor: string;
  logoSvg: string;
  mandateReference: string;
  mandateSignedOn: string;
  mandateValidUntil: string | null;
  /** The mandate lets the agency take judicial steps (issue 15's gate; issue 16's legal actions). */
  mandateCoversJudicial: boolean;
  /** The nature of its claims when a claim states none (packages/domain claim-nature.ts); null: inferred. */
  defaultClaimNature: 'residential_rent' | null;
  /** R124-3 and R124-6 (issue 17): the mandate's commission and remittance terms, and where collected funds are paid. */
  commission: { percentBasisPoints: number | null; fixedFeeCents: number | null };
  remittance: { basis: 'net' | 'gross'; frequency: 'weekly' | 'monthly' };
  remittanceIban: string;
  remittanceBic: string | null;
};

export type DemoDebtor = {
  kind: 'company' | 'person';
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  siren: string | null;
  email: string | null;
  phone: string | null;
  address: { line1: string; postalCode: string; city: string };
};

export type DemoClaim = { invoiceRef: string; issueDate: string; dueDate: string; amountCents: number };
export type DemoPayment = { receivedOn: string; amountCents: number; method: 'transfer' | 'card' | 'cheque' };
export type DemoCase = {
  creditorKey: DemoCreditor['key'];
  debtor: DemoDebtor;
  openedOn: string;
  status: 'new' | 'amicable' | 'promise' | 'disputed';
  claims: DemoClaim[];
  payments: DemoPayment[];
  notes: string[];
};

export type DemoUser = {
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'agent' | 'accountant' | 'creditor';
  creditorKey: DemoCreditor['key'] | null;
};

export const DEMO_PASSWORD = 'demo';

export const demoAgency = {
  name: 'Recouvrement Atlantique SAS',
  siren: sirenFrom('81234567'),
  addressLine1: '12 quai de la Fosse',
  postalCode: '44000',
  city: 'Nantes',
  insurer: 'MMA IARD',
  insurancePolicy: 'RCP-2026-004512',
  clientFundsIban: 'FR7630004000031234567890143',
  /** For the debtor's questions, payment plans and disputes (printed on every letter, e-mail and SMS). */
  phone: '02 40 12 34 56',
  email: 'contact@recouvrement-atlantique.fr',
  /**
   * Its brand (issue 19, white label): the staff app and the creditors' area carry it; the logo is
   * stored as an upload is (rasterised to PNG by the server, features/creditors/logo.ts); the
   * "propulsé par Relance" line stays on.
   */
  brand: {
    displayName: 'Cap Atlantique',
    primaryColor: '#0e5a7a',
    poweredByVisible: true,
    logoSvg:
      '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 64 64">' +
      '<rect x="2" y="2" width="60" height="60" rx="14" fill="#0e5a7a"/>' +
      '<path d="M10 38 C18 30 24 30 32 38 S46 46 54 38" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round"/>' +
      '<path d="M10 48 C18 40 24 40 32 48 S46 56 54 48" fill="none" stroke="#7fd1e8" stroke-width="4" stroke-linecap="round"/>' +
      '<text x="32" y="27" font-family="Arial, Helvetica, sans-serif" font-size="17" font-weight="700" fill="#ffffff" text-anchor="middle">CA</text>' +
      '</svg>',
  },
};

function logo(initials: string, color: string, shape: 'circle' | 'square' | 'house'): string {
  const mark =
    shape === 'circle'
      ? `<circle cx="32" cy="32" r="28" fill="${color}"/>`
      : shape === 'square'
        ? `<rect x="6" y="6" width="52" height="52" rx="10" fill="${color}"/>`
        : `<path d="M32 6 L60 30 L52 30 L52 58 L12 58 L12 30 L4 30 Z" fill="${color}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">${mark}<text x="32" y="${shape === 'house' ? 50 : 41}" font-family="Arial, Helvetica, sans-serif" font-size="22" font-weight="700" fill="#ffffff" text-anchor="middle">${initials}</text></svg>`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function demoCreditors(today: string): DemoCreditor[] {
  return [
    {
      key: 'creditor1',
      legalName: 'Fibrea Télécom SA',
      kind: 'company',
      siren: sirenFrom('44306184'),
      addressLine1: '25 rue de la Villette',
      postalCode: '69003',
      city: 'Lyon',
      brandDisplayName: 'Fibrea',
      brandPrimaryColor: '#0b6bcb',
      logoSvg: logo('Fi', '#0b6bcb', 'circle'),
      mandateReference: 'MAND-FIB-2025-01',
      mandateSignedOn: addDays(today, -400),
      mandateValidUntil: addDays(today, 700),
      mandateCoversJudicial: true,
      defaultClaimNature: null,
      commission: { percentBasisPoints: 1200, fixedFeeCents: null },
      remittance: { basis: 'net', frequency: 'monthly' },
      remittanceIban: 'FR7630004008190001234567879',
      remittanceBic: 'BNPAFRPP',
    },
    {
      key: 'creditor2',
      legalName: 'Matériaux Durand et Fils SARL',
      kind: 'company',
      siren: sirenFrom('52147896'),
      addressLine1: '8 avenue des Artisans',
      postalCode: '33000',
      city: 'Bordeaux',
      brandDisplayName: 'Durand Matériaux',
      brandPrimaryColor: '#b4431a',
      logoSvg: logo('DM', '#b4431a', 'square'),
      mandateReference: 'MAND-DUR-2026-03',
      mandateSignedOn: addDays(today, -200),
      mandateValidUntil: null,
      mandateCoversJudicial: true,
      defaultClaimNature: null,
      commission: { percentBasisPoints: 1000, fixedFeeCents: 1500 },
      remittance: { basis: 'gross', frequency: 'weekly' },
      remittanceIban: 'FR7610907000010009876543239',
      remittanceBic: null,
    },
    {
      key: 'creditor3',
      legalName: 'Hélène Marchand',
      kind: 'private_individual',
      siren: null,
      addressLine1: '3 rue des Tilleuls',
      postalCode: '35000',
      city: 'Rennes',
      brandDisplayName: 'Gestion locative H. Marchand',
      brandPrimaryColor: '#2f7d4a',
      logoSvg: logo('HM', '#2f7d4a', 'house'),
      mandateReference: 'MAND-HM-2026-01',
      mandateSignedOn: addDays(today, -120),
      mandateValidUntil: addDays(today, 245),
      // A private landlord's mandate stops at amicable collection.
      mandateCoversJudicial: false,
      // A landlord: her tenants' rent and charges (loi 89-462 art. 7-1, 3 years).
      defaultClaimNature: 'residential_rent',
      commission: { percentBasisPoints: 800, fixedFeeCents: null },
      remittance: { basis: 'net', frequency: 'monthly' },
      remittanceIban: 'FR7615589351000005551234520',
      remittanceBic: null,
    },
  ];
}

export const demoUsers: DemoUser[] = [
  { email: 'admin@relance.test', name: 'Alice Admin', role: 'admin', creditorKey: null },
  { email: 'manager@relance.test', name: 'Marc Lefèvre', role: 'manager', creditorKey: null },
  { email: 'agent1@relance.test', name: 'Sophie Bernard', role: 'agent', creditorKey: null },
  { email: 'agent2@relance.test', name: 'Karim Haddad', role: 'agent', creditorKey: null },
  { email: 'compta@relance.test', name: 'Nadia Comptable', role: 'accountant', creditorKey: null },
  { email: 'creditor1@relance.test', name: 'Julie Roux (Fibrea)', role: 'creditor', creditorKey: 'creditor1' },
  { email: 'creditor2@relance.test', name: 'Paul Durand', role: 'creditor', creditorKey: 'creditor2' },
  { email: 'creditor3@relance.test', name: 'Hélène Marchand', role: 'creditor', creditorKey: 'creditor3' },
];

const firstNames = ['Camille', 'Lucas', 'Léa', 'Hugo', 'Manon', 'Louis', 'Chloé', 'Nathan', 'Emma', 'Jules', 'Inès', 'Thomas', 'Sarah', 'Antoine', 'Julie', 'Mehdi', 'Claire', 'Yanis', 'Élodie', 'Romain'];
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Chevalier', 'Nguyen', 'Benali'];
const companyStems = ['Boulangerie', 'Garage', 'Transports', 'Menuiserie', 'Cabinet', 'Pharmacie', 'Atelier', 'Restaurant', 'Imprimerie', 'Plomberie', 'Électricité', 'Librairie', 'Fromagerie', 'Agence', 'Studio'];
const companyNames = ['du Port', 'Saint-Michel', 'des Halles', 'Lumière', 'Océane', 'du Centre', 'Bellevue', 'Horizon', 'des Lilas', 'Mistral', 'Belle-Île', 'du Marché', 'Vauban', 'Montaigne', 'Pasteur'];
const legalForms = ['SARL', 'SAS', 'EURL', 'SASU', 'SA'];
const streets = ['rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue Pasteur', 'place de la Mairie', 'rue du Général de Gaulle', 'allée des Peupliers', 'chemin des Vignes', 'rue Nationale', 'impasse des Roses'];
const cities: [string, string][] = [
  ['75011', 'Paris'], ['13001', 'Marseille'], ['69007', 'Lyon'], ['31000', 'Toulouse'], ['06000', 'Nice'],
  ['44000', 'Nantes'], ['67000', 'Strasbourg'], ['34000', 'Montpellier'], ['33000', 'Bordeaux'], ['59000', 'Lille'],
  ['35000', 'Rennes'], ['51100', 'Reims'], ['76600', 'Le Havre'], ['42000', 'Saint-Étienne'], ['83000', 'Toulon'],
  ['38000', 'Grenoble'], ['21000', 'Dijon'], ['49000', 'Angers'], ['29200', 'Brest'], ['20000', 'Ajaccio'],
];

function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function debtorFor(random: Random, kind: 'company' | 'person', index: number): DemoDebtor {
  const [postalCode, city] = random.pick(cities);
  const address = { line1: `${random.int(1, 120)} ${random.pick(streets)}`, postalCode, city };
  const phone = random.chance(0.85)
    ? `+33${random.pick(['6', '7'])}${String(random.int(10_000_000, 99_999_999))}`
    : null;
  if (kind === 'company') {
    const companyName = `${random.pick(companyStems)} ${random.pick(companyNames)} ${random.pick(legalForms)}`;
    return {
      kind,
      companyName,
      firstName: null,
      lastName: null,
      displayName: companyName,
      siren: sirenFrom(String(30_000_000 + index * 7919).slice(0, 8)),
      email: random.chance(0.9) ? `compta@${slug(companyName)}-${index}.fr` : null,
      phone: phone?.replace(/^\+33[67]/, '+331') ?? null,
      address,
    };
  }
  const firstName = random.pick(firstNames);
  const lastName = random.pick(lastNames);
  return {
    kind,
    companyName: null,
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    siren: null,
    email: random.chance(0.8) ? `${slug(firstName)}.${slug(lastName)}${index}@example.fr` : null,
    phone,
    address,
  };
}

/**
 * About 300 cases: the telecom creditor has consumer and small-business debtors, the
 * building-materials creditor professional debtors, the landlord consumer tenants.
 */
export function demoCases(today: string): DemoCase[] {
  const random = seededRandom(20261123);
  const plan: { creditorKey: DemoCreditor['key']; count: number; companyShare: number; prefix: string }[] = [
    { creditorKey: 'creditor1', count: 150, companyShare: 0.3, prefix: 'FIB' },
    { creditorKey: 'creditor2', count: 110, companyShare: 0.9, prefix: 'DUR' },
    { creditorKey: 'creditor3', count: 40, companyShare: 0, prefix: 'LOY' },
  ];
  const cases: DemoCase[] = [];
  let debtorIndex = 0;
  let invoiceNumber = 1000;
  for (const { creditorKey, count, companyShare, prefix } of plan) {
    for (let i = 0; i < count; i += 1) {
      debtorIndex += 1;
      const kind = random.chance(companyShare) ? 'company' : 'person';
      const debtor = debtorFor(random, kind, debtorIndex);
      const claimCount = random.int(1, 5);
      // Ages from a few weeks to three years past due, weighted towards recent debts.
      const oldestAge = Math.floor(15 + random.next() ** 2 * 1080);
      const claims: DemoClaim[] = [];
      for (let c = 0; c < claimCount; c += 1) {
        invoiceNumber += random.int(1, 9);
        const age = Math.max(10, oldestAge - c * random.int(25, 35));
        const dueDate = addDays(today, -age);
        const issueDate = addDays(dueDate, -(creditorKey === 'creditor3' ? 5 : 30));
        const base =
          creditorKey === 'creditor2'
            ? random.int(30_000, 1_500_000)
            : creditorKey === 'creditor3'
              ? random.pick([65_000, 72_000, 84_000, 91_000, 105_000])
              : random.int(2_999, kind === 'company' ? 60_000 : 18_000);
        claims.push({ invoiceRef: `${prefix}-${invoiceNumber}`, issueDate, dueDate, amountCents: base });
      }
      const openedOn = addDays(today, -random.int(1, Math.min(oldestAge, 300)));
      const principal = claims.reduce((sum, claim) => sum + claim.amountCents, 0);
      const payments: DemoPayment[] = [];
      if (random.chance(0.3)) {
        const parts = random.int(1, 3);
        for (let p = 0; p < parts; p += 1) {
          const received = addDays(openedOn, random.int(1, 60));
          payments.push({
            receivedOn: received > today ? today : received,
            amountCents: Math.floor((principal * random.int(10, 30)) / 100),
            method: random.pick(['transfer', 'card', 'cheque'] as const),
          });
        }
      }
      const paid = payments.reduce((sum, payment) => sum + payment.amountCents, 0);
      if (paid >= principal) payments.length = 0;
      const status = random.pick(['new', 'amicable', 'amicable', 'amicable', 'promise', 'disputed'] as const);
      const notes = random.chance(0.4)
        ? [random.pick(['Messagerie, message laissé.', 'Débiteur joint : dit avoir payé, demande justificatif.', 'Numéro erroné, recherche en cours.', 'Promesse de règlement avant la fin du mois.'])]
        : [];
      cases.push({ creditorKey, debtor, openedOn, status, claims, payments, notes });
    }
  }
  return cases;
}

/**
 * Rates an administrator "added" in the demo. 2026-H2 is not in the shared rates table
 * (packages/domain/src/rates.ts stops at 2026-H1), and without it no professional debtor's
 * décompte can be printed today. DEMO ASSUMPTION, NOT THE OFFICIAL RATES: the 2026-H1 values
 * carried forward. A real agency enters the published rates (arrêté in the Journal officiel,
 * ECB decision) on the rates screen; these rows show as "added" there, never as built in.
 */
export const demoAddedRates = [
  { halfYear: '2026-H2', ecbBasisPoints: 215, legalPrivateIndividualBasisPoints: 667, legalOtherBasisPoints: 262 },
] as const;
