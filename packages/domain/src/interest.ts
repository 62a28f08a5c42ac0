import type { ClaimNature } from './claim-nature.ts';
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

/** The nature of a claim (claim-nature.ts), as far as interest needs it. */
export type { ClaimNature };

/**
 * Whether the creditor acts for professional needs: a company always does; a private individual
 * only when recorded so (a sole trader, a liberal profession, a landlord running a lettings
 * business). It decides whether C. com. L441-10 can apply and which taux légal applies (CMF L313-2).
 */
export function creditorActsProfessionally(creditorKind: CreditorKind, recordedAsProfessional = false): boolean {
  return creditorKind === 'company' || recordedAsProfessional;
}

/**
 * C. com. L441-10 (late-payment penalties from the day after the due date, the D441-5 indemnity)
 * governs payment between professionals only: both the creditor and the debtor act for their
 * business. Otherwise the Civil Code applies: taux légal from the mise en demeure (C. civ. 1231-6,
 * 1344-1), no penalty, no indemnity (shared law document, "Who is a professional").
 */
export function betweenProfessionals(parties: {
  readonly creditorKind: CreditorKind;
  readonly creditorActsProfessionally?: boolean;
  readonly debtorKind: DebtorKind;
}): boolean {
  return parties.debtorKind === 'company' && creditorActsProfessionally(parties.creditorKind, parties.creditorActsProfessionally);
}

/**
 * What the law lets a contractual late rate be, by the nature of the claim, outside L441-10:
 * - `binds`: the contract binds (C. civ. 1103; the judge may moderate a penalty, 1231-5; usury
 *   rates are out of scope);
 * - `cap_to_check`: consumer credit: after a default the sums due bear interest at a rate equal
 *   to the credit's own rate (C. conso. L312-39); the credit's rate is not known here, so the
 *   statement flags the rate for a person to check and does not compute a cap;
 * - `unwritten`: residential lease: a clause letting the landlord charge penalties is deemed
 *   unwritten (loi 89-462, art. 4 i)); only the taux légal from the mise en demeure is owed.
 */
export type ContractLateRateLimit =
  | { readonly kind: 'binds' }
  | { readonly kind: 'cap_to_check'; readonly legalBasis: string }
  | { readonly kind: 'unwritten'; readonly legalBasis: string };

export const CONTRACT_LATE_RATE_LIMITS: Readonly<Record<ClaimNature, ContractLateRateLimit>> = {
  commercial: { kind: 'binds' },
  consumer: { kind: 'binds' },
  telecom: { kind: 'binds' },
  civil: { kind: 'binds' },
  consumer_credit: { kind: 'cap_to_check', legalBasis: 'C. conso. L312-39' },
  residential_rent: { kind: 'unwritten', legalBasis: 'Loi 89-462, art. 4 i)' },
};

/** The limit for a claim of that nature; a claim of unknown nature: the contract binds. */
export function contractLateRateLimit(nature: ClaimNature | undefined): ContractLateRateLimit {
  return nature === undefined ? { kind: 'binds' } : CONTRACT_LATE_RATE_LIMITS[nature];
}

/** The creditor as CMF L313-2 sees it, carried by the rules that use a taux légal. */
type CreditorStanding = { readonly creditorKind: CreditorKind; readonly creditorActsProfessionally?: true };

/** How a claim bears interest; chosen from the parties and events by `interestRuleFor`. */
export type InterestRule =
  /** Between professionals: late-payment penalties (C. com. L441-10). */
  | ({ readonly kind: 'late_payment_penalty'; readonly contractRateBasisPoints?: number } & CreditorStanding)
  /** Not between professionals, with a contractual rate (C. civ. 1103: the contract binds). */
  | { readonly kind: 'contractual'; readonly rateBasisPoints: number }
  /** Taux légal (C. civ. 1231-6, CMF L313-2), majorated by 5 points after `majoratedAfter` (CMF L313-3). */
  | ({ readonly kind: 'legal'; readonly majoratedAfter?: BusinessDate } & CreditorStanding);

