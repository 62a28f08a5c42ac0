import { crc32 } from 'node:zlib';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { frenchRates } from '@relance/domain/rates';
import { buildStatement } from '@relance/domain/statement';
import type { LetterCommonProps, Locale } from '../src/letter-model.ts';

export const AMICABLE_FR = 'Société exerçant une activité de recouvrement amiable de créances pour le compte de tiers.';

// A 1x1 red PNG, to exercise the logo path.
export const PIXEL_PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'),
);

export function professionalProps(locale: Locale = 'fr'): LetterCommonProps {
  const statement = buildStatement({
    creditorKind: 'company',
    debtorKind: 'company',
    claims: [
      { ref: 'FA-2025-001', issueDate: '2025-01-10', dueDate: '2025-02-09', amountCents: 1_234_56, currency: 'EUR' },
      { ref: 'FA-2025-014', issueDate: '2025-03-01', dueDate: '2025-03-31', amountCents: 560_00, currency: 'EUR' },
    ],
    payments: [],
    events: {},
    asOf: '2025-09-15',
    rates: frenchRates,
  });
  return {
    locale,
    letterReference: 'L-2025-0042-1',
    letterDate: '2025-09-15',
    deadline: '2025-09-30',
    agency: {
      name: 'Recouvra Conseil SAS',
      addressLines: ['12 rue de la Paix', '75002 Paris'],
      amicableCollectionStatement: {
        fr: AMICABLE_FR,
        en: 'A company carrying out amicable debt collection on behalf of others.',
      },
      clientFundsIban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      phone: '01 84 60 12 34',
      email: 'contact@recouvra-conseil.fr',
    },
    creditor: {
      legalName: 'Acme Fournitures SARL',
      addressLines: ['5 avenue des Champs', '69001 Lyon'],
      brand: { displayName: 'Acme', primaryColor: '#0b5fa5', logo: { format: 'png', data: PIXEL_PNG } },
      signatureLines: ['Claire Martin', 'Service recouvrement'],
      footer: 'Acme Fournitures SARL, RCS Lyon 123 456 789',
      senderName: 'Acme, service clients',
    },
    debtor: { kind: 'company', name: 'Boulangerie Dupont SAS', addressLines: ['3 place du Marché', '33000 Bordeaux'] },
    case: { reference: 'REL-2025-0042', creditorReference: creditorReferenceFor('REL-2025-0042'), portalUrl: 'https://pay.example.fr/c/Xy7Kq2' },
    statement,
    statementComplete: true,
  };
}

export function consumerProps(locale: Locale = 'fr'): LetterCommonProps {
  const base = professionalProps(locale);
  const statement = buildStatement({
    creditorKind: 'company',
    debtorKind: 'person',
    claims: [{ ref: 'ABO-778', issueDate: '2025-04-01', dueDate: '2025-04-15', amountCents: 89_90, currency: 'EUR' }],
    payments: [{ id: 'p1', date: '2025-06-01', amountCents: 20_00 }],
    events: { miseEnDemeureDate: '2025-05-01' },
    asOf: '2025-09-15',
    rates: frenchRates,
  });
  return {
    ...base,
    debtor: { kind: 'person', name: 'Jean Durand', addressLines: ['8 rue Victor Hugo', '59000 Lille'] },
    case: { reference: 'REL-2025-0077', creditorReference: creditorReferenceFor('REL-2025-0077'), portalUrl: 'https://pay.example.fr/c/Ab12' },
    creditor: { ...base.creditor, brand: { displayName: 'Acme', primaryColor: '#aa2200', logo: { format: 'svg', data: '<svg/>' } } },
    statement,
  };
}

export const FIRST_LETTER = { reference: 'L-2025-0042-1', date: '2025-09-01' };

const COMPANY_NAMES = ['Boulangerie Dupont SAS', 'Garage Martin SARL', 'Pharmacie Leroy', 'Transports Bernard et Fils', 'Café des Arts EURL'];
const PERSON_NAMES = ['Jean Durand', 'Élodie Moreau', 'François Lefèvre', 'Amina Benali', 'Søren Petit'];
const STREETS = ['place du Marché', 'rue Victor Hugo', 'avenue Jean Jaurès', 'boulevard Gambetta', 'rue de la République'];
const TOWNS = ['33000 Bordeaux', '59000 Lille', '31000 Toulouse', '44000 Nantes', '67000 Strasbourg', '13001 Marseille'];

/**
 * The letter of the n-th case of a daily run: the professional fixture's agency and creditor, and
 * everything that differs from case to case in production differing too (debtor and kind, address,
 * references, portal link and so QR code, one to three invoices with their own numbers, dates and
 * amounts). What a run's letters share, they share here. The letter bench renders these, so that
 * nothing a case changes is measured as if it were laid out once.
 */
export function caseLetterProps(n: number, locale: Locale = 'fr'): LetterCommonProps {
  const base = professionalProps(locale);
  const debtorKind = n % 3 === 0 ? 'person' : 'company';
  const claims = Array.from({ length: 1 + (n % 3) }, (_, k) => {
    const month = 1 + ((n + k) % 6);
    return {
      ref: `FA-2025-${String(n * 7 + k).padStart(6, '0')}`,
      issueDate: `2025-0${month}-${String(1 + ((n + k) % 27)).padStart(2, '0')}`,
      dueDate: `2025-0${month + 1}-${String(1 + ((n + k) % 27)).padStart(2, '0')}`,
      amountCents: 50_00 + ((n * 7919 + k * 104_729) % 9_000_00),
      currency: 'EUR',
    };
  });
  const statement = buildStatement({
    creditorKind: 'company',
    debtorKind,
    claims,
    payments: [],
    // A consumer owes interest only from a formal notice (C. civ. 1231-6); some have had one.
    events: debtorKind === 'person' && n % 2 === 0 ? { miseEnDemeureDate: '2025-08-01' } : {},
    asOf: '2025-09-15',
    rates: frenchRates,
  });
  const reference = `REL-2025-${String(n).padStart(6, '0')}`;
  const names = debtorKind === 'person' ? PERSON_NAMES : COMPANY_NAMES;
  return {
    ...base,
    letterReference: `L-${reference}-1`,
    debtor: {
      kind: debtorKind,
      name: `${names[n % names.length]} ${n}`,
      addressLines: [`${1 + (n % 97)} ${STREETS[n % STREETS.length]}`, TOWNS[n % TOWNS.length] as string],
    },
    case: {
      reference,
      creditorReference: creditorReferenceFor(reference),
      portalUrl: `https://pay.example.fr/c/${((n * 2_654_435_761) % 2 ** 32).toString(36)}${n.toString(36)}`,
    },
    statement,
  };
}

/**
 * PIXEL_PNG with a damaged zlib stream (its Adler-32 checksum flipped, the chunk CRC kept right): a
 * valid signature and chunks, but pixels that do not inflate. react-pdf's PNG decoder threw on it
 * from a zlib callback, outside any promise (issue 13).
 */
export const CORRUPT_PNG = ((): Uint8Array => {
  const png = Buffer.from(PIXEL_PNG);
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') {
      const end = at + 8 + length;
      png[end - 1] = (png[end - 1] as number) ^ 0xff;
      png.writeUInt32BE(crc32(png.subarray(at + 4, end)), end);
    }
    at += 12 + length;
  }
  return Uint8Array.from(png);
})();
