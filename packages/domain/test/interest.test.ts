import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accrueInterest, interestAmountCents, interestRuleFor, interestSegments, rateForDay } from '../src/interest.ts';
import { frenchRates, MissingRateError } from '../src/rates.ts';

describe('interestAmountCents (simple interest, rounded half-up once)', () => {
  it('computes base x rate x days / year length', () => {
    // 10 000,00 € x 12.15 % x 31/365 = 103.1917... -> 103,19 €
    expect(interestAmountCents(1_000_000, 1215, 31, 365)).toBe(10_319);
    // 10 000,00 € x 14.50 % x 182/366 = 721.0382... -> 721,04 €
    expect(interestAmountCents(1_000_000, 1450, 182, 366)).toBe(72_104);
  });
  it('rounds half up', () => {
    // 1,00 € x 10 % x 73/365 = 0.02 € exactly; 0,05 € x 10 % x 365/365 = 0.005 € -> 0,01 €
    expect(interestAmountCents(100, 1000, 73, 365)).toBe(2);
    expect(interestAmountCents(5, 1000, 365, 365)).toBe(1);
    expect(interestAmountCents(4, 1000, 365, 365)).toBe(0); // 0.004 € -> 0
  });
  it('splitting a period at any day changes its interest by at most one cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_00 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 183 }),
        fc.integer({ min: 0, max: 183 }),
        fc.constantFrom(365, 366),
        (base, rate, days, cutRaw, yearDays) => {
          const cut = cutRaw % (days + 1);
          const whole = interestAmountCents(base, rate, days, yearDays);
          const split = interestAmountCents(base, rate, cut, yearDays) + interestAmountCents(base, rate, days - cut, yearDays);
          expect(Math.abs(whole - split)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
  it('splitting a dated period at any day changes its interest by at most one cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 1, max: 100_000_000 }), (cut, base) => {
        const rule = { kind: 'late_payment_penalty', creditorKind: 'company' } as const;
        const whole = accrueInterest(base, rule, '2024-01-01', '2024-06-30', frenchRates);
        const cutDate = new Date(Date.UTC(2024, 0, 1 + cut)).toISOString().slice(0, 10);
        const parts = [
          ...accrueInterest(base, rule, '2024-01-01', cutDate, frenchRates),
          ...accrueInterest(base, rule, cutDate, '2024-06-30', frenchRates),
        ];
        const total = (items: { amountCents: number }[]) => items.reduce((sum, item) => sum + item.amountCents, 0);
        expect(Math.abs(total(whole) - total(parts))).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('interest segments', () => {
  it('splits at half-years and year ends, with the year length of each day', () => {
    const segments = interestSegments({ kind: 'late_payment_penalty', creditorKind: 'company' }, '2023-11-15', '2024-08-10', frenchRates);
    expect(segments.map(({ from, to, days, yearDays, rateBasisPoints }) => ({ from, to, days, yearDays, rateBasisPoints }))).toEqual([
      { from: '2023-11-16', to: '2023-12-31', days: 46, yearDays: 365, rateBasisPoints: 1400 }, // 2023-H2: ECB 4.00 + 10
      { from: '2024-01-01', to: '2024-06-30', days: 182, yearDays: 366, rateBasisPoints: 1450 }, // 4.50 + 10
      { from: '2024-07-01', to: '2024-08-10', days: 41, yearDays: 366, rateBasisPoints: 1425 }, // 4.25 + 10
    ]);
  });

  it('splits where the judgment majoration starts (CMF L313-3)', () => {
    const rule = { kind: 'legal', creditorKind: 'company', majoratedAfter: '2024-05-15' } as const;
    const segments = interestSegments(rule, '2024-01-10', '2024-06-30', frenchRates);
    expect(segments.map(({ from, to, rateBasisPoints }) => [from, to, rateBasisPoints])).toEqual([
      ['2024-01-11', '2024-05-15', 507],
      ['2024-05-16', '2024-06-30', 1007], // 5.07 + 5 points
    ]);
  });

  it('applies the contractual rate only when it reaches three times the taux légal (C. com. L441-10)', () => {
    const rule = { kind: 'late_payment_penalty', creditorKind: 'company', contractRateBasisPoints: 1000 } as const;
    // 2024-H2: floor 3 x 4.92 = 14.76 % > 10 % -> ECB 4.25 + 10 = 14.25 %
    expect(rateForDay(rule, '2024-12-20', frenchRates)).toMatchObject({
      rateBasisPoints: 1425,
      rejectedContractRate: { contractRateBasisPoints: 1000, floorBasisPoints: 1476 },
    });
    // 2025-H2: floor 3 x 2.76 = 8.28 % <= 10 % -> contract
    expect(rateForDay(rule, '2025-07-20', frenchRates)).toEqual({ rateBasisPoints: 1000, legalBasis: 'C. com. L441-10 (taux contractuel)' });
    // private-individual creditor: floor 3 x 6.65 = 19.95 % -> rejected, ECB 2.15 + 10
    expect(rateForDay({ ...rule, creditorKind: 'private_individual' }, '2025-07-20', frenchRates).rateBasisPoints).toBe(1215);
  });

  it('throws MissingRateError naming the half-year', () => {
    expect(() => accrueInterest(100_00, { kind: 'legal', creditorKind: 'company' }, '2026-06-01', '2026-07-02', frenchRates)).toThrow(
      MissingRateError,
    );
  });
});

describe('interestRuleFor', () => {
  it('professional debtor: penalties from the day after the due date (C. com. L441-10)', () => {
    expect(interestRuleFor({ creditorKind: 'company', debtorKind: 'company', dueDate: '2024-01-31' })).toEqual({
      rule: { kind: 'late_payment_penalty', creditorKind: 'company' },
      accruesAfter: '2024-01-31',
    });
  });
  it('consumer: taux légal from the mise en demeure, never before the due date (C. civ. 1231-6, 1344-1)', () => {
    expect(
      interestRuleFor({ creditorKind: 'company', debtorKind: 'person', dueDate: '2024-01-31', miseEnDemeureDate: '2024-03-01' })?.accruesAfter,
    ).toBe('2024-03-01');
    expect(
      interestRuleFor({ creditorKind: 'company', debtorKind: 'person', dueDate: '2024-01-31', miseEnDemeureDate: '2024-01-15' })?.accruesAfter,
    ).toBe('2024-01-31');
    expect(interestRuleFor({ creditorKind: 'company', debtorKind: 'person', dueDate: '2024-01-31' })).toBeNull();
  });
  it('consumer with a contractual rate: from the due date', () => {
    expect(interestRuleFor({ creditorKind: 'company', debtorKind: 'person', dueDate: '2024-01-31', contractRateBasisPoints: 800 })).toEqual({
      rule: { kind: 'contractual', rateBasisPoints: 800 },
      accruesAfter: '2024-01-31',
    });
  });
  it('majoration starts two months after the judgment became enforceable (CMF L313-3)', () => {
    expect(
      interestRuleFor({
        creditorKind: 'company',
        debtorKind: 'person',
        dueDate: '2023-12-31',
        miseEnDemeureDate: '2024-01-10',
        judgmentEnforceableDate: '2024-03-15',
      })?.rule,
    ).toEqual({ kind: 'legal', creditorKind: 'company', majoratedAfter: '2024-05-15' });
  });
});
