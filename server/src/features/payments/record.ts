import type { RecordPaymentBody } from '@relance/contracts/cases';
import type { CaseStatus } from '@relance/domain/case-status';
import { todayInParis } from '../../plugins/context.ts';
import { emExec } from '../../plugins/sql.ts';
import { refreshPrescriptionDates } from '../cases/prescription.ts';
import { outstandingFigures, type ReadContext } from '../cases/statement.ts';
import { changeCaseStatus } from '../cases/status.ts';
import { addEntry } from '../cases/timeline.ts';
import { queueCommitmentChecks } from '../promises/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { type BookedPayment, bookPaymentReceived } from './book.ts';

// The one door through which money for a case is recorded, whoever saw it arrive: the card
// provider's webhook, an agent (transfer, cheque), the creditor (paid directly), a bank statement
// (camt.053, the money feature). Everything a payment causes happens here, in the caller's
// transaction: the row, the timeline, the creditor's `payment.received` webhook, the promise and
// plan checks, the prescription dates it interrupts (C. civ. 2240), the ledger and the receipt.

export type IncomingPayment = {
  readonly caseId: string;
  readonly creditorId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly receivedOn: string;
  readonly method: RecordPaymentBody['method'];
  /** With a reference, the same provider event records one payment however often it comes. */
  readonly provider?: string | null;
  readonly providerReference?: string | null;
  readonly claimRef?: string | null;
  readonly overpayment?: boolean;
  readonly authorId?: string | null;
  readonly timelineText: string;
  /** The money was first posted to suspense: the caller posts its match instead of the receipt entry. */
  readonly viaSuspense?: boolean;
};

export type RecordedPayment = { readonly id: string; readonly created: boolean } & BookedPayment;

export async function recordIncomingPayment(ctx: ReadContext, input: IncomingPayment): Promise<RecordedPayment> {
  const exec = emExec(ctx.em);
  const inserted = await exec<{ id: string }>(
    `insert into payment (case_id, amount_cents, currency, received_on, method, provider, provider_reference, claim_ref, overpayment)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider, provider_reference) do nothing returning id`,
    [input.caseId, input.amountCents, input.currency, input.receivedOn, input.method, input.provider ?? null, input.providerReference ?? null, input.claimRef ?? null, input.overpayment ?? false],
  );
  const row = inserted[0];
  if (!row) {
    const [existing] = await exec<{ id: string }>('select id from payment_record where provider = ? and provider_reference = ?', [input.provider ?? null, input.providerReference ?? null]);
    return { id: (existing as { id: string }).id, created: false, receiptId: null, transactionId: null };
  }
  await addEntry(exec, ctx.clock, {
    caseId: input.caseId,
    kind: 'payment',
    authorId: input.authorId ?? null,
    text: input.timelineText,
    event: {
      code: 'payment_recorded',
      params: {
        amountCents: input.amountCents,
        currency: input.currency,
        receivedOn: input.receivedOn,
        method: input.method,
        reference: input.providerReference ?? null,
        claimRef: input.claimRef ?? null,
        overpayment: input.overpayment ?? false,
      },
    },
  });
  await emitCreditorEvent(ctx.em, {
    creditorId: input.creditorId,
    type: 'payment.received',
    data: {
      caseId: input.caseId,
      paymentId: row.id,
      amountCents: input.amountCents,
      currency: input.currency,
      receivedOn: input.receivedOn,
      method: input.method,
      claimRef: input.claimRef ?? null,
      overpayment: input.overpayment ?? false,
    },
    occurredAt: ctx.clock.now(),
  });
  await queueCommitmentChecks(exec, input.caseId);
  // C. civ. 2240: the payment interrupts the prescription of the claims it was allocated to.
  await refreshPrescriptionDates(ctx, [input.caseId]);
  const booked = await bookPaymentReceived(ctx, row.id, { viaSuspense: input.viaSuspense === true });
  await closeWhenPaidInFull(ctx, input.caseId);
  return { id: row.id, created: true, ...booked };
}

// Where a case paid in full closes by itself: the amicable stages. A plan closes through its own
// completion (plans service), a dispute waits for its resolution, a case in court or with the
// commissaire de justice waits for the agent (costs and the procedure are settled there).
const CLOSES_WHEN_PAID: readonly CaseStatus[] = ['new', 'amicable', 'promise'];

/**
 * A case whose décompte (principal, interest and indemnities as of today) is settled closes as
 * paid, so staff and creditor see "Clos : payé" rather than an open amicable case with nothing
 * left to collect (issue 20). The status module writes the timeline entry and case.closed.
 */
async function closeWhenPaidInFull(ctx: ReadContext, caseId: string): Promise<void> {
  const [current] = await ctx.em.execute<{ status: CaseStatus }[]>('select status from collection_case where id = ?', [caseId]);
  if (!current || !CLOSES_WHEN_PAID.includes(current.status)) return;
  const figures = (await outstandingFigures(ctx, [caseId], todayInParis(ctx.clock))).get(caseId);
  if (!figures || figures.balanceCents > 0) return;
  await changeCaseStatus(ctx, caseId, 'closed', {
    reason: 'Solde intégralement réglé.',
    outcome: 'paid',
    entryEvent: { code: 'case_paid_in_full', params: { fromStatus: current.status, toStatus: 'closed', outcome: 'paid' } },
  });
}
