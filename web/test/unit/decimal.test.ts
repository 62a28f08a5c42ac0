import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHundredths, parseHundredths } from '../../src/shared/decimal.ts';

/** What agents type into amount fields becomes integer cents, never through a float. */
describe('parseHundredths', () => {
  it.each([
    ['1 234,56', 123_456],
    ['1234.56', 123_456],
    ['1.234,56', 123_456],
    ['1,234.56', 123_456],
    ['12', 1_200],
    ['12,5', 1_250],
    ['0,29', 29],
    ['1\u202f234,56', 123_456],
    ['1\u00a0234,56 €', 123_456],
  ])('reads %s as %i', (typed, cents) => {
    expect(parseHundredths(typed, '€')).toBe(cents);
  });

  it.each(['', '-12,50', '12,345', '1.234', '12,3,4', 'abc', '1,2.3', '12,567'])('refuses %s', (typed) => {
    expect(parseHundredths(typed, '€')).toBeNull();
  });

  it('reads back what it formats, in both languages, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constantFrom('fr' as const, 'en' as const), (cents, locale) => {
        expect(parseHundredths(formatHundredths(cents, locale))).toBe(cents);
      }),
    );
  });
});
