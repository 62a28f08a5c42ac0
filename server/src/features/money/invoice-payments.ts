import { randomUUID } from 'node:crypto';
import type { CommissionInvoice, InvoicePaymentBody } from '@relance/contracts/money';
import { invoicePaidPostings } from '@relance/domain/ledger';
import type { ServiceContext, UserActor } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, sql } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { postTransaction } from '../ledger/journal.ts';
import { invoicesWhere } from './remittance-read.ts';

/**
 * The creditor pays a commission invoice (the gross basis, or what a net remittance could not
 * deduct) into the agency's own account: `invoice_paid` in the agency book closes the receivable.
 * Never more than the invoice still owes (422 commission_invoice_overpaid); audited.
 */
export async function recordInvoicePayment(ctx: ServiceContext & { actor: UserActor }, invoiceId: string, body: InvoicePaymentBody): Promise<CommissionInvoice> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const [locked] = await exec<{ creditor_id: string; number: string }>('select creditor_id, number from commission_invoice where id = ? for update', [invoiceId]);
    if (!locked) throw new AppError('not_found', 404);
    const [invoice] = await invoicesWhere(exec, sql`where i.id = ${invoiceId}`, 1);
    const outstanding = invoice?.outstandingCents ?? 0;
    if (body.amountCents > outstanding) throw new AppError('commission_invoice_overpaid', 422, { amountCents: body.amountCents, outstandingCents: outstanding });
    const id = randomUUID();
    await postTransaction(exec, ctx.clock, {
      kind: 'invoice_paid',
      bookedOn: body.paidOn,
      description: `Règlement de la facture ${locked.number}`,
      source: { type: 'commission_invoice', id: invoiceId },
      creditorId: locked.creditor_id,
      idempotencyKey: `invoice-paid:${id}`,
      recordedBy: ctx.actor.userId,
      postings: invoicePaidPostings(locked.creditor_id, body.amountCents),
    });
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'commission_invoice_paid',
      entity: 'commission_invoice',
      entityId: invoiceId,
      creditorId: locked.creditor_id,
      details: { amountCents: body.amountCents, paidOn: body.paidOn },
    });
    const [updated] = await invoicesWhere(exec, sql`where i.id = ${invoiceId}`, 1);
    return updated as CommissionInvoice;
  });
}
