import { addDays, addMonths, type BusinessDate, compareDates, diffDays, minDate } from './dates.ts';
import type { CommissionAmount } from './ledger.ts';

// The agency's fee and the remittance of collected funds (issue 17).
// - CPCE R124-3 4°: the mandate states how the agency's remuneration is set, borne by the
//   creditor; here a percentage of the amounts collected (flat, or by tier of the case's age or
//   amount), a fixed fee per case, or both; on payments made directly to the creditor too when the
//   mandate says so.
// - CGI 256 and 278: the commission is a service subject to VAT at the normal rate, 20 %. The VAT
//   of an invoice is computed once on its total excluding tax (CGI 242 nonies A: per rate, the
//   total HT and the tax), not line by line.
// - CPCE R124-6 al. 2 (4°): collected funds are paid over to the creditor within one month of
//   their actual receipt, unless the mandate stipulates otherwise.

export const VAT_RATE_BASIS_POINTS = 2000;
/** R124-6: one month from receipt, unless the mandate says otherwise. */
export const LEGAL_REMITTANCE_MONTHS = 1;
/** A remittance is flagged this many days before its deadline. */
export const REMITTANCE_WARNING_DAYS = 5;

export type CommissionTier = {
  /** What the tier looks at: the case's age (days from placement) or its placed amount. */
  readonly basis: 'case_age_days' | 'case_amount_cents';
  /** The tier applies from this value upward (inclusive) until the next tier's `from`. */
  readonly from: number;
  readonly percentBasisPoints: number;
};

export type CommissionTerms = {
  readonly percentBasisPoints: number | null;
  readonly fixedFeeCents: number | null;
  readonly tiers: readonly CommissionTier[];
  /** The mandate makes payments made directly to the creditor commissionable too. */
  readonly onDirectPayments: boolean;
};

export type CollectedPayment = {
  readonly amountCents: number;
  readonly direct: boolean;
  readonly caseAgeDays: number;
  readonly casePlacedCents: number;
};

/** Half-up rounding of cents x basis points, in integers (no float drift). */
export function basisPointsOf(cents: number, basisPoints: number): number {
  return Math.floor((cents * basisPoints + 5000) / 10_000);
}

/** The percentage that applies to a payment: the highest tier reached, else the flat rate. */
export function commissionRateFor(terms: CommissionTerms, payment: CollectedPayment): number {
  let rate = terms.percentBasisPoints ?? 0;
  let reached = -1;
  for (const tier of terms.tiers) {
    const value = tier.basis === 'case_age_days' ? payment.caseAgeDays : payment.casePlacedCents;
    if (value >= tier.from && tier.from > reached) {
      rate = tier.percentBasisPoints;
      reached = tier.from;
    }
  }
  return rate;
}

/** The commission (HT) on one payment; zero on a direct payment unless the mandate includes them. */
export function commissionOnPayment(terms: CommissionTerms, payment: CollectedPayment): number {
  if (payment.direct && !terms.onDirectPayments) return 0;
  return basisPointsOf(payment.amountCents, commissionRateFor(terms, payment));
}

/** The invoice's VAT on its total excluding tax (CGI 242 nonies A, 278). */
export function withVat(htCents: number, vatBasisPoints = VAT_RATE_BASIS_POINTS): CommissionAmount {
  return { htCents, vatCents: basisPointsOf(htCents, vatBasisPoints) };
}

/**
 * R124-6: the last day a payment received on `receivedOn` may be remitted. The mandate's delay
 * applies when it is within one month, or when the mandate expressly stipulates a longer one.
 */
export function remittanceDeadline(receivedOn: BusinessDate, terms: { readonly delayDays: number; readonly longerDelayStipulated: boolean }): BusinessDate {
  const byMandate = addDays(receivedOn, terms.delayDays);
  return terms.longerDelayStipulated ? byMandate : minDate(byMandate, addMonths(receivedOn, LEGAL_REMITTANCE_MONTHS));
}

export type RemittanceUrgency = 'on_time' | 'due_soon' | 'overdue';

/** How a held payment stands against its deadline on `today`. */
export function remittanceUrgency(deadline: BusinessDate, today: BusinessDate): RemittanceUrgency {
  if (compareDates(today, deadline) > 0) return 'overdue';
  return diffDays(today, deadline) <= REMITTANCE_WARNING_DAYS ? 'due_soon' : 'on_time';
}

