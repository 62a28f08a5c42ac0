import { describe, expect, it } from 'vitest';
import { ageingBucketOf, ageingOf, cohortCurves, funnelOf, funnelStageOf, KPI_DEFINITIONS, kpiKeys, monthsBetween, periodContaining, periodProblem, ratio, targetMet } from '../src/kpis.ts';

describe('KPI targets', () => {
  it('judges each figure against its target, strictly, and says nothing without a figure or a target', () => {
    expect(targetMet('recoveryRate', 0.91)).toBe(true);
    expect(targetMet('recoveryRate', 0.9)).toBe(false);
    expect(targetMet('collectionDelayDays', 44.9)).toBe(true);
    expect(targetMet('collectionDelayDays', 45)).toBe(false);
    expect(targetMet('disputeRate', 0.04)).toBe(true);
    expect(targetMet('disputeRate', 0.05)).toBe(false);
    expect(targetMet('costRatio', 0.12)).toBe(false);
    expect(targetMet('costRatio', null)).toBeNull();
    expect(targetMet('promisesKeptRate', 0.5)).toBeNull();
  });

  it('has a rate only when something was measured', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });

  it('defines every KPI in French and English', () => {
    for (const key of kpiKeys) expect(KPI_DEFINITIONS[key].fr.length * KPI_DEFINITIONS[key].en.length).toBeGreaterThan(0);
  });
});

describe('ageing buckets', () => {
  it('puts each boundary day in the lower bucket and not-yet-due balances in 0–30', () => {
    expect([-5, 0, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, 5000].map(ageingBucketOf)).toEqual([
      '0-30', '0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '91-180', '91-180', '181-365', '181-365', '365+', '365+',
    ]);
  });

  it('fills every bucket in order from the SQL sums', () => {
    const rows = ageingOf([
      { bucket: '365+', cases: 1, openCents: 7 },
      { bucket: '0-30', cases: 2, openCents: 150 },
    ]);
    expect(rows.map((row) => row.bucket)).toEqual(['0-30', '31-60', '61-90', '91-180', '181-365', '365+']);
    expect(rows[0]).toEqual({ bucket: '0-30', cases: 2, openCents: 150 });
    expect(rows[1]).toEqual({ bucket: '31-60', cases: 0, openCents: 0 });
    expect(rows[5]).toEqual({ bucket: '365+', cases: 1, openCents: 7 });
  });
});

describe('funnel stages', () => {
  const open = { outcome: null, miseEnDemeure: false, prescribed: false };
  it('places open cases by how far collection went', () => {
    expect(funnelStageOf({ ...open, status: 'new' })).toBe('amicable');
    expect(funnelStageOf({ ...open, status: 'amicable', miseEnDemeure: true })).toBe('mise_en_demeure');
    expect(funnelStageOf({ ...open, status: 'promise' })).toBe('plan');
    expect(funnelStageOf({ ...open, status: 'payment_plan' })).toBe('plan');
    expect(funnelStageOf({ ...open, status: 'disputed' })).toBe('disputed');
    expect(funnelStageOf({ ...open, status: 'bailiff' })).toBe('legal');
  });

  it('places closed cases by how they ended, prescription before unrecoverable', () => {
    expect(funnelStageOf({ ...open, status: 'closed', outcome: 'paid' })).toBe('closed_paid');
    expect(funnelStageOf({ ...open, status: 'closed', outcome: 'returned_to_creditor' })).toBe('closed_recalled');
    expect(funnelStageOf({ ...open, status: 'closed', outcome: 'irrecoverable' })).toBe('closed_unrecoverable');
    expect(funnelStageOf({ ...open, status: 'closed', outcome: 'partially_paid', prescribed: true })).toBe('closed_prescribed');
  });

  it('counts every stage in funnel order', () => {
    const funnel = funnelOf([
      { ...open, status: 'amicable', cases: 3 },
      { ...open, status: 'new', cases: 2 },
      { ...open, status: 'closed', outcome: 'paid', cases: 4 },
    ]);
    expect(funnel[0]).toEqual({ stage: 'amicable', cases: 5 });
    expect(funnel.find((row) => row.stage === 'closed_paid')?.cases).toBe(4);
    expect(funnel.reduce((sum, row) => sum + row.cases, 0)).toBe(9);
  });
});

describe('cohort curves', () => {
  it('accumulates what each placement month collected, month after month, up to the as-of month', () => {
    expect(monthsBetween('2026-11', '2027-02')).toBe(3);
    const curves = cohortCurves(
      [{ month: '2026-10', placedCents: 1000 }, { month: '2026-12', placedCents: 0 }],
      [
        { month: '2026-10', monthsSince: 0, collectedCents: 100 },
        { month: '2026-10', monthsSince: 2, collectedCents: 400 },
        { month: '2026-10', monthsSince: 5, collectedCents: 999 },
      ],
      '2026-12',
    );
    expect(curves[0]?.points).toEqual([
      { monthsSince: 0, collectedCents: 100, rate: 0.1 },
      { monthsSince: 1, collectedCents: 100, rate: 0.1 },
      { monthsSince: 2, collectedCents: 500, rate: 0.5 },
    ]);
    expect(curves[1]?.points).toEqual([{ monthsSince: 0, collectedCents: 0, rate: null }]);
  });
});

describe('periods', () => {
  it('finds the month, quarter and year of a day', () => {
    expect(periodContaining('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodContaining('quarter', '2026-11-15')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodContaining('year', '2026-11-15')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses a period that ends before it starts or lasts more than three years', () => {
    expect(periodProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(periodProblem('2026-02-01', '2026-01-31')).toBe('end_before_start');
    expect(periodProblem('2020-01-01', '2026-01-01')).toBe('too_long');
  });
});
