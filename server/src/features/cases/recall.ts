import type { RecallBody, RecalledCase } from '@relance/contracts/creditor-api';
import { type CaseState, ForbiddenTransitionError, transitionCase } from '@relance/domain/case-status';
import { findAccessible } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { CollectionCase } from './entities.ts';

/**
 * The creditor takes a case back (its mandate for this case ends): the case is closed with
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
    const [row] = await em.execute<{ status: CaseState['status']; closed_outcome: string | null }[]>(
      'select status, closed_outcome from collection_case where id = ? for update',
      [found.id],
    );
    if (!row) throw new AppError('not_found', 404);
    try {
      transitionCase({ status: row.status, outcome: row.closed_outcome } as CaseState, 'closed', 'returned_to_creditor');
    } catch (error) {
      if (error instanceof ForbiddenTransitionError) throw new AppError('case_closed', 409, { status: row.status });
      throw error;
    }
    const now = ctx.clock.now();
    await em.execute(
      `update collection_case set status = 'closed', closed_outcome = 'returned_to_creditor', recalled_at = ?, recall_reason = ?, closed_at = ? where id = ?`,
      [now, body.reason, now, found.id],
    );
    await em.execute(`insert into activity (case_id, kind, author_id, text, occurred_at) values (?, 'status_change', ?, ?, ?)`, [
      found.id,
      ctx.actor.userId,
      `Dossier rappelé par le créancier (${ctx.actor.name}) et clos, rendu au créancier. Motif : ${body.reason}`,
      now,
    ]);
    await emitCreditorEvent(em, {
      creditorId: found.creditorId,
      type: 'case.closed',
      data: {
        caseId: found.id,
        reference: found.reference,
        externalRef: found.externalRef ?? null,
        previousStatus: row.status,
        outcome: 'returned_to_creditor',
        reason: body.reason,
      },
      occurredAt: now,
    });
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
