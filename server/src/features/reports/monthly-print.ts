import type { MikroORM } from '@mikro-orm/postgresql';
import type { MonthlyReportPageData } from '@relance/contracts/reports';
import { previousMonth, reportMonthLabel, reportMonthRange, reportTrendRange } from '@relance/domain/report-month';
import type { Config } from '../../config.ts';
import type { Secrets } from '../../db/secrets.ts';
import { type ActorContext, type Clock, todayInParis } from '../../plugins/context.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { agencyBrandOf, getAgencyLogo } from '../agency/brand.ts';
import { addressOf, composeEmail, PermanentSendError, sendEmailOverSmtp } from '../messages/channels.ts';
import { creditorKpis } from './kpis.ts';
import { enqueueMonthlyReport } from './monthly.ts';
import { printMonthlyReport } from './printer.ts';

// The monthly report's job (reports__monthly) and cron (reports__monthly_all): the report page's
// data (the creditor, the agency's brand, the month's KPIs: the very payload of GET /reports/kpis),
// printed by Chromium, kept in the row; then, for the cron's reports, e-mailed from the agency to
// the creditor's users who opted in. Exactly once: a report no longer queued is not printed again,
// and one e-mailed (e_mailed_at) is not sent again.

export type MonthlyReportDeps = { orm: MikroORM; clock: Clock; config: Config; secrets: Secrets; smtpUrl: string | undefined };

type Row = { id: string; creditor_id: string; creditor_name: string; month: string; status: string; e_mail: boolean; e_mailed_at: Date | null };

/** A system actor for the KPIs: the agency (staff) reading one creditor, as the job does. */
function systemContext(deps: MonthlyReportDeps): ActorContext {
  const em = deps.orm.em.fork();
  return { em, clock: deps.clock, config: deps.config, secrets: deps.secrets, locale: 'fr', actor: { userId: '00000000-0000-0000-0000-000000000000', role: 'admin', creditorId: null, name: 'monthly report' } };
}

/** The report page's data: what window.__RELANCE_REPORT__ holds. French: creditors have no language of their own. */
export async function monthlyReportData(deps: MonthlyReportDeps, creditorId: string, month: string): Promise<MonthlyReportPageData> {
  const ctx = systemContext(deps);
  const exec = emExec(ctx.em);
  const kpis = await creditorKpis(ctx, { ...reportMonthRange(month), creditorId }, exec);
  const trend = await creditorKpis(ctx, { ...reportTrendRange(month), creditorId }, exec);
  const brand = await agencyBrandOf(exec);
  const logo = brand.logoUrl ? await getAgencyLogo(ctx) : null;
  return {
    month,
    locale: 'fr',
    creditorName: kpis.creditorName ?? '',
    agency: { name: brand.name, primaryColor: brand.primaryColor, logoDataUrl: logo ? `data:image/png;base64,${logo.toString('base64')}` : null, poweredByVisible: brand.poweredByVisible },
    kpis,
    trend,
  };
}

async function loadRow(exec: SqlExec, reportId: string): Promise<Row | null> {
  const [row] = await exec<Row>(
    `select r.id, r.creditor_id, coalesce(c.brand_display_name, c.legal_name) as creditor_name, r.month, r.status, r.e_mail, r.e_mailed_at
       from monthly_report r join creditor c on c.id = r.creditor_id where r.id = ?`,
    [reportId],
  );
  return row ?? null;
}

/**
 * reports__monthly {reportId}: prints a queued report, then e-mails it if the cron asked and it was
 * not yet sent. A printing error is retried by the worker; after the last attempt the report is failed.
 */
