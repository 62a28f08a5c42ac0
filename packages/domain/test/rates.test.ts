import { describe, expect, it } from 'vitest';
import {
  defaultLatePaymentPenaltyRateFor,
  frenchRates,
  InvalidRateError,
  legalRateFor,
  listMissingHalfYears,
  MissingRateError,
  ratesFor,
  withAdditionalRates,
} from '../src/rates.ts';

describe('rate table', () => {
  it('stores the published rates in basis points', () => {
    expect(ratesFor(frenchRates, '2024-H1')).toEqual({
      ecbMainRefinancingBasisPoints: 450,
      legalRatePrivateIndividualBasisPoints: 801,
      legalRateOtherCasesBasisPoints: 507,
    });
    expect(defaultLatePaymentPenaltyRateFor(frenchRates, '2025-H2')).toBe(12_15); // 2.15 + 10 points
    expect(legalRateFor(frenchRates, '2026-H1', 'private_individual')).toBe(667);
    expect(legalRateFor(frenchRates, '2026-H1', 'company')).toBe(262);
    expect(legalRateFor(frenchRates, '2015-H1', 'company')).toBe(93);
  });

  it('uses the ECB rate in force on the first day of each half-year', () => {
    // 0.05 % from 2014-09-10; 0.00 % from 2016-03-16; 0.50 % from 2022-07-27.
    expect(ratesFor(frenchRates, '2016-H1').ecbMainRefinancingBasisPoints).toBe(5);
    expect(ratesFor(frenchRates, '2016-H2').ecbMainRefinancingBasisPoints).toBe(0);
    expect(ratesFor(frenchRates, '2022-H2').ecbMainRefinancingBasisPoints).toBe(0);
    expect(ratesFor(frenchRates, '2023-H1').ecbMainRefinancingBasisPoints).toBe(250);
  });

  it('refuses to guess a missing half-year', () => {
    let caught: unknown;
    try {
      ratesFor(frenchRates, '2026-H2');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingRateError);
    expect(caught).toMatchObject({ code: 'missing_rate', halfYear: '2026-H2' });
    expect((caught as Error).message).toContain('2026-H2');
  });

  it('lists missing half-years for the admin screen', () => {
    expect(listMissingHalfYears(frenchRates, '2014-H2', '2015-H2')).toEqual(['2014-H2']);
    expect(listMissingHalfYears(frenchRates, '2025-H1', '2027-H1')).toEqual(['2026-H2', '2027-H1']);
    expect(listMissingHalfYears(frenchRates, '2015-H1', '2026-H1')).toEqual([]);
  });

  it('is extended at run time without changing the base table', () => {
    const extended = withAdditionalRates(frenchRates, {
      '2026-H2': { ecbMainRefinancingBasisPoints: 200, legalRatePrivateIndividualBasisPoints: 650, legalRateOtherCasesBasisPoints: 250 },
    });
    expect(defaultLatePaymentPenaltyRateFor(extended, '2026-H2')).toBe(1200);
    expect(frenchRates['2026-H2']).toBeUndefined();
    expect(() =>
      withAdditionalRates(frenchRates, {
        '2026-H3': { ecbMainRefinancingBasisPoints: 1, legalRatePrivateIndividualBasisPoints: 1, legalRateOtherCasesBasisPoints: 1 },
      }),
    ).toThrow(InvalidRateError);
    expect(() =>
      withAdditionalRates(frenchRates, {
        '2026-H2': { ecbMainRefinancingBasisPoints: 2.15, legalRatePrivateIndividualBasisPoints: 1, legalRateOtherCasesBasisPoints: 1 },
      }),
    ).toThrow(InvalidRateError);
  });
});
