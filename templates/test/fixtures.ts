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
