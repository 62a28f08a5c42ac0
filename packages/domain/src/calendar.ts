import {
  addDays,
  type BusinessDate,
  dateParts,
  fromDayNumber,
  type IsoWeekday,
  isoWeekday,
  makeBusinessDate,
  toDayNumber,
} from './dates.ts';

// French public holidays (Code du travail L3133-1) and, for Alsace-Moselle, the two extra
// days of the local law (Code du travail L3134-13: Good Friday where there is a Protestant
// church or mixed church, 26 December).

export type HolidayOptions = { readonly alsaceMoselle?: boolean };

export type PublicHoliday = { readonly date: BusinessDate; readonly name: string };

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): BusinessDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeBusinessDate(year, month, day);
}

export function frenchPublicHolidays(year: number, options: HolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string): PublicHoliday => ({
    date: makeBusinessDate(year, month, day),
    name,
  });
  const holidays: PublicHoliday[] = [
    fixed(1, 1, "Jour de l'an"),
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    fixed(5, 1, 'Fête du Travail'),
    fixed(5, 8, 'Victoire 1945'),
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    fixed(7, 14, 'Fête nationale'),
    fixed(8, 15, 'Assomption'),
    fixed(11, 1, 'Toussaint'),
    fixed(11, 11, 'Armistice 1918'),
    fixed(12, 25, 'Noël'),
  ];
  if (options.alsaceMoselle) {
    holidays.push({ date: addDays(easter, -2), name: 'Vendredi saint' }, fixed(12, 26, 'Saint-Étienne'));
  }
  return holidays.sort((left, right) => (left.date < right.date ? -1 : 1));
}

const holidayCache = new Map<string, ReadonlySet<BusinessDate>>();

