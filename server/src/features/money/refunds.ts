import type { DebtorRefund, RefundPaidByHandBody } from '@relance/contracts/money';
import { frenchDate } from '@relance/domain/calendar';
import { refundSentPostings } from '@relance/domain/ledger';
import { formatMoney } from '@relance/domain/money';
import type { ServiceContext, UserActor } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { addEntry } from '../cases/timeline.ts';
import { postTransaction } from '../ledger/journal.ts';

const methodLabels: Record<RefundPaidByHandBody['method'], string> = {
  card_refund: 'remboursement sur la carte',
  cheque: 'chèque',
  transfer: 'virement',
  cash: 'espèces',
};

type RefundRow = { id: string; case_id: string; creditor_id: string; reference: string; amount_cents: string; status: DebtorRefund['status'] };

/**
 * An overpayment with no account to send it back to (a card, a cheque) is refunded by hand: the
 * accountant records the day and the means, which books it out of the client account
 * (`refund_sent`, the same key as a transfer's, so it is booked once) and tells the case's timeline.
 * Only a 'manual' refund: 409 refund_not_manual otherwise.
 */
export async function recordRefundPaidByHand(ctx: ServiceContext & { actor: UserActor }, refundId: string, body: RefundPaidByHandBody): Promise<DebtorRefund> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const [refund] = await exec<RefundRow>(
      `select f.id, f.case_id, f.creditor_id, c.reference, f.amount_cents, f.status
         from debtor_refund f join collection_case c on c.id = f.case_id where f.id = ? for update of f`,
      [refundId],
    );
    if (!refund) throw new AppError('not_found', 404);
    if (refund.status !== 'manual') throw new AppError('refund_not_manual', 409, { status: refund.status });
    const amountCents = Number(refund.amount_cents);
    await postTransaction(exec, ctx.clock, {
      kind: 'refund_sent',
      bookedOn: body.paidOn,
      description: `Remboursement d’un trop-perçu au débiteur (${methodLabels[body.method]})`,
      source: { type: 'refund', id: refund.id },
      creditorId: refund.creditor_id,
      caseId: refund.case_id,
      idempotencyKey: `refund:${refund.id}:sent`,
      recordedBy: ctx.actor.userId,
      postings: refundSentPostings({ creditorId: refund.creditor_id, caseId: refund.case_id, amountCents }),
    });
    await exec(`update debtor_refund set status = 'paid_by_hand', paid_on = ?, paid_method = ?, paid_by = ? where id = ?`, [body.paidOn, body.method, ctx.actor.userId, refund.id]);
    await addEntry(exec, ctx.clock, {
      caseId: refund.case_id,
      kind: 'payment',
      authorId: ctx.actor.userId,
      text: `Trop-perçu de ${formatMoney(amountCents, 'EUR', 'fr')} remboursé au payeur le ${frenchDate(body.paidOn)} (${methodLabels[body.method]}).`,
      event: { code: 'refund_paid', params: { amountCents, currency: 'EUR', paidOn: body.paidOn, refundMethod: body.method } },
    });
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'refund_paid_by_hand',
      entity: 'debtor_refund',
      entityId: refund.id,
      caseId: refund.case_id,
      creditorId: refund.creditor_id,
      details: { amountCents, paidOn: body.paidOn, method: body.method },
    });
    return { id: refund.id, caseId: refund.case_id, caseReference: refund.reference, amountCents, iban: null, status: 'paid_by_hand' };
  });
}
