import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCommission, settleRemittance, withVat } from '../src/commission.ts';
import { frenchVatNumberOf } from '../src/identifiers.ts';

const terms = { percentBasisPoints: 1000, fixedFeeCents: 2500, tiers: [], onDirectPayments: false };
const payment = (caseId: string, amountCents: number, direct = false) => ({ caseId, amountCents, direct, caseAgeDays: 30, casePlacedCents: 100_000 });

describe('a run’s commission (R124-3 4°)', () => {
  it('charges the fixed fee once per case, on its first commissionable payment, never again in a later run', () => {
    const run = runCommission(terms, [payment('a', 10_000), payment('a', 5_000), payment('b', 1_000)], new Set());
    expect(run.lines).toEqual([
      { commissionCents: 1_000, fixedFeeCents: 2_500 },
      { commissionCents: 500, fixedFeeCents: 0 },
      { commissionCents: 100, fixedFeeCents: 2_500 },
    ]);
    expect(run.htCents).toBe(1_000 + 500 + 100 + 5_000);
    const later = runCommission(terms, [payment('a', 10_000)], new Set(['a']));
    expect(later.lines[0]).toEqual({ commissionCents: 1_000, fixedFeeCents: 0 });
  });

  it('charges nothing on a direct payment unless the mandate makes direct payments commissionable', () => {
    expect(runCommission(terms, [payment('a', 10_000, true)], new Set()).htCents).toBe(0);
    const onDirect = runCommission({ ...terms, onDirectPayments: true }, [payment('a', 10_000, true)], new Set());
    expect(onDirect.lines[0]).toEqual({ commissionCents: 1_000, fixedFeeCents: 2_500 });
  });

  it('computes the VAT once on the invoice total, not per line', () => {
    const run = runCommission({ ...terms, fixedFeeCents: null }, [payment('a', 1_005), payment('b', 1_005), payment('c', 1_005)], new Set());
    // 100.5 rounds to 101 per line: 303 HT; VAT 20 % on the total: 60.6 -> 61 (per line it would be 3 x 20 = 60).
    expect(run.htCents).toBe(303);
    expect(withVat(run.htCents).vatCents).toBe(61);
  });
});

describe('settling the invoice against the remittance', () => {
  it('deducts the commission then whole disbursements on the net basis, bills the rest', () => {
    expect(settleRemittance({ basis: 'net', availableCents: 10_000, commissionTtcCents: 1_200, disbursementsCents: [3_000, 9_000, 500] })).toEqual({
      commissionDeductedCents: 1_200,
      commissionToPayCents: 0,
      disbursements: ['deducted', 'billed', 'deducted'],
      netCents: 10_000 - 1_200 - 3_000 - 500,
    });
  });

  it('never deducts more than the funds hold, and deducts nothing on the gross basis', () => {
    expect(settleRemittance({ basis: 'net', availableCents: 800, commissionTtcCents: 1_200, disbursementsCents: [] })).toMatchObject({
      commissionDeductedCents: 800,
      commissionToPayCents: 400,
      netCents: 0,
    });
    expect(settleRemittance({ basis: 'gross', availableCents: 10_000, commissionTtcCents: 1_200, disbursementsCents: [300] })).toEqual({
      commissionDeductedCents: 0,
      commissionToPayCents: 1_200,
      disbursements: ['billed'],
      netCents: 10_000,
    });
  });

  it('keeps deducted + net equal to the funds, never negative (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('net' as const, 'gross' as const),
        fc.nat(1_000_000),
        fc.nat(200_000),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 5 }),
        (basis, available, commission, costs) => {
          const s = settleRemittance({ basis, availableCents: available, commissionTtcCents: commission, disbursementsCents: costs });
          const deductedCosts = costs.filter((_, index) => s.disbursements[index] === 'deducted').reduce((sum, cents) => sum + cents, 0);
          expect(s.netCents).toBeGreaterThanOrEqual(0);
          expect(s.commissionDeductedCents + deductedCosts + s.netCents).toBe(available);
          expect(s.commissionDeductedCents + s.commissionToPayCents).toBe(commission);
        },
      ),
    );
  });
});

describe('French VAT number of a SIREN', () => {
  it('computes the key', () => {
    expect(frenchVatNumberOf('732 829 320')).toBe('FR44732829320');
    expect(frenchVatNumberOf('123456789')).toBeNull();
  });
});
