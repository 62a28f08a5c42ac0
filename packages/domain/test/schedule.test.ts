import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchedule, ScheduleInputError, validatePlan } from '../src/schedule.ts';

describe('buildSchedule', () => {
  it('splits by count; the last installment takes the remainder', () => {
    const schedule = buildSchedule({ totalCents: 1_000_00, installments: { count: 3 }, frequency: 'monthly', firstDate: '2024-01-31' });
    // 1 000,00 / 3 = 333,33 x 2, last 1 000,00 - 666,66 = 333,34; monthly keeps day 31, clamped
    expect(schedule.payments.map((payment) => [payment.dueDate, payment.amountCents])).toEqual([
      ['2024-01-31', 333_33],
      ['2024-02-29', 333_33],
      ['2024-03-31', 333_34],
    ]);
  });

  it('splits by amount after a down payment; the last installment is what is left', () => {
    const schedule = buildSchedule({
      totalCents: 1_050_00,
      downPayment: { amountCents: 150_00, date: '2024-05-01' },
      installments: { amountCents: 200_00 },
      frequency: 'biweekly',
      firstDate: '2024-05-15',
    });
    // 1 050 - 150 = 900 = 200 x 4 + 100
    expect(schedule.payments.map((payment) => [payment.kind, payment.dueDate, payment.amountCents])).toEqual([
      ['down_payment', '2024-05-01', 150_00],
      ['installment', '2024-05-15', 200_00],
      ['installment', '2024-05-29', 200_00],
      ['installment', '2024-06-12', 200_00],
      ['installment', '2024-06-26', 200_00],
      ['installment', '2024-07-10', 100_00],
    ]);
  });

  it('moves due dates off weekends and public holidays when asked', () => {
    const schedule = buildSchedule({
      totalCents: 300_00,
      installments: { count: 3 },
      frequency: 'weekly',
      firstDate: '2024-04-27', // Saturday
      moveToBusinessDay: true,
    });
    expect(schedule.payments.map((payment) => [payment.nominalDate, payment.dueDate])).toEqual([
      ['2024-04-27', '2024-04-29'], // Saturday -> Monday
      ['2024-05-04', '2024-05-06'],
      ['2024-05-11', '2024-05-13'],
    ]);
    const holiday = buildSchedule({ totalCents: 100_00, installments: { count: 1 }, frequency: 'monthly', firstDate: '2024-05-08', moveToBusinessDay: true });
    expect(holiday.payments[0]?.dueDate).toBe('2024-05-10'); // 8 May holiday, 9 May Ascension
  });

  it('refuses impossible plans', () => {
    expect(() => buildSchedule({ totalCents: 2, installments: { count: 3 }, frequency: 'weekly', firstDate: '2024-01-01' })).toThrow(ScheduleInputError);
    expect(() =>
      buildSchedule({ totalCents: 100, downPayment: { amountCents: 100, date: '2024-01-01' }, installments: { count: 1 }, frequency: 'weekly', firstDate: '2024-01-01' }),
    ).toThrow(ScheduleInputError);
    expect(() => buildSchedule({ totalCents: 100, installments: { amountCents: 0 }, frequency: 'weekly', firstDate: '2024-01-01' })).toThrow(ScheduleInputError);
  });

  it('always sums exactly to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        fc.oneof(fc.record({ count: fc.integer({ min: 1, max: 60 }) }), fc.record({ amountCents: fc.integer({ min: 1_00, max: 10_000_000 }) })),
        fc.constantFrom('weekly' as const, 'biweekly' as const, 'monthly' as const),
        fc.boolean(),
        (totalCents, downPercent, installments, frequency, moveToBusinessDay) => {
          const downPaymentCents = Math.floor((totalCents * downPercent) / 100);
          const rest = totalCents - downPaymentCents;
          fc.pre(!('count' in installments) || rest >= installments.count);
          fc.pre(!('amountCents' in installments) || rest / installments.amountCents <= 500);
          const schedule = buildSchedule({
            totalCents,
            ...(downPaymentCents > 0 ? { downPayment: { amountCents: downPaymentCents, date: '2024-01-15' } } : {}),
            installments,
            frequency,
            firstDate: '2024-01-31',
            moveToBusinessDay,
          });
          expect(schedule.payments.reduce((sum, payment) => sum + payment.amountCents, 0)).toBe(totalCents);
          for (const payment of schedule.payments) expect(payment.amountCents).toBeGreaterThan(0);
          for (let index = 1; index < schedule.payments.length; index += 1) {
            expect((schedule.payments[index]?.nominalDate ?? '') > (schedule.payments[index - 1]?.nominalDate ?? '')).toBe(true);
          }
        },
      ),
    );
  });
});

describe('validatePlan', () => {
  const schedule = buildSchedule({
    totalCents: 1_050_00,
    downPayment: { amountCents: 150_00, date: '2024-05-01' },
    installments: { amountCents: 200_00 },
    frequency: 'monthly',
    firstDate: '2024-05-15',
  });
  // payments: 1 May down, then 15 May, 15 Jun, 15 Jul, 15 Aug (200 each), 15 Sep (100)

  it('returns nothing for a compliant plan', () => {
    expect(validatePlan(schedule, { maxDurationMonths: 6, minInstallmentCents: 50_00, maxInstallments: 5 })).toEqual([]);
  });

  it('names every broken rule', () => {
    expect(
      validatePlan(schedule, { maxDurationMonths: 4, minInstallmentCents: 150_00, maxInstallments: 4, maxDiscountPercent: 10, discountCents: 150_00 }),
    ).toEqual([
      { code: 'duration_exceeded', maxDurationMonths: 4, lastDueDate: '2024-09-15', latestAllowed: '2024-09-01' },
      { code: 'installment_below_minimum', index: 5, amountCents: 100_00, minInstallmentCents: 150_00 },
      { code: 'too_many_installments', installments: 5, maxInstallments: 4 },
      // 150 waived of 1 200 = 12.5 % > 10 %
      { code: 'discount_exceeded', discountCents: 150_00, maxDiscountPercent: 10, debtCents: 1_200_00 },
    ]);
  });

  it('accepts a discount exactly at the limit', () => {
    // 120 waived of 1 200 = 10 %: not above the limit
    expect(validatePlan({ ...schedule, totalCents: 1_080_00 }, { maxDiscountPercent: 10, discountCents: 120_00 })).toEqual([]);
  });
});
