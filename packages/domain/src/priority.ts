import type { DebtorKind } from './interest.ts';

// Work-queue priority (policy, not law). The score is a sum of integer points and every
// point comes with a reason, so an agent can see why a case is at the top of the queue. The
// web translates each reason from its code and params.
//
// Prescribed claims add nothing (C. conso. L121-2: a prescribed claim may not be demanded as if
// it were due; the queue never serves a case whose claims are all prescribed): the balance, the
// age and the prescription horizon given here are those of the claims still demandable, and a
// prescription drawing near (within 90 days) raises the priority, since an acknowledgment or a
// payment obtained before then interrupts it (C. civ. 2240). server/src/features/queue/sql.ts
// builds the stored rank from these weights and figures.
//
// What the company registry says of a professional debtor (issue 23) moves the case too: collective
// proceedings take it out of amicable work (C. com. L622-21: the claim is declared, nobody calls),
// a ceased company has little to collect (a manager decides), a registered office that moved in the
// last 90 days means the letters may have gone astray (worth a call), and a company less than two
// years old fails more often (act before it does).

export type PriorityInput = {
  readonly balanceCents: number;
  readonly daysPastDue: number;
  readonly debtorKind: DebtorKind;
  /** Has at least one valid phone number or email address. */
  readonly contactable: boolean;
  readonly promiseDue: boolean;
  readonly promiseBroken: boolean;
  readonly callbackDue: boolean;
  /** Days left before the first claim still demandable prescribes (0: its last day); absent when none is. */
  readonly daysToPrescription?: number;
  readonly daysSinceLastContact?: number;
  /** The company registry (issue 23): collective proceedings pronounced, company ceased. */
  readonly insolvencyProceedings?: boolean;
  readonly companyCeased?: boolean;
  /** Days since the registered office moved, when the registry dates it. */
  readonly daysSinceAddressChange?: number;
  /** Days since the company was created. */
  readonly companyAgeDays?: number;
};

type Tier = { readonly atLeast: number; readonly points: number };

export type PriorityWeights = {
  /** Balance tiers in cents, highest first; the first tier reached applies. */
  readonly balanceTiers: readonly Tier[];
  /** Days-past-due tiers, highest first. */
  readonly ageTiers: readonly Tier[];
  readonly professionalDebtor: number;
  readonly promiseDue: number;
  readonly promiseBroken: number;
  readonly callbackDue: number;
  /** Prescription tiers in days left, smallest first: the first tier with daysToPrescription <= atMost applies. */
  readonly prescriptionTiers: readonly { readonly atMost: number; readonly points: number }[];
  readonly notContactable: number;
  readonly contactedRecently: number;
  readonly recentContactDays: number;
  readonly insolvencyProceedings: number;
  readonly companyCeased: number;
  /** A registered office that moved within `withinDays`. */
  readonly addressChanged: { readonly withinDays: number; readonly points: number };
  /** A company younger than `underDays`. */
  readonly youngCompany: { readonly underDays: number; readonly points: number };
};

export const defaultPriorityWeights: PriorityWeights = {
  balanceTiers: [
    { atLeast: 10_000_00, points: 40 },
    { atLeast: 5_000_00, points: 30 },
    { atLeast: 1_000_00, points: 20 },
    { atLeast: 200_00, points: 10 },
  ],
  ageTiers: [
    { atLeast: 180, points: 30 },
    { atLeast: 90, points: 20 },
    { atLeast: 30, points: 10 },
  ],
  professionalDebtor: 5,
  promiseDue: 50,
  promiseBroken: 40,
  callbackDue: 60,
  prescriptionTiers: [
    { atMost: 30, points: 80 },
    { atMost: 90, points: 40 },
  ],
  notContactable: -50,
  contactedRecently: -30,
  recentContactDays: 2,
  insolvencyProceedings: -100,
  companyCeased: -40,
  addressChanged: { withinDays: 90, points: 15 },
  youngCompany: { underDays: 730, points: 10 },
};

