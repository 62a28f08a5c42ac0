import { frenchDate } from '@relance/domain/calendar';
import { paymentReceivedPostings } from '@relance/domain/ledger';
import { formatMoney } from '@relance/domain/money';
import { todayInParis } from '../../plugins/context.ts';
import { emExec } from '../../plugins/sql.ts';
import { refreshPrescriptionDates } from '../cases/prescription.ts';
import { outstandingFigures, type ReadContext } from '../cases/statement.ts';
import { addEntry, clockAt } from '../cases/timeline.ts';
import { postTransaction, reverseTransaction } from '../ledger/journal.ts';
import { nextReceiptNumber } from '../ledger/receipt-numbers.ts';
import { queueCommitmentChecks } from '../promises/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';

// What a payment does to the money books, in the payment's own transaction (issue 17):
// - money received by the agency (card, transfer, cheque, other) is posted to the client-funds
//   ledger: the bank account against the creditor's payable, and any excess over the balance due
//   against a refund due to the debtor (never a negative balance);
// - it gets a receipt numbered without gaps (CPCE R124-6), or, paid directly to the creditor, an
//   acknowledgment that says so (no money reached the agency: nothing is posted; the commission
//   it may bear is charged at the remittance run);
// - a credit note imported with the invoices is neither money nor a payment received: nothing.
// The receipt's document is rendered and delivered by the job `money__deliver_receipt`.

type PaymentRow = {
  id: string;
  case_id: string;
  creditor_id: string;
  reference: string;
  amount_cents: string;
  received_on: string;
  method: string;
  reversed_at: Date | null;
};

export type BookedPayment = { readonly receiptId: string | null; readonly transactionId: string | null };

const NOT_MONEY = new Set(['credit_note']);

async function loadPayment(ctx: ReadContext, paymentId: string): Promise<PaymentRow> {
  const [row] = await ctx.em.execute<PaymentRow[]>(
    `select p.id, p.case_id, c.creditor_id, c.reference, p.amount_cents, to_char(p.received_on, 'YYYY-MM-DD') as received_on, p.method, p.reversed_at
       from payment_record p join collection_case c on c.id = p.case_id where p.id = ?`,
    [paymentId],
  );
  if (!row) throw new Error(`payment ${paymentId} does not exist`);
  return row;
}

/**
 * The part of a payment beyond everything owed: the case's credit after it (the décompte's
 * refund due) less what earlier payments already put aside for the debtor.
 */
async function excessOf(ctx: ReadContext, payment: PaymentRow): Promise<number> {
  const figures = (await outstandingFigures(ctx, [payment.case_id], todayInParis(ctx.clock))).get(payment.case_id);
  const creditAfter = figures ? Math.max(0, figures.refundDueCents) : 0;
  const [booked] = await ctx.em.execute<{ cents: string | null }[]>(
    `select sum(l.credit_cents - l.debit_cents) as cents from ledger_line l join ledger_transaction t on t.id = l.transaction_id
      where l.account = 'debtor_refund_due' and l.case_id = ? and t.kind in ('payment_received', 'suspense_matched', 'reversal')`,
    [payment.case_id],
  );
  return Math.min(Number(payment.amount_cents), Math.max(0, creditAfter - Number(booked?.cents ?? 0)));
}

/**
 * Books a payment just recorded (same transaction): ledger and receipt. Idempotent: a payment
 * already booked is left as it is. `deliver: false` numbers the receipt without sending it (the
 * demo's back-dated history).
 */
