import type { Statement } from '@relance/domain/statement';
import type { ReceiptDocument, ReceiptMethod, ReceiptTerms } from '@relance/templates/letter-model';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { statementsAtPayment } from '../cases/statement.ts';

// The payment documents of CPCE R124-6, read from the `receipt` rows (written with the payment,
// payments/book.ts): the agency's receipt (numbered without gaps), the acknowledgment of a payment
// made directly to the creditor (not a receipt), and the notice that a receipt is cancelled. Each
// states the payment's own date, amount and method, its allocation and the balance AS OF that
// payment (the décompte at its date with the payments up to it), never today's. Here, in messages,
// because the manual 'receipt' message uses them too; the money feature renders and delivers them.

export type ReceiptRow = {
  id: string;
  kind: 'receipt' | 'direct_payment_acknowledgment';
  number: string | null;
  payment_id: string;
  case_id: string;
  creditor_id: string;
  issued_at: Date;
  document_id: string | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  cancellation_reason: string | null;
  cancellation_document_id: string | null;
  amount_cents: string;
  currency: string;
  received_on: string;
  method: string;
  case_reference: string;
};

const RECEIPT_SELECT = `select r.id, r.kind, r.number, r.payment_id, r.case_id, r.creditor_id, r.issued_at, r.document_id, r.delivered_at,
         r.cancelled_at, r.cancellation_reason, r.cancellation_document_id, p.amount_cents, p.currency,
         to_char(p.received_on, 'YYYY-MM-DD') as received_on, p.method, c.reference as case_reference
    from receipt r join payment_record p on p.id = r.payment_id join collection_case c on c.id = r.case_id`;

/** One receipt row with its payment, or null. `lock`: for update (a delivery job). */
export async function loadReceiptRow(exec: SqlExec, receiptId: string, options: { lock?: boolean } = {}): Promise<ReceiptRow | null> {
  const [row] = await exec<ReceiptRow>(`${RECEIPT_SELECT} where r.id = ?${options.lock ? ' for update of r' : ''}`, [receiptId]);
  return row ?? null;
}

/** The case's latest receipt or acknowledgment still standing (the manual 'receipt' message). */
async function latestReceiptOfCase(exec: SqlExec, caseId: string): Promise<ReceiptRow | null> {
  const [row] = await exec<ReceiptRow>(`${RECEIPT_SELECT} where r.case_id = ? and r.cancelled_at is null order by r.issued_at desc, r.seq desc nulls last limit 1`, [caseId]);
  return row ?? null;
}

const RECEIPT_METHODS = new Set<string>(['card', 'transfer', 'cheque', 'direct_debit', 'cash', 'direct_to_creditor', 'other']);

const methodOf = (method: string): ReceiptMethod => (RECEIPT_METHODS.has(method) ? (method as ReceiptMethod) : 'other');

export const parisDay = (instant: Date): string => todayInParis({ now: () => new Date(instant) });

/** The document a receipt row gives: its own kind, or its cancellation notice. */
export function documentOf(row: ReceiptRow, cancellation: boolean): ReceiptDocument {
  return cancellation ? 'cancellation' : row.kind;
}

/** The document's own reference (printed as "Notre lettre …" and used as its file name). */
export function receiptReference(row: ReceiptRow, document: ReceiptDocument): string {
  if (document === 'cancellation') return `${row.number ?? `A-${row.case_reference}-${row.id.slice(0, 8).toUpperCase()}`}-ANNUL`;
  return row.number ?? `A-${row.case_reference}-${row.id.slice(0, 8).toUpperCase()}`;
}

/**
 * The terms of a payment document and the décompte it prints. A receipt or an acknowledgment: the
 * décompte as of the payment (the debtor's view, the claims not prescribed: its balance is what
 * remained to pay), the allocation from the whole décompte (a receipt acknowledges the whole sum,
 * the part that went to a claim now prescribed included, C. civ. 2249). A cancellation: the
 * décompte of today (`today`, the reversed payment left out), whose balance is the one restored.
 */
export async function paymentDocumentTerms(
  ctx: Pick<ServiceContext, 'em' | 'clock'>,
  row: ReceiptRow,
  document: ReceiptDocument,
  today: Statement,
): Promise<{ receipt: ReceiptTerms; statement: Statement }> {
  const common = { receiptNumber: row.number, receivedOn: row.received_on, amountCents: Number(row.amount_cents), method: methodOf(row.method) };
  if (document === 'cancellation') {
    const cancelledAt = row.cancelled_at ?? ctx.clock.now();
    return {
      receipt: {
        ...common,
        document,
        allocations: [],
        remainingBalanceCents: today.totals.balanceCents,
        cancellation: { issuedOn: parisDay(row.issued_at), cancelledOn: parisDay(cancelledAt), reason: row.cancellation_reason ?? '' },
      },
      statement: today,
    };
  }
  const { debtor, payment } = await statementsAtPayment(ctx, row.case_id, row.payment_id);
  return {
    receipt: { ...common, document, allocations: [...payment.allocations], remainingBalanceCents: debtor.totals.balanceCents },
    statement: debtor,
  };
}

/**
 * The manual 'receipt' message (messages/letter-details.ts): the case's latest receipt still
 * standing, with its décompte as of its payment; null when the case has none.
 */
export async function latestReceiptTerms(ctx: ServiceContext, exec: SqlExec, caseId: string, today: Statement): Promise<{ receipt: ReceiptTerms; statement: Statement } | null> {
  const row = await latestReceiptOfCase(exec, caseId);
  return row ? await paymentDocumentTerms(ctx, row, row.kind, today) : null;
}