export async function generateMonthlyReport(deps: MonthlyReportDeps, reportId: string, lastAttempt: boolean): Promise<'printed' | 'e-mailed' | 'skipped' | 'failed'> {
  const exec = emExec(deps.orm.em.fork());
  const row = await loadRow(exec, reportId);
  if (!row) return 'skipped';
  let outcome: 'printed' | 'skipped' = 'skipped';
  if (row.status === 'queued') {
    try {
      const pdf = await printMonthlyReport(deps.config.webDistDir, await monthlyReportData(deps, row.creditor_id, row.month));
      await exec(`update monthly_report set status = 'ready', pdf = ?, error = null, finished_at = ? where id = ? and status = 'queued'`, [pdf, deps.clock.now(), reportId]);
      outcome = 'printed';
    } catch (error) {
      if (!lastAttempt) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await exec(`update monthly_report set status = 'failed', error = ?, finished_at = ? where id = ?`, [message.slice(0, 500), deps.clock.now(), reportId]);
      return 'failed';
    }
  }
  if (row.e_mail && !row.e_mailed_at) return (await emailMonthlyReport(deps, exec, row)) ? 'e-mailed' : outcome;
  return outcome;
}

/** The PDF e-mailed from the agency to each of the creditor's users who opted in; true once done. */
async function emailMonthlyReport(deps: MonthlyReportDeps, exec: SqlExec, row: Row): Promise<boolean> {
  const [file] = await exec<{ pdf: Buffer | null; status: string }>('select pdf, status from monthly_report where id = ?', [row.id]);
  if (file?.status !== 'ready' || !file.pdf) return false;
  // Users already sent this report (a job retried after a transient SMTP error) are skipped.
  const users = await exec<{ id: string; email: string; name: string }>(
    `select u.id, u.email, u.name from app_user u
      where u.creditor_id = ? and u.role = 'creditor' and u.monthly_report_email
        and not u.id = any (select unnest(e_mailed_to) from monthly_report where id = ?)
      order by u.email`,
    [row.creditor_id, row.id],
  );
  const brand = await agencyBrandOf(exec);
  const monthLabel = reportMonthLabel(row.month, 'fr');
  const fileName = `rapport-${row.month}.pdf`;
  for (const user of deps.smtpUrl ? users : []) {
    const text = `Bonjour ${user.name},\n\nVous trouverez ci-joint le rapport mensuel de ${monthLabel} pour ${row.creditor_name}.\n\n${brand.name}`;
    const raw = await composeEmail({
      messageId: `monthly-report-${row.id}-${user.id}`,
      fromName: brand.name,
      fromAddress: addressOf(deps.config.mailFrom),
      replyTo: null,
      to: user.email,
      subject: `Rapport mensuel ${monthLabel} — ${row.creditor_name}`,
      html: `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`,
      text,
      attachments: [{ filename: fileName, content: file.pdf, contentType: 'application/pdf' }],
      date: deps.clock.now(),
    });
    try {
      await sendEmailOverSmtp(deps.smtpUrl as string, raw, { from: deps.config.bounceAddress, to: user.email });
    } catch (error) {
      // A refused address is not retried (the others still get theirs); a transient error is.
      if (!(error instanceof PermanentSendError)) throw error;
    }
    await exec('update monthly_report set e_mailed_to = array_append(e_mailed_to, ?::uuid) where id = ?', [user.id, row.id]);
  }
  await exec('update monthly_report set e_mailed_at = ? where id = ?', [deps.clock.now(), row.id]);
  return true;
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * reports__monthly_all (cron, the 1st): the previous month's report of every creditor with a case
 * placed by the month's end and a mandate not ended before it, marked to be e-mailed, each queued
 * once (a report already requested on demand is e-mailed too; a second run queues nothing new).
 */
export async function queueMonthlyReports(exec: SqlExec, clock: Clock): Promise<number> {
  const month = previousMonth(todayInParis(clock));
  const { from, to } = reportMonthRange(month);
  const rows = await exec<{ id: string; e_mailed_at: Date | null }>(
    `insert into monthly_report (creditor_id, month, e_mail, created_at)
     select c.id, ?, true, ? from creditor c
      where exists (select 1 from collection_case k where k.creditor_id = c.id and k.opened_on <= ?::date)
        and (c.mandate_valid_until is null or c.mandate_valid_until >= ?::date)
     on conflict (creditor_id, month) do update set e_mail = true
     returning id, e_mailed_at`,
    [month, clock.now(), to, from],
  );
  const pending = rows.filter((row) => row.e_mailed_at === null);
  for (const row of pending) await enqueueMonthlyReport(exec, row.id);
  return pending.length;
}
