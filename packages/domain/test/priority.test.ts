import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountAgeScore, defaultPriorityWeights, type PriorityInput, priorityOf } from '../src/priority.ts';

const quiet: PriorityInput = {
  balanceCents: 50_00,
  daysPastDue: 5,
  debtorKind: 'person',
  contactable: true,
  promiseDue: false,
  promiseBroken: false,
  callbackDue: false,
};

describe('priorityOf', () => {
  it('scores nothing for a small, fresh, quiet case', () => {
    expect(priorityOf(quiet)).toEqual({ score: 0, reasons: [] });
  });

  it('explains every point', () => {
    const result = priorityOf({
      ...quiet,
      balanceCents: 6_000_00,
      daysPastDue: 100,
      debtorKind: 'company',
      callbackDue: true,
      daysToPrescription: 20,
    });
    // 30 (>= 5 000 €) + 20 (>= 90 days) + 5 (professional) + 60 (callback) + 80 (prescription in <= 30 days) = 195
    expect(result.score).toBe(195);
    expect(result.reasons).toEqual([
      { code: 'balance', points: 30, params: { balanceCents: 6_000_00, thresholdCents: 5_000_00 } },
      { code: 'days_past_due', points: 20, params: { daysPastDue: 100, thresholdDays: 90 } },
      { code: 'professional_debtor', points: 5, params: {} },
      { code: 'callback_due', points: 60, params: {} },
      { code: 'prescription_near', points: 80, params: { daysToPrescription: 20, thresholdDays: 30 } },
    ]);
  });

  it('lowers unreachable and recently contacted cases', () => {
    const result = priorityOf({ ...quiet, contactable: false, daysSinceLastContact: 1, promiseBroken: true });
    // 40 (promise broken) - 50 (not contactable) - 30 (contacted yesterday) = -40
    expect(result.score).toBe(-40);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['promise_broken', 'not_contactable', 'contacted_recently']);
  });

  it('raises a prescription within 90 days, more within 30; a prescribed claim is not in the figures and adds nothing', () => {
    expect(priorityOf({ ...quiet, daysToPrescription: 0 }).reasons).toEqual([
      { code: 'prescription_near', points: 80, params: { daysToPrescription: 0, thresholdDays: 30 } },
    ]);
    expect(priorityOf({ ...quiet, daysToPrescription: 90 }).score).toBe(40);
    expect(priorityOf({ ...quiet, daysToPrescription: 91 }).score).toBe(0);
    // No demandable claim left (negative days are never given): no points either way.
    expect(priorityOf({ ...quiet, daysToPrescription: -3 }).score).toBe(0);
  });

  it('takes custom weights', () => {
    expect(priorityOf({ ...quiet, promiseDue: true }, { ...defaultPriorityWeights, promiseDue: 7 }).score).toBe(7);
  });

  it('score is the sum of reasons and an integer', () => {
    fc.assert(
      fc.property(
        fc.record({
          balanceCents: fc.integer({ min: 0, max: 100_000_000 }),
          daysPastDue: fc.integer({ min: -30, max: 2000 }),
          debtorKind: fc.constantFrom('company' as const, 'person' as const),
          contactable: fc.boolean(),
          promiseDue: fc.boolean(),
          promiseBroken: fc.boolean(),
          callbackDue: fc.boolean(),
          daysToPrescription: fc.option(fc.integer({ min: -100, max: 2000 }), { nil: undefined }),
          daysSinceLastContact: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        }),
        (input) => {
          const result = priorityOf(input);
          expect(Number.isInteger(result.score)).toBe(true);
          expect(result.score).toBe(result.reasons.reduce((sum, reason) => sum + reason.points, 0));
        },
      ),
    );
  });
});

describe('amountAgeScore', () => {
  it('weights euros by months late', () => {
    // 1 000,00 € at 60 days: 100 000 x (30 + 60) / 3000 = 3000
    expect(amountAgeScore(1_000_00, 60)).toBe(3000);
    expect(amountAgeScore(1_000_00, -10)).toBe(1000); // not yet due counts as 0 days
  });
  it('grows with amount and with age', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 5000 }), fc.nat(1e6), fc.nat(1000), (balance, days, moreBalance, moreDays) => {
        expect(amountAgeScore(balance + moreBalance, days)).toBeGreaterThanOrEqual(amountAgeScore(balance, days));
        expect(amountAgeScore(balance, days + moreDays)).toBeGreaterThanOrEqual(amountAgeScore(balance, days));
      }),
    );
  });
});

describe('the company registry signals (issue 23)', () => {
  const company: PriorityInput = { ...quiet, debtorKind: 'company' };
  const codes = (input: PriorityInput) => priorityOf(input).reasons.map((reason) => reason.code);

  it('collective proceedings sink the case (C. com. L622-21: nobody calls), before a ceased status', () => {
    const result = priorityOf({ ...company, insolvencyProceedings: true, companyCeased: true });
    expect(result.reasons).toEqual([
      { code: 'professional_debtor', points: 5, params: {} },
      { code: 'insolvency_proceedings', points: defaultPriorityWeights.insolvencyProceedings, params: {} },
    ]);
    expect(codes({ ...company, companyCeased: true })).toContain('company_ceased');
  });

  it('a registered office moved within 90 days and a company under two years old raise the case, with their figures', () => {
    const result = priorityOf({ ...company, daysSinceAddressChange: 30, companyAgeDays: 400 });
    expect(result.reasons).toContainEqual({ code: 'address_changed', points: 15, params: { daysSinceAddressChange: 30, thresholdDays: 90 } });
    expect(result.reasons).toContainEqual({ code: 'young_company', points: 10, params: { companyAgeDays: 400, thresholdDays: 730 } });
    expect(codes({ ...company, daysSinceAddressChange: 91, companyAgeDays: 730 })).not.toEqual(expect.arrayContaining(['address_changed']));
    expect(codes({ ...company, daysSinceAddressChange: 91, companyAgeDays: 730 })).not.toContain('young_company');
  });

  it('every signal is explained: the score is the sum of the reasons', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.option(fc.integer({ min: -5, max: 400 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }), (insolvency, ceased, moved, age) => {
        const result = priorityOf({
          ...company,
          insolvencyProceedings: insolvency,
          companyCeased: ceased,
          ...(moved === undefined ? {} : { daysSinceAddressChange: moved }),
          ...(age === undefined ? {} : { companyAgeDays: age }),
        });
        expect(result.score).toBe(result.reasons.reduce((sum, reason) => sum + reason.points, 0));
      }),
    );
  });
});
