// The KPIs a creditor judges a collection agency by (issue 19): their definitions, targets,
// the ageing buckets of the open balance and the stages of the funnel. Pure: the server's SQL
// (server/src/features/reports/kpis.ts) returns sums and counts, these functions turn them into
// rates, buckets and verdicts, and the screen shows the same definitions.
//
// Targets are those a good collection function reaches (the seed article on strategies for small
// creditors): recovery > 90 % at 12 months, collection delay < 45 days, disputes < 5 %, cost of
// collection < 10 % of what is collected.

import type { CaseOutcome, CaseStatus } from './case-status.ts';
import { diffDays } from './dates.ts';

export const kpiKeys = ['recoveryRate', 'recoveryRateByCount', 'collectionDelayDays', 'collectionDelayFromDueDays', 'disputeRate', 'costRatio', 'promisesKeptRate', 'plansOnSchedule'] as const;
export type KpiKey = (typeof kpiKeys)[number];

/** A target: the figure must be above (`min`) or below (`max`) the threshold to be met. */
export type KpiTarget = { readonly direction: 'min' | 'max'; readonly threshold: number; readonly unit: 'ratio' | 'days' };

export const KPI_TARGETS: Readonly<Record<KpiKey, KpiTarget | null>> = {
  recoveryRate: { direction: 'min', threshold: 0.9, unit: 'ratio' },
  recoveryRateByCount: { direction: 'min', threshold: 0.9, unit: 'ratio' },
  collectionDelayDays: { direction: 'max', threshold: 45, unit: 'days' },
  collectionDelayFromDueDays: null,
  disputeRate: { direction: 'max', threshold: 0.05, unit: 'ratio' },
  costRatio: { direction: 'max', threshold: 0.1, unit: 'ratio' },
  promisesKeptRate: null,
  plansOnSchedule: null,
};

/** The definition shown on the screen and in the README, one sentence per KPI (key = `kpi.<key>.definition`). */
export const KPI_DEFINITIONS: Readonly<Record<KpiKey, { readonly fr: string; readonly en: string }>> = {
  recoveryRate: {
    fr: 'Montant encaissé à la date d’arrêté sur les dossiers confiés dans la période, divisé par le montant confié (objectif > 90 % à 12 mois).',
    en: 'Amount collected by the as-of date on the cases placed in the period, divided by the amount placed (target > 90 % at 12 months).',
  },
  recoveryRateByCount: {
    fr: 'Dossiers confiés dans la période et clos payés à la date d’arrêté, divisés par les dossiers confiés.',
    en: 'Cases placed in the period and closed paid by the as-of date, divided by the cases placed.',
  },
  collectionDelayDays: {
    fr: 'Nombre moyen de jours entre la remise du dossier et son paiement complet, pour les dossiers soldés dans la période (objectif < 45 jours).',
    en: 'Average number of days from placement to full payment, for the cases paid in full in the period (target < 45 days).',
  },
  collectionDelayFromDueDays: {
    fr: 'Nombre moyen de jours entre l’échéance la plus ancienne des créances et le paiement complet, mêmes dossiers.',
    en: 'Average number of days from the oldest claim’s due date to full payment, same cases.',
  },
  disputeRate: {
    fr: 'Dossiers confiés dans la période ayant fait l’objet d’une contestation, divisés par les dossiers confiés (objectif < 5 %).',
    en: 'Cases placed in the period that were disputed, divided by the cases placed (target < 5 %).',
  },
  costRatio: {
    fr: 'Commission HT facturée et frais de justice supportés par le créancier dans la période, divisés par le montant encaissé dans la période (objectif < 10 %).',
    en: 'Commission (excl. VAT) invoiced and legal costs borne by the creditor in the period, divided by the amount collected in the period (target < 10 %).',
  },
  promisesKeptRate: {
    fr: 'Promesses de paiement échues dans la période et tenues, divisées par les promesses échues tenues ou rompues.',
    en: 'Promises to pay due in the period that were kept, divided by those kept or broken.',
  },
  plansOnSchedule: {
    fr: 'Échéanciers actifs sans échéance impayée au-delà du délai de grâce, divisés par les échéanciers actifs.',
    en: 'Active payment plans with no instalment unpaid past its grace days, divided by the active plans.',
  },
};

/** A rate of two counts or sums; null when nothing was measured (no cases, nothing collected). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Met, not met, or unknown when there is no figure or no target. */
export function targetMet(key: KpiKey, value: number | null): boolean | null {
  const target = KPI_TARGETS[key];
  if (target === null || value === null) return null;
  return target.direction === 'min' ? value > target.threshold : value < target.threshold;
}

// ---------------------------------------------------------------------------------------------
// Ageing of the open balance by days past the oldest due date.

export const AGEING_BUCKETS = [
  { key: '0-30', fromDays: 0, toDays: 30 },
  { key: '31-60', fromDays: 31, toDays: 60 },
  { key: '61-90', fromDays: 61, toDays: 90 },
  { key: '91-180', fromDays: 91, toDays: 180 },
  { key: '181-365', fromDays: 181, toDays: 365 },
  { key: '365+', fromDays: 366, toDays: null },
] as const;
export type AgeingBucketKey = (typeof AGEING_BUCKETS)[number]['key'];

/** The bucket of a balance `days` past due; not yet due (negative) counts as 0–30. */
export function ageingBucketOf(days: number): AgeingBucketKey {
  for (const bucket of AGEING_BUCKETS) {
    if (bucket.toDays === null || days <= bucket.toDays) return bucket.key;
  }
  return '365+';
}

