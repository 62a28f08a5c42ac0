import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CreditorKpis } from '@relance/contracts/reports';
import { commissionInvoicedPostings, type Posting, paymentReceivedPostings, remittanceSentPostings } from '@relance/domain/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalise, pdfText } from '../../templates/test/pdf-text.ts';
import { postTransaction } from '../src/features/ledger/journal.ts';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { generateMonthlyReport, type MonthlyReportDeps, queueMonthlyReports } from '../src/features/reports/monthly-print.ts';
import { closeReportPrinter, printerStats, reportBrowserPid } from '../src/features/reports/printer.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, jobsOf, startInbox } from './messages-helpers.ts';

/**
 * The monthly PDF report (issue 19): POST queues one job per creditor and month, the job prints the
 * web app's report page with Chromium (one browser, reused), the PDF carries the same figures as
 * GET /reports/kpis; another creditor's report is 404; the cron of the 1st queues each active
 * creditor's report once and e-mails it only to the users who opted in.
 */
const reportPage = resolve(import.meta.dirname, '..', '..', 'web', 'dist', 'report.html');

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let a: { id: string; legalName: string };
let b: { id: string; legalName: string };
let tokenA: string;
let tokenB: string;
let staffToken: string;
let optedIn: { email: string; token: string };
let notOptedIn: { email: string };

async function insertCase(creditorId: string, openedOn: string, amountCents: number, dueDate: string): Promise<string> {
  const exec = emExec(t.orm.em.fork());
  const name = `Débiteur ${randomUUID()}`;
  const [debtor] = await exec<{ id: string }>(`insert into debtor (creditor_id, kind, display_name, match_key) values (?, 'person', ?, ?) returning id`, [creditorId, name, `test:${name}`]);
  const [row] = await exec<{ id: string }>(`insert into collection_case (creditor_id, debtor_id, opened_on, status) values (?, ?, ?, 'amicable') returning id`, [creditorId, debtor?.id, openedOn]);
  await exec(`insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents) values (?, ?, ?, ?::date - 30, ?, ?)`, [row?.id, creditorId, `FAC-${randomUUID()}`, dueDate, dueDate, amountCents]);
  return row?.id as string;
}

async function post(kind: Parameters<typeof postTransaction>[2]['kind'], bookedOn: string, postings: Posting[]) {
  await postTransaction(emExec(t.orm.em.fork()), t.clock, { kind, bookedOn, description: `test ${kind}`, source: { type: 'manual', id: randomUUID() }, idempotencyKey: randomUUID(), postings });
}

async function pay(creditorId: string, caseId: string, amountCents: number, receivedOn: string) {
  await emExec(t.orm.em.fork())('insert into payment_record (case_id, amount_cents, received_on, method) values (?, ?, ?, ?)', [caseId, amountCents, receivedOn, 'transfer']);
  await post('payment_received', receivedOn, paymentReceivedPostings({ creditorId, caseId, amountCents, excessCents: 0 }));
}

