import type { DebtorKind } from './interest.ts';
import type { CreditorKind } from './rates.ts';

// The nature of a claim decides its prescription (shared legal document, "Prescription"). Each
// regime with its article; the durations run from the day the claim was payable (C. civ. 2224,
// 2233) unless said otherwise.

export const claimNatures = ['commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil'] as const;
export type ClaimNature = (typeof claimNatures)[number];

export type NatureRegime = {
  readonly years: 1 | 2 | 3 | 5;
  readonly basis: string;
  /**
   * A délai de forclusion rather than a prescription: the debtor's acknowledgment (a payment, an
   * accepted plan) does not interrupt it (C. civ. 2220); a court claim (2241) and an enforcement
   * act (2244) do, and mediation does not suspend it (2238 concerns prescription).
   */
  readonly forclusion: boolean;
};

export const natureRegimes: Readonly<Record<ClaimNature, NatureRegime>> = {
  // Obligations arising from trade between traders, or traders and non-traders: 5 years.
  commercial: { years: 5, basis: 'C. com. L110-4', forclusion: false },
  // Goods or services sold by a professional to a consumer: 2 years.
  consumer: { years: 2, basis: 'C. conso. L218-2', forclusion: false },
  // Rent and charges of a residential lease: 3 years.
  residential_rent: { years: 3, basis: 'Loi 89-462 du 6 juillet 1989, art. 7-1', forclusion: false },
  // Consumer credit: 2-year forclusion from the first unregularised default; the claim's due date
  // is that default (the creditor states it at intake).
  consumer_credit: { years: 2, basis: 'C. conso. R312-35 (forclusion)', forclusion: true },
  // Electronic-communications services billed by an operator: 1 year from exigibility
  // (Code des postes et des communications électroniques, not the CPCE of civil enforcement).
  telecom: { years: 1, basis: 'CPCE (postes et communications électroniques) L34-2', forclusion: false },
  // Everything else: the civil default.
  civil: { years: 5, basis: 'C. civ. 2224', forclusion: false },
};

export function natureRegime(nature: ClaimNature): NatureRegime {
  return natureRegimes[nature];
}

export function isClaimNature(value: unknown): value is ClaimNature {
  return typeof value === 'string' && (claimNatures as readonly string[]).includes(value);
}

/** Where a claim's nature came from: stated on the claim, the creditor's default, or inferred from the parties. */
export type NatureSource = 'given' | 'creditor_default' | 'inferred';
export type ResolvedNature = { readonly nature: ClaimNature; readonly source: NatureSource };

/** Natures that only exist with a consumer debtor: a creditor's default of this kind does not apply to a company. */
const consumerOnly: readonly ClaimNature[] = ['consumer', 'consumer_credit'];

/**
 * The nature of a claim whose file did not state one:
 * 1. the creditor's default set at onboarding (a landlord's "residential_rent"), unless it can only
 *    concern a consumer and the debtor is a company;
 * 2. otherwise inferred from the parties: a professional debtor → commercial (L110-4); a consumer
 *    debtor of a company creditor → consumer (L218-2); a private-individual creditor → civil (2224).
 */
export function resolveClaimNature(input: {
  readonly given?: ClaimNature | null;
  readonly creditorKind: CreditorKind;
  readonly debtorKind: DebtorKind;
  readonly creditorDefault?: ClaimNature | null;
}): ResolvedNature {
  if (input.given) return { nature: input.given, source: 'given' };
  const fallback = input.creditorDefault;
  if (fallback && !(input.debtorKind === 'company' && consumerOnly.includes(fallback))) return { nature: fallback, source: 'creditor_default' };
  return { nature: inferClaimNature(input.creditorKind, input.debtorKind), source: 'inferred' };
}

/** The inference alone (step 2 of resolveClaimNature); also what SQL backfills mirror. */
export function inferClaimNature(creditorKind: CreditorKind, debtorKind: DebtorKind): ClaimNature {
  if (debtorKind === 'company') return 'commercial';
  return creditorKind === 'company' ? 'consumer' : 'civil';
}

/** Words a creditor's file may use for each nature (French first), compared without accents, case or punctuation. */
export const claimNatureSynonyms: Readonly<Record<ClaimNature, readonly string[]>> = {
  commercial: ['commercial', 'commerciale', 'commerce', 'b2b', 'entre professionnels', 'professionnel', 'professionnelle', 'pro', 'interentreprises'],
  consumer: ['consumer', 'consommation', 'consommateur', 'conso', 'b2c', 'vente consommateur', 'particulier', 'bien ou service'],
  residential_rent: ['residential rent', 'rent', 'loyer', 'loyers', 'bail', 'bail habitation', 'loyer habitation', 'charges locatives', 'location', 'locatif'],
  consumer_credit: ['consumer credit', 'credit', 'credit consommation', 'credit a la consommation', 'credit conso', 'pret', 'pret personnel', 'credit renouvelable'],
  telecom: ['telecom', 'telecoms', 'telecommunications', 'communications electroniques', 'telephonie', 'telephone', 'internet', 'mobile', 'operateur'],
  civil: ['civil', 'civile', 'autre', 'other', 'divers'],
};

function normaliseWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(de|du|d|des|l|la|le|les|a)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const synonymIndex: ReadonlyMap<string, ClaimNature> = new Map(
  claimNatures.flatMap((nature) => [nature.replace(/_/g, ' '), ...claimNatureSynonyms[nature]].map((word) => [normaliseWord(word), nature] as const)),
);

/**
 * A nature from a file's cell: the code itself or one of its synonyms ("Loyer", "crédit à la
 * consommation", "B2C"); empty → null (the nature is then resolved); anything else → undefined,
 * which the importer reports on the row.
 */
export function parseClaimNature(text: string | null | undefined): ClaimNature | null | undefined {
  if (text === null || text === undefined || text.trim() === '') return null;
  return synonymIndex.get(normaliseWord(text));
}
