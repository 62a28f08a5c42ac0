import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  dayAfterOffset,
  defaultContactWindow,
  easterSunday,
  frenchDate,
  frenchPublicHolidays,
  InvalidDayOffsetError,
  isBusinessDay,
  isInsideContactWindow,
  isPublicHoliday,
  localDate,
  localTimeToInstant,
  nextAllowedInstant,
  nextBusinessDay,
  onOrNextBusinessDay,
  parisDateTime,
  parseDayOffset,
} from '../src/calendar.ts';

describe('Easter and French public holidays', () => {
  it('computes Easter Sunday (anonymous Gregorian algorithm)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible date
  });

  it('lists the eleven national holidays of 2024', () => {
    expect(frenchPublicHolidays(2024).map((holiday) => holiday.date)).toEqual([
      '2024-01-01',
      '2024-04-01', // Easter Monday = 31 March + 1
      '2024-05-01',
      '2024-05-08',
      '2024-05-09', // Ascension = Easter + 39
      '2024-05-20', // Whit Monday = Easter + 50
      '2024-07-14',
      '2024-08-15',
      '2024-11-01',
      '2024-11-11',
      '2024-12-25',
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    expect(isPublicHoliday('2025-04-18')).toBe(false);
    expect(isPublicHoliday('2025-04-18', { alsaceMoselle: true })).toBe(true); // Easter 20 April - 2
    expect(isPublicHoliday('2025-12-26', { alsaceMoselle: true })).toBe(true);
    expect(frenchPublicHolidays(2025, { alsaceMoselle: true })).toHaveLength(13);
  });
});

describe('business days', () => {
  it('excludes weekends and holidays', () => {
    expect(isBusinessDay('2024-05-08')).toBe(false); // Wednesday, Victoire 1945
    expect(isBusinessDay('2024-05-07')).toBe(true);
    expect(isBusinessDay('2024-05-11')).toBe(false); // Saturday
  });
  it('finds the next business day', () => {
    expect(nextBusinessDay('2024-05-07')).toBe('2024-05-10'); // skips 8 (holiday) and 9 (Ascension)
    expect(nextBusinessDay('2024-12-24')).toBe('2024-12-26');
    expect(onOrNextBusinessDay('2024-05-07')).toBe('2024-05-07');
    expect(onOrNextBusinessDay('2024-06-01')).toBe('2024-06-03');
  });
  it('adds business days forward and backward', () => {
    expect(addBusinessDays('2024-04-26', 3)).toBe('2024-05-02'); // Fri -> Mon 29, Tue 30, (1 May) Thu 2
    expect(addBusinessDays('2024-05-02', -3)).toBe('2024-04-26');
    expect(addBusinessDays('2024-05-02', 0)).toBe('2024-05-02');
  });
  it('reads J+N offsets', () => {
    expect(parseDayOffset('J+8')).toBe(8);
    expect(parseDayOffset('j - 3')).toBe(-3);
    expect(parseDayOffset('J')).toBe(0);
    expect(() => parseDayOffset('D+8')).toThrow(InvalidDayOffsetError);
    expect(dayAfterOffset('2024-12-20', 'J+8')).toBe('2024-12-28');
    // business days: Mon 23, Tue 24, (25 Noël) Thu 26, Fri 27, Mon 30
    expect(dayAfterOffset('2024-12-20', 'J+5', { businessDays: true })).toBe('2024-12-30');
  });
});

describe('contact window (Europe/Paris, 08:00-20:00, Monday-Saturday, no holiday)', () => {
  it('converts Paris wall-clock time to instants across DST', () => {
    expect(localTimeToInstant('2024-03-30', 8 * 60, 'Europe/Paris').toISOString()).toBe('2024-03-30T07:00:00.000Z'); // CET +1
    expect(localTimeToInstant('2024-04-01', 8 * 60, 'Europe/Paris').toISOString()).toBe('2024-04-01T06:00:00.000Z'); // CEST +2
    expect(localTimeToInstant('2024-10-26', 8 * 60, 'Europe/Paris').toISOString()).toBe('2024-10-26T06:00:00.000Z');
    expect(localTimeToInstant('2024-10-28', 8 * 60, 'Europe/Paris').toISOString()).toBe('2024-10-28T07:00:00.000Z');
    // 02:30 does not exist on 31 March 2024 in Paris: the wall clock then shows 03:30 CEST.
    expect(localTimeToInstant('2024-03-31', 150, 'Europe/Paris').toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });

  it('checks the window in local time in winter and summer', () => {
    expect(isInsideContactWindow(new Date('2024-03-30T06:59:00Z'))).toBe(false); // 07:59 Paris, Saturday
    expect(isInsideContactWindow(new Date('2024-03-30T07:00:00Z'))).toBe(true); // 08:00 Paris
    expect(isInsideContactWindow(new Date('2024-03-30T18:59:00Z'))).toBe(true); // 19:59 Paris
    expect(isInsideContactWindow(new Date('2024-03-30T19:00:00Z'))).toBe(false); // 20:00 Paris, end excluded
    expect(isInsideContactWindow(new Date('2024-04-02T06:00:00Z'))).toBe(true); // 08:00 CEST, Tuesday
    expect(isInsideContactWindow(new Date('2024-04-02T05:59:00Z'))).toBe(false); // 07:59 CEST
    expect(isInsideContactWindow(new Date('2024-04-02T18:00:00Z'))).toBe(false); // 20:00 CEST
  });

  it('never contacts on Sunday or a public holiday', () => {
    expect(isInsideContactWindow(new Date('2024-03-31T10:00:00Z'))).toBe(false); // Sunday (DST day)
    expect(isInsideContactWindow(new Date('2024-04-01T10:00:00Z'))).toBe(false); // Easter Monday
    expect(isInsideContactWindow(new Date('2024-10-27T10:00:00Z'))).toBe(false); // Sunday (DST ends)
  });

  it('uses the Paris date, not the UTC date, near midnight', () => {
    // 2024-07-13T22:30Z is 14 July 00:30 in Paris: a holiday, and outside hours anyway.
    expect(nextAllowedInstant(new Date('2024-07-13T22:30:00Z')).toISOString()).toBe('2024-07-15T06:00:00.000Z');
  });

  it('finds the next allowed instant across the spring DST change', () => {
    // Saturday 30 March 2024 20:30 CET -> Sunday closed, Monday 1 April is Easter Monday,
    // so Tuesday 2 April 08:00 CEST = 06:00Z.
    expect(nextAllowedInstant(new Date('2024-03-30T19:30:00Z')).toISOString()).toBe('2024-04-02T06:00:00.000Z');
    // Saturday 06:00 CET -> 08:00 the same day (07:00Z)
    expect(nextAllowedInstant(new Date('2024-03-30T05:00:00Z')).toISOString()).toBe('2024-03-30T07:00:00.000Z');
  });

  it('finds the next allowed instant across the autumn DST change', () => {
    // Saturday 26 October 2024 21:00 CEST -> Monday 28 October 08:00 CET = 07:00Z
    expect(nextAllowedInstant(new Date('2024-10-26T19:00:00Z')).toISOString()).toBe('2024-10-28T07:00:00.000Z');
    // inside the window: unchanged
    const inside = new Date('2024-10-28T09:00:00Z');
    expect(nextAllowedInstant(inside)).toBe(inside);
  });

  it('honours a custom window', () => {
    const weekdaysOnly = { ...defaultContactWindow, start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] as const };
    // Friday 29 March 2024 18:30 CET -> Tuesday 2 April 09:00 CEST = 07:00Z (Saturday excluded, Easter Monday)
    expect(nextAllowedInstant(new Date('2024-03-29T17:30:00Z'), weekdaysOnly).toISOString()).toBe('2024-04-02T07:00:00.000Z');
  });
});

describe('Paris time, written once', () => {
  it('gives the Paris day of an instant, across midnight and daylight saving', () => {
    expect(localDate(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(localDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('writes days and Paris instants as French readers do (what Intl fr-FR short gives)', () => {
    expect(frenchDate('2025-03-01')).toBe('01/03/2025');
    const intl = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
    for (const at of ['2026-11-23T13:05:00Z', '2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      expect(parisDateTime(new Date(at))).toBe(intl.format(new Date(at)));
    }
  });
});