/** November 2026 for creditor A: 3 cases placed (3 000 €), 1 050 € collected, one disputed, 100 € commission. */
async function seed() {
  const c1 = await insertCase(a.id, '2026-11-03', 100_000, '2026-10-01');
  const c2 = await insertCase(a.id, '2026-11-10', 150_000, '2026-09-15');
  await insertCase(a.id, '2026-11-20', 50_000, '2026-11-01');
  await pay(a.id, c1, 100_000, '2026-11-25');
  await pay(a.id, c2, 5_000, '2026-11-28');
  await emExec(t.orm.em.fork())(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'montant', '2026-11-15T10:00:00Z', 'amicable')`, [c2, a.id]);
  await post('commission_invoiced', '2026-11-26', commissionInvoicedPostings(a.id, { htCents: 10_000, vatCents: 2_000 }));
  await post('remittance_sent', '2026-11-29', remittanceSentPostings(a.id, 50_000));
  await insertCase(b.id, '2026-11-05', 999_900, '2026-10-01');
}

const deps = (): MonthlyReportDeps => ({ orm: t.orm, clock: t.clock, config: t.config, secrets: t.secrets, smtpUrl: inbox.server.url });

/** Runs the queued printing jobs as the worker would (and removes them). */
async function runReportJobs(): Promise<number> {
  const jobs = await jobsOf(t, 'reports__monthly');
  for (const job of jobs) {
    await generateMonthlyReport(deps(), job.payload.reportId as string, false);
    await t.orm.em.fork().execute('delete from graphile_worker._private_jobs where id = ?::bigint', [job.id]);
  }
  return jobs.length;
}

const request = (token: string, payload: object, query = '') => t.app.inject({ method: 'POST', url: `/api/v1/reports/monthly${query}`, headers: bearer(token), payload });
const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

beforeAll(async () => {
  if (!existsSync(reportPage)) throw new Error('web/dist/report.html is missing: build the web app first (pnpm --filter @relance/web build)');
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  t.clock.set('2026-12-07T10:00:00Z');
  await t.orm.em.fork().execute(`update agency set brand_display_name = 'Recouvra Conseil', brand_primary_color = '#0b7285'`);
  a = await makeCreditor(t, { legalName: 'Fibrea Énergies' });
  b = await makeCreditor(t, { legalName: 'Autre Créancier' });
  const userA = await makeUser(t, 'creditor', a.id);
  tokenA = await login(t, userA);
  optedIn = { email: userA.email, token: tokenA };
  notOptedIn = await makeUser(t, 'creditor', a.id);
  tokenB = await login(t, await makeUser(t, 'creditor', b.id));
  staffToken = await login(t, await makeUser(t, 'manager'));
  await seed();
}, 60_000);
afterAll(async () => {
  await closeReportPrinter();
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});

describe('the monthly report on demand', () => {
  let reportId: string;

  it('queues one job for a month, answers the same report to a retried request, and prints the KPIs of GET /reports/kpis', async () => {
    const first = await request(tokenA, { month: '2026-11' });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ creditorId: a.id, month: '2026-11', status: 'queued', pdfUrl: null });
    reportId = first.json().id;
    const retried = await request(tokenA, { month: '2026-11' });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().id).toBe(reportId);
    expect(await jobsOf(t, 'reports__monthly')).toHaveLength(1);

    const launches = printerStats.launches;
    expect(await runReportJobs()).toBe(1);
    const status = await get(tokenA, `/api/v1/reports/monthly/${reportId}`);
    expect(status.json(), status.body).toMatchObject({ status: 'ready', pdfUrl: `/api/v1/reports/monthly/${reportId}/pdf` });

    const pdf = await get(tokenA, `/api/v1/reports/monthly/${reportId}/pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="rapport-fibrea-energies-2026-11.pdf"');
    // KEEP_REPORT_PDF=/tmp/report.pdf keeps the printed report to look at.
    if (process.env.KEEP_REPORT_PDF) (await import('node:fs')).writeFileSync(process.env.KEEP_REPORT_PDF, pdf.rawPayload);
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain(normalise('Fibrea Énergies'));
    expect(text).toContain('novembre 2026');
    expect(text).toContain('Recouvra Conseil');
    expect(text).toContain('Page 1 / ');

    // The same figures as the API, formatted as the dashboard formats them (fr-FR percent, one decimal).
    const kpis = (await get(tokenA, '/api/v1/reports/kpis?from=2026-11-01&to=2026-11-30')).json() as CreditorKpis;
    const percent = (value: number | null | undefined) => normalise(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(value as number));
    const value = (key: string) => kpis.figures.find((figure) => figure.key === key)?.value;
    expect(value('recoveryRate')).toBe(105_000 / 300_000);
    expect(value('disputeRate')).toBe(1 / 3);
    expect(value('costRatio')).toBeCloseTo(10_000 / 105_000);
    for (const key of ['recoveryRate', 'disputeRate', 'costRatio']) expect(text).toContain(percent(value(key)));
    expect(text).toContain(percent(105_000 / 300_000)); // "35 %"
    expect(printerStats.launches - launches).toBeLessThanOrEqual(1);
  }, 120_000);

  it('reuses the browser: a second report launches no second Chromium', async () => {
    const before = printerStats.launches;
    const staff = await request(staffToken, { month: '2026-10', creditorId: a.id });
    expect(staff.statusCode, staff.body).toBe(202);
    expect(await runReportJobs()).toBe(1);
    expect(printerStats.launches).toBe(before);
    const list = await get(tokenA, '/api/v1/reports/monthly');
    expect(list.json().items.map((item: { month: string }) => item.month)).toEqual(['2026-11', '2026-10']);
    expect(list.json().items[0].creditorName).toBe('Fibrea Énergies');
    expect(list.json().emailOptIn).toBe(false);
  }, 120_000);

  it('launches Chromium again when it crashed, and the next report prints', async () => {
    const pid = await reportBrowserPid();
    expect(pid).not.toBeNull();
    process.kill(pid as number, 'SIGKILL');
    await new Promise((done) => setTimeout(done, 500));
    const before = printerStats.launches;
    expect((await request(staffToken, { month: '2026-09', creditorId: a.id })).statusCode).toBe(202);
    expect(await runReportJobs()).toBe(1);
    expect(printerStats.launches).toBe(before + 1);
    const list = (await get(tokenA, '/api/v1/reports/monthly')).json();
    expect(list.items.find((item: { month: string }) => item.month === '2026-09')?.status).toBe('ready');
  }, 120_000);

  it('fails a report whose printing fails on its last attempt (409 on its PDF), and staff may print it again', async () => {
    const queued = await request(staffToken, { month: '2026-08', creditorId: a.id });
    const id = queued.json().id as string;
    const broken = { ...deps(), config: { ...t.config, webDistDir: '/nonexistent/web/dist' } };
    await expect(generateMonthlyReport(broken, id, false)).rejects.toThrow();
    expect(await generateMonthlyReport(broken, id, true)).toBe('failed');
    expect((await get(tokenA, `/api/v1/reports/monthly/${id}`)).json()).toMatchObject({ status: 'failed', pdfUrl: null });
    const pdf = await get(tokenA, `/api/v1/reports/monthly/${id}/pdf`);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().code).toBe('report_not_ready');
    expect((await request(tokenA, { month: '2026-08' })).json().status).toBe('failed');
    const again = await request(staffToken, { month: '2026-08', creditorId: a.id }, '?force=true');
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ id, status: 'queued' });
    expect(await runReportJobs()).toBe(1);
    expect((await get(tokenA, `/api/v1/reports/monthly/${id}`)).json().status).toBe('ready');
  }, 120_000);

  it('refuses a malformed or unfinished month, and staff without a creditor', async () => {
    for (const month of ['2026-12', '2027-01', '2026-13', 'novembre']) {
      const refused = await request(tokenA, { month });
      expect(refused.statusCode, month).toBe(400);
      expect(refused.json().code).toBe('report_month_invalid');
    }
    expect((await request(staffToken, { month: '2026-11' })).json().code).toBe('validation_failed');
    expect((await request(tokenA, { month: '2026-11' }, '?force=true')).statusCode).toBe(403);
  });

  it('keeps each creditor to its own reports: 404 on status and PDF, nothing listed, no request for another', async () => {
    expect((await get(tokenB, `/api/v1/reports/monthly/${reportId}`)).statusCode).toBe(404);
    expect((await get(tokenB, `/api/v1/reports/monthly/${reportId}/pdf`)).statusCode).toBe(404);
    expect((await get(tokenB, '/api/v1/reports/monthly')).json().items).toEqual([]);
    expect((await request(tokenB, { month: '2026-11', creditorId: a.id })).statusCode).toBe(404);
  });
});

