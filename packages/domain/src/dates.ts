// Business dates are calendar days written 'YYYY-MM-DD' (architecture convention 3).
// They carry no time and no time zone: all arithmetic goes through a day number
// (days since 1970-01-01 in the proleptic Gregorian calendar), never through local clocks.

export type BusinessDate = string;

/** A French half-year, the unit in which legal and ECB-based rates are published: '2024-H1'. */
export type HalfYear = `${number}-H${1 | 2}`;

export class InvalidDateError extends Error {
  readonly code = 'invalid_date';
  readonly input: string;
  constructor(input: string) {
    super(`Invalid date "${input}": expected a real calendar day written YYYY-MM-DD`);
    this.name = 'InvalidDateError';
    this.input = input;
  }
}

const MILLISECONDS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): 365 | 366 {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidBusinessDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Returns the date unchanged when it is a real 'YYYY-MM-DD' day, throws InvalidDateError otherwise. */
export function parseBusinessDate(text: string): BusinessDate {
  if (!isValidBusinessDate(text)) throw new InvalidDateError(text);
  return text;
}

export function dateParts(date: BusinessDate): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  if (!match || !isValidBusinessDate(date)) throw new InvalidDateError(date);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function makeBusinessDate(year: number, month: number, day: number): BusinessDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseBusinessDate(text);
}

export function toDayNumber(date: BusinessDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / MILLISECONDS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): BusinessDate {
  const utc = new Date(dayNumber * MILLISECONDS_PER_DAY);
  return makeBusinessDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Number of days from `from` to `to`: positive when `to` is later. diffDays('2024-01-01', '2024-01-31') === 30. */
export function diffDays(from: BusinessDate, to: BusinessDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Same day of month `months` later; when that month is shorter the last day of the month is used
 * (the CPC 641 rule for delays in months: "à défaut d'un quantième identique, le délai expire le
 * dernier jour du mois"). 2024-01-31 + 1 month = 2024-02-29.
 */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return makeBusinessDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addYears(date: BusinessDate, years: number): BusinessDate {
  return addMonths(date, years * 12);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function isoWeekday(date: BusinessDate): IsoWeekday {
  // Day 0 (1970-01-01) was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function compareDates(left: BusinessDate, right: BusinessDate): -1 | 0 | 1 {
  // 'YYYY-MM-DD' strings order like the days they name.
  return left < right ? -1 : left > right ? 1 : 0;
}

export function maxDate(first: BusinessDate, ...others: BusinessDate[]): BusinessDate {
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as text, Math.max would coerce them to NaN
  return others.reduce((latest, date) => (date > latest ? date : latest), first);
}

export function minDate(first: BusinessDate, ...others: BusinessDate[]): BusinessDate {
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as text, Math.min would coerce them to NaN
  return others.reduce((earliest, date) => (date < earliest ? date : earliest), first);
}

export function halfYearOf(date: BusinessDate): HalfYear {
  const { year, month } = dateParts(date);
  return `${year}-H${month <= 6 ? 1 : 2}`;
}

const HALF_YEAR_PATTERN = /^(\d{4})-H([12])$/;

export function isHalfYear(text: string): text is HalfYear {
  return HALF_YEAR_PATTERN.test(text);
}

export function halfYearParts(halfYear: HalfYear): { year: number; half: 1 | 2 } {
  const match = HALF_YEAR_PATTERN.exec(halfYear);
  if (!match) throw new InvalidDateError(halfYear);
  return { year: Number(match[1]), half: match[2] === '1' ? 1 : 2 };
}

export function firstDayOfHalfYear(halfYear: HalfYear): BusinessDate {
  const { year, half } = halfYearParts(halfYear);
  return makeBusinessDate(year, half === 1 ? 1 : 7, 1);
}

export function lastDayOfHalfYear(halfYear: HalfYear): BusinessDate {
  const { year, half } = halfYearParts(halfYear);
  return half === 1 ? makeBusinessDate(year, 6, 30) : makeBusinessDate(year, 12, 31);
}

export function nextHalfYear(halfYear: HalfYear): HalfYear {
  const { year, half } = halfYearParts(halfYear);
  return half === 1 ? `${year}-H2` : `${year + 1}-H1`;
}

export function compareHalfYears(left: HalfYear, right: HalfYear): -1 | 0 | 1 {
  return compareDates(firstDayOfHalfYear(left), firstDayOfHalfYear(right));
}
