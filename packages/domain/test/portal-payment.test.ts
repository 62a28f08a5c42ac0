import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debtorAmountRefusal } from '../src/portal-payment.ts';

describe("an amount of the debtor's choice on their page", () => {
  const rules = { balanceCents: 52_392_77, minCents: 20_00, nextInstallmentDueCents: null };

  it('accepts an amount between the floor and the balance', () => {
    expect(debtorAmountRefusal(20_00, rules)).toBeNull();
    expect(debtorAmountRefusal(500_00, rules)).toBeNull();
    expect(debtorAmountRefusal(52_392_77, rules)).toBeNull();
  });

  it('refuses less than the floor, saying the floor', () => {
    expect(debtorAmountRefusal(19_99, rules)).toEqual({ code: 'amount_too_low', minCents: 20_00, balanceCents: 52_392_77, nextInstallmentCents: null });
  });

  it('refuses more than the balance (no overpayment from the page)', () => {
    expect(debtorAmountRefusal(52_392_78, rules)).toEqual({ code: 'amount_too_high', balanceCents: 52_392_77 });
  });

  it('always accepts the whole balance, even below the floor (C. civ. 1342-4)', () => {
    expect(debtorAmountRefusal(12_00, { ...rules, balanceCents: 12_00 })).toBeNull();
    expect(debtorAmountRefusal(11_00, { ...rules, balanceCents: 12_00 })).toMatchObject({ code: 'amount_too_low' });
  });

  it("accepts what is still due on the plan's next installment below the floor, and only that", () => {
    const withPlan = { ...rules, nextInstallmentDueCents: 15_00 };
    expect(debtorAmountRefusal(15_00, withPlan)).toBeNull();
    expect(debtorAmountRefusal(14_99, withPlan)).toEqual({ code: 'amount_too_low', minCents: 20_00, balanceCents: 52_392_77, nextInstallmentCents: 15_00 });
    expect(debtorAmountRefusal(15_01, withPlan)).toMatchObject({ code: 'amount_too_low' });
  });

  it('has nothing to take on a settled case', () => {
    expect(debtorAmountRefusal(1_00, { ...rules, balanceCents: 0 })).toEqual({ code: 'nothing_to_pay' });
  });

  it('never accepts more than the balance nor less than the floor unless it is the balance or the installment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_00 }),
        fc.integer({ min: 1, max: 10_000_00 }),
        fc.integer({ min: 100, max: 1_000_00 }),
        fc.option(fc.integer({ min: 1, max: 5_000_00 })),
        (amount, balance, floor, installment) => {
          const refusal = debtorAmountRefusal(amount, { balanceCents: balance, minCents: floor, nextInstallmentDueCents: installment });
          if (refusal !== null) return;
          expect(amount).toBeLessThanOrEqual(balance);
          if (amount < floor) expect(amount === balance || amount === installment).toBe(true);
        },
      ),
    );
  });
});