export const LEGAL_BASIS = {
  penaltyContractRate: 'C. com. L441-10 (taux contractuel)',
  penaltyDefaultRate: 'C. com. L441-10 (taux BCE + 10 points)',
  penaltyContractRateBelowFloor: 'C. com. L441-10 (taux BCE + 10 points ; taux contractuel inférieur à 3 fois le taux légal)',
  consumerContractRate: 'C. civ. 1103 (taux contractuel)',
  legalRatePrivateIndividual: 'C. civ. 1231-6, 1344-1 ; CMF L313-2 (taux légal, créancier particulier)',
  legalRateOtherCases: 'C. civ. 1231-6, 1344-1 ; CMF L313-2 (taux légal, autres cas)',
  legalRateMajoration: ' ; CMF L313-3 (majoration de 5 points)',
} as const;

/**
 * Which of the three interest regimes a statement line's legal basis names, so a debtor is told in
 * plain words what they are charged and why: late-payment penalties between professionals (C. com.
 * L441-10), a contract rate (C. civ. 1103), or the taux légal (C. civ. 1231-6, CMF L313-2).
 */
export type InterestRegime = InterestRule['kind'];
export function interestRegimeOf(legalBasis: string): InterestRegime | null {
  if (legalBasis.startsWith('C. com. L441-10')) return 'late_payment_penalty';
  if (legalBasis.startsWith('C. civ. 1103')) return 'contractual';
  if (legalBasis.startsWith('C. civ. 1231-6')) return 'legal';
  return null;
}

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
      const floorBasisPoints = CONTRACT_RATE_FLOOR_MULTIPLIER * legalRateFor(table, halfYear, rule.creditorKind, rule.creditorActsProfessionally);
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
      const base = legalRateFor(table, halfYear, rule.creditorKind, rule.creditorActsProfessionally);
      const legalBasis = creditorActsProfessionally(rule.creditorKind, rule.creditorActsProfessionally)
        ? LEGAL_BASIS.legalRateOtherCases
        : LEGAL_BASIS.legalRatePrivateIndividual;
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
 * - Between professionals (C. com. L441-10): penalties from the day after the due date, without
 *   reminder; a private-individual creditor is a professional only when recorded so.
 * - Otherwise, with a contractual rate: from the due date (the contract binds, C. civ. 1103; it may
 *   dispense with the mise en demeure, C. civ. 1344), unless the nature of the claim makes the
 *   clause unwritten (residential lease, loi 89-462 art. 4 i)): then as without one.
 * - Otherwise: taux légal from the mise en demeure (C. civ. 1231-6, 1344-1), never before the claim
 *   is due; no mise en demeure, no interest.
 * The taux légal category follows the creditor and its professional standing (CMF L313-2).
 */
export function interestRuleFor(params: {
  readonly creditorKind: CreditorKind;
  /** A private individual recorded as acting for professional needs (a company always does). */
  readonly creditorActsProfessionally?: boolean;
  readonly debtorKind: DebtorKind;
  readonly dueDate: BusinessDate;
  readonly nature?: ClaimNature;
  readonly contractRateBasisPoints?: number;
  readonly miseEnDemeureDate?: BusinessDate;
  readonly judgmentEnforceableDate?: BusinessDate;
}): InterestStart | null {
  const { creditorKind, debtorKind, dueDate, miseEnDemeureDate, judgmentEnforceableDate } = params;
  const standing: CreditorStanding =
    creditorKind === 'private_individual' && params.creditorActsProfessionally ? { creditorKind, creditorActsProfessionally: true } : { creditorKind };
  if (betweenProfessionals({ creditorKind, debtorKind, creditorActsProfessionally: params.creditorActsProfessionally === true })) {
    return {
      rule:
        params.contractRateBasisPoints === undefined
          ? { kind: 'late_payment_penalty', ...standing }
          : { kind: 'late_payment_penalty', ...standing, contractRateBasisPoints: params.contractRateBasisPoints },
      accruesAfter: dueDate,
    };
  }
  const contractRateBasisPoints = contractLateRateLimit(params.nature).kind === 'unwritten' ? undefined : params.contractRateBasisPoints;
  if (contractRateBasisPoints !== undefined) {
    return { rule: { kind: 'contractual', rateBasisPoints: contractRateBasisPoints }, accruesAfter: dueDate };
  }
  if (miseEnDemeureDate === undefined) return null;
  return {
    rule:
      judgmentEnforceableDate === undefined
        ? { kind: 'legal', ...standing }
        : { kind: 'legal', ...standing, majoratedAfter: judgmentMajorationStartsAfter(judgmentEnforceableDate) },
    accruesAfter: maxDate(miseEnDemeureDate, dueDate),
  };
}
