import { z } from 'zod';
import { businessDate, cents, currency, dateInput, uuid } from './common.ts';

export const creditorDashboardQuery = z.object({
  creditorId: uuid.optional().describe('Staff choose a creditor; a creditor user always gets their own'),
});

export const creditorDashboard = z
  .object({
    creditorId: uuid,
    creditorName: z.string(),
    casesPlaced: z.number().int(),
    casesOpen: z.number().int(),
    amountPlacedCents: cents,
    amountCollectedCents: cents,
    recoveryRate: z.number().describe('Collected / placed, 0 to 1'),
    currency,
    byMonth: z.array(
      z.object({ month: z.string().describe('YYYY-MM'), placedCents: cents, collectedCents: cents }),
    ),
    byStatus: z.array(z.object({ status: z.string(), cases: z.number().int() })),
  })
  .meta({ id: 'CreditorDashboard' });
export type CreditorDashboard = z.infer<typeof creditorDashboard>;

// ---------------------------------------------------------------------------------------------
// Creditor KPIs (issue 19): the lists mirror packages/domain/src/kpis.ts (server/test/kpis.test.ts checks).

export const kpiKeys = ['recoveryRate', 'recoveryRateByCount', 'collectionDelayDays', 'collectionDelayFromDueDays', 'disputeRate', 'costRatio', 'promisesKeptRate', 'plansOnSchedule'] as const;
export const ageingBucketKeys = ['0-30', '31-60', '61-90', '91-180', '181-365', '365+'] as const;
export const funnelStageKeys = ['amicable', 'mise_en_demeure', 'disputed', 'plan', 'legal', 'closed_paid', 'closed_unrecoverable', 'closed_recalled', 'closed_prescribed'] as const;

export const kpisQuery = z.object({
  from: dateInput.describe('First day of the period'),
  to: dateInput.describe('Last day of the period (at most about three years after from)'),
  creditorId: uuid.optional().describe('Staff: one creditor, or every creditor when absent. A creditor user: their own (another id answers 404)'),
});

const kpiFigure = z.object({
  key: z.enum(kpiKeys),
  value: z.number().nullable().describe('A ratio 0 to 1, or days; null when nothing was measured'),
  target: z
    .object({ direction: z.enum(['min', 'max']), threshold: z.number(), unit: z.enum(['ratio', 'days']) })
    .nullable()
    .describe('min: the value must be above the threshold, max: below'),
  met: z.boolean().nullable(),
  numerator: z.number().describe('Cents or a count, as the definition says'),
  denominator: z.number(),
  definitionKey: z.string().describe('kpi.<key>.definition: the sentence shown on the screen and in the README'),
});
export type KpiFigure = z.infer<typeof kpiFigure>;

export const creditorKpis = z
  .object({
    creditorId: uuid.nullable().describe('null: every creditor (staff only)'),
    creditorName: z.string().nullable(),
    from: businessDate,
    to: businessDate,
    asOf: businessDate.describe('The earlier of the period’s last day and today: balances and collections are counted up to it'),
    dataAsOf: z.iso
      .datetime()
      .optional()
      .describe('Every change committed before this instant is counted: the figures may be read from a streaming replica at most REPLICA_MAX_LAG_SECONDS behind'),
    currency,
    placed: z.object({ cases: z.number().int(), amountCents: cents }),
    collectedInPeriodCents: cents,
    figures: z.array(kpiFigure),
    disputes: z.object({ upheld: z.number().int(), rejected: z.number().int(), settled: z.number().int(), open: z.number().int() }),
    costs: z.object({ commissionCents: cents, legalCostsAdvancedCents: cents, legalCostsBorneCents: cents }),
    promises: z.object({ kept: z.number().int(), broken: z.number().int() }),
    plans: z.object({ active: z.number().int(), onSchedule: z.number().int() }),
    remittedCents: cents.describe('Remittances sent to the creditor in the period'),
    awaitingRemittanceCents: cents.describe('Collected for the creditor and not yet remitted, at the as-of date'),
    ageing: z.array(z.object({ bucket: z.enum(ageingBucketKeys), cases: z.number().int(), openCents: cents })),
    funnel: z.array(z.object({ stage: z.enum(funnelStageKeys), cases: z.number().int() })),
    cohorts: z.array(
      z.object({
        month: z.string().describe('Placement month, YYYY-MM'),
        placedCents: cents,
        points: z.array(z.object({ monthsSince: z.number().int(), collectedCents: cents, rate: z.number().nullable() })),
      }),
    ),
    byMonth: z.array(z.object({ month: z.string().describe('YYYY-MM'), collectedCents: cents, remittedCents: cents })),
  })
  .meta({ id: 'CreditorKpis' });
export type CreditorKpis = z.infer<typeof creditorKpis>;

// ---------------------------------------------------------------------------------------------
// The monthly report (issue 19): a PDF per creditor and finished month, printed by Chromium in the worker.

const reportMonth = z.string().describe('A finished month, YYYY-MM');

export const monthlyReportRequest = z.object({
  month: reportMonth,
  creditorId: uuid.optional().describe('Staff: required. A creditor user: their own (another id answers 404)'),
});
export const monthlyReportRequestQuery = z.object({
  force: z
    .enum(['true', 'false'])
    .optional()
    .describe('Staff only: print again a report that is ready or failed'),
});

export const monthlyReportStatuses = ['queued', 'ready', 'failed'] as const;

export const monthlyReport = z
  .object({
    id: uuid,
    creditorId: uuid,
    creditorName: z.string(),
    month: z.string().describe('YYYY-MM'),
    status: z.enum(monthlyReportStatuses),
    error: z.string().nullable().describe('Why printing failed (status failed)'),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    pdfUrl: z.string().nullable().describe('GET it for the PDF once ready'),
  })
  .meta({ id: 'MonthlyReport' });
export type MonthlyReport = z.infer<typeof monthlyReport>;

export const monthlyReportListQuery = z.object({
  creditorId: uuid.optional().describe('Staff: one creditor, or every creditor when absent. A creditor user: their own'),
});
export const monthlyReportList = z
  .object({
    items: z.array(monthlyReport),
    emailOptIn: z.boolean().nullable().describe('Whether the calling creditor user gets each month’s report by e-mail; null for staff'),
  })
  .meta({ id: 'MonthlyReportList' });
export type MonthlyReportList = z.infer<typeof monthlyReportList>;

export const monthlyReportEmailBody = z.object({ enabled: z.boolean() });
export const monthlyReportEmail = z.object({ enabled: z.boolean() }).meta({ id: 'MonthlyReportEmail' });

/** What the report page (web/report.html) reads from `window.__RELANCE_REPORT__`. */
export type MonthlyReportPageData = {
  month: string;
  locale: 'fr' | 'en';
  creditorName: string;
  agency: { name: string; primaryColor: string | null; logoDataUrl: string | null; poweredByVisible: boolean };
  /** The month's KPIs: the very payload of GET /reports/kpis for the month (figures, ageing, funnel). */
  kpis: CreditorKpis;
  /** The twelve months up to the report's: the cohort curves and collected vs remitted per month. */
  trend: CreditorKpis;
};
