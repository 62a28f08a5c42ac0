import type { CommissionInvoice, Remittance, RemittanceRun } from '@relance/contracts/money';
import { creditorScope, requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';

// Reading remittance runs, remittances and commission invoices, with the download URL of each
// document. Staff (finance roles) see everything; a creditor's user or key sees its own
// remittances and invoices only (another creditor's id answers 404), never a run or a pain.001.

export const statementUrl = (remittanceId: string) => `/api/v1/remittances/${remittanceId}/statement.pdf`;
export const invoiceUrl = (invoiceId: string) => `/api/v1/commission-invoices/${invoiceId}/pdf`;
export const pain001Url = (runId: string) => `/api/v1/remittances/runs/${runId}/pain001`;

type InvoiceRow = {
  id: string;
  number: string;
  creditor_id: string;
  creditor_name: string;
  issued_on: string;
  due_on: string;
  ht_cents: string;
  vat_cents: string;
  ttc_cents: string;
  disbursements_cents: string;
  deducted_cents: string;
  paid_cents: string;
  remittance_id: string | null;
};

const invoiceColumns = sql`i.id, i.number, i.creditor_id, c.legal_name as creditor_name, to_char(i.issued_on, 'YYYY-MM-DD') as issued_on,
  to_char(i.due_on, 'YYYY-MM-DD') as due_on, i.ht_cents, i.vat_cents, i.ttc_cents, i.disbursements_cents, i.deducted_cents, i.remittance_id,
  (select coalesce(sum(l.credit_cents), 0) from ledger_transaction t join ledger_line l on l.transaction_id = t.id and l.account = 'commission_receivable'
    where t.kind = 'invoice_paid' and t.source_type = 'commission_invoice' and t.source_id = i.id) as paid_cents`;

function toInvoice(row: InvoiceRow): CommissionInvoice {
  const ttcCents = Number(row.ttc_cents);
  const disbursementsCents = Number(row.disbursements_cents);
  const totalCents = ttcCents + disbursementsCents;
  const deductedCents = Number(row.deducted_cents);
  const paidCents = Number(row.paid_cents);
  const outstandingCents = Math.max(0, totalCents - deductedCents - paidCents);
  return {
    id: row.id,
    number: row.number,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    issuedOn: row.issued_on,
    dueOn: row.due_on,
    htCents: Number(row.ht_cents),
    vatCents: Number(row.vat_cents),
    ttcCents,
    disbursementsCents,
    totalCents,
    settlement: deductedCents >= totalCents ? 'deducted' : outstandingCents === 0 ? 'paid' : deductedCents === 0 ? 'to_pay' : 'partly_deducted',
    deductedCents,
    paidCents,
    outstandingCents,
    remittanceId: row.remittance_id,
    url: invoiceUrl(row.id),
  };
}

type RemittanceRow = {
  id: string;
  run_id: string;
  creditor_id: string;
  creditor_name: string;
  payment_count: number;
  gross_cents: string;
  commission_ttc_cents: string;
  deducted_cents: string;
  net_cents: string;
  oldest_received_on: string | null;
  deadline: string | null;
  status: Remittance['status'];
  created_at: Date;
};

async function remittancesWhere(exec: SqlExec, where: SqlFragment, limit: number): Promise<(Remittance & { createdAt: string })[]> {
  const statement = sql`
    select r.id, r.run_id, r.creditor_id, c.legal_name as creditor_name, r.payment_count, r.gross_cents, r.commission_ttc_cents, r.deducted_cents,
           r.net_cents, to_char(r.oldest_received_on, 'YYYY-MM-DD') as oldest_received_on, to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.status, r.created_at
      from remittance r join creditor c on c.id = r.creditor_id
      ${where} order by r.created_at desc, r.id desc limit ${limit}`;
  const rows = await exec<RemittanceRow>(statement.sql, statement.params);
  const invoices = await invoicesWhere(exec, sql`where i.remittance_id in (select jsonb_array_elements_text(${JSON.stringify(rows.map((row) => row.id))}::jsonb)::uuid)`, 10_000);
  const byRemittance = new Map(invoices.map((invoice) => [invoice.remittanceId, invoice]));
  return rows.map((row) => ({
    id: row.id,
    runId: row.run_id,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    paymentCount: row.payment_count,
    grossCents: Number(row.gross_cents),
    commissionTtcCents: Number(row.commission_ttc_cents),
    deductedCents: Number(row.deducted_cents),
    netCents: Number(row.net_cents),
    oldestReceivedOn: row.oldest_received_on,
    deadline: row.deadline,
    statementUrl: statementUrl(row.id),
    invoice: byRemittance.get(row.id) ?? null,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export async function invoicesWhere(exec: SqlExec, where: SqlFragment, limit: number): Promise<CommissionInvoice[]> {
  const statement = sql`select ${invoiceColumns} from commission_invoice i join creditor c on c.id = i.creditor_id ${where}
    order by i.year desc, i.seq desc limit ${limit}`;
  return (await exec<InvoiceRow>(statement.sql, statement.params)).map(toInvoice);
}

type RunRow = { id: string; status: RemittanceRun['status']; through: string; created_at: Date; created_by: string | null; sent_at: Date | null; total_cents: string; has_pain001: boolean };

async function runsWhere(exec: SqlExec, where: SqlFragment, limit: number): Promise<RemittanceRun[]> {
  const statement = sql`
    select r.id, r.status, to_char(r.through, 'YYYY-MM-DD') as through, r.created_at, u.name as created_by, r.sent_at, r.total_cents, (r.pain001 is not null) as has_pain001
      from remittance_run r left join app_user u on u.id = r.created_by ${where} order by r.created_at desc, r.id desc limit ${limit}`;
  const runs = await exec<RunRow>(statement.sql, statement.params);
  const result: RemittanceRun[] = [];
  for (const run of runs) {
    const remittances = (await remittancesWhere(exec, sql`where r.run_id = ${run.id}`, 10_000)).map(({ createdAt: _created, ...remittance }) => remittance);
    const refunds = await exec<{ id: string; case_id: string; reference: string; amount_cents: string; iban: string | null; status: RemittanceRun['refunds'][number]['status'] }>(
      'select f.id, f.case_id, k.reference, f.amount_cents, f.iban, f.status from debtor_refund f join collection_case k on k.id = f.case_id where f.run_id = ? order by k.reference, f.id',
      [run.id],
    );
    result.push({
      id: run.id,
      status: run.status,
      through: run.through,
      createdAt: new Date(run.created_at).toISOString(),
      createdBy: run.created_by,
      sentAt: run.sent_at ? new Date(run.sent_at).toISOString() : null,
      totalCents: Number(run.total_cents),
      remittances,
      refunds: refunds.map((refund) => ({ id: refund.id, caseId: refund.case_id, caseReference: refund.reference, amountCents: Number(refund.amount_cents), iban: refund.iban, status: refund.status })),
      files: [
        ...remittances.flatMap((remittance) => [
          { kind: 'statement' as const, creditorId: remittance.creditorId, name: `Relevé de reversement — ${remittance.creditorName}`, url: remittance.statementUrl },
          ...(remittance.invoice ? [{ kind: 'invoice' as const, creditorId: remittance.creditorId, name: `Facture ${remittance.invoice.number} — ${remittance.creditorName}`, url: remittance.invoice.url }] : []),
        ]),
        ...(run.has_pain001 ? [{ kind: 'pain001' as const, creditorId: null, name: 'Virements SEPA (pain.001.001.09)', url: pain001Url(run.id) }] : []),
      ],
    });
  }
  return result;
}

export async function getRun(ctx: ActorContext, runId: string): Promise<RemittanceRun> {
  const [run] = await runsWhere(emExec(ctx.em), sql`where r.id = ${runId}`, 1);
  if (!run) throw new AppError('not_found', 404);
  return run;
}

export async function listRuns(ctx: ActorContext, query: { limit: number; cursor?: string | undefined }): Promise<{ items: RemittanceRun[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    filters.push(sql`(r.created_at, r.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const runs = await runsWhere(emExec(ctx.em), whereAll(filters), query.limit + 1);
  const page = runs.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: runs.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
}

/** A creditor's remittances (a creditor its own; staff all, or one creditor's). */
export async function listRemittances(ctx: ActorContext, query: { limit: number; cursor?: string | undefined; creditorId?: string | undefined }) {
  if (query.creditorId) await requireAccess(ctx, 'creditor', query.creditorId);
  const scope = creditorScope(ctx.actor) ?? query.creditorId ?? null;
  const filters: SqlFragment[] = [];
  if (scope) filters.push(sql`r.creditor_id = ${scope}`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    filters.push(sql`(r.created_at, r.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await remittancesWhere(emExec(ctx.em), whereAll(filters), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ createdAt: _created, ...remittance }) => remittance),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/** Commission invoices, newest number first (a creditor its own). */
export async function listInvoices(ctx: ActorContext, query: { limit: number; cursor?: string | undefined; creditorId?: string | undefined }) {
  if (query.creditorId) await requireAccess(ctx, 'creditor', query.creditorId);
  const scope = creditorScope(ctx.actor) ?? query.creditorId ?? null;
  const filters: SqlFragment[] = [];
  if (scope) filters.push(sql`i.creditor_id = ${scope}`);
  if (query.cursor) {
    const [year, seq] = decodeCursor(query.cursor, ['integer', 'integer']);
    filters.push(sql`(i.year, i.seq) < (${Number(year)}, ${Number(seq)})`);
  }
  const rows = await invoicesWhere(emExec(ctx.em), whereAll(filters), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const [year, seq] = last ? last.number.slice(2).split('-').map(Number) : [];
  return { items: page, nextCursor: rows.length > query.limit && last ? encodeCursor([year ?? 0, seq ?? 0]) : null };
}

/** The statement PDF of a remittance (404 for another creditor's). */
export async function statementPdf(ctx: ActorContext, remittanceId: string): Promise<{ fileName: string; pdf: Buffer }> {
  await requireAccess(ctx, 'remittance', remittanceId);
  const [row] = await emExec(ctx.em)<{ statement_name: string; statement_pdf: Buffer }>('select statement_name, statement_pdf from remittance where id = ?', [remittanceId]);
  if (!row) throw new AppError('not_found', 404);
  return { fileName: row.statement_name, pdf: row.statement_pdf };
}

/** The invoice PDF (404 for another creditor's). */
export async function invoicePdf(ctx: ActorContext, invoiceId: string): Promise<{ fileName: string; pdf: Buffer }> {
  await requireAccess(ctx, 'commission_invoice', invoiceId);
  const [row] = await emExec(ctx.em)<{ file_name: string; pdf: Buffer }>('select file_name, pdf from commission_invoice where id = ?', [invoiceId]);
  if (!row) throw new AppError('not_found', 404);
  return { fileName: row.file_name, pdf: row.pdf };
}

/** The run's pain.001 (staff only; 404 when the run has no transfer). */
export async function runPain001(ctx: ActorContext, runId: string): Promise<{ fileName: string; xml: string }> {
  const [row] = await emExec(ctx.em)<{ pain001_name: string | null; pain001: string | null }>('select pain001_name, pain001 from remittance_run where id = ?', [runId]);
  if (!row?.pain001 || !row.pain001_name) throw new AppError('not_found', 404);
  return { fileName: row.pain001_name, xml: row.pain001 };
}