/** A mandate whose delay exceeds one month without stipulating it breaks R124-6: flag the creditor. */
export function remittanceTermsBreachLaw(terms: { readonly delayDays: number; readonly longerDelayStipulated: boolean }): boolean {
  return terms.delayDays > 30 && !terms.longerDelayStipulated;
}

/**
 * The period a run closes: payments received up to `today` whose remittance falls due by the next
 * run. A weekly creditor is remitted every Monday, a monthly one on the first business day of the
 * month; a run started by hand remits everything held.
 */
export function isRunDay(frequency: 'weekly' | 'monthly', isoWeekday: number, dayOfMonth: number): boolean {
  return frequency === 'weekly' ? isoWeekday === 1 : dayOfMonth === 1;
}

// ---------------------------------------------------------------------------------------------
// A remittance run's commission: per payment, the fixed fee once per case, VAT once on the total.

export type RunPayment = CollectedPayment & { readonly caseId: string };

export type RunCommission = {
  /** Per payment, in the order given: the percentage commission (HT) and the fixed fee it carries (HT). */
  readonly lines: readonly { readonly commissionCents: number; readonly fixedFeeCents: number }[];
  /** The invoice's total excluding tax: every line's commission and fixed fee. */
  readonly htCents: number;
};

/**
 * R124-3 4°: the commission of a run. The mandate's fixed fee is due once per case (whatever the
 * number of payments or runs), on the case's first commissionable payment: a payment made
 * directly to the creditor counts only when the mandate makes direct payments commissionable.
 * `feeChargedCases` are the cases whose fee an earlier run already charged.
 */
export function runCommission(terms: CommissionTerms, payments: readonly RunPayment[], feeChargedCases: ReadonlySet<string>): RunCommission {
  const charged = new Set(feeChargedCases);
  const fee = terms.fixedFeeCents ?? 0;
  const lines = payments.map((payment) => {
    const commissionable = !payment.direct || terms.onDirectPayments;
    const fixedFeeCents = commissionable && fee > 0 && !charged.has(payment.caseId) ? fee : 0;
    if (fixedFeeCents > 0) charged.add(payment.caseId);
    return { commissionCents: commissionOnPayment(terms, payment), fixedFeeCents };
  });
  return { lines, htCents: lines.reduce((sum, line) => sum + line.commissionCents + line.fixedFeeCents, 0) };
}

export type RemittanceSettlement = {
  /** Commission TTC taken from the creditor's funds (net basis). */
  readonly commissionDeductedCents: number;
  /** Commission TTC left on the invoice, to be paid by the creditor. */
  readonly commissionToPayCents: number;
  /** Each disbursement, in order: deducted from the funds (net basis, when they cover it) or billed. */
  readonly disbursements: readonly ('deducted' | 'billed')[];
  /** What is transferred to the creditor. */
  readonly netCents: number;
};

/**
 * R124-3: how the invoice is settled. On the net basis the commission (TTC) is deducted from the
 * funds collected, never beyond them (a payable never goes negative), then each advanced cost
 * (débours) the rest covers whole; what is not covered stays on the invoice, to be paid. On the
 * gross basis everything is invoiced and the funds are remitted whole.
 */
export function settleRemittance(input: {
  readonly basis: 'net' | 'gross';
  readonly availableCents: number;
  readonly commissionTtcCents: number;
  readonly disbursementsCents: readonly number[];
}): RemittanceSettlement {
  const available = Math.max(0, input.availableCents);
  if (input.basis === 'gross') {
    return { commissionDeductedCents: 0, commissionToPayCents: input.commissionTtcCents, disbursements: input.disbursementsCents.map(() => 'billed'), netCents: available };
  }
  const commissionDeductedCents = Math.max(0, Math.min(available, input.commissionTtcCents));
  let left = available - commissionDeductedCents;
  const disbursements = input.disbursementsCents.map((cents) => {
    if (cents > left) return 'billed' as const;
    left -= cents;
    return 'deducted' as const;
  });
  return { commissionDeductedCents, commissionToPayCents: input.commissionTtcCents - commissionDeductedCents, disbursements, netCents: left };
}

/** C. com. L441-10 I: without other terms, an invoice is payable within 30 days of the service. */
export const INVOICE_PAYMENT_DAYS = 30;
/** C. com. L441-10 II and D441-5: the fixed indemnity for recovery costs owed by a late professional payer. */
export const LATE_PAYMENT_INDEMNITY_CENTS = 4000;
