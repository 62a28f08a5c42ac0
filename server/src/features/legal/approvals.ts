import type { LegalActionDto, LegalApprovalBody } from '@relance/contracts/legal-actions';
import { requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { assertGate, staffOrigin } from '../cases/legal-gate.ts';
import { addEntry } from '../cases/timeline.ts';
import { notifyManagersFrom } from '../notifications/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { loadLegalAction } from './actions.ts';
import { prepareFilingDocuments } from './documents.ts';
import { legalActionEventData, legalKindLabel } from './labels.ts';

// Nothing is filed without both approvals: the creditor's (their user or API key, or their
// mandate below its amount: the costs are theirs, CPCE L111-8) and the agency's (a manager or an
// administrator). Either refusal ends the proposal. The second approval asks the legal gate again
// (a dispute opened or a mandate revoked since the proposal stops it), makes the action ready and
// prepares its documents. Every decision is in the audit trail.

/**
 * POST legal-actions/{id}/approvals. The party is the caller's: a creditor's user or key decides for
 * the creditor, a manager or administrator for the agency. A retried identical decision answers
 * the action unchanged; a different one once decided is 409 legal_already_decided.
 */
async function decideLegalActionInTransaction(ctx: ActorContext, id: string, body: LegalApprovalBody): Promise<LegalActionDto> {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const [row] = await exec<{ stage: string; case_id: string; creditor_id: string; kind: Parameters<typeof legalKindLabel>[0] }>(
    'select stage, case_id, creditor_id, kind from legal_action where id = ? for update',
    [id],
  );
  if (!row) throw new AppError('not_found', 404);
  const party = ctx.actor.role === 'creditor' ? 'creditor' : 'agency';
  const [existing] = await exec<{ decision: string }>('select decision from legal_action_approval where legal_action_id = ? and party = ?', [id, party]);
  if (existing) {
    if (existing.decision === body.decision) return await loadLegalAction(ctx, id);
    throw new AppError('legal_already_decided', 409, { party, decision: existing.decision });
  }
  if (row.stage !== 'proposed') throw new AppError('legal_not_awaiting_approval', 409, { stage: row.stage });
  if (body.decision === 'refuse' && !body.reason) throw new AppError('legal_refusal_reason_required', 400);
  const now = ctx.clock.now();
  await exec(
    `insert into legal_action_approval (legal_action_id, creditor_id, party, decision, via, decided_by, api_key_id, reason, decided_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, row.creditor_id, party, body.decision, ctx.actor.via === 'api_key' ? 'api_key' : 'user', ctx.actor.userId, ctx.actor.via === 'api_key' ? ctx.actor.apiKeyId : null, body.reason ?? null, now],
  );
  await recordAudit(exec, {
    actorId: ctx.actor.userId,
    at: now,
    action: body.decision === 'approve' ? 'legal_action_approved' : 'legal_action_refused',
    entity: 'legal_action',
    entityId: id,
    caseId: row.case_id,
    creditorId: row.creditor_id,
    details: { party, via: ctx.actor.via ?? 'user', reason: body.reason ?? null },
  });
  const who = party === 'creditor' ? 'le créancier' : 'l’agence';
  if (body.decision === 'refuse') {
    await exec(`update legal_action set stage = 'refused', closed_on = (?::timestamptz at time zone 'Europe/Paris')::date, updated_at = ? where id = ?`, [now, now, id]);
    await addEntry(exec, ctx.clock, { caseId: row.case_id, kind: 'legal', authorId: ctx.actor.userId, text: `${legalKindLabel(row.kind)} refusée par ${who} : ${body.reason}`, event: { code: 'legal_refused', params: { legalKind: row.kind, party, reason: body.reason ?? null } } });
    const refused = await loadLegalAction(ctx, id);
    await emitCreditorEvent(ctx.em, { creditorId: row.creditor_id, type: 'legal_action.refused', data: { ...legalActionEventData(refused), party, reason: body.reason }, occurredAt: now });
    return refused;
  }
  await addEntry(exec, ctx.clock, { caseId: row.case_id, kind: 'legal', authorId: ctx.actor.userId, text: `${legalKindLabel(row.kind)} approuvée par ${who}.`, event: { code: 'legal_approved', params: { legalKind: row.kind, party } } });
  const [{ approvals } = { approvals: 0 }] = await exec<{ approvals: number }>(
    `select count(*)::int as approvals from legal_action_approval where legal_action_id = ? and decision = 'approve'`,
    [id],
  );
  if (approvals < 2) return await loadLegalAction(ctx, id);
  // Both approved: the gate again, on facts that may have changed since the proposal.
  await assertGate(ctx, row.case_id, { action: { kind: 'legal_action' }, origin: party === 'agency' ? staffOrigin(ctx.actor) : 'manager', actorId: ctx.actor.userId });
  await exec(`update legal_action set stage = 'ready', updated_at = ? where id = ?`, [now, id]);
  await prepareFilingDocuments(ctx, id);
  const ready = await loadLegalAction(ctx, id);
  await emitCreditorEvent(ctx.em, { creditorId: row.creditor_id, type: 'legal_action.approved', data: legalActionEventData(ready), occurredAt: now });
  await notifyManagersFrom(
    exec,
    ctx.clock,
    `select 'legal_action_ready'::text as kind, ?::text as text, ?::uuid as creditor_id, ?::uuid as case_id, ?::text as dedupe_key`,
    [`${legalKindLabel(row.kind)} approuvée par le créancier et l’agence sur le dossier ${ready.caseReference} : prête à déposer.`, row.creditor_id, row.case_id, `legal_ready:${id}`],
  );
  return ready;
}

/** decideLegalAction in one transaction: everything it writes (rows, timeline, audit, webhooks) or nothing. */
export async function decideLegalAction(ctx: ActorContext, id: string, body: LegalApprovalBody): Promise<LegalActionDto> {
  return await ctx.em.transactional(async (em) => await decideLegalActionInTransaction({ ...ctx, em }, id, body));
}
