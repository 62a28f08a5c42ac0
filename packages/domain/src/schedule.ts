import { type HolidayOptions, onOrNextBusinessDay } from './calendar.ts';
import { addDays, addMonths, type BusinessDate, diffDays, parseBusinessDate } from './dates.ts';

// Échéancier (payment plan). Amounts are integers of cents and the installments add up to
// the total exactly: the plan never creates or loses a cent.

export type PlanFrequency = 'weekly' | 'biweekly' | 'monthly';

export type ScheduleInput = {
  readonly totalCents: number;
  readonly downPayment?: { readonly amountCents: number; readonly date: BusinessDate };
  /** Either a number of installments or the amount of each installment. */
  readonly installments: { readonly count: number } | { readonly amountCents: number };
  readonly frequency: PlanFrequency;
  /** Due date of the first installment; later ones follow at the frequency. */
  readonly firstDate: BusinessDate;
  /** Move each due date falling on a weekend or French public holiday to the next business day. */
  readonly moveToBusinessDay?: boolean;
  readonly holidays?: HolidayOptions;
};

export type ScheduledPayment = {
  readonly kind: 'down_payment' | 'installment';
  /** 0 for the down payment, 1..n for installments. */
  readonly index: number;
  /** The date the frequency gives, before any move to a business day. */
  readonly nominalDate: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly amountCents: number;
};

export type Schedule = {
  readonly totalCents: number;
  readonly frequency: PlanFrequency;
  readonly payments: readonly ScheduledPayment[];
};

export type ScheduleInputErrorCode =
  | 'invalid_total'
  | 'invalid_down_payment'
  | 'invalid_installment_count'
  | 'invalid_installment_amount'
  | 'installments_below_one_cent'
  | 'down_payment_after_first_installment';

export class ScheduleInputError extends Error {
  readonly code: ScheduleInputErrorCode;
  constructor(code: ScheduleInputErrorCode, message: string) {
    super(message);
    this.name = 'ScheduleInputError';
    this.code = code;
  }
}

/** Nominal date of installment `index` (0-based). Monthly keeps the first date's day of month, clamped to month end. */
export function installmentDate(firstDate: BusinessDate, frequency: PlanFrequency, index: number): BusinessDate {
  switch (frequency) {
    case 'weekly':
      return addDays(firstDate, 7 * index);
    case 'biweekly':
      return addDays(firstDate, 14 * index);
    case 'monthly':
      // Always from the first date, never chained: 31 Jan, 29 Feb, 31 Mar (not 29 Mar).
      return addMonths(firstDate, index);
  }
}

/**
 * Builds the schedule. The remainder rule: with a count, every installment is
 * floor(rest / count) and the last one also takes the cents left over (so it is the largest,
 * by less than `count` cents); with an amount, every installment is that amount and the last
 * one is what is left (so it is the smallest).
 */
export function buildSchedule(input: ScheduleInput): Schedule {
  const { totalCents, frequency } = input;
  parseBusinessDate(input.firstDate);
  if (!Number.isSafeInteger(totalCents) || totalCents <= 0) throw new ScheduleInputError('invalid_total', 'The plan total must be a positive number of cents');
  const downPaymentCents = input.downPayment?.amountCents ?? 0;
  if (!Number.isSafeInteger(downPaymentCents) || downPaymentCents < 0 || downPaymentCents >= totalCents) {
    throw new ScheduleInputError('invalid_down_payment', 'The down payment must be at least zero and less than the total');
  }
  if (input.downPayment) {
    parseBusinessDate(input.downPayment.date);
    if (input.downPayment.date > input.firstDate) {
      throw new ScheduleInputError('down_payment_after_first_installment', 'The down payment must be due on or before the first installment');
    }
  }
  const rest = totalCents - downPaymentCents;

  let amounts: number[];
  if ('count' in input.installments) {
    const { count } = input.installments;
    if (!Number.isSafeInteger(count) || count < 1) throw new ScheduleInputError('invalid_installment_count', 'The number of installments must be at least 1');
    if (rest < count) throw new ScheduleInputError('installments_below_one_cent', 'Each installment must be at least one cent');
    const regular = Math.floor(rest / count);
    amounts = Array.from({ length: count }, (_, index) => (index === count - 1 ? rest - regular * (count - 1) : regular));
  } else {
    const { amountCents } = input.installments;
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
      throw new ScheduleInputError('invalid_installment_amount', 'The installment amount must be a positive number of cents');
    }
    const count = Math.ceil(rest / amountCents);
    amounts = Array.from({ length: count }, (_, index) => (index === count - 1 ? rest - amountCents * (count - 1) : amountCents));
  }

  const place = (nominalDate: BusinessDate): BusinessDate =>
    input.moveToBusinessDay ? onOrNextBusinessDay(nominalDate, input.holidays ?? {}) : nominalDate;
  const payments: ScheduledPayment[] = [];
  if (input.downPayment && downPaymentCents > 0) {
    payments.push({
      kind: 'down_payment',
      index: 0,
      nominalDate: input.downPayment.date,
      dueDate: place(input.downPayment.date),
      amountCents: downPaymentCents,
    });
  }
  amounts.forEach((amountCents, index) => {
    const nominalDate = installmentDate(input.firstDate, frequency, index);
    payments.push({ kind: 'installment', index: index + 1, nominalDate, dueDate: place(nominalDate), amountCents });
  });
  return { totalCents, frequency, payments };
}

