import { randomUUID } from 'node:crypto';
import type { FeeTransferBody } from '@relance/contracts/money';
import { feesTransferredPostings } from '@relance/domain/ledger';
import type { UserActor } from '../../plugins/context.ts';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { accountBalance, postTransaction } from './journal.ts';

/**
 * The agency takes the fees it earned (commission and costs deducted from remittances) out of the
 * client account into its own (CPCE R124-2: the client account holds only what is owed to others,
 * so fees are not left in it). Never more than is held: 422 ledger_fees_exceed_held.
 */
export async function transferFees(ctx: ServiceContext & { actor: UserActor }, body: FeeTransferBody): Promise<{ transactionId: string; amountCents: number; heldAfterCents: number }> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    // One transfer at a time: the held balance read here is the one the posting relies on.
    await exec(`select pg_advisory_xact_lock(hashtext('ledger_fee_transfer'))`);
    const held = await accountBalance(exec, 'agency_fees_held', null);
    const amountCents = body.amountCents ?? held;
    if (amountCents <= 0 || amountCents > held) throw new AppError('ledger_fees_exceed_held', 422, { amountCents, heldCents: held });
    const id = randomUUID();
    const posted = await postTransaction(exec, ctx.clock, {
      kind: 'fees_transferred',
      bookedOn: body.bookedOn ?? todayInParis(ctx.clock),
      description: 'Virement des honoraires acquis du compte de tiers vers le compte de l’agence',
      source: { type: 'fees_transfer', id },
      idempotencyKey: `fees:${id}`,
      recordedBy: ctx.actor.userId,
      postings: feesTransferredPostings(amountCents),
    });
    await recordAudit(exec, { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'fees_transferred', entity: 'ledger_transaction', entityId: posted.id, details: { amountCents } });
    return { transactionId: posted.id, amountCents, heldAfterCents: held - amountCents };
  });
}
