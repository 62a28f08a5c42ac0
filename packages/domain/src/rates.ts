import {
  compareHalfYears,
  type HalfYear,
  halfYearParts,
  isHalfYear,
  nextHalfYear,
} from './dates.ts';

// Rates are data, not code (shared law document, "Rates"): an administrator adds each
// half-year when it is published (arrêté in the Journal officiel for the taux légal, ECB
// decision for the refinancing rate). Rates are integers in basis points (12.15 % = 1215) so
// that no float ever enters an amount.

export type CreditorKind = 'company' | 'private_individual';

export type HalfYearRates = {
  /** ECB main refinancing rate in force on the first day of the half-year (C. com. L441-10). */
  readonly ecbMainRefinancingBasisPoints: number;
  /** Taux légal, creditor a natural person not acting for professional needs (CMF L313-2). */
  readonly legalRatePrivateIndividualBasisPoints: number;
  /** Taux légal, all other cases (CMF L313-2). */
  readonly legalRateOtherCasesBasisPoints: number;
};

export type RateTable = Readonly<Partial<Record<HalfYear, HalfYearRates>>>;

export class MissingRateError extends Error {
  readonly code = 'missing_rate';
  readonly halfYear: HalfYear;
  constructor(halfYear: HalfYear) {
    super(`The rates for ${halfYear} are not in the rate table; add them before computing interest for that period`);
    this.name = 'MissingRateError';
    this.halfYear = halfYear;
  }
}

export class InvalidRateError extends Error {
  readonly code = 'invalid_rate';
  readonly halfYear: string;
  constructor(halfYear: string, message: string) {
    super(`Invalid rates for ${halfYear}: ${message}`);
    this.name = 'InvalidRateError';
    this.halfYear = halfYear;
  }
}

const rates = (
  ecbMainRefinancingBasisPoints: number,
  legalRatePrivateIndividualBasisPoints: number,
  legalRateOtherCasesBasisPoints: number,
): HalfYearRates => ({
  ecbMainRefinancingBasisPoints,
  legalRatePrivateIndividualBasisPoints,
  legalRateOtherCasesBasisPoints,
});

/**
 * Published rates 2015-H1 to 2026-H1. ECB main refinancing rate: 0.05 % from 2014-09-10,
 * 0.00 % from 2016-03-16 (so 2016-H1, in force on 1 January 2016, is still 0.05 %), 0.50 %
 * from 2022-07-27 (so 2022-H2, in force on 1 July 2022, is 0.00 %).
 */
export const frenchRates: RateTable = Object.freeze({
  '2015-H1': rates(5, 406, 93),
  '2015-H2': rates(5, 429, 99),
  '2016-H1': rates(5, 454, 101),
  '2016-H2': rates(0, 435, 93),
  '2017-H1': rates(0, 416, 90),
  '2017-H2': rates(0, 394, 90),
  '2018-H1': rates(0, 373, 89),
  '2018-H2': rates(0, 360, 88),
  '2019-H1': rates(0, 340, 86),
  '2019-H2': rates(0, 326, 87),
  '2020-H1': rates(0, 315, 87),
  '2020-H2': rates(0, 311, 84),
  '2021-H1': rates(0, 314, 79),
  '2021-H2': rates(0, 312, 76),
  '2022-H1': rates(0, 313, 76),
  '2022-H2': rates(0, 315, 77),
  '2023-H1': rates(250, 447, 206),
  '2023-H2': rates(400, 682, 422),
  '2024-H1': rates(450, 801, 507),
  '2024-H2': rates(425, 816, 492),
  '2025-H1': rates(315, 721, 371),
  '2025-H2': rates(215, 665, 276),
  '2026-H1': rates(215, 667, 262),
} satisfies RateTable);

function assertValidRates(halfYear: string, value: HalfYearRates): void {
  if (!isHalfYear(halfYear)) throw new InvalidRateError(halfYear, 'the key must look like 2026-H2');
  for (const [name, basisPoints] of Object.entries(value)) {
    if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
      throw new InvalidRateError(halfYear, `${name} must be a non-negative integer number of basis points`);
    }
  }
}

/**
 * A new table with `extra` added. A half-year present in both takes the value from `extra`:
 * the rates stored by the administrator are the source of truth, including corrections.
 */
export function withAdditionalRates(base: RateTable, extra: Readonly<Record<string, HalfYearRates>>): RateTable {
  for (const [halfYear, value] of Object.entries(extra)) assertValidRates(halfYear, value);
  return Object.freeze({ ...base, ...extra });
}

export function ratesFor(table: RateTable, halfYear: HalfYear): HalfYearRates {
  const found = table[halfYear];
  if (!found) throw new MissingRateError(halfYear);
  return found;
}

/**
 * Taux légal of the half-year; the category follows the CREDITOR (CMF L313-2): the higher rate
 * only for "une personne physique n'agissant pas pour des besoins professionnels", the rate of
 * "tous les autres cas" for a company and for a private individual acting professionally.
 */
export function legalRateFor(table: RateTable, halfYear: HalfYear, creditorKind: CreditorKind, creditorActsProfessionally = false): number {
  const found = ratesFor(table, halfYear);
  return creditorKind === 'private_individual' && !creditorActsProfessionally
    ? found.legalRatePrivateIndividualBasisPoints
    : found.legalRateOtherCasesBasisPoints;
}

/** Default late-payment penalty rate between professionals: ECB rate + 10 points (C. com. L441-10). */
export function defaultLatePaymentPenaltyRateFor(table: RateTable, halfYear: HalfYear): number {
  return ratesFor(table, halfYear).ecbMainRefinancingBasisPoints + 1000;
}

/** Half-years from `from` to `to` inclusive that the table lacks, oldest first (for the admin screen). */
export function listMissingHalfYears(table: RateTable, from: HalfYear, to: HalfYear): HalfYear[] {
  halfYearParts(from);
  halfYearParts(to);
  const missing: HalfYear[] = [];
  for (let halfYear = from; compareHalfYears(halfYear, to) <= 0; halfYear = nextHalfYear(halfYear)) {
    if (!table[halfYear]) missing.push(halfYear);
  }
  return missing;
}
