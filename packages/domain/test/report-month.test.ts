import { describe, expect, it } from 'vitest';
import { previousMonth, reportMonthLabel, reportMonthProblem, reportMonthRange, reportTrendRange } from '../src/report-month.ts';

describe('the monthly report month', () => {
  it('accepts only a finished month written YYYY-MM', () => {
    expect(reportMonthProblem('2026-11', '2026-12-07')).toBeNull();
    expect(reportMonthProblem('2026-12', '2026-12-07')).toBe('not_finished');
    expect(reportMonthProblem('2027-01', '2026-12-07')).toBe('not_finished');
    expect(reportMonthProblem('2026-13', '2026-12-07')).toBe('malformed');
    expect(reportMonthProblem('2026-1', '2026-12-07')).toBe('malformed');
    expect(reportMonthProblem('nov', '2026-12-07')).toBe('malformed');
  });

  it('spans the whole month, and the cron takes the previous one (across a year too)', () => {
    expect(reportMonthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(reportMonthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(previousMonth('2026-12-01')).toBe('2026-11');
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(reportTrendRange('2026-11')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(reportTrendRange('2026-12')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('writes the month in full', () => {
    expect(reportMonthLabel('2026-11', 'fr')).toBe('novembre 2026');
    expect(reportMonthLabel('2026-11', 'en')).toBe('November 2026');
  });
});