/** The SQL's sums per bucket, every bucket present, in order (a bucket with no open case is zero). */
export function ageingOf(rows: readonly { readonly bucket: string; readonly cases: number; readonly openCents: number }[]): { bucket: AgeingBucketKey; cases: number; openCents: number }[] {
  return AGEING_BUCKETS.map((bucket) => {
    const found = rows.filter((row) => row.bucket === bucket.key);
    return { bucket: bucket.key, cases: found.reduce((sum, row) => sum + row.cases, 0), openCents: found.reduce((sum, row) => sum + row.openCents, 0) };
  });
}

// ---------------------------------------------------------------------------------------------
// The funnel: where each case stands.

export const funnelStages = ['amicable', 'mise_en_demeure', 'disputed', 'plan', 'legal', 'closed_paid', 'closed_unrecoverable', 'closed_recalled', 'closed_prescribed'] as const;
export type FunnelStage = (typeof funnelStages)[number];

export type FunnelFacts = {
  readonly status: CaseStatus;
  readonly outcome: CaseOutcome | null;
  /** A mise en demeure was sent (collection_case.mise_en_demeure_on). */
  readonly miseEnDemeure: boolean;
  /** Every claim of the case was prescribed when it closed. */
  readonly prescribed: boolean;
};

/**
 * The stage of a case: open cases by how far collection went (a plan or a promise is the amicable
 * phase's agreement, legal and bailiff the judicial phase); closed cases by how they ended, a
 * prescribed claim before "unrecoverable", a partial payment counted as unrecoverable (the rest is lost).
 */
export function funnelStageOf(facts: FunnelFacts): FunnelStage {
  switch (facts.status) {
    case 'closed':
      if (facts.outcome === 'paid') return 'closed_paid';
      if (facts.outcome === 'returned_to_creditor') return 'closed_recalled';
      return facts.prescribed ? 'closed_prescribed' : 'closed_unrecoverable';
    case 'legal':
    case 'bailiff':
      return 'legal';
    case 'payment_plan':
    case 'promise':
      return 'plan';
    case 'disputed':
      return 'disputed';
    default:
      return facts.miseEnDemeure ? 'mise_en_demeure' : 'amicable';
  }
}

/** Case counts per stage, every stage present, in funnel order. */
export function funnelOf(rows: readonly (FunnelFacts & { readonly cases: number })[]): { stage: FunnelStage; cases: number }[] {
  const counts = new Map<FunnelStage, number>(funnelStages.map((stage) => [stage, 0]));
  for (const row of rows) {
    const stage = funnelStageOf(row);
    counts.set(stage, (counts.get(stage) ?? 0) + row.cases);
  }
  return funnelStages.map((stage) => ({ stage, cases: counts.get(stage) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// Cohorts: cumulative share collected by months since placement.

/** Whole calendar months from `fromMonth` to `toMonth` ('YYYY-MM'); negative when before. */
export function monthsBetween(fromMonth: string, toMonth: string): number {
  const [fromYear, fromIndex] = fromMonth.split('-').map(Number) as [number, number];
  const [toYear, toIndex] = toMonth.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toIndex - fromIndex);
}

/**
 * One curve per placement month: for k = 0 .. the months elapsed by `asOfMonth`, the share of the
 * cohort's placed amount collected by the end of its k-th month after placement. Payments of a
 * month later than `asOfMonth` are not counted (they are after the as-of date).
 */
export function cohortCurves(
  cohorts: readonly { readonly month: string; readonly placedCents: number }[],
  collected: readonly { readonly month: string; readonly monthsSince: number; readonly collectedCents: number }[],
  asOfMonth: string,
): { month: string; placedCents: number; points: { monthsSince: number; collectedCents: number; rate: number | null }[] }[] {
  return cohorts.map((cohort) => {
    const elapsed = Math.max(0, monthsBetween(cohort.month, asOfMonth));
    let cumulative = 0;
    const points = [];
    for (let k = 0; k <= elapsed; k++) {
      cumulative += collected.filter((row) => row.month === cohort.month && row.monthsSince === k).reduce((sum, row) => sum + row.collectedCents, 0);
      points.push({ monthsSince: k, collectedCents: cumulative, rate: ratio(cumulative, cohort.placedCents) });
    }
    return { month: cohort.month, placedCents: cohort.placedCents, points };
  });
}

// ---------------------------------------------------------------------------------------------
// Periods.

export const kpiPeriodKinds = ['month', 'quarter', 'year', 'custom'] as const;
export type KpiPeriodKind = (typeof kpiPeriodKinds)[number];

/** The longest period the KPIs are computed over (a cohort curve per month stays readable). */
export const KPI_MAX_PERIOD_DAYS = 3 * 366;

/** Why a period cannot be computed, or null: its end before its start, or longer than the maximum. */
export function periodProblem(from: string, to: string): 'end_before_start' | 'too_long' | null {
  if (to < from) return 'end_before_start';
  return diffDays(from, to) > KPI_MAX_PERIOD_DAYS ? 'too_long' : null;
}

const pad = (value: number) => String(value).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The month, quarter or year that contains `day` ('YYYY-MM-DD'), as from/to days. */
export function periodContaining(kind: Exclude<KpiPeriodKind, 'custom'>, day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const firstMonth = kind === 'month' ? month : kind === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : 1;
  const lastMonth = kind === 'month' ? month : kind === 'quarter' ? firstMonth + 2 : 12;
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}` };
}
