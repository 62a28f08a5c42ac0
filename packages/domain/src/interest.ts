import {
  addDays,
  addMonths,
  type BusinessDate,
  dateParts,
  daysInYear,
  diffDays,
  type HalfYear,
  halfYearOf,
  lastDayOfHalfYear,
  maxDate,
  minDate,
} from './dates.ts';
import {
  type CreditorKind,
  defaultLatePaymentPenaltyRateFor,
  legalRateFor,
  type RateTable,
} from './rates.ts';

// Simple interest only (C. civ. 1343-2: interest is capitalised only by contract or judgment).
// Day count (shared law document): each day late accrues base x annual rate / 365, or / 366
// for a day of a leap year, at the rate of the half-year the day falls in.

export type DebtorKind = 'company' | 'person';

/** How a claim bears interest; chosen from the parties and events by `interestRuleFor`. */
export type InterestRule =
  /** Professional debtor: late-payment penalties (C. com. L441-10). */
  | { readonly kind: 'late_payment_penalty'; readonly creditorKind: CreditorKind; readonly contractRateBasisPoints?: number }
  /** Consumer debtor with a contractual rate (C. civ. 1103: the contract binds). */
  | { readonly kind: 'contractual'; readonly rateBasisPoints: number }
  /** Taux légal (C. civ. 1231-6, CMF L313-2), majorated by 5 points after `majoratedAfter` (CMF L313-3). */
  | { readonly kind: 'legal'; readonly creditorKind: CreditorKind; readonly majoratedAfter?: BusinessDate };

export const LEGAL_BASIS = {
  penaltyContractRate: 'C. com. L441-10 (taux contractuel)',
  penaltyDefaultRate: 'C. com. L441-10 (taux BCE + 10 points)',
  penaltyContractRateBelowFloor: 'C. com. L441-10 (taux BCE + 10 points ; taux contractuel inférieur à 3 fois le taux légal)',
  consumerContractRate: 'C. civ. 1103 (taux contractuel)',
  legalRatePrivateIndividual: 'C. civ. 1231-6, 1344-1 ; CMF L313-2 (taux légal, créancier particulier)',
  legalRateOtherCases: 'C. civ. 1231-6, 1344-1 ; CMF L313-2 (taux légal, autres cas)',
  legalRateMajoration: ' ; CMF L313-3 (majoration de 5 points)',
} as const;

/** L441-10: the contract rate may not be below three times the taux légal. */
export const CONTRACT_RATE_FLOOR_MULTIPLIER = 3;
/** CMF L313-3: +5 points two months after the judgment became enforceable. */
export const JUDGMENT_MAJORATION_BASIS_POINTS = 500;
export const JUDGMENT_MAJORATION_DELAY_MONTHS = 2;

export type RejectedContractRate = {
  readonly contractRateBasisPoints: number;
  readonly floorBasisPoints: number;
};

export type AppliedRate = {
  readonly rateBasisPoints: number;
  readonly legalBasis: string;
  readonly rejectedContractRate?: RejectedContractRate;
};

/**
 * The last day on which the judgment majoration does not yet apply: the two-month delay of
 * CMF L313-3 runs from the day the decision became enforceable, so the majoration applies to
 * days strictly after enforceable date + 2 months.
 */
export function judgmentMajorationStartsAfter(judgmentEnforceableDate: BusinessDate): BusinessDate {
  return addMonths(judgmentEnforceableDate, JUDGMENT_MAJORATION_DELAY_MONTHS);
}

/** The rate that applies to `day` under `rule`. Throws MissingRateError when the table lacks the half-year. */
export function rateForDay(rule: InterestRule, day: BusinessDate, table: RateTable): AppliedRate {
  const halfYear = halfYearOf(day);
  switch (rule.kind) {
    case 'late_payment_penalty': {
      if (rule.contractRateBasisPoints === undefined) {
        return { rateBasisPoints: defaultLatePaymentPenaltyRateFor(table, halfYear), legalBasis: LEGAL_BASIS.penaltyDefaultRate };
      }
      const floorBasisPoints = CONTRACT_RATE_FLOOR_MULTIPLIER * legalRateFor(table, halfYear, rule.creditorKind);
      if (rule.contractRateBasisPoints < floorBasisPoints) {
        return {
          rateBasisPoints: defaultLatePaymentPenaltyRateFor(table, halfYear),
          legalBasis: LEGAL_BASIS.penaltyContractRateBelowFloor,
          rejectedContractRate: { contractRateBasisPoints: rule.contractRateBasisPoints, floorBasisPoints },
        };
      }
      return { rateBasisPoints: rule.contractRateBasisPoints, legalBasis: LEGAL_BASIS.penaltyContractRate };
    }
    case 'contractual':
      return { rateBasisPoints: rule.rateBasisPoints, legalBasis: LEGAL_BASIS.consumerContractRate };
    case 'legal': {
      const base = legalRateFor(table, halfYear, rule.creditorKind);
      const legalBasis =
        rule.creditorKind === 'private_individual' ? LEGAL_BASIS.legalRatePrivateIndividual : LEGAL_BASIS.legalRateOtherCases;
      if (rule.majoratedAfter !== undefined && day > rule.majoratedAfter) {
        return {
          rateBasisPoints: base + JUDGMENT_MAJORATION_BASIS_POINTS,
          legalBasis: legalBasis + LEGAL_BASIS.legalRateMajoration,
        };
      }
      return { rateBasisPoints: base, legalBasis };
    }
  }
}

