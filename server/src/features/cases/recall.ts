import type { RecallBody, RecalledCase } from '@relance/contracts/creditor-api';
import { findAccessible } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { CollectionCase } from './entities.ts';
import { changeCaseStatus } from './status.ts';
import { clockAt } from './timeline.ts';

/**
 * The creditor takes a case back (its mandate for this case ends): the case is closed (cases/status.ts) with
 * the outcome returned_to_creditor, the reason is kept, the timeline says so and the
 * creditor's webhooks get case.closed, all in one transaction. A closed case cannot be recalled
 * (409 case_closed); with an Idempotency-Key a retry replays the first answer.
 */
export async function recallCase(
  ctx: ActorContext,
  caseId: string,
  body: RecallBody,
  idempotencyKey?: string,
): Promise<StoredResponse<RecalledCase, 200>> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, `POST /api/v1/cases/${found.id}/recall`, body);
  return await runIdempotently(ctx.em, guard, async (em) => {
    const now = ctx.clock.now();
    // Closing with returned_to_creditor: the status module writes the timeline entry and case.closed.
    const move = await changeCaseStatus({ ...ctx, em, clock: clockAt(now) }, found.id, 'closed', {
      reason: body.reason,
      outcome: 'returned_to_creditor',
      authorId: ctx.actor.userId,
      entryText: `Dossier rappelé par le créancier (${ctx.actor.name}) et clos, rendu au créancier. Motif : ${body.reason}`,
      entryEvent: { code: 'case_recalled', params: { by: ctx.actor.name, reason: body.reason } },
    });
    if (!move.changed) throw new AppError('case_closed', 409, { status: move.from });
    await em.execute('update collection_case set recalled_at = ?, recall_reason = ? where id = ?', [now, body.reason, found.id]);
    return {
      status: 200 as const,
      body: {
        id: found.id,
        status: 'closed' as const,
        closedOutcome: 'returned_to_creditor' as const,
        recalledAt: now.toISOString(),
        recallReason: body.reason,
      },
    };
  });
}
