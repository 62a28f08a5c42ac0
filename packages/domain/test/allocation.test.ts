import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePayment, type OutstandingClaim, prorate, UnknownClaimReferenceError } from '../src/allocation.ts';

const claim = (claimRef: string, dueDate: string, principalCents: number, interestCents = 0, indemnityCents = 0): OutstandingClaim => ({
  claimRef,
  dueDate,
  principalCents,
  interestCents,
  indemnityCents,
});

describe('allocatePayment', () => {
  it('pays indemnity, then interest, then principal, oldest claim first (C. civ. 1343-1, 1342-10)', () => {
    const result = allocatePayment(
      [claim('F2', '2024-03-31', 500_000, 5_943, 4_000), claim('F1', '2024-01-31', 1_000_000, 35_656, 4_000)],
      { date: '2024-04-30', amountCents: 300_000 },
    );
    // F1: 40,00 indemnity + 356,56 interest + (3 000,00 - 40,00 - 356,56 = 2 603,44) principal
    expect(result).toEqual({
      allocations: [
        { claimRef: 'F1', element: 'indemnity', amountCents: 4_000 },
        { claimRef: 'F1', element: 'interest', amountCents: 35_656 },
        { claimRef: 'F1', element: 'principal', amountCents: 260_344 },
      ],
      creditCents: 0,
    });
  });

  it('serves the claim the debtor designates first, then the others (C. civ. 1342-10)', () => {
    const result = allocatePayment([claim('F1', '2024-01-31', 10_000, 500), claim('F2', '2024-03-31', 20_000, 300)], {
      date: '2024-04-30',
      amountCents: 21_000,
      claimRef: 'F2',
    });
    // F2 interest 300 + principal 20 000 = 20 300; remaining 700 -> F1 interest 500, principal 200
    expect(result.allocations).toEqual([
      { claimRef: 'F2', element: 'interest', amountCents: 300 },
      { claimRef: 'F2', element: 'principal', amountCents: 20_000 },
      { claimRef: 'F1', element: 'interest', amountCents: 500 },
      { claimRef: 'F1', element: 'principal', amountCents: 200 },
    ]);
  });

  it('serves claims already due before claims not yet due', () => {
    const result = allocatePayment([claim('LATER', '2024-01-01', 10_000), claim('SOON', '2024-12-31', 10_000)], {
      date: '2024-06-01',
      amountCents: 15_000,
    });
    expect(result.allocations).toEqual([
      { claimRef: 'LATER', element: 'principal', amountCents: 10_000 },
      { claimRef: 'SOON', element: 'principal', amountCents: 5_000 },
    ]);
  });

  it('shares pro rata between claims due the same day, element by element', () => {
    const result = allocatePayment([claim('A', '2024-01-31', 10_000, 100), claim('B', '2024-01-31', 20_000, 200)], {
      date: '2024-04-30',
      amountCents: 3_301,
    });
    // interest first: 300 (A 100, B 200); then 3 001 of principal pro rata 10 000 : 20 000
    // A: 3 001 x 1/3 = 1 000.33 -> 1 000; B: 3 001 x 2/3 = 2 000.67 -> 2 000 + the cent left (largest remainder)
    expect(result.allocations).toEqual([
      { claimRef: 'A', element: 'interest', amountCents: 100 },
      { claimRef: 'B', element: 'interest', amountCents: 200 },
      { claimRef: 'A', element: 'principal', amountCents: 1_000 },
      { claimRef: 'B', element: 'principal', amountCents: 2_001 },
    ]);
  });

  it('turns an overpayment into a credit', () => {
    expect(allocatePayment([claim('F1', '2024-01-31', 10_000, 50)], { date: '2024-02-10', amountCents: 12_000 })).toEqual({
      allocations: [
        { claimRef: 'F1', element: 'interest', amountCents: 50 },
        { claimRef: 'F1', element: 'principal', amountCents: 10_000 },
      ],
      creditCents: 1_950,
    });
  });

  it('refuses a designation of an unknown claim', () => {
    expect(() => allocatePayment([claim('F1', '2024-01-31', 10_000)], { date: '2024-02-10', amountCents: 1, claimRef: 'F9' })).toThrow(
      UnknownClaimReferenceError,
    );
  });

  it('conserves cents and never pays an element beyond what it owes', () => {
    const outstandingClaim = fc.record({
      dueDate: fc.constantFrom('2024-01-31', '2024-02-29', '2024-03-31', '2024-12-31'),
      principalCents: fc.integer({ min: 0, max: 10_000_000 }),
      interestCents: fc.integer({ min: 0, max: 1_000_000 }),
      indemnityCents: fc.constantFrom(0, 4_000),
    });
    fc.assert(
      fc.property(
        fc.array(outstandingClaim, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.option(fc.nat(5), { nil: undefined }),
        (claims, amountCents, designatedIndex) => {
          const outstanding = claims.map((item, index) => ({ ...item, claimRef: `C${index}` }));
          const designated = designatedIndex !== undefined && designatedIndex < outstanding.length ? `C${designatedIndex}` : undefined;
          const result = allocatePayment(outstanding, {
            date: '2024-06-30',
            amountCents,
            ...(designated === undefined ? {} : { claimRef: designated }),
          });
          const allocated = result.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
          expect(allocated + result.creditCents).toBe(amountCents);
          expect(result.creditCents).toBeGreaterThanOrEqual(0);
          const owed = outstanding.reduce((sum, item) => sum + item.principalCents + item.interestCents + item.indemnityCents, 0);
          // credit only when everything owed is paid
          expect(result.creditCents).toBe(Math.max(0, amountCents - owed));
          for (const allocation of result.allocations) {
            const target = outstanding.find((item) => item.claimRef === allocation.claimRef);
            const owedOnElement =
              allocation.element === 'principal' ? target?.principalCents : allocation.element === 'interest' ? target?.interestCents : target?.indemnityCents;
            expect(allocation.amountCents).toBeGreaterThan(0);
            expect(allocation.amountCents).toBeLessThanOrEqual(owedOnElement ?? 0);
          }
        },
      ),
    );
  });

  it('prorate sums to the amount and never exceeds a weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, fraction) => {
        const total = weights.reduce((sum, weight) => sum + weight, 0);
        const amount = Math.floor(total * fraction);
        const shares = prorate(amount, weights);
        expect(shares.reduce((sum, share) => sum + share, 0)).toBe(total === 0 ? 0 : amount);
        for (const [index, share] of shares.entries()) expect(share).toBeLessThanOrEqual(weights[index] ?? 0);
      }),
    );
  });
});
