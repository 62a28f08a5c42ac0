import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  diffDays,
  firstDayOfHalfYear,
  halfYearOf,
  InvalidDateError,
  isLeapYear,
  isoWeekday,
  isValidBusinessDate,
  lastDayOfHalfYear,
  nextHalfYear,
  parseBusinessDate,
} from '../src/dates.ts';

describe('business dates', () => {
  it('validates real calendar days only', () => {
    expect(parseBusinessDate('2024-02-29')).toBe('2024-02-29');
    expect(isValidBusinessDate('2023-02-29')).toBe(false);
    expect(isValidBusinessDate('2024-13-01')).toBe(false);
    expect(isValidBusinessDate('2024-1-01')).toBe(false);
    expect(() => parseBusinessDate('01/02/2024')).toThrow(InvalidDateError);
  });

  it('knows leap years (Gregorian: every 4 years except centuries not divisible by 400)', () => {
    expect([2023, 2024, 1900, 2000, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
  });

  it('adds and counts days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(diffDays('2023-11-15', '2024-08-10')).toBe(269); // 15 + 31 (Dec) + 31 + 29 + 31 + 30 + 31 + 30 + 31 + 10 = 269
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('adds months keeping the day of month, clamped to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
  });

  it('gives ISO weekdays', () => {
    expect(isoWeekday('2024-01-01')).toBe(1); // a Monday
    expect(isoWeekday('2024-03-31')).toBe(7); // a Sunday
  });

  it('knows half-years', () => {
    expect(halfYearOf('2024-06-30')).toBe('2024-H1');
    expect(halfYearOf('2024-07-01')).toBe('2024-H2');
    expect(firstDayOfHalfYear('2024-H2')).toBe('2024-07-01');
    expect(lastDayOfHalfYear('2024-H1')).toBe('2024-06-30');
    expect(nextHalfYear('2024-H2')).toBe('2025-H1');
  });

  it('addDays and diffDays are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: -5000, max: 5000 }), (dayNumber, offset) => {
        const date = addDays('1970-01-01', dayNumber);
        expect(diffDays(date, addDays(date, offset))).toBe(offset);
      }),
    );
  });
});
