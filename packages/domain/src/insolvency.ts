import { addMonths, type BusinessDate } from './dates.ts';

// Collective proceedings (procédures collectives) of a debtor company, as the registry reports them
// (BODACC publication of the opening judgment), and what they change for the agency.
//
// - C. com. L622-21 (sauvegarde; L631-14 for the redressement, L641-3 for the liquidation): the
//   opening judgment stops every individual action of the creditors whose claim was born before it
//   (no demand, no payment request, no court action); C. com. L622-7: the debtor may not pay those
//   claims. The legal gate refuses every contact asking for money once a judgment is on record.
// - C. com. L622-24 and R622-24: the creditors declare their claims to the mandataire judiciaire
//   within two months of the publication of the judgment in the BODACC, or lose their rights in the
//   distribution (L622-26, unless relieved of the forfeiture by the juge-commissaire). A creditor
//   living outside metropolitan France gets two more months (R622-24 al. 2): not modelled, the
//   agency's creditors are French companies.
// - The claim is declared as it stands at the judgment date: interest stops running at the opening
//   judgment (L622-28), so the décompte is stopped at that date.

export const proceedingTypes = ['sauvegarde', 'redressement', 'liquidation'] as const;
export type ProceedingType = (typeof proceedingTypes)[number];

export type Proceeding = {
  readonly type: ProceedingType;
  readonly judgmentDate: BusinessDate;
  /** Day of the BODACC publication; null while not published yet (the deadline is not running). */
  readonly publicationDate: BusinessDate | null;
};

/**
 * A company as a registry answers it (Pappers, SIRENE + BODACC, the local fixtures, the demo's
 * companies in seeds/): one shape for the providers and the seeds.
 */
export type RegistryProceedingRecord = {
  type: ProceedingType;
  judgmentDate: string;
  publicationDate: string | null;
  court: string | null;
  mandataire: { name: string; address: string | null } | null;
};

export type RegistryRecord = {
  siren: string;
  name: string;
  legalForm: string | null;
  nafCode: string | null;
  address: { line1: string; postalCode: string; city: string } | null;
  /** When the registered office moved to `address`, when the registry says. */
  addressSince: string | null;
  status: 'active' | 'ceased';
  createdOn: string | null;
  proceedings: RegistryProceedingRecord[];
};

/** Months after the BODACC publication to declare a claim (R622-24). */
export const CLAIM_DECLARATION_MONTHS = 2;

/** Last day to declare the claim to the mandataire (R622-24: two months from the BODACC publication; CPC 641 for month counting). */
export function claimDeclarationDeadline(publicationDate: BusinessDate): BusinessDate {
  return addMonths(publicationDate, CLAIM_DECLARATION_MONTHS);
}

/** The proceeding in force on `today`: the latest whose judgment has been pronounced (L622-21 applies from the judgment). */
export function proceedingInForce(proceedings: readonly Proceeding[], today: BusinessDate): Proceeding | null {
  const pronounced = proceedings.filter((proceeding) => proceeding.judgmentDate <= today);
  return pronounced.sort((left, right) => (left.judgmentDate < right.judgmentDate ? 1 : left.judgmentDate > right.judgmentDate ? -1 : 0))[0] ?? null;
}

/** French words for the proceeding, as a déclaration de créance says it. */
export const proceedingLabels: Record<ProceedingType, string> = {
  sauvegarde: 'procédure de sauvegarde',
  redressement: 'redressement judiciaire',
  liquidation: 'liquidation judiciaire',
};

export type CompanyStatus = 'active' | 'ceased';

/**
 * What the agent should know about the company from the registry: a ceased company without
 * proceedings is a manager's question (a radiée company has no assets to pursue; a liquidation
 * closed for insufficient assets, or a dissolution, may hide a successor).
 */
export function registryFlag(status: CompanyStatus, proceedings: readonly Proceeding[], today: BusinessDate): 'insolvency_proceedings' | 'company_ceased' | null {
  if (proceedingInForce(proceedings, today)) return 'insolvency_proceedings';
  if (status === 'ceased') return 'company_ceased';
  return null;
}

/** Normalised address for comparing what the creditor sent with the registered one (case, accents, punctuation, spaces). */
export function comparableText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
