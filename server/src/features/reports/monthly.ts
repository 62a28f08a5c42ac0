import type { MonthlyReport, MonthlyReportList } from '@relance/contracts/reports';
import { reportMonthProblem } from '@relance/domain/report-month';
import { creditorScope, requireAccess } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlExec, sql } from '../../plugins/sql.ts';

// The monthly report on demand (issue 19): POST queues the printing job for a creditor and a
// finished month (one row per creditor and month: a retried request answers the same report, and
// the job's key keeps one job per report); GET lists, reads the status, downloads the PDF.
// A creditor user reaches its own creditor's reports only (another's: 404); row-level security
// on monthly_report is the second wall.

export const MONTHLY_REPORT_TASK = 'reports__monthly';

type ReportRow = { id: string; creditor_id: string; creditor_name: string; month: string; status: MonthlyReport['status']; error: string | null; created_at: Date; finished_at: Date | null };

const selectReports = `
  select r.id, r.creditor_id, coalesce(c.brand_display_name, c.legal_name) as creditor_name, r.month, r.status, r.error, r.created_at, r.finished_at
    from monthly_report r join creditor c on c.id = r.creditor_id`;

function toReport(row: ReportRow): MonthlyReport {
  return {
    id: row.id,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    month: row.month,
    status: row.status,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    pdfUrl: row.status === 'ready' ? `/api/v1/reports/monthly/${row.id}/pdf` : null,
  };
}

/** Queues the printing of one report (the job does nothing for a report no longer queued). */
export async function enqueueMonthlyReport(exec: SqlExec, reportId: string): Promise<void> {
  await exec(`select graphile_worker.add_job(?, json_build_object('reportId', ?::text), job_key => ?, max_attempts => 3)`, [
    MONTHLY_REPORT_TASK,
    reportId,
    `monthly-report:${reportId}`,
  ]);
}

/** The creditor of the request: a creditor user's own (another id: 404); staff must name one. */
async function requestedCreditor(ctx: ActorContext, requested: string | undefined): Promise<string> {
  const scope = creditorScope(ctx.actor);
  if (scope && requested && requested !== scope) throw new AppError('not_found', 404);
  const creditorId = scope ?? requested;
  if (!creditorId) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  await requireAccess(ctx, 'creditor', creditorId);
  return creditorId;
}

/**
 * POST /reports/monthly: the creditor's report of a finished month, queued (created: true) or the
 * one already there; `force` (staff only) prints a ready or failed one again.
 */
export async function requestMonthlyReport(
  ctx: ActorContext,
  body: { month: string; creditorId?: string | undefined },
  force: boolean,
): Promise<{ report: MonthlyReport; created: boolean }> {
  const creditorId = await requestedCreditor(ctx, body.creditorId);
  const problem = reportMonthProblem(body.month, todayInParis(ctx.clock));
  if (problem) throw new AppError('report_month_invalid', 400, { problem, month: body.month });
  if (force && creditorScope(ctx.actor)) throw new AppError('forbidden', 403, { reason: 'force is for the agency staff' });
  const exec = emExec(ctx.em);
  const [inserted] = await exec<{ id: string }>(
    `insert into monthly_report (creditor_id, month, requested_by, created_at) values (?, ?, ?, ?)
     on conflict (creditor_id, month) do nothing returning id`,
    [creditorId, body.month, ctx.actor.userId, ctx.clock.now()],
  );
  let created = Boolean(inserted);
  const [existing] = await exec<{ id: string; status: string }>('select id, status from monthly_report where creditor_id = ? and month = ?', [creditorId, body.month]);
  if (!existing) throw new AppError('not_found', 404);
  if (!inserted && force && existing.status !== 'queued') {
    await exec(`update monthly_report set status = 'queued', error = null, pdf = null, finished_at = null where id = ?`, [existing.id]);
    created = true;
  }
  if (created) await enqueueMonthlyReport(exec, existing.id);
  return { report: await getMonthlyReport(ctx, existing.id), created };
}

/** GET /reports/monthly: newest month first; for a creditor user, with their e-mail choice. */
export async function listMonthlyReports(ctx: ActorContext, requested: string | undefined): Promise<MonthlyReportList> {
  const scope = creditorScope(ctx.actor);
  if (scope && requested && requested !== scope) throw new AppError('not_found', 404);
  const creditorId = scope ?? requested ?? null;
  const where = creditorId ? sql`r.creditor_id = ${creditorId}` : rawSql('true');
  const query = sql`${rawSql(selectReports)} where ${where} order by r.month desc, c.legal_name limit 240`;
  const rows = await emExec(ctx.em)<ReportRow>(query.sql, query.params);
  return { items: rows.map(toReport), emailOptIn: scope && ctx.actor.userId ? await emailOptInOf(emExec(ctx.em), ctx.actor.userId) : null };
}

async function reportRow(ctx: ActorContext, id: string): Promise<ReportRow> {
  const scope = creditorScope(ctx.actor);
  const rows = await emExec(ctx.em)<ReportRow>(`${selectReports} where r.id = ?::uuid and (?::uuid is null or r.creditor_id = ?::uuid)`, [id, scope, scope]);
  if (!rows[0]) throw new AppError('not_found', 404);
  return rows[0];
}

/** GET /reports/monthly/{id}: its status (another creditor's: 404). */
export async function getMonthlyReport(ctx: ActorContext, id: string): Promise<MonthlyReport> {
  return toReport(await reportRow(ctx, id));
}

/** GET /reports/monthly/{id}/pdf: the PDF and its file name ("rapport-<creditor>-<month>.pdf"). */
export async function monthlyReportPdf(ctx: ActorContext, id: string): Promise<{ pdf: Buffer; fileName: string }> {
  const row = await reportRow(ctx, id);
  const [file] = await emExec(ctx.em)<{ pdf: Buffer | null }>('select pdf from monthly_report where id = ?', [id]);
  if (row.status !== 'ready' || !file?.pdf) throw new AppError('report_not_ready', 409, { status: row.status });
  return { pdf: file.pdf, fileName: `rapport-${slug(row.creditor_name)}-${row.month}.pdf` };
}

function slug(name: string): string {
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return plain.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'creancier';
}

async function emailOptInOf(exec: SqlExec, userId: string): Promise<boolean> {
  const [row] = await exec<{ monthly_report_email: boolean }>('select monthly_report_email from app_user where id = ?', [userId]);
  return row?.monthly_report_email ?? false;
}

/** PATCH /reports/monthly/email: a creditor user chooses to get each month's report by e-mail. */
export async function setMonthlyReportEmail(ctx: ActorContext, enabled: boolean): Promise<{ enabled: boolean }> {
  if (!creditorScope(ctx.actor) || !ctx.actor.userId) throw new AppError('forbidden', 403, { reason: 'creditor users only' });
  await emExec(ctx.em)('update app_user set monthly_report_email = ? where id = ?', [enabled, ctx.actor.userId]);
  return { enabled: await emailOptInOf(emExec(ctx.em), ctx.actor.userId) };
}
