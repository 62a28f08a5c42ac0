import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/dates.ts';
import { type CreditorPlanRules, firstDueWindow, MIN_OPTION_INSTALLMENTS, negotiationViolations, planOptions } from '../src/plan-options.ts';
import { buildSchedule, validatePlan } from '../src/schedule.ts';

const rules: CreditorPlanRules = {
  maxDurationMonths: 12,
  minInstallmentCents: 30_00,
  maxAgentDiscountBasisPoints: 1000,
  managerApprovalAboveCents: 5_000_00,
  managerApprovalAboveMonths: 6,
};

describe('firstDueWindow', () => {
  it('runs from today to today + N days and suggests the 5th of next month', () => {
    expect(firstDueWindow('2026-11-23', 30)).toEqual({ earliest: '2026-11-23', latest: '2026-12-23', suggested: '2026-12-05' });
  });

  it('suggests the last day of the window when the 5th of next month is beyond it', () => {
    expect(firstDueWindow('2026-11-02', 7)).toEqual({ earliest: '2026-11-02', latest: '2026-11-09', suggested: '2026-11-09' });
    // 31 January + 1 month: February's 5th all the same.
    expect(firstDueWindow('2027-01-31', 30).suggested).toBe('2027-02-05');
  });
});

describe('negotiationViolations', () => {
  const monthly = (totalCents: number, count: number, firstDate = '2026-12-01') =>
    buildSchedule({ totalCents, installments: { count }, frequency: 'monthly', firstDate });

  it('names the creditor rules, then the manager thresholds, then the window, in that order', () => {
    const schedule = monthly(6_000_00, 14);
    const codes = negotiationViolations(schedule, {
      debtCents: 6_000_00,
      discountCents: 0,
      rules,
      maxDiscountBasisPoints: 0,
      firstDueWindow: { earliest: '2026-11-23', latest: '2026-11-30' },
    }).map((violation) => violation.code);
    expect(codes).toEqual(['duration_exceeded', 'amount_needs_manager', 'duration_needs_manager', 'first_due_outside_window']);
  });

  it('finds nothing against a plan inside every rule', () => {
    expect(negotiationViolations(monthly(1_200_00, 4), { debtCents: 1_200_00, discountCents: 0, rules, maxDiscountBasisPoints: 0 })).toEqual([]);
  });

  it('holds the waiver to the basis points given: an agent may waive 10 %, the debtor alone nothing', () => {
    const schedule = buildSchedule({ totalCents: 1_080_00, installments: { count: 4 }, frequency: 'monthly', firstDate: '2026-12-01' });
    const agent = negotiationViolations(schedule, { debtCents: 1_200_00, discountCents: 120_00, rules, maxDiscountBasisPoints: 1000 });
    const debtor = negotiationViolations(schedule, { debtCents: 1_200_00, discountCents: 120_00, rules, maxDiscountBasisPoints: 0 });
    expect(agent).toEqual([]);
    expect(debtor.map((violation) => violation.code)).toEqual(['discount_exceeded']);
  });
});

describe('planOptions', () => {
  const window = { earliest: '2026-11-23', latest: '2026-12-23' };

  it('offers 2 to 7 monthly installments of 1 200 € (the manager decides beyond 6 months)', () => {
    const options = planOptions({ totalCents: 1_200_00, firstDate: '2026-12-05', window, rules });
    expect(options.map((option) => option.id)).toEqual(['monthly-2', 'monthly-3', 'monthly-4', 'monthly-5', 'monthly-6', 'monthly-7']);
    expect(options[1]?.schedule.payments.map((payment) => [payment.dueDate, payment.amountCents])).toEqual([
      ['2026-12-05', 400_00],
      ['2027-01-05', 400_00],
      ['2027-02-05', 400_00],
    ]);
  });

  it('stops at the minimum installment', () => {
    // 100 € in installments of 30 € at least: 2 or 3.
    expect(planOptions({ totalCents: 100_00, firstDate: '2026-12-05', window, rules }).map((option) => option.installments)).toEqual([2, 3]);
    expect(planOptions({ totalCents: 50_00, firstDate: '2026-12-05', window, rules })).toEqual([]);
  });

  it('gives none above the manager threshold, nor outside the window', () => {
    expect(planOptions({ totalCents: 6_000_00, firstDate: '2026-12-05', window, rules })).toEqual([]);
    expect(planOptions({ totalCents: 1_200_00, firstDate: '2026-12-24', window, rules })).toEqual([]);
    expect(planOptions({ totalCents: 1_200_00, firstDate: '2026-11-22', window, rules })).toEqual([]);
  });

  it('property: every option passes every rule, adds up to the total, and the next count would not', () => {
    const rulesArb = fc.record({
      maxDurationMonths: fc.integer({ min: 1, max: 36 }),
      minInstallmentCents: fc.integer({ min: 1, max: 200_00 }),
      maxAgentDiscountBasisPoints: fc.integer({ min: 0, max: 5000 }),
      managerApprovalAboveCents: fc.option(fc.integer({ min: 1, max: 50_000_00 }), { nil: null }),
      managerApprovalAboveMonths: fc.option(fc.integer({ min: 1, max: 36 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000_00 }),
        rulesArb,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 0, max: 90 }),
        (totalCents, creditorRules, dayOffset, withinDays, pick) => {
          const today = addDays('2026-01-01', dayOffset);
          const span = firstDueWindow(today, withinDays);
          const firstDate = addDays(today, pick % (withinDays + 1));
          const options = planOptions({ totalCents, firstDate, window: span, rules: creditorRules });
          for (const option of options) {
            const { schedule } = option;
            expect(schedule.payments.reduce((sum, payment) => sum + payment.amountCents, 0)).toBe(totalCents);
            expect(schedule.payments).toHaveLength(option.installments);
            expect(schedule.payments[0]?.dueDate).toBe(firstDate);
            expect(validatePlan(schedule, { maxDurationMonths: creditorRules.maxDurationMonths, minInstallmentCents: creditorRules.minInstallmentCents })).toEqual([]);
            expect(negotiationViolations(schedule, { debtCents: totalCents, discountCents: 0, rules: creditorRules, maxDiscountBasisPoints: 0, firstDueWindow: span })).toEqual([]);
          }
          // The options are the contiguous counts 2..K, and K + 1 breaks a rule (or is beyond the API's bound).
          const counts = options.map((option) => option.installments);
          expect(counts).toEqual(counts.map((_, index) => MIN_OPTION_INSTALLMENTS + index));
          const next = (counts.at(-1) ?? MIN_OPTION_INSTALLMENTS - 1) + 1;
          if (next <= Math.min(600, totalCents)) {
            const schedule = buildSchedule({ totalCents, installments: { count: next }, frequency: 'monthly', firstDate });
            expect(negotiationViolations(schedule, { debtCents: totalCents, discountCents: 0, rules: creditorRules, maxDiscountBasisPoints: 0, firstDueWindow: span }).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
