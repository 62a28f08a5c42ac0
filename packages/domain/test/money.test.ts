import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  CurrencyMismatchError,
  centsFromDatabase,
  compare,
  formatBasisPoints,
  formatHundredths,
  formatMoney,
  InvalidMoneyError,
  isZero,
  MoneyParseError,
  money,
  negate,
  parseHundredths,
  parseMoneyToCents,
  splitEvenly,
  subtract,
  sum,
} from '../src/money.ts';

const eur = (cents: number) => money(cents, 'EUR');

describe('money arithmetic', () => {
  it('adds, subtracts, negates and compares in cents', () => {
    expect(add(eur(1_000_00), eur(2_50))).toEqual(eur(1_002_50));
    expect(subtract(eur(10_00), eur(12_50))).toEqual(eur(-2_50));
    expect(negate(eur(3_00))).toEqual(eur(-3_00));
    expect(Object.is(negate(eur(0)).cents, 0)).toBe(true);
    expect(compare(eur(1), eur(2))).toBe(-1);
    expect(compare(eur(2), eur(2))).toBe(0);
    expect(isZero(eur(0))).toBe(true);
    expect(sum([eur(1_00), eur(2_00), eur(3_00)], 'EUR')).toEqual(eur(6_00));
    expect(sum([], 'EUR')).toEqual(eur(0));
  });

  it('refuses to mix currencies with a typed error', () => {
    const error = (() => {
      try {
        add(eur(1), money(1, 'USD'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CurrencyMismatchError);
    expect(error).toMatchObject({ code: 'currency_mismatch', left: 'EUR', right: 'USD' });
  });

  it('refuses fractional cents, unsafe integers and bad currency codes', () => {
    expect(() => eur(1.5)).toThrow(InvalidMoneyError);
    expect(() => add(eur(Number.MAX_SAFE_INTEGER), eur(1))).toThrow(InvalidMoneyError);
    expect(() => money(1, 'euro')).toThrow(InvalidMoneyError);
  });
});

describe('splitEvenly', () => {
  it('gives the extra cents to the first parts by default', () => {
    // 100,00 € / 3 = 33,33 € rest 1 cent -> first part
    expect(splitEvenly(eur(100_00), 3).map((part) => part.cents)).toEqual([33_34, 33_33, 33_33]);
  });
  it('gives the extra cents to the last parts when asked', () => {
    // 100,02 € / 4 = 25,00 € rest 2 cents -> last two parts
    expect(splitEvenly(eur(100_02), 4, 'last').map((part) => part.cents)).toEqual([25_00, 25_00, 25_01, 25_01]);
  });
  it('splits negative totals symmetrically', () => {
    expect(splitEvenly(eur(-10), 3).map((part) => part.cents)).toEqual([-4, -3, -3]);
  });
  it('always sums to the total and parts differ by at most one cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom('first' as const, 'last' as const),
        (cents, parts, rule) => {
          const split = splitEvenly(eur(cents), parts, rule).map((part) => part.cents);
          expect(split).toHaveLength(parts);
          expect(split.reduce((total, part) => total + part, 0)).toBe(cents);
          expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  it('formats French amounts exactly like Intl fr-FR on this Node', () => {
    const expected = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.56);
    expect(formatMoney(1_234_56, 'EUR', 'fr')).toBe(expected);
    // U+202F narrow no-break space between groups, U+00A0 before the symbol.
    expect(formatMoney(1_234_56, 'EUR', 'fr')).toBe('1\u202F234,56\u00A0€');
    expect(formatMoney(-5, 'EUR', 'fr')).toBe('-0,05\u00A0€');
  });
  it('formats English amounts', () => {
    expect(formatMoney(1_234_56, 'EUR', 'en')).toBe('€1,234.56');
  });
  it('keeps every cent of very large amounts', () => {
    expect(formatMoney(9_007_199_254_740_991, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
  });
});

describe('parseMoneyToCents', () => {
  it.each([
    ['1 234,56', 1_234_56],
    ['1\u00A0234,56', 1_234_56],
    ['1\u202F234,56\u00A0€', 1_234_56],
    ['1234.56', 1_234_56],
    ['1.234,56 €', 1_234_56],
    ['1,234.56', 1_234_56],
    ['-12,50', -12_50],
    ['12', 12_00],
    ['€ 12,00', 12_00],
    ['EUR 5', 5_00],
    ['12,5', 12_50],
    ['1.234.567', 1_234_567_00],
    ['0,05', 5],
    ['- 3,00 €', -3_00],
    ['€ -3,00', -3_00],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseMoneyToCents(text)).toBe(cents);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['€', 'empty'],
    ['12abc', 'invalid_characters'],
    ['douze', 'invalid_characters'],
    ['1.234', 'ambiguous_separator'],
    ['1,234', 'ambiguous_separator'],
    ['12,345', 'ambiguous_separator'],
    ['1,2,3', 'invalid_grouping'],
    ['1.23.45', 'invalid_grouping'],
    ['1.234,56,78', 'multiple_decimal_separators'],
    ['12,345 6', 'invalid_amount'],
    ['1,2345', 'too_many_decimals'],
    ['0,123', 'too_many_decimals'],
    ['1 234,567', 'too_many_decimals'],
    ['12,', 'invalid_amount'],
    [',50', 'invalid_amount'],
    ['--12', 'invalid_amount'],
    ['12 34', 'invalid_grouping'],
    ['1 234.567,8', 'invalid_grouping'],
  ])('refuses %j with code %s', (text, code) => {
    let caught: unknown;
    try {
      parseMoneyToCents(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MoneyParseError);
    expect(caught).toMatchObject({ code, input: text });
  });

  it('reads back what formatMoney writes, in both locales', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000_00, max: 100_000_000_00 }), fc.constantFrom('fr' as const, 'en' as const), (cents, locale) => {
        expect(parseMoneyToCents(formatMoney(cents, 'EUR', locale))).toBe(cents);
      }),
    );
  });
});

describe('centsFromDatabase (issue #13: sums read from PostgreSQL)', () => {
  it('reads bigint and numeric text exactly', () => {
    expect(centsFromDatabase('123456', 'x')).toBe(123_456);
    expect(centsFromDatabase('-42', 'x')).toBe(-42);
    expect(centsFromDatabase(7, 'x')).toBe(7);
    expect(centsFromDatabase(12n, 'x')).toBe(12);
    expect(centsFromDatabase('9007199254740991', 'x')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('throws instead of rounding a sum beyond Number.MAX_SAFE_INTEGER', () => {
    // Two payments of 2^53 - 1 cents: Number('18014398509481982') would be off by cents, silently.
    expect(() => centsFromDatabase('18014398509481982', 'paid_cents of case X')).toThrow(/paid_cents of case X: 18014398509481982 cents/);
    expect(() => centsFromDatabase('9007199254740993', 'x')).toThrow(InvalidMoneyError);
    expect(() => centsFromDatabase(2 ** 53 + 2, 'x')).toThrow(InvalidMoneyError);
  });

  it('refuses what is not a whole number of cents', () => {
    expect(() => centsFromDatabase('12.5', 'x')).toThrow(/not a whole number/);
    expect(() => centsFromDatabase(null, 'x')).toThrow(/no amount/);
    expect(() => centsFromDatabase(1.5, 'x')).toThrow(InvalidMoneyError);
  });
});

/** What people type into the web's amount and rate fields becomes integer hundredths, never through a float. */
describe('parseHundredths (form fields)', () => {
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
  ])('reads %j as %i cents', (typed, cents) => {
    expect(parseHundredths(typed)).toBe(cents);
  });

  it.each(['', '-12,50', '12,345', '1.234', '12,3,4', 'abc', '1,2.3', '12,567', '12 %'])('refuses %j as an amount', (typed) => {
    expect(parseHundredths(typed, '€')).toBeNull();
  });

  it('reads rates in percent as basis points', () => {
    expect(parseHundredths('2,15 %', '%')).toBe(215);
    expect(parseHundredths('12.5%', '%')).toBe(1_250);
    expect(parseHundredths('3', '%')).toBe(300);
    expect(parseHundredths('3 €', '%')).toBeNull();
    expect(parseHundredths('-1 %', '%')).toBeNull();
  });

  it('reads back what formatHundredths and formatBasisPoints write, in both languages, for any value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constantFrom('fr' as const, 'en' as const), (hundredths, locale) => {
        expect(parseHundredths(formatHundredths(hundredths, locale))).toBe(hundredths);
        expect(parseHundredths(formatBasisPoints(hundredths, locale), '%')).toBe(hundredths);
      }),
    );
  });

  it('formats hundredths with two decimals and rates the French or English way', () => {
    expect(formatHundredths(1_215, 'fr')).toBe('12,15');
    expect(formatHundredths(5, 'en')).toBe('0.05');
    expect(formatBasisPoints(1_215, 'fr')).toBe('12,15\u00a0%');
    expect(formatBasisPoints(1_215, 'en')).toBe('12.15%');
  });
});