/** A run of consecutive days with one rate and one year length. `from` and `to` are both counted. */
export type InterestSegment = AppliedRate & {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly days: number;
  readonly yearDays: 365 | 366;
  readonly halfYear: HalfYear;
};

/**
 * Splits the days d with accruedAfter < d <= through into segments of constant rate and year
 * length: at every half-year boundary (which includes every 1 January) and where the judgment
 * majoration starts.
 */
export function interestSegments(
  rule: InterestRule,
  accruedAfter: BusinessDate,
  through: BusinessDate,
  table: RateTable,
): InterestSegment[] {
  const segments: InterestSegment[] = [];
  let from = addDays(accruedAfter, 1);
  while (from <= through) {
    let to = minDate(lastDayOfHalfYear(halfYearOf(from)), through);
    if (rule.kind === 'legal' && rule.majoratedAfter !== undefined && from <= rule.majoratedAfter && rule.majoratedAfter < to) {
      to = rule.majoratedAfter;
    }
    segments.push({
      ...rateForDay(rule, from, table),
      from,
      to,
      days: diffDays(from, to) + 1,
      yearDays: daysInYear(dateParts(from).year),
      halfYear: halfYearOf(from),
    });
    from = addDays(to, 1);
  }
  return segments;
}

/**
 * base x rate x days / yearDays, rounded half-up to the cent once (the rounding rule of the
 * décompte: each printed line is rounded, totals add printed lines). Exact integer arithmetic.
 */
export function interestAmountCents(baseCents: number, rateBasisPoints: number, days: number, yearDays: number): number {
  for (const [name, value] of Object.entries({ baseCents, rateBasisPoints, days, yearDays })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (yearDays === 0) throw new RangeError('yearDays must be positive');
  const numerator = BigInt(baseCents) * BigInt(rateBasisPoints) * BigInt(days);
  const denominator = 10_000n * BigInt(yearDays);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

export type InterestAccrual = InterestSegment & { readonly baseCents: number; readonly amountCents: number };

/** Interest on a constant base for the days accruedAfter < d <= through, one entry per segment. */
export function accrueInterest(
  baseCents: number,
  rule: InterestRule,
  accruedAfter: BusinessDate,
  through: BusinessDate,
  table: RateTable,
): InterestAccrual[] {
  if (baseCents === 0) return [];
  return interestSegments(rule, accruedAfter, through, table).map((segment) => ({
    ...segment,
    baseCents,
    amountCents: interestAmountCents(baseCents, segment.rateBasisPoints, segment.days, segment.yearDays),
  }));
}

export type InterestStart = { readonly rule: InterestRule; readonly accruesAfter: BusinessDate };

/**
 * Which rule applies to a claim and the day after which it accrues, or null when no interest runs.
 * - Professional debtor: penalties from the day after the due date, without reminder (C. com. L441-10).
 * - Consumer with a contractual rate: from the due date (the contract binds, C. civ. 1103).
 * - Consumer otherwise: taux légal from the mise en demeure (C. civ. 1231-6, 1344-1), never before
 *   the claim is due; no mise en demeure, no interest.
 * The taux légal category follows the creditor (CMF L313-2).
 */
export function interestRuleFor(params: {
  readonly creditorKind: CreditorKind;
  readonly debtorKind: DebtorKind;
  readonly dueDate: BusinessDate;
  readonly contractRateBasisPoints?: number;
  readonly miseEnDemeureDate?: BusinessDate;
  readonly judgmentEnforceableDate?: BusinessDate;
}): InterestStart | null {
  const { creditorKind, debtorKind, dueDate, contractRateBasisPoints, miseEnDemeureDate, judgmentEnforceableDate } = params;
  if (debtorKind === 'company') {
    return {
      rule:
        contractRateBasisPoints === undefined
          ? { kind: 'late_payment_penalty', creditorKind }
          : { kind: 'late_payment_penalty', creditorKind, contractRateBasisPoints },
      accruesAfter: dueDate,
    };
  }
  if (contractRateBasisPoints !== undefined) {
    return { rule: { kind: 'contractual', rateBasisPoints: contractRateBasisPoints }, accruesAfter: dueDate };
  }
  if (miseEnDemeureDate === undefined) return null;
  return {
    rule:
      judgmentEnforceableDate === undefined
        ? { kind: 'legal', creditorKind }
        : { kind: 'legal', creditorKind, majoratedAfter: judgmentMajorationStartsAfter(judgmentEnforceableDate) },
    accruesAfter: maxDate(miseEnDemeureDate, dueDate),
  };
}
