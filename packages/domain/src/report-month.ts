import { periodContaining } from './kpis.ts';

// The monthly report (issue 19): one report per creditor and finished month, 'YYYY-MM'.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Why a month cannot be reported on `today` ('YYYY-MM-DD', Paris): malformed, or not finished yet. */
export function reportMonthProblem(month: string, today: string): 'malformed' | 'not_finished' | null {
  if (!MONTH.test(month) || Number(month.slice(0, 4)) < 2000) return 'malformed';
  return month >= today.slice(0, 7) ? 'not_finished' : null;
}

/** The first and last days of a month. */
export function reportMonthRange(month: string): { from: string; to: string } {
  return periodContaining('month', `${month}-01`);
}

/** The month before the one of `today`: the cron's month on the 1st. */
export function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** "novembre 2026" / "November 2026": the month as the report and its e-mail write it. */
export function reportMonthLabel(month: string, locale: 'fr' | 'en'): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1, 1));
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(date);
}

/** The twelve months ending with `month`: the report's trend charts (cohorts, collected per month). */
export function reportTrendRange(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const start = monthNumber === 12 ? `${year}-01` : `${year - 1}-${String(monthNumber + 1).padStart(2, '0')}`;
  return { from: `${start}-01`, to: reportMonthRange(month).to };
}
