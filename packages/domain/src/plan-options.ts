import { addDays, addMonths, type BusinessDate, dateParts, makeBusinessDate, minDate } from './dates.ts';
import { buildSchedule, type PlanRuleViolation, type Schedule, validatePlan } from './schedule.ts';

// What a payment plan may be without anyone deciding: the creditor's plan rules (its mandate says
// how long, how small an installment, how much an agent may waive, and above which amount or
// duration a manager decides, CPCE R124-3: the agency acts within the mandate it was given), and,
// on the debtor's own page, how soon the first installment falls due. One function names every
// rule a schedule breaks, for the agent's proposal and the debtor's alike; the plans a debtor may
// take alone on their page are exactly the schedules it finds nothing against.

/** The creditor's plan rules (creditor settings: planMaxDurationMonths, planMinInstallmentCents, ...). */
export type CreditorPlanRules = {
  readonly maxDurationMonths: number;
  readonly minInstallmentCents: number;
  /** The waiver an agent may grant alone, in basis points of the debt. */
  readonly maxAgentDiscountBasisPoints: number;
  /** Above this debt a manager decides (null: never). */
  readonly managerApprovalAboveCents: number | null;
  /** Beyond this duration a manager decides (null: never). */
  readonly managerApprovalAboveMonths: number | null;
};

/** The days the first installment of a plan the debtor chooses on their page may fall on. */
export type FirstDueWindow = { readonly earliest: BusinessDate; readonly latest: BusinessDate };

export type NegotiationViolation =
  | PlanRuleViolation
  | { readonly code: 'amount_needs_manager'; readonly debtCents: number; readonly managerApprovalAboveCents: number }
  | {
      readonly code: 'duration_needs_manager';
      readonly maxDurationMonths: number;
      readonly lastDueDate: BusinessDate;
      readonly latestAllowed: BusinessDate;
      readonly managerApprovalAboveMonths: number;
    }
  | { readonly code: 'first_due_outside_window'; readonly firstDate: BusinessDate; readonly earliest: BusinessDate; readonly latest: BusinessDate };

export type NegotiationInput = {
  /** The debt the plan settles before any waiver. */
  readonly debtCents: number;
  readonly discountCents: number;
  readonly rules: CreditorPlanRules;
  /** The waiver allowed without a manager, in basis points (an agent: the creditor's rule; the debtor alone: 0). */
  readonly maxDiscountBasisPoints: number;
  /** The debtor's page only: the first installment must fall in this window. */
  readonly firstDueWindow?: FirstDueWindow;
};

/**
 * Every rule the schedule breaks, in a stable order: the creditor's rules (duration, minimum
 * installment, waiver), then the thresholds above which the creditor wants a manager to decide,
 * then, on the debtor's page, the first due date's window. Empty: nothing stands in the way.
 */
export function negotiationViolations(schedule: Schedule, input: NegotiationInput): NegotiationViolation[] {
  const { rules } = input;
  const violations: NegotiationViolation[] = [
    ...validatePlan(schedule, {
      maxDurationMonths: rules.maxDurationMonths,
      minInstallmentCents: rules.minInstallmentCents,
      maxDiscountPercent: input.maxDiscountBasisPoints / 100,
      discountCents: input.discountCents,
    }),
  ];
  if (rules.managerApprovalAboveCents !== null && input.debtCents > rules.managerApprovalAboveCents) {
    violations.push({ code: 'amount_needs_manager', debtCents: input.debtCents, managerApprovalAboveCents: rules.managerApprovalAboveCents });
  }
  if (rules.managerApprovalAboveMonths !== null) {
    for (const violation of validatePlan(schedule, { maxDurationMonths: rules.managerApprovalAboveMonths })) {
      if (violation.code === 'duration_exceeded') {
        const { code: _code, ...numbers } = violation;
        violations.push({ code: 'duration_needs_manager', ...numbers, managerApprovalAboveMonths: rules.managerApprovalAboveMonths });
      }
    }
  }
  const window = input.firstDueWindow;
  const first = schedule.payments[0];
  if (window && first && (first.nominalDate < window.earliest || first.nominalDate > window.latest)) {
    violations.push({ code: 'first_due_outside_window', firstDate: first.nominalDate, earliest: window.earliest, latest: window.latest });
  }
  return violations;
}

/** The day of the month a plan chosen on the page starts by default, when the window reaches it. */
export const SUGGESTED_FIRST_DUE_DAY = 5;

/**
 * The window of the first installment of a plan the debtor chooses alone: from today to today +
 * `withinDays` (the creditor's portalFirstDueWithinDays). The date suggested is the 5th of next
 * month (a usual day just after pay day), or the window's last day when the 5th is beyond it.
 */
export function firstDueWindow(today: BusinessDate, withinDays: number): FirstDueWindow & { readonly suggested: BusinessDate } {
  const latest = addDays(today, withinDays);
  const { year, month } = dateParts(addMonths(today, 1));
  return { earliest: today, latest, suggested: minDate(makeBusinessDate(year, month, SUGGESTED_FIRST_DUE_DAY), latest) };
}

export type PlanOption = {
  /** `monthly-<count>`: stable for a count, whatever the first date. */
  readonly id: string;
  readonly installments: number;
  readonly frequency: 'monthly';
  readonly schedule: Schedule;
};

/** The fewest installments an option splits the debt into (one payment is a payment, or a promise). */
export const MIN_OPTION_INSTALLMENTS = 2;
/** The most: the API's own bound on a plan's installments. */
export const MAX_OPTION_INSTALLMENTS = 600;

export function optionId(installments: number): string {
  return `monthly-${installments}`;
}

/**
 * The plans the debtor may take alone on their page, accepted at once: monthly installments of the
 * whole demandable amount (no waiver: only an agent or a manager grants one), starting on
 * `firstDate`, 2 to N of them, each schedule built by buildSchedule and kept when
 * negotiationViolations finds nothing against it (the creditor's rules, the manager thresholds, the
 * first due date's window). A debt above the manager threshold, a first date outside the window or
 * a debt too small for two installments of the minimum gives none: the debtor may still propose.
 */
export function planOptions(input: {
  readonly totalCents: number;
  readonly firstDate: BusinessDate;
  readonly window: FirstDueWindow;
  readonly rules: CreditorPlanRules;
}): PlanOption[] {
  const { totalCents, rules } = input;
  if (!Number.isSafeInteger(totalCents) || totalCents <= 0) return [];
  // No option may last longer than either duration rule allows (n monthly installments last n - 1
  // months) nor have installments under the minimum: the loop stops there, the check decides.
  const months = Math.min(rules.maxDurationMonths, rules.managerApprovalAboveMonths ?? rules.maxDurationMonths);
  const byMinimum = rules.minInstallmentCents > 0 ? Math.floor(totalCents / rules.minInstallmentCents) : MAX_OPTION_INSTALLMENTS;
  const most = Math.min(MAX_OPTION_INSTALLMENTS, months + 1, byMinimum, totalCents);
  const options: PlanOption[] = [];
  for (let count = MIN_OPTION_INSTALLMENTS; count <= most; count += 1) {
    const schedule = buildSchedule({ totalCents, installments: { count }, frequency: 'monthly', firstDate: input.firstDate });
    const violations = negotiationViolations(schedule, {
      debtCents: totalCents,
      discountCents: 0,
      rules,
      maxDiscountBasisPoints: 0,
      firstDueWindow: input.window,
    });
    if (violations.length === 0) options.push({ id: optionId(count), installments: count, frequency: 'monthly', schedule });
  }
  return options;
}
