import type { Dispute, ResolveDisputeBody } from '@relance/contracts/case-work';
import { type CaseStatus, canTransition } from '@relance/domain/case-status';
import { findAccessible } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { type DisputeRow, disputeSelect, toDisputeDto } from '../cases/dispute-row.ts';
import { CollectionCase } from '../cases/entities.ts';
import { changeCaseStatus } from '../cases/status.ts';
import { addEntry, clockAt } from '../cases/timeline.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';

// Disputes (contestations). Flagging one opens a case_dispute row (one open per case, unique
// index), moves the case to 'disputed' through packages/domain's table (the status before is kept
// to restore it), stops every contact until it is resolved (the contact rules and the dunning run
// read the open row and the status), and tells the creditor (webhook event case.disputed: the
// creditor has to answer the debtor's grounds). The resolution says who was right:
// - upheld: the debtor was right, the case closes as returned to the creditor;
// - rejected: collection resumes where it was;
// - settled: an agreement was found, collection resumes on its terms;
// an explicit outcome closes the case instead. The creditor hears of it (case.dispute_resolved).

const RESOLUTION_FR = { upheld: 'contestation fondée', rejected: 'contestation rejetée', settled: 'accord trouvé' } as const;

export async function listDisputes(ctx: ActorContext, caseId: string): Promise<{ items: Dispute[]; nextCursor: null }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await ctx.em.execute<DisputeRow[]>(`${disputeSelect} where cd.case_id = ? order by cd.opened_at desc, cd.id`, [found.id]);
  return { items: rows.map(toDisputeDto), nextCursor: null };
}

export async function openDispute(ctx: ActorContext, caseId: string, reason: string): Promise<Dispute> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const id = await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const now = ctx.clock.now();
    const [current] = await em.execute<{ status: CaseStatus; reference: string; external_ref: string | null }[]>(
      'select status, reference, external_ref from collection_case where id = ? for update',
      [found.id],
    );
    if (!current) throw new AppError('not_found', 404);
    if (current.status === 'closed') throw new AppError('case_closed', 409);
    const [open] = await em.execute<{ id: string }[]>('select id from case_dispute where case_id = ? and resolved_at is null', [found.id]);
    if (open) throw new AppError('dispute_already_open', 409, { disputeId: open.id });
    // A case at the legal or bailiff stage cannot be disputed here (the court hears it): 409.
    await changeCaseStatus(tx, found.id, 'disputed', { reason: `Litige : ${reason}`, authorId: ctx.actor.userId });
    const [row] = await em.execute<{ id: string }[]>(
      `insert into case_dispute (case_id, creditor_id, reason, opened_by, opened_at, status_before) values (?, ?, ?, ?, ?, ?) returning id`,
      [found.id, found.creditorId, reason, ctx.actor.userId, now, current.status],
    );
    const disputeId = (row as { id: string }).id;
    await addEntry(emExec(em), clockAt(now), {
      caseId: found.id,
      kind: 'dispute',
      authorId: ctx.actor.userId,
      text: `Litige ouvert : ${reason}. Tout contact est suspendu jusqu'à sa résolution ; le créancier est informé.`,
    });
    await emitCreditorEvent(em, {
      creditorId: found.creditorId,
      type: 'case.disputed',
      data: { caseId: found.id, reference: current.reference, externalRef: current.external_ref, disputeId, reason, previousStatus: current.status },
      occurredAt: now,
    });
    return disputeId;
  });
  return await disputeById(ctx, id);
}

async function disputeById(ctx: ActorContext, id: string): Promise<Dispute> {
  const [row] = await ctx.em.execute<DisputeRow[]>(`${disputeSelect} where cd.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toDisputeDto(row);
}

/** The status the case goes back to: the one before the dispute when the table allows it, else amicable. */
function statusAfter(statusBefore: string): CaseStatus {
  const before = statusBefore as CaseStatus;
  return before !== 'closed' && before !== 'disputed' && canTransition('disputed', before) ? before : 'amicable';
}

export async function resolveDispute(ctx: ActorContext, caseId: string, disputeId: string, body: ResolveDisputeBody): Promise<Dispute> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const now = ctx.clock.now();
    const [dispute] = await em.execute<{ id: string; status_before: string; resolved_at: Date | null }[]>(
      'select id, status_before, resolved_at from case_dispute where id = ? and case_id = ? for update',
      [disputeId, found.id],
    );
    if (!dispute) throw new AppError('not_found', 404);
    if (dispute.resolved_at) throw new AppError('dispute_not_open', 409);
    const outcome = body.outcome ?? (body.resolution === 'upheld' ? 'returned_to_creditor' : undefined);
    const target: CaseStatus = outcome ? 'closed' : statusAfter(dispute.status_before);
    await em.execute('update case_dispute set resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = ? where id = ?', [
      body.resolution,
      body.note,
      ctx.actor.userId,
      now,
      disputeId,
    ]);
    const [current] = await em.execute<{ status: CaseStatus; reference: string; external_ref: string | null }[]>(
      'select status, reference, external_ref from collection_case where id = ?',
      [found.id],
    );
    if (current?.status === 'disputed') {
      await changeCaseStatus(tx, found.id, target, {
        reason: `Litige résolu (${RESOLUTION_FR[body.resolution]}) : ${body.note}`,
        ...(outcome ? { outcome } : {}),
        authorId: ctx.actor.userId,
      });
    }
    await addEntry(emExec(em), clockAt(now), {
      caseId: found.id,
      kind: 'dispute',
      authorId: ctx.actor.userId,
      text: `Litige résolu (${RESOLUTION_FR[body.resolution]}) : ${body.note}${outcome ? ` Dossier clos (${outcome}).` : ' Le recouvrement reprend.'}`,
    });
    await emitCreditorEvent(em, {
      creditorId: found.creditorId,
      type: 'case.dispute_resolved',
      data: {
        caseId: found.id,
        reference: current?.reference ?? null,
        externalRef: current?.external_ref ?? null,
        disputeId,
        resolution: body.resolution,
        note: body.note,
        status: current?.status === 'disputed' ? target : (current?.status ?? null),
        outcome: outcome ?? null,
      },
      occurredAt: now,
    });
  });
  return await disputeById(ctx, disputeId);
}