export type PlanRules = {
  readonly maxDurationMonths?: number;
  readonly minInstallmentCents?: number;
  readonly maxInstallments?: number;
  /** Largest waiver allowed, as a percentage of the debt before waiver. */
  readonly maxDiscountPercent?: number;
  /** Amount waived by this plan: the debt before waiver is schedule.totalCents + discountCents. */
  readonly discountCents?: number;
};

export type PlanRuleViolation =
  | { readonly code: 'duration_exceeded'; readonly maxDurationMonths: number; readonly lastDueDate: BusinessDate; readonly latestAllowed: BusinessDate }
  | { readonly code: 'installment_below_minimum'; readonly index: number; readonly amountCents: number; readonly minInstallmentCents: number }
  | { readonly code: 'too_many_installments'; readonly installments: number; readonly maxInstallments: number }
  | { readonly code: 'discount_exceeded'; readonly discountCents: number; readonly maxDiscountPercent: number; readonly debtCents: number };

/**
 * Every rule the plan breaks (empty when it complies). Duration is measured on nominal dates
 * from the first payment (down payment included) to the last, so that moving a date off a
 * weekend does not by itself break the rule. The down payment is not an installment: it is
 * neither counted nor held to the minimum.
 */
export function validatePlan(schedule: Schedule, rules: PlanRules): PlanRuleViolation[] {
  const violations: PlanRuleViolation[] = [];
  const installments = schedule.payments.filter((payment) => payment.kind === 'installment');
  const first = schedule.payments[0];
  const last = schedule.payments.at(-1);
  if (rules.maxDurationMonths !== undefined && first && last) {
    const latestAllowed = addMonths(first.nominalDate, rules.maxDurationMonths);
    if (diffDays(latestAllowed, last.nominalDate) > 0) {
      violations.push({ code: 'duration_exceeded', maxDurationMonths: rules.maxDurationMonths, lastDueDate: last.nominalDate, latestAllowed });
    }
  }
  if (rules.minInstallmentCents !== undefined) {
    for (const installment of installments) {
      if (installment.amountCents < rules.minInstallmentCents) {
        violations.push({
          code: 'installment_below_minimum',
          index: installment.index,
          amountCents: installment.amountCents,
          minInstallmentCents: rules.minInstallmentCents,
        });
      }
    }
  }
  if (rules.maxInstallments !== undefined && installments.length > rules.maxInstallments) {
    violations.push({ code: 'too_many_installments', installments: installments.length, maxInstallments: rules.maxInstallments });
  }
  if (rules.maxDiscountPercent !== undefined && rules.discountCents !== undefined && rules.discountCents > 0) {
    const debtCents = schedule.totalCents + rules.discountCents;
    // discount / debt > max% compared in integers: percent given to 1/100 of a percent.
    const maxHundredthsOfPercent = Math.round(rules.maxDiscountPercent * 100);
    if (BigInt(rules.discountCents) * 10_000n > BigInt(maxHundredthsOfPercent) * BigInt(debtCents)) {
      violations.push({ code: 'discount_exceeded', discountCents: rules.discountCents, maxDiscountPercent: rules.maxDiscountPercent, debtCents });
    }
  }
  return violations;
}
