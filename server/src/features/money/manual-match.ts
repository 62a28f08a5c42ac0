import { suspenseMatchedPostings } from '@relance/domain/ledger';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { outstandingFigures, type ReadContext } from '../cases/statement.ts';
import { postTransaction } from '../ledger/journal.ts';
import { bookPaymentReversed } from '../payments/book.ts';
import { BANK_PROVIDER, postUnmatchedReceipt, recordBankPayment, type SettleContext } from './reconciliation.ts';

// A human's hand on the reconciliation queue (issue 17): an unmatched credit, waiting in suspense,
// is attributed to a case (the payment is recorded through the payments' door without its own
// posting, and the suspense is cleared to the creditor by `suspense_matched`); a match, made by a
// human or by the RF reference, is undone with reversing entries (never an edit): the payment is
// reversed (its receipt cancelled) and the money waits in suspense again. Both are audited.

type EntryRow = {
  id: string;
  status: string;
  direction: 'credit' | 'debit';
  amount_cents: string;
  currency: string;
  booked_on: string;
  entry_reference: string;
  payment_id: string | null;
  case_id: string | null;
  match_kind: 'automatic' | 'manual' | null;
};

async function lockEntry(exec: SqlExec, entryId: string): Promise<EntryRow> {
  const [row] = await exec<EntryRow>(
    `select id, status, direction, amount_cents, currency, to_char(booked_on, 'YYYY-MM-DD') as booked_on, entry_reference, payment_id, case_id, match_kind
       from bank_entry where id = ? for update`,
    [entryId],
  );
  if (!row) throw new AppError('not_found', 404);
  return row;
}

/** The part of a payment just recorded beyond everything the case owes, less what is already put aside for the debtor. */
async function excessOfNewPayment(ctx: ReadContext, caseId: string, amountCents: number): Promise<number> {
  const figures = (await outstandingFigures(ctx, [caseId], todayInParis(ctx.clock))).get(caseId);
  const creditAfter = figures ? Math.max(0, figures.refundDueCents) : 0;
  const [booked] = await ctx.em.execute<{ cents: string | null }[]>(
    `select sum(l.credit_cents - l.debit_cents) as cents from ledger_line l join ledger_transaction t on t.id = l.transaction_id
      where l.account = 'debtor_refund_due' and l.case_id = ? and t.kind in ('payment_received', 'suspense_matched', 'reversal')`,
    [caseId],
  );
  return Math.min(amountCents, Math.max(0, creditAfter - Number(booked?.cents ?? 0)));
}

/** Attributes an unmatched credit to a case. 409 when it is matched already or is not a waiting credit. */
export async function matchBankEntry(ctx: ActorContext, entryId: string, caseId: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const entry = await lockEntry(exec, entryId);
    if (entry.status === 'matched') throw new AppError('bank_entry_already_matched', 409, { paymentId: entry.payment_id, caseId: entry.case_id });
    if (entry.status !== 'unmatched') throw new AppError('bank_entry_not_matchable', 409, { status: entry.status });
    const [found] = await exec<{ id: string; creditor_id: string; reference: string }>('select id, creditor_id, reference from collection_case where id = ?', [caseId]);
    if (!found) throw new AppError('not_found', 404);
    const settle: SettleContext = { em, clock: ctx.clock, actorId: ctx.actor.userId };
    // A credit matched, undone and matched again gets a new payment: the provider reference stays unique.
    const [earlier] = await exec<{ count: string }>(`select count(*) as count from payment_record where provider = ? and provider_reference like ?`, [BANK_PROVIDER, `${entry.id}%`]);
    const tries = Number(earlier?.count ?? 0);
    const amountCents = Number(entry.amount_cents);
    const stored = { id: entry.id, amountCents, bookedOn: entry.booked_on, entryReference: entry.entry_reference };
    const payment = await recordBankPayment(settle, stored, found, { viaSuspense: true, providerReference: tries === 0 ? entry.id : `${entry.id}:${tries + 1}` });
    const posted = await postTransaction(exec, ctx.clock, {
      kind: 'suspense_matched',
      bookedOn: todayInParis(ctx.clock),
      description: `Virement en attente rapproché du dossier ${found.reference} (écriture bancaire ${entry.entry_reference})`,
      source: { type: 'payment', id: payment.id },
      creditorId: found.creditor_id,
      caseId: found.id,
      idempotencyKey: `match:${entry.id}:${payment.id}`,
      recordedBy: ctx.actor.userId,
      postings: suspenseMatchedPostings({ creditorId: found.creditor_id, caseId: found.id, amountCents, excessCents: await excessOfNewPayment({ em, clock: ctx.clock }, found.id, amountCents) }),
    });
    await exec(`update bank_entry set status = 'matched', match_kind = 'manual', payment_id = ?, case_id = ?, ledger_transaction_id = ?, updated_at = ? where id = ?`, [
      payment.id,
      found.id,
      posted.id,
      ctx.clock.now(),
      entry.id,
    ]);
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'bank_entry_matched',
      entity: 'bank_entry',
      entityId: entry.id,
      details: { paymentId: payment.id, amountCents, entryReference: entry.entry_reference },
      caseId: found.id,
      creditorId: found.creditor_id,
    });
  });
}

/** Undoes a match: the payment is reversed and the credit waits in suspense again. */
export async function unmatchBankEntry(ctx: ActorContext, entryId: string, reason: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const entry = await lockEntry(exec, entryId);
    if (entry.status !== 'matched' || entry.payment_id === null) throw new AppError('bank_entry_not_matched', 409, { status: entry.status });
    const settle: SettleContext = { em, clock: ctx.clock, actorId: ctx.actor.userId };
    const today = todayInParis(ctx.clock);
    // A manual match's reversal clears `suspense_matched`: the money is back in suspense. An
    // automatic match's reverses `payment_received`: the credit is posted to suspense anew.
    await bookPaymentReversed(settle, entry.payment_id, { reason: `Rapprochement annulé : ${reason}`, bookedOn: today, recordedBy: ctx.actor.userId });
    let transactionId: string | null = null;
    if (entry.match_kind !== 'manual') {
      const posted = await postUnmatchedReceipt(settle, { id: entry.id, amountCents: Number(entry.amount_cents), bookedOn: today, entryReference: entry.entry_reference }, `unmatch:${entry.id}:${entry.payment_id}`);
      transactionId = posted.id;
    }
    await exec(
      `update bank_entry set status = 'unmatched', match_kind = null, payment_id = null, case_id = null,
              ledger_transaction_id = coalesce(?::uuid, (select t.id from ledger_transaction t where t.source_type = 'bank_entry' and t.source_id = bank_entry.id and t.kind = 'unmatched_receipt' order by t.seq desc limit 1)),
              updated_at = ? where id = ?`,
      [transactionId, ctx.clock.now(), entry.id],
    );
    const [caseRow] = await exec<{ creditor_id: string }>('select creditor_id from collection_case where id = ?', [entry.case_id]);
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'bank_entry_unmatched',
      entity: 'bank_entry',
      entityId: entry.id,
      details: { paymentId: entry.payment_id, reason, matchKind: entry.match_kind },
      caseId: entry.case_id,
      creditorId: caseRow?.creditor_id ?? null,
    });
  });
}
