import type { PortalReceipt, Receipt, receiptRegisterQuery } from '@relance/contracts/money';
import { checkLetterCompliance } from '@relance/templates/compliance';
import type { z } from 'zod';
import { creditorScope, findAccessible, requireAccess } from '../../plugins/access.ts';
import type { ActorContext, PortalContext, ServiceContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { renderLetterIsolated } from '../../plugins/letter-renderer.ts';
import { emExec, rawSql, type SqlExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { recordCaseRead } from '../audit/service.ts';
import { CollectionCase } from '../cases/entities.ts';
import { type ReceiptLetter, receiptLetter } from '../messages/receipt-letter.ts';
import { loadReceiptRow, type ReceiptRow } from '../messages/receipt-terms.ts';
import { verifiedCaseId } from '../portal/verification.ts';

// Reading the receipts (CPCE R124-6): a case's receipts (staff, and the creditor for its own
// cases), the agency's receipts register (finance roles), the debtor's on the portal, and each
// document's PDF: the copy stored when it was delivered, or rendered now from the receipt row
// when it was not (the demo's back-dated receipts, a job not run yet).

type ListRow = ReceiptRow & { creditor_name: string; issued_key: string };

const LIST_SELECT = `select r.id, r.kind, r.number, r.payment_id, r.case_id, r.creditor_id, r.issued_at, r.document_id, r.delivered_at,
       r.cancelled_at, r.cancellation_reason, r.cancellation_document_id, p.amount_cents, p.currency,
       to_char(p.received_on, 'YYYY-MM-DD') as received_on, p.method, c.reference as case_reference,
       cr.legal_name as creditor_name, r.issued_at::text as issued_key
  from receipt r join payment_record p on p.id = r.payment_id join collection_case c on c.id = r.case_id join creditor cr on cr.id = r.creditor_id`;

const iso = (instant: Date | null): string | null => (instant ? new Date(instant).toISOString() : null);

function toReceipt(row: ListRow): Receipt {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    paymentId: row.payment_id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    amountCents: Number(row.amount_cents),
    currency: row.currency,
    receivedOn: row.received_on,
    method: row.method,
    issuedAt: new Date(row.issued_at).toISOString(),
    deliveredAt: iso(row.delivered_at),
    cancelledAt: iso(row.cancelled_at),
    cancellationReason: row.cancellation_reason,
    url: `/api/v1/receipts/${row.id}/pdf`,
    cancellationUrl: row.cancelled_at ? `/api/v1/receipts/${row.id}/cancellation.pdf` : null,
  };
}

/** A case's receipts and acknowledgments, oldest first (404 for another creditor's case). */
export async function listCaseReceipts(ctx: ActorContext, caseId: string): Promise<{ items: Receipt[] }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await emExec(ctx.em)<ListRow>(`${LIST_SELECT} where r.case_id = ? order by r.issued_at, r.seq nulls last, r.id`, [found.id]);
  return { items: rows.map(toReceipt) };
}