describe('the cron of the 1st', () => {
  it('queues the previous month once per active creditor and e-mails the PDF only to the users who opted in', async () => {
    const optIn = await t.app.inject({ method: 'PATCH', url: '/api/v1/reports/monthly/email', headers: bearer(optedIn.token), payload: { enabled: true } });
    expect(optIn.json(), optIn.body).toEqual({ enabled: true });
    t.clock.set('2027-01-01T05:00:00Z');
    const exec = emExec(t.orm.em.fork());
    expect(await queueMonthlyReports(exec, t.clock)).toBe(2);
    // A second run (a retried cron) queues nothing new.
    expect(await queueMonthlyReports(exec, t.clock)).toBe(2);
    expect(await jobsOf(t, 'reports__monthly')).toHaveLength(2);
    expect(await runReportJobs()).toBe(2);
    // Run again (a retried job): no second e-mail.
    for (const row of await exec<{ id: string }>(`select id from monthly_report where month = '2026-12'`)) await generateMonthlyReport(deps(), row.id, false);
    // A job retried after a transient error half-way: the users already sent it are skipped.
    await exec(`update monthly_report set e_mailed_at = null where month = '2026-12'`);
    for (const row of await exec<{ id: string }>(`select id from monthly_report where month = '2026-12'`)) await generateMonthlyReport(deps(), row.id, false);

    const mails = await inbox.parsed();
    const recipients = mails.flatMap((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to?.value.map((v) => v.address) ?? []));
    expect(recipients).toEqual([optedIn.email]);
    expect(recipients).not.toContain(notOptedIn.email);
    const [mail] = mails;
    expect(mail?.from?.value[0]?.name).toBe('Recouvra Conseil');
    expect(mail?.subject).toContain('décembre 2026');
    expect(mail?.attachments.map((file) => file.contentType)).toEqual(['application/pdf']);
    expect((await pdfText(mail?.attachments[0]?.content as Buffer)).text).toContain('décembre 2026');
  }, 180_000);
});
