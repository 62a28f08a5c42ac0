import { describe, expect, it } from 'vitest';
import { AGE_BANDS, AMOUNT_BANDS, type Band, bandMatching, bandOf } from '../src/case-bands.ts';

function expectContiguous(bands: readonly Band[]) {
  expect(bands[0]?.min).toBe(0);
  for (let i = 1; i < bands.length; i++) expect(bands[i]?.min).toBe((bands[i - 1]?.max ?? Number.NaN) + 1);
  expect(bands.at(-1)?.max).toBeNull();
  expect(new Set(bands.map((band) => band.code)).size).toBe(bands.length);
}

describe('case list bands', () => {
  it('cover every value from 0 up without overlap', () => {
    expectContiguous(AGE_BANDS);
    expectContiguous(AMOUNT_BANDS);
  });

  it('put boundary values in the band that closes on them', () => {
    expect(bandOf(AGE_BANDS, 0)?.code).toBe('0-30');
    expect(bandOf(AGE_BANDS, 30)?.code).toBe('0-30');
    expect(bandOf(AGE_BANDS, 31)?.code).toBe('31-90');
    expect(bandOf(AGE_BANDS, 365)?.code).toBe('181-365');
    expect(bandOf(AGE_BANDS, 366)?.code).toBe('365+');
    expect(bandOf(AMOUNT_BANDS, 49_999)?.code).toBe('lt500');
    expect(bandOf(AMOUNT_BANDS, 50_000)?.code).toBe('500-2000');
    expect(bandOf(AMOUNT_BANDS, 100_000_000)?.code).toBe('10000+');
  });

  it('finds the band a pair of bounds names', () => {
    expect(bandMatching(AMOUNT_BANDS, 50_000, 199_999)?.code).toBe('500-2000');
    expect(bandMatching(AGE_BANDS, undefined, 30)?.code).toBe('0-30');
    expect(bandMatching(AGE_BANDS, 366, undefined)?.code).toBe('365+');
    expect(bandMatching(AGE_BANDS, 5, 30)).toBeUndefined();
  });
});