export type PriorityReasonCode =
  | 'balance'
  | 'days_past_due'
  | 'professional_debtor'
  | 'promise_due'
  | 'promise_broken'
  | 'callback_due'
  | 'prescription_near'
  | 'not_contactable'
  | 'contacted_recently'
  | 'insolvency_proceedings'
  | 'company_ceased'
  | 'address_changed'
  | 'young_company';

export type PriorityReason = {
  readonly code: PriorityReasonCode;
  readonly points: number;
  readonly params: Readonly<Record<string, number>>;
};

export type Priority = { readonly score: number; readonly reasons: readonly PriorityReason[] };

/** The company registry's signals (issue 23): proceedings before a ceased status; a moved office; a young company. */
function registrySignals(input: PriorityInput, weights: PriorityWeights, give: (code: PriorityReasonCode, points: number, params?: Record<string, number>) => void): void {
  if (input.insolvencyProceedings) give('insolvency_proceedings', weights.insolvencyProceedings);
  else if (input.companyCeased) give('company_ceased', weights.companyCeased);
  const moved = input.daysSinceAddressChange;
  if (moved !== undefined && moved >= 0 && moved <= weights.addressChanged.withinDays) {
    give('address_changed', weights.addressChanged.points, { daysSinceAddressChange: moved, thresholdDays: weights.addressChanged.withinDays });
  }
  const age = input.companyAgeDays;
  if (age !== undefined && age >= 0 && age < weights.youngCompany.underDays) give('young_company', weights.youngCompany.points, { companyAgeDays: age, thresholdDays: weights.youngCompany.underDays });
}

export function priorityOf(input: PriorityInput, weights: PriorityWeights = defaultPriorityWeights): Priority {
  const reasons: PriorityReason[] = [];
  const give = (code: PriorityReasonCode, points: number, params: Record<string, number> = {}): void => {
    const whole = Math.round(points);
    if (whole !== 0) reasons.push({ code, points: whole, params });
  };

  const balanceTier = weights.balanceTiers.find((tier) => input.balanceCents >= tier.atLeast);
  if (balanceTier) give('balance', balanceTier.points, { balanceCents: input.balanceCents, thresholdCents: balanceTier.atLeast });
  const ageTier = weights.ageTiers.find((tier) => input.daysPastDue >= tier.atLeast);
  if (ageTier) give('days_past_due', ageTier.points, { daysPastDue: input.daysPastDue, thresholdDays: ageTier.atLeast });
  if (input.debtorKind === 'company') give('professional_debtor', weights.professionalDebtor);
  if (input.callbackDue) give('callback_due', weights.callbackDue);
  if (input.promiseDue) give('promise_due', weights.promiseDue);
  if (input.promiseBroken) give('promise_broken', weights.promiseBroken);
  const daysLeft = input.daysToPrescription;
  if (daysLeft !== undefined && daysLeft >= 0) {
    const tier = weights.prescriptionTiers.find((candidate) => daysLeft <= candidate.atMost);
    if (tier) give('prescription_near', tier.points, { daysToPrescription: daysLeft, thresholdDays: tier.atMost });
  }
  if (!input.contactable) give('not_contactable', weights.notContactable);
  if (input.daysSinceLastContact !== undefined && input.daysSinceLastContact < weights.recentContactDays) {
    give('contacted_recently', weights.contactedRecently, { daysSinceLastContact: input.daysSinceLastContact });
  }
  registrySignals(input, weights, give);
  return { score: reasons.reduce((total, reason) => total + reason.points, 0), reasons };
}

/**
 * Plain ordering by amount and age: the balance in whole euros weighted by (1 + months late),
 * months counted as 30 days: floor(balanceCents x (30 + daysPastDue) / 3000). Grows with both
 * inputs; cases not yet due count as 0 days late.
 */
export function amountAgeScore(balanceCents: number, daysPastDue: number): number {
  const balance = BigInt(Math.max(0, Math.trunc(balanceCents)));
  const days = BigInt(30 + Math.max(0, Math.trunc(daysPastDue)));
  return Number((balance * days) / 3000n);
}