export async function bookPaymentReceived(ctx: ReadContext, paymentId: string, options: { deliver?: boolean; viaSuspense?: boolean } = {}): Promise<BookedPayment> {
  const payment = await loadPayment(ctx, paymentId);
  if (NOT_MONEY.has(payment.method) || payment.reversed_at !== null) return { receiptId: null, transactionId: null };
  const exec = emExec(ctx.em);
  const [existing] = await exec<{ id: string }>('select id from receipt where payment_id = ?', [paymentId]);
  if (existing) return { receiptId: existing.id, transactionId: null };
  const direct = payment.method === 'direct_to_creditor';
  let transactionId: string | null = null;
  if (!direct && options.viaSuspense !== true) {
    const amountCents = Number(payment.amount_cents);
    const posted = await postTransaction(exec, ctx.clock, {
      kind: 'payment_received',
      bookedOn: payment.received_on,
      description: `Encaissement ${payment.method} dossier ${payment.reference}`,
      source: { type: 'payment', id: payment.id },
      creditorId: payment.creditor_id,
      caseId: payment.case_id,
      idempotencyKey: `payment:${payment.id}`,
      postings: paymentReceivedPostings({ creditorId: payment.creditor_id, caseId: payment.case_id, amountCents, excessCents: await excessOf(ctx, payment) }),
    });
    transactionId = posted.id;
  }
  const issuedAt = ctx.clock.now();
  const numbered = direct ? null : await nextReceiptNumber(exec, Number(todayInParis(ctx.clock).slice(0, 4)));
  const [receipt] = await exec<{ id: string }>(
    `insert into receipt (kind, year, seq, number, payment_id, case_id, creditor_id, issued_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [direct ? 'direct_payment_acknowledgment' : 'receipt', numbered?.year ?? null, numbered?.seq ?? null, numbered?.number ?? null, payment.id, payment.case_id, payment.creditor_id, issuedAt],
  );
  const receiptId = (receipt as { id: string }).id;
  if (options.deliver !== false) {
    await exec(`select graphile_worker.add_job('money__deliver_receipt', json_build_object('receiptId', ?::text), job_key => ?, max_attempts => 10)`, [receiptId, `receipt:${receiptId}`]);
  }
  return { receiptId, transactionId };
}

/**
 * A payment that did not stand (a bank reversal, a match undone, a cheque returned): the payment
 * row is marked reversed (the `payment` view, read by every décompte, leaves it out), each ledger
 * transaction it caused gets its reversing entry, and its receipt is cancelled, with a notice to
 * the debtor (job `money__deliver_receipt_cancellation`). Idempotent: reversing twice does nothing.
 */
export async function bookPaymentReversed(ctx: ReadContext, paymentId: string, input: { reason: string; bookedOn: string; recordedBy?: string | null }): Promise<boolean> {
  const exec = emExec(ctx.em);
  const [reversed] = await exec<{ id: string; case_id: string; amount_cents: string; currency: string; received_on: string }>(
    `update payment_record set reversed_at = ?, reversal_reason = ? where id = ? and reversed_at is null
     returning id, case_id, amount_cents, currency, to_char(received_on, 'YYYY-MM-DD') as received_on`,
    [ctx.clock.now(), input.reason, paymentId],
  );
  if (!reversed) return false;
  const transactions = await exec<{ id: string }>(
    `select t.id from ledger_transaction t
      where t.source_type = 'payment' and t.source_id = ? and t.kind <> 'reversal'
        and not exists (select 1 from ledger_transaction r where r.reverses_id = t.id) order by t.seq`,
    [paymentId],
  );
  for (const transaction of transactions) {
    await reverseTransaction(exec, ctx.clock, { transactionId: transaction.id, bookedOn: input.bookedOn, reason: input.reason, recordedBy: input.recordedBy ?? null });
  }
  const cancelled = await exec<{ id: string }>(
    'update receipt set cancelled_at = ?, cancellation_reason = ? where payment_id = ? and cancelled_at is null returning id',
    [ctx.clock.now(), input.reason, paymentId],
  );
  for (const receipt of cancelled) {
    await exec(`select graphile_worker.add_job('money__deliver_receipt_cancellation', json_build_object('receiptId', ?::text), job_key => ?, max_attempts => 10)`, [
      receipt.id,
      `receipt-cancel:${receipt.id}`,
    ]);
  }
  await afterReversal(ctx, reversed, input.reason);
  return true;
}

/** What a reversal changes around the case: timeline, the creditor's webhook, promises and plans, prescription. */
async function afterReversal(ctx: ReadContext, payment: { id: string; case_id: string; amount_cents: string; currency: string; received_on: string }, reason: string): Promise<void> {
  const exec = emExec(ctx.em);
  const amountCents = Number(payment.amount_cents);
  await addEntry(exec, ctx.clock, {
    caseId: payment.case_id,
    kind: 'payment',
    text: `Paiement du ${frenchDate(payment.received_on)} annulé (${formatMoney(amountCents, payment.currency.trim(), 'fr')}) : ${reason}. Le solde est rétabli.`,
    event: { code: 'payment_cancelled', params: { amountCents, currency: payment.currency.trim(), receivedOn: payment.received_on, reason } },
  });
  const [owner] = await exec<{ creditor_id: string }>('select creditor_id from collection_case where id = ?', [payment.case_id]);
  await emitCreditorEvent(ctx.em, {
    creditorId: (owner as { creditor_id: string }).creditor_id,
    type: 'payment.reversed',
    data: { caseId: payment.case_id, paymentId: payment.id, amountCents, currency: payment.currency.trim(), receivedOn: payment.received_on, reason },
    occurredAt: ctx.clock.now(),
  });
  await queueCommitmentChecks(exec, payment.case_id);
  // The payment never happened: it interrupts nothing (C. civ. 2240).
  await refreshPrescriptionDates(ctx, [payment.case_id]);
}

/**
 * Books every payment that has neither a receipt nor a ledger entry (demo data written before
 * the books, a database migrated from before issue 17), oldest first, without sending receipts.
 */
export async function bookUnbookedPayments(ctx: ReadContext): Promise<number> {
  const rows = await ctx.em.execute<{ id: string; received_on: string }[]>(
    `select p.id, to_char(p.received_on, 'YYYY-MM-DD') as received_on from payment p where p.method <> 'credit_note'
        and not exists (select 1 from receipt r where r.payment_id = p.id)
        and not exists (select 1 from ledger_transaction t where t.source_type = 'payment' and t.source_id = p.id)
      order by p.received_on, p.created_at`,
  );
  // Booked as of its own day (noon, Paris): the receipt's issue date and number year, the décompte
  // that tells an excess, the journal's recording time are the payment's, as they would have been.
  for (const row of rows) await bookPaymentReceived({ em: ctx.em, clock: clockAt(new Date(`${row.received_on}T11:00:00Z`)) }, row.id, { deliver: false });
  return rows.length;
}
