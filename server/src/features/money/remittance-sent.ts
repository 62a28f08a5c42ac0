import { refundSentPostings, remittanceSentPostings } from '@relance/domain/ledger';
import { type ActorContext, type Clock, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { accountBalance, postTransaction } from '../ledger/journal.ts';
import { emitCreditorEventWith } from '../webhooks/service.ts';

// Marking a run "sent to the bank" (the pain.001 was handed over): each remittance's transfer is
// booked (`remittance_sent`: the creditor's payable becomes in transit until the camt.053 shows
// the debit, `bank_debit_confirmed`), each refund with an IBAN leaves the client account
// (`refund_sent`), each creditor is told (webhook `remittance.sent`, R124-5), the audit trail
// keeps who sent it. Once: a second call answers 409 remittance_run_already_sent.

type RemittanceRow = {
  id: string;
  creditor_id: string;
  net_cents: string;
  gross_cents: string;
  commission_ttc_cents: string;
  deducted_cents: string;
  payment_count: number;
  statement_reference: string;
  invoice_number: string | null;
};

/** POST remittances/runs/{id}/sent, in one transaction. */
export async function sendRemittanceRun(ctx: ActorContext, runId: string): Promise<void> {
  await ctx.em.transactional(async (em) => await markRunSent(emExec(em), ctx.clock, ctx.actor.userId, runId));
}

export async function markRunSent(exec: SqlExec, clock: Clock, actorId: string | null, runId: string): Promise<void> {
  const [run] = await exec<{ status: string }>('select status from remittance_run where id = ? for update', [runId]);
  if (!run) throw new AppError('not_found', 404);
  if (run.status !== 'draft') throw new AppError('remittance_run_already_sent', 409, { status: run.status });
  const today = todayInParis(clock);
  const remittances = await exec<RemittanceRow>(
    `select r.id, r.creditor_id, r.net_cents, r.gross_cents, r.commission_ttc_cents, r.deducted_cents, r.payment_count, r.statement_reference,
            (select i.number from commission_invoice i where i.remittance_id = r.id) as invoice_number
       from remittance r where r.run_id = ? order by r.created_at, r.id`,
    [runId],
  );
  for (const remittance of remittances) await bookRemittanceSent(exec, clock, runId, today, remittance);
  const refunds = await bookRefundsSent(exec, clock, runId, today);
  const now = clock.now();
  await exec(`update remittance_run set status = 'sent', sent_at = ?, sent_by = ? where id = ?`, [now, actorId, runId]);
  await recordAudit(exec, {
    actorId,
    at: now,
    action: 'remittance_run_sent',
    entity: 'remittance_run',
    entityId: runId,
    details: {
      remittances: remittances.map((remittance) => ({ id: remittance.id, creditorId: remittance.creditor_id, netCents: Number(remittance.net_cents) })),
      refunds,
    },
  });
}

async function bookRemittanceSent(exec: SqlExec, clock: Clock, runId: string, today: string, remittance: RemittanceRow): Promise<void> {
  const net = Number(remittance.net_cents);
  if (net > 0) {
    // A payment reversed since the run was prepared lowered the payable: sending would overdraw it.
    const payable = await accountBalance(exec, 'creditor_payable', remittance.creditor_id);
    if (payable < net) throw new AppError('remittance_funds_changed', 409, { remittanceId: remittance.id, payableCents: payable, netCents: net });
    await postTransaction(exec, clock, {
      kind: 'remittance_sent',
      bookedOn: today,
      description: `Reversement ${remittance.statement_reference}`,
      source: { type: 'remittance', id: remittance.id },
      creditorId: remittance.creditor_id,
      idempotencyKey: `remittance:${remittance.id}:sent`,
      postings: remittanceSentPostings(remittance.creditor_id, net),
    });
  }
  await exec(`update remittance set status = 'sent' where id = ?`, [remittance.id]);
  await emitCreditorEventWith(exec, {
    creditorId: remittance.creditor_id,
    type: 'remittance.sent',
    occurredAt: clock.now(),
    data: {
      remittanceId: remittance.id,
      runId,
      statementReference: remittance.statement_reference,
      paymentCount: remittance.payment_count,
      grossCents: Number(remittance.gross_cents),
      commissionTtcCents: Number(remittance.commission_ttc_cents),
      deductedCents: Number(remittance.deducted_cents),
      netCents: net,
      invoiceNumber: remittance.invoice_number,
      statementUrl: `/api/v1/remittances/${remittance.id}/statement.pdf`,
    },
  });
}

/** Each refund with an IBAN leaves the client account; those without stay 'manual'. Answers how many were booked. */
async function bookRefundsSent(exec: SqlExec, clock: Clock, runId: string, today: string): Promise<number> {
  const refunds = await exec<{ id: string; case_id: string; creditor_id: string; amount_cents: string }>(
    `select id, case_id, creditor_id, amount_cents from debtor_refund where run_id = ? and status = 'draft' order by id`,
    [runId],
  );
  for (const refund of refunds) {
    await postTransaction(exec, clock, {
      kind: 'refund_sent',
      bookedOn: today,
      description: 'Remboursement d’un trop-perçu au débiteur',
      source: { type: 'refund', id: refund.id },
      creditorId: refund.creditor_id,
      caseId: refund.case_id,
      idempotencyKey: `refund:${refund.id}:sent`,
      postings: refundSentPostings({ creditorId: refund.creditor_id, caseId: refund.case_id, amountCents: Number(refund.amount_cents) }),
    });
    await exec(`update debtor_refund set status = 'sent' where id = ?`, [refund.id]);
  }
  return refunds.length;
}
