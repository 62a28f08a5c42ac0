import { describe, expect, it } from 'vitest';
import { periodFromParams, shiftPeriod, todayInParis } from '../../src/features/reports/components/kpi-period.ts';

describe('the dashboard period', () => {
  it('reads a month, quarter or year from the URL, this year by default', () => {
    expect(periodFromParams(new URLSearchParams(''), '2026-11-15')).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(periodFromParams(new URLSearchParams('period=quarter&from=2026-10-01'), '2026-12-01')).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(periodFromParams(new URLSearchParams('period=month&from=2024-02-01'), '2026-12-01')).toEqual({ kind: 'month', from: '2024-02-01', to: '2024-02-29' });
    expect(periodFromParams(new URLSearchParams('period=custom&from=2026-03-05&to=2026-04-10'), '2026-12-01')).toEqual({ kind: 'custom', from: '2026-03-05', to: '2026-04-10' });
    expect(periodFromParams(new URLSearchParams('period=weird&from=nope'), '2026-12-01').kind).toBe('year');
  });

  it('moves to the previous and next period of the same kind', () => {
    expect(shiftPeriod({ kind: 'month', from: '2026-01-01', to: '2026-01-31' }, -1)).toEqual({ kind: 'month', from: '2025-12-01', to: '2025-12-31' });
    expect(shiftPeriod({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' }, 1)).toEqual({ kind: 'quarter', from: '2027-01-01', to: '2027-03-31' });
    expect(shiftPeriod({ kind: 'custom', from: '2026-03-05', to: '2026-04-10' }, 1)).toEqual({ kind: 'custom', from: '2026-03-05', to: '2026-04-10' });
  });

  it('takes today in Paris, not in UTC', () => {
    expect(todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