function holidaySet(year: number, options: HolidayOptions): ReadonlySet<BusinessDate> {
  const key = `${year}:${options.alsaceMoselle ? 'am' : 'fr'}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = new Set(frenchPublicHolidays(year, options).map((holiday) => holiday.date));
    holidayCache.set(key, set);
  }
  return set;
}

export function isPublicHoliday(date: BusinessDate, options: HolidayOptions = {}): boolean {
  return holidaySet(dateParts(date).year, options).has(date);
}

/** A business day (jour ouvré) is Monday to Friday and not a public holiday. */
export function isBusinessDay(date: BusinessDate, options: HolidayOptions = {}): boolean {
  return isoWeekday(date) <= 5 && !isPublicHoliday(date, options);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: BusinessDate, options: HolidayOptions = {}): BusinessDate {
  let candidate = addDays(date, 1);
  while (!isBusinessDay(candidate, options)) candidate = addDays(candidate, 1);
  return candidate;
}

/** `date` itself when it is a business day, otherwise the next one (used to move due dates off weekends and holidays). */
export function onOrNextBusinessDay(date: BusinessDate, options: HolidayOptions = {}): BusinessDate {
  return isBusinessDay(date, options) ? date : nextBusinessDay(date, options);
}

/** Counts `count` business days after `date` (before it when negative); addBusinessDays(d, 0) = d. */
export function addBusinessDays(date: BusinessDate, count: number, options: HolidayOptions = {}): BusinessDate {
  if (!Number.isInteger(count)) throw new RangeError(`Business day count must be an integer, got ${count}`);
  const step = count < 0 ? -1 : 1;
  let remaining = Math.abs(count);
  let dayNumber = toDayNumber(date);
  while (remaining > 0) {
    dayNumber += step;
    if (isBusinessDay(fromDayNumber(dayNumber), options)) remaining -= 1;
  }
  return fromDayNumber(dayNumber);
}

export class InvalidDayOffsetError extends Error {
  readonly code = 'invalid_day_offset';
  readonly input: string;
  constructor(input: string) {
    super(`Invalid day offset "${input}": expected J+N or J-N`);
    this.name = 'InvalidDayOffsetError';
    this.input = input;
  }
}

/** Parses the French "J+N" notation (J = the day of the reference event): 'J+8' -> 8, 'J-3' -> -3, 'J' -> 0. */
export function parseDayOffset(text: string): number {
  const match = /^\s*J\s*(?:([+-])\s*(\d{1,4}))?\s*$/i.exec(text);
  if (!match) throw new InvalidDayOffsetError(text);
  if (match[1] === undefined) return 0;
  const days = Number(match[2]);
  return match[1] === '-' ? -days : days;
}

/**
 * The day "J+N" after a reference day J. Calendar days by default (a "J+8" reminder goes 8 days
 * later whatever the weekday); `businessDays: true` counts business days instead.
 */
export function dayAfterOffset(
  reference: BusinessDate,
  offset: string | number,
  options: HolidayOptions & { readonly businessDays?: boolean } = {},
): BusinessDate {
  const days = typeof offset === 'number' ? offset : parseDayOffset(offset);
  return options.businessDays ? addBusinessDays(reference, days, options) : addDays(reference, days);
}

// ---------------------------------------------------------------------------------------------
// Contact windows (policy, no statute sets collection hours; see the shared law document).
// Instants are UTC Date objects; the window is expressed in the agency's local time. Local parts
// come from Intl with an IANA zone, so daylight-saving changes are handled by the platform's
// time-zone database rather than by hand-written offsets.

export type ContactWindow = {
  /** Local time the window opens, 'HH:MM' (inclusive). */
  readonly start: string;
  /** Local time the window closes, 'HH:MM' (exclusive: 20:00 itself is outside an 08:00-20:00 window). */
  readonly end: string;
  readonly weekdays: readonly IsoWeekday[];
  readonly excludePublicHolidays: boolean;
  readonly alsaceMoselle?: boolean;
  readonly timeZone: string;
};

/** The agency's time zone: its business day, the contact window, every date and time shown in French. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

export const defaultContactWindow: ContactWindow = {
  start: '08:00',
  end: '20:00',
  weekdays: [1, 2, 3, 4, 5, 6],
  excludePublicHolidays: true,
  timeZone: PARIS_TIME_ZONE,
};

/** What local clocks show: the calendar day and the minutes past midnight. */
export type LocalClock = { date: BusinessDate; minutes: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function zonedFields(instant: Date, timeZone: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
}

/**
 * The one conversion from an instant to local time (Paris unless told): every "what day / what time
 * is it in Paris" in the server, the templates and the domain goes through here.
 */
export function localClock(instant: Date, timeZone: string = PARIS_TIME_ZONE): LocalClock {
  const fields = zonedFields(instant, timeZone);
  return {
    date: makeBusinessDate(fields.year ?? 0, fields.month ?? 0, fields.day ?? 0),
    minutes: (fields.hour ?? 0) * 60 + (fields.minute ?? 0),
  };
}

/** The business day (YYYY-MM-DD) at `instant` in `timeZone` (Paris unless told). */
export function localDate(instant: Date, timeZone: string = PARIS_TIME_ZONE): BusinessDate {
  return localClock(instant, timeZone).date;
}

/** '2025-03-01' -> '01/03/2025': a day as French readers write it (letters, e-mails, timelines). */
export function frenchDate(date: BusinessDate): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

/** An instant as Paris clocks show it, written the French way: '23/11/2026 14:05'. */
export function parisDateTime(instant: Date): string {
  const { date, minutes } = localClock(instant);
  return `${frenchDate(date)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Milliseconds to add to UTC to get local wall-clock time at `instant` (e.g. +2 h in Paris in summer). */
function utcOffsetMilliseconds(instant: Date, timeZone: string): number {
  const fields = zonedFields(instant, timeZone);
  const wallClockAsUtc = Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wallClockAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which local clocks in `timeZone` show `date` at `minutes` past midnight.
 * In the spring-forward gap (a time that does not exist locally) the result is the instant
 * just after the gap with the same elapsed time, which is what a wall clock would show.
 */
export function localTimeToInstant(date: BusinessDate, minutes: number, timeZone: string): Date {
  const { year, month, day } = dateParts(date);
  const wallClockAsUtc = Date.UTC(year, month - 1, day, 0, minutes);
  const firstGuess = wallClockAsUtc - utcOffsetMilliseconds(new Date(wallClockAsUtc), timeZone);
  const secondOffset = utcOffsetMilliseconds(new Date(firstGuess), timeZone);
  return new Date(wallClockAsUtc - secondOffset);
}

function parseClock(text: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) throw new RangeError(`Invalid local time "${text}": expected HH:MM`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new RangeError(`Invalid local time "${text}"`);
  return minutes;
}

function isContactDay(date: BusinessDate, window: ContactWindow): boolean {
  if (!window.weekdays.includes(isoWeekday(date))) return false;
  if (window.excludePublicHolidays && isPublicHoliday(date, { alsaceMoselle: window.alsaceMoselle ?? false })) {
    return false;
  }
  return true;
}

export function isInsideContactWindow(instant: Date, window: ContactWindow = defaultContactWindow): boolean {
  const local = localClock(instant, window.timeZone);
  return (
    isContactDay(local.date, window) && local.minutes >= parseClock(window.start) && local.minutes < parseClock(window.end)
  );
}

/** `instant` itself when contact is allowed then, otherwise the next opening of the window. */
export function nextAllowedInstant(instant: Date, window: ContactWindow = defaultContactWindow): Date {
  if (isInsideContactWindow(instant, window)) return instant;
  const opensAt = parseClock(window.start);
  if (opensAt >= parseClock(window.end)) throw new RangeError('Contact window opens after it closes');
  const today = localDate(instant, window.timeZone);
  // A year covers any realistic configuration (a window open only on some weekdays, holidays).
  for (let offset = 0; offset <= 366; offset += 1) {
    const day = addDays(today, offset);
    if (!isContactDay(day, window)) continue;
    const opening = localTimeToInstant(day, opensAt, window.timeZone);
    if (opening.getTime() > instant.getTime()) return opening;
  }
  throw new RangeError('Contact window never opens');
}