/** The receipts register: every receipt, newest first, by issue day (Paris), creditor and kind. */
export async function receiptRegister(ctx: ActorContext, query: z.infer<typeof receiptRegisterQuery>): Promise<{ items: Receipt[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  const scope = creditorScope(ctx.actor);
  if (scope) filters.push(sql`r.creditor_id = ${scope}`);
  if (query.from) filters.push(sql`(r.issued_at at time zone 'Europe/Paris')::date >= ${query.from}::date`);
  if (query.to) filters.push(sql`(r.issued_at at time zone 'Europe/Paris')::date <= ${query.to}::date`);
  if (query.creditorId) filters.push(sql`r.creditor_id = ${query.creditorId}`);
  if (query.kind) filters.push(sql`r.kind = ${query.kind}`);
  if (query.cursor) {
    const [issuedAt, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    filters.push(sql`(r.issued_at, r.id) < (${issuedAt}::timestamptz, ${id}::uuid)`);
  }
  const statement = sql`${rawSql(LIST_SELECT)} ${whereAll(filters)} order by r.issued_at desc, r.id desc limit ${query.limit + 1}`;
  const rows = await emExec(ctx.em)<ListRow>(statement.sql, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toReceipt), nextCursor: rows.length > query.limit && last ? encodeCursor([last.issued_key, last.id]) : null };
}

export type ReceiptPdf = { fileName: string; contentType: string; content: Buffer };

/** The stored copy of a document, if any. */
async function storedDocument(exec: SqlExec, documentId: string | null): Promise<ReceiptPdf | null> {
  if (!documentId) return null;
  const [row] = await exec<{ file_name: string; content_type: string; content: Buffer }>('select file_name, content_type, content from case_document where id = ?', [documentId]);
  return row ? { fileName: row.file_name, contentType: row.content_type, content: row.content } : null;
}

/**
 * Renders a payment document from its receipt row (receipt, acknowledgment, or cancellation
 * notice), after the compliance check (CPCE R124-4, R124-7: a document missing a mention is not
 * produced, 422 receipt_document_refused with the problems).
 */
export async function renderReceiptDocument(
  ctx: ServiceContext,
  exec: SqlExec,
  row: ReceiptRow,
  options: { cancellation: boolean; portalUrl?: string },
): Promise<{ pdf: Buffer; reference: string; title: string; letter: ReceiptLetter }> {
  const letter = await receiptLetter(ctx, exec, row, { cancellation: options.cancellation, locale: 'fr', ...(options.portalUrl ? { portalUrl: options.portalUrl } : {}) });
  const compliance = checkLetterCompliance('receipt', letter.props);
  if (!compliance.ok) throw new AppError('receipt_document_refused', 422, { problems: compliance.problems.map((problem) => problem.code) });
  const pdf = await renderLetterIsolated('receipt', letter.props);
  return { pdf, reference: letter.reference, title: DOCUMENT_TITLES[letter.document], letter };
}

export const DOCUMENT_TITLES = {
  receipt: 'Quittance',
  direct_payment_acknowledgment: 'Accusé de paiement direct au créancier',
  cancellation: 'Avis d’annulation de quittance',
} as const;

async function documentPdf(ctx: ServiceContext, row: ReceiptRow, cancellation: boolean, portalUrl?: string): Promise<ReceiptPdf> {
  if (cancellation && !row.cancelled_at) throw new AppError('receipt_not_cancelled', 404);
  const exec = emExec(ctx.em);
  const stored = await storedDocument(exec, cancellation ? row.cancellation_document_id : row.document_id);
  if (stored) return stored;
  const rendered = await renderReceiptDocument(ctx, exec, row, { cancellation, ...(portalUrl ? { portalUrl } : {}) });
  return { fileName: `${rendered.reference}.pdf`, contentType: 'application/pdf', content: rendered.pdf };
}

/** A receipt's PDF (or its cancellation notice's) for staff or the creditor of its case. */
export async function receiptPdf(ctx: ActorContext, receiptId: string, cancellation: boolean): Promise<ReceiptPdf> {
  await requireAccess(ctx, 'receipt', receiptId);
  const row = await loadReceiptRow(emExec(ctx.em), receiptId);
  if (!row) throw new AppError('not_found', 404);
  await recordCaseRead(ctx, { action: 'document_downloaded', caseId: row.case_id, creditorId: row.creditor_id, entity: 'receipt', entityId: row.id });
  return await documentPdf(ctx, row, cancellation);
}

/** The debtor's receipts on the portal (only the token's case). */
export async function listPortalReceipts(ctx: PortalContext): Promise<{ items: PortalReceipt[] }> {
  const caseId = await verifiedCaseId(ctx);
  const rows = await emExec(ctx.em)<ListRow>(`${LIST_SELECT} where r.case_id = ? order by r.issued_at, r.seq nulls last, r.id`, [caseId]);
  const base = `/api/v1/portal/${encodeURIComponent(ctx.debtor.token)}/receipts`;
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      number: row.number,
      receivedOn: row.received_on,
      amountCents: Number(row.amount_cents),
      currency: row.currency,
      method: row.method,
      cancelled: row.cancelled_at !== null,
      url: `${base}/${row.id}/pdf`,
      cancellationUrl: row.cancelled_at ? `${base}/${row.id}/cancellation.pdf` : null,
    })),
  };
}

/** One of the debtor's receipts on the portal (404 for a receipt of another case). */
export async function portalReceiptPdf(ctx: PortalContext, receiptId: string, cancellation: boolean): Promise<ReceiptPdf> {
  const caseId = await verifiedCaseId(ctx);
  const row = await loadReceiptRow(emExec(ctx.em), receiptId);
  if (!row || row.case_id !== caseId) throw new AppError('not_found', 404);
  return await documentPdf(ctx, row, cancellation, `${ctx.config.publicUrl}/pay/${ctx.debtor.token}`);
}
