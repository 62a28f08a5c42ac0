import { addMonths, isValidBusinessDate } from '@relance/domain/dates';
import { type KpiPeriodKind, kpiPeriodKinds, periodContaining } from '@relance/domain/kpis';

// The dashboard's period, kept in the URL (`period`, `from`, `to`): a month, quarter or year
// (found from its first day) or a custom range. Pure, so tests can call it.

export type KpiPeriod = { readonly kind: KpiPeriodKind; readonly from: string; readonly to: string };

const monthsOf: Record<Exclude<KpiPeriodKind, 'custom'>, number> = { month: 1, quarter: 3, year: 12 };

/** Today in Paris, 'YYYY-MM-DD'. */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The period the URL names; an unknown or broken one falls back to this year. */
export function periodFromParams(params: URLSearchParams, today: string): KpiPeriod {
  const asked = params.get('period') ?? 'year';
  const kind: KpiPeriodKind = (kpiPeriodKinds as readonly string[]).includes(asked) ? (asked as KpiPeriodKind) : 'year';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (kind === 'custom') {
    return isValidBusinessDate(from) && isValidBusinessDate(to) ? { kind, from, to } : { kind, ...periodContaining('month', today) };
  }
  return { kind, ...periodContaining(kind, isValidBusinessDate(from) ? from : today) };
}

/** The same kind of period, `steps` before (negative) or after; a custom range keeps its dates. */
export function shiftPeriod(period: KpiPeriod, steps: number): KpiPeriod {
  if (period.kind === 'custom') return period;
  return { kind: period.kind, ...periodContaining(period.kind, addMonths(period.from, steps * monthsOf[period.kind])) };
}

/** The URL parameters of a period. */
export function periodParams(period: KpiPeriod): Record<string, string> {
  return { period: period.kind, from: period.from, to: period.to };
}
