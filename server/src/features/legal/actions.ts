import type {
  CommissaireRefDto,
  CostEstimateDto,
  CourtRef,
  LegalActionDto,
  LegalActionSummaryDto,
  LegalCheckDto,
  LegalPrecheckDto,
  ProposeLegalActionBody,
} from '@relance/contracts/legal-actions';
import { localDate } from '@relance/domain/calendar';
import { diffDays } from '@relance/domain/dates';
import {
  activeDeadline,
  allowedLegalEvents,
  type LegalActionKind,
  type LegalActionStage,
  type LegalDeadlines,
  type LegalEventKind,
  legalDeadlines,
} from '@relance/domain/legal-procedure';
import { creditorScope, requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { staffOrigin } from '../cases/legal-gate.ts';
import { addEntry } from '../cases/timeline.ts';
import { markCaseDocumentAsPiece } from '../documents/service.ts';
import { notifyManagersFrom } from '../notifications/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { legalActionEventData, legalKindLabel } from './labels.ts';
import { assertPrecheck, runPrecheck } from './precheck.ts';

// Legal actions on a case (issue 16): proposed by an agent or a manager once every pre-check
// passes, approved by the creditor (the costs are theirs, CPCE L111-8) and by a manager for the
// agency, then tracked by events (events.ts). This module proposes, reads and lists.

export type ActionRow = {
  id: string;
  case_id: string;
  creditor_id: string;
  kind: LegalActionKind;
  stage: LegalActionStage;
  proposed_at: Date;
  proposed_by_name: string | null;
  note: string | null;
  prechecks: LegalCheckDto[];
  claim_refs: string[];
  claimed_cents: string;
  estimated_costs: CostEstimateDto;
  estimated_costs_cents: string;
  court_id: string | null;
  court: CourtRef | null;
  commissaire_id: string | null;
  commissaire: CommissaireRefDto | null;
  filed_on: string | null;
  order_on: string | null;
  order_amount_cents: string | null;
  served_on: string | null;
  opposed_on: string | null;
  invitation_sent_on: string | null;
  agreed_amount_cents: string | null;
  title_on: string | null;
  closed_on: string | null;
  updated_at: Date;
  case_reference: string;
  creditor_name: string;
  debtor_name: string;
  costs_cents: string;
};

export const actionSelect = `select la.id, la.case_id, la.creditor_id, la.kind, la.stage, la.proposed_at, pu.name as proposed_by_name, la.note,
       la.prechecks, la.claim_refs, la.claimed_cents, la.estimated_costs, la.estimated_costs_cents, la.court_id, la.court,
       la.commissaire_id, la.commissaire, la.filed_on::text as filed_on, la.order_on::text as order_on, la.order_amount_cents,
       la.served_on::text as served_on, la.opposed_on::text as opposed_on, la.invitation_sent_on::text as invitation_sent_on,
       la.agreed_amount_cents, la.title_on::text as title_on, la.closed_on::text as closed_on, la.updated_at,
       c.reference as case_reference, cr.legal_name as creditor_name, d.display_name as debtor_name,
       coalesce((select sum(lc.amount_cents) from legal_cost lc where lc.legal_action_id = la.id), 0) as costs_cents
  from legal_action la
  join collection_case c on c.id = la.case_id
  join creditor cr on cr.id = la.creditor_id
  join debtor d on d.id = c.debtor_id
  left join app_user pu on pu.id = la.proposed_by`;

export function deadlinesOf(row: Pick<ActionRow, 'kind' | 'order_on' | 'served_on' | 'invitation_sent_on' | 'title_on'>): LegalDeadlines {
  return legalDeadlines(row.kind, { orderOn: row.order_on, servedOn: row.served_on, invitationSentOn: row.invitation_sent_on, titleOn: row.title_on });
}

function nextDeadlineOf(row: ActionRow, today: string): LegalActionSummaryDto['nextDeadline'] {
  const active = activeDeadline(row.kind, row.stage, deadlinesOf(row));
  return active ? { name: active.name, date: active.date, daysLeft: diffDays(today, active.date) } : null;
}

function awaitingOf(stage: LegalActionStage, approvals: readonly { party: string; decision: string }[]): ('creditor' | 'agency')[] {
  if (stage !== 'proposed') return [];
  return (['creditor', 'agency'] as const).filter((party) => !approvals.some((approval) => approval.party === party));
}

function toSummary(row: ActionRow, approvals: readonly { party: string; decision: string }[], today: string): LegalActionSummaryDto {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    kind: row.kind,
    stage: row.stage,
    proposedAt: new Date(row.proposed_at).toISOString(),
    claimedCents: Number(row.claimed_cents),
    awaiting: awaitingOf(row.stage, approvals),
    nextDeadline: nextDeadlineOf(row, today),
    updatedAt: new Date(row.updated_at).toISOString(),
    estimatedCostsCents: Number(row.estimated_costs_cents),
    costsCents: Number(row.costs_cents),
  };
}

type ApprovalRow = { legal_action_id: string; party: 'creditor' | 'agency'; decision: 'approve' | 'refuse'; via: 'user' | 'api_key' | 'mandate'; decided_by_name: string | null; reason: string | null; decided_at: Date };
type EventRow = { id: string; event: LegalEventKind; occurred_on: string; details: Record<string, unknown>; document_id: string | null; recorded_by_name: string | null; recorded_at: Date };
type CostRow = { id: string; item: string; description: string; amount_cents: string; incurred_on: string; borne_by: 'creditor' | 'debtor'; advanced_by_agency: boolean; document_id: string | null; recorded_at: Date };

async function approvalsOf(exec: SqlExec, ids: readonly string[]): Promise<ApprovalRow[]> {
  if (ids.length === 0) return [];
  return await exec<ApprovalRow>(
    `select a.legal_action_id, a.party, a.decision, a.via, coalesce(u.name, case when a.via = 'mandate' then 'Mandat' end) as decided_by_name, a.reason, a.decided_at
       from legal_action_approval a left join app_user u on u.id = a.decided_by
      where a.legal_action_id = any(?::uuid[]) order by a.decided_at, a.party desc`,
    [`{${ids.join(',')}}`],
  );
}

/** One action as the API answers it, read in the caller's transaction. */
export async function loadLegalAction(ctx: ActorContext, id: string): Promise<LegalActionDto> {
  const exec = emExec(ctx.em);
  const [row] = await exec<ActionRow>(`${actionSelect} where la.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  const [approvals, events, costs] = await Promise.all([
    approvalsOf(exec, [id]),
    exec<EventRow>(
      `select e.id, e.event, e.occurred_on::text as occurred_on, e.details, e.document_id, u.name as recorded_by_name, e.recorded_at
         from legal_action_event e left join app_user u on u.id = e.recorded_by where e.legal_action_id = ? order by e.occurred_on, e.recorded_at`,
      [id],
    ),
    exec<CostRow>(
      `select id, item, description, amount_cents, incurred_on::text as incurred_on, borne_by, advanced_by_agency, document_id, recorded_at
         from legal_cost where legal_action_id = ? order by incurred_on, recorded_at`,
      [id],
    ),
  ]);
  const today = localDate(ctx.clock.now());
  return {
    ...toSummary(row, approvals, today),
    proposedBy: row.proposed_by_name,
    note: row.note,
    claimRefs: row.claim_refs,
    estimatedCosts: row.estimated_costs,
    prechecks: row.prechecks,
    court: row.court,
    commissaire: row.commissaire,
    approvals: approvals.map((approval) => ({
      party: approval.party,
      decision: approval.decision,
      via: approval.via,
      decidedBy: approval.decided_by_name,
      reason: approval.reason,
      decidedAt: new Date(approval.decided_at).toISOString(),
    })),
    dates: {
      filedOn: row.filed_on,
      orderOn: row.order_on,
      servedOn: row.served_on,
      opposedOn: row.opposed_on,
      invitationSentOn: row.invitation_sent_on,
      titleOn: row.title_on,
      closedOn: row.closed_on,
    },
    orderAmountCents: row.order_amount_cents === null ? null : Number(row.order_amount_cents),
    agreedAmountCents: row.agreed_amount_cents === null ? null : Number(row.agreed_amount_cents),
    deadlines: deadlinesOf(row),
    allowedEvents: allowedLegalEvents(row.kind, row.stage),
    events: events.map((event) => ({
      id: event.id,
      event: event.event,
      date: event.occurred_on,
      details: event.details,
      documentId: event.document_id,
      recordedBy: event.recorded_by_name,
      recordedAt: new Date(event.recorded_at).toISOString(),
    })),
    costs: costs.map((cost) => ({
      id: cost.id,
      item: cost.item,
      description: cost.description,
      amountCents: Number(cost.amount_cents),
      incurredOn: cost.incurred_on,
      borneBy: cost.borne_by,
      advancedByAgency: cost.advanced_by_agency,
      documentId: cost.document_id,
      recordedAt: new Date(cost.recorded_at).toISOString(),
    })),
  };
}

/** GET legal-actions/{id}: a creditor reaches its own only (another's answers 404). */
export async function getLegalAction(ctx: ActorContext, id: string): Promise<LegalActionDto> {
  await requireAccess(ctx, 'legal_action', id);
  return await loadLegalAction(ctx, id);
}

const stageFilters: Record<string, string> = {
  open: `la.stage not in ('refused', 'rejected', 'lapsed', 'debtor_declined', 'title_obtained', 'completed', 'withdrawn')`,
  awaiting_approval: `la.stage = 'proposed'`,
  in_court: `la.stage in ('ready', 'filed', 'order_rendered', 'served', 'opposed', 'handed_over', 'invitation_sent', 'enforcement')`,
  closed: `la.stage in ('refused', 'rejected', 'lapsed', 'debtor_declined', 'title_obtained', 'completed', 'withdrawn')`,
  all: 'true',
};

/** The actions the caller may see (a creditor: its own), filtered, most recently changed first. */
export async function listLegalActions(
  ctx: ActorContext,
  query: { stage: string; kind?: LegalActionKind | undefined; caseId?: string | undefined; creditorId?: string | undefined },
): Promise<{ items: LegalActionSummaryDto[] }> {
  const exec = emExec(ctx.em);
  const scope = creditorScope(ctx.actor);
  const rows = await exec<ActionRow>(
    `${actionSelect}
      where ${stageFilters[query.stage] ?? 'true'}
        and (?::uuid is null or la.creditor_id = ?::uuid) and (?::uuid is null or la.creditor_id = ?::uuid)
        and (?::text is null or la.kind = ?::text) and (?::uuid is null or la.case_id = ?::uuid)
      order by la.updated_at desc limit 500`,
    [scope, scope, query.creditorId ?? null, query.creditorId ?? null, query.kind ?? null, query.kind ?? null, query.caseId ?? null, query.caseId ?? null],
  );
  const approvals = await approvalsOf(exec, rows.map((row) => row.id));
  const today = localDate(ctx.clock.now());
  return { items: rows.map((row) => toSummary(row, approvals.filter((approval) => approval.legal_action_id === row.id), today)) };
}

/** GET cases/{id}/legal-actions/precheck?kind=: every verdict before proposing. */
export async function precheckLegalAction(ctx: ActorContext, caseId: string, kind: LegalActionKind): Promise<LegalPrecheckDto> {
  await requireAccess(ctx, 'case', caseId);
  return (await runPrecheck(ctx, caseId, { kind }, staffOrigin(ctx.actor), ctx.actor.userId)).dto;
}

/**
 * POST cases/{id}/legal-actions: a proposal once every pre-check passes (422 with the first failing
 * check's code and every verdict otherwise; 409 legal_action_open when one is already open). The
 * creditor's mandate pre-approves for the creditor below its amount. Webhook legal_action.proposed,
 * a timeline entry, an audit entry, and the managers told.
 */
async function proposeLegalActionInTransaction(ctx: ActorContext, caseId: string, body: ProposeLegalActionBody): Promise<LegalActionDto> {
  await requireAccess(ctx, 'case', caseId);
  const exec = emExec(ctx.em);
  // One proposal at a time per case: the case row is the lock (the unique index is the last wall).
  await exec('select id from collection_case where id = ? for update', [caseId]);
  const [open] = await exec<{ id: string }>(
    `select id from legal_action where case_id = ? and stage not in ('refused', 'rejected', 'lapsed', 'debtor_declined', 'title_obtained', 'completed', 'withdrawn')`,
    [caseId],
  );
  if (open) throw new AppError('legal_action_open', 409, { legalActionId: open.id });
  const loaded = await runPrecheck(ctx, caseId, { kind: body.kind, courtId: body.courtId, commissaireId: body.commissaireId, titleOn: body.title?.on }, staffOrigin(ctx.actor), ctx.actor.userId);
  assertPrecheck(loaded);
  const now = ctx.clock.now();
  const { dto } = loaded;
  const [inserted] = await exec<{ id: string }>(
    `insert into legal_action (case_id, creditor_id, kind, stage, proposed_by, proposed_at, note, prechecks, claim_refs, claimed_cents,
                               estimated_costs, estimated_costs_cents, court_id, court, commissaire_id, commissaire, title_source, title_legal_action_id, title_on, updated_at)
     values (?, ?, ?, 'proposed', ?, ?, ?, ?::jsonb, ?::text[], ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?) returning id`,
    [
      caseId,
      loaded.creditorId,
      body.kind,
      ctx.actor.userId,
      now,
      body.note ?? null,
      JSON.stringify(dto.checks),
      `{${dto.includedClaims.map((ref) => `"${ref.replace(/["\\]/g, '\\$&')}"`).join(',')}}`,
      dto.claimedCents,
      JSON.stringify(dto.estimatedCosts),
      dto.estimatedCosts.totalCents,
      loaded.court?.id ?? null,
      loaded.court ? JSON.stringify(loaded.court) : null,
      loaded.commissaire?.id ?? null,
      loaded.commissaire ? JSON.stringify(loaded.commissaire) : null,
      body.kind === 'commissaire_enforcement' ? (loaded.titleLegalActionId ? 'legal_action' : 'external') : null,
      loaded.titleLegalActionId,
      // The title an enforcement rests on is the action's starting point; other kinds obtain theirs later.
      body.kind === 'commissaire_enforcement' ? loaded.titleOn : null,
      now,
    ],
  );
  const id = (inserted as { id: string }).id;
  // A title the creditor already holds, given with its file: that file becomes the dossier's title pièce.
  if (body.kind === 'commissaire_enforcement' && body.title?.documentId) await markCaseDocumentAsPiece(exec, caseId, body.title.documentId, 'title');
  const [mandate] = await exec<{ below: string | null }>('select legal_preapproved_below_cents::text as below from creditor where id = ?', [loaded.creditorId]);
  if (mandate?.below !== null && mandate?.below !== undefined && dto.claimedCents < Number(mandate.below)) {
    await exec(`insert into legal_action_approval (legal_action_id, creditor_id, party, decision, via, decided_at) values (?, ?, 'creditor', 'approve', 'mandate', ?)`, [
      id,
      loaded.creditorId,
      now,
    ]);
  }
  await addEntry(exec, ctx.clock, { caseId, kind: 'legal', authorId: ctx.actor.userId, text: `Procédure proposée : ${legalKindLabel(body.kind)}. ${body.note ?? ''}`.trim(), event: { code: 'legal_proposed', params: { legalKind: body.kind, note: body.note ?? null } } });
  await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: 'legal_action_proposed', entity: 'legal_action', entityId: id, caseId, creditorId: loaded.creditorId, details: { kind: body.kind, claimedCents: dto.claimedCents, checks: dto.checks.map((check) => [check.check, check.status]) } });
  const created = await loadLegalAction(ctx, id);
  await emitCreditorEvent(ctx.em, { creditorId: loaded.creditorId, type: 'legal_action.proposed', data: legalActionEventData(created), occurredAt: now });
  await notifyManagersFrom(
    exec,
    ctx.clock,
    `select 'legal_action_proposed'::text as kind, ?::text as text, ?::uuid as creditor_id, ?::uuid as case_id, ?::text as dedupe_key`,
    [`${legalKindLabel(body.kind)} proposée sur le dossier ${created.caseReference} (${created.debtorName}) : à approuver.`, loaded.creditorId, caseId, `legal_proposed:${id}`],
  );
  return created;
}

/** proposeLegalAction in one transaction: everything it writes (rows, timeline, audit, webhooks) or nothing. */
export async function proposeLegalAction(ctx: ActorContext, caseId: string, body: ProposeLegalActionBody): Promise<LegalActionDto> {
  return await ctx.em.transactional(async (em) => await proposeLegalActionInTransaction({ ...ctx, em }, caseId, body));
}

/**
 * PATCH legal-actions/{id}: the court or the commissaire chosen by hand while the action awaits its
 * approvals (the directory found none, or the agent picks another): the requête is prepared with
 * it once both approve. Audited; later it is fixed (the documents name it).
 */
export async function chooseLegalVenue(ctx: ActorContext, id: string, body: { courtId?: string | undefined; commissaireId?: string | undefined }): Promise<LegalActionDto> {
  await requireAccess(ctx, 'legal_action', id);
  return await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const exec = emExec(em);
    const [row] = await exec<{ stage: LegalActionStage; kind: LegalActionKind; case_id: string; creditor_id: string }>(
      'select stage, kind, case_id, creditor_id from legal_action where id = ? for update',
      [id],
    );
    if (!row) throw new AppError('not_found', 404);
    if (row.stage !== 'proposed') throw new AppError('legal_not_awaiting_approval', 409, { stage: row.stage });
    // The same checks as at the proposal: the court exists and is of the kind the parties call for.
    const loaded = await runPrecheck(tx, row.case_id, { kind: row.kind, courtId: body.courtId, commissaireId: body.commissaireId }, staffOrigin(ctx.actor), ctx.actor.userId);
    const court = body.courtId ? loaded.court : null;
    const commissaire = body.commissaireId ? loaded.commissaire : null;
    await exec(
      `update legal_action set court_id = coalesce(?, court_id), court = coalesce(?::jsonb, court), commissaire_id = coalesce(?, commissaire_id),
              commissaire = coalesce(?::jsonb, commissaire), updated_at = ? where id = ?`,
      [court?.id ?? null, court ? JSON.stringify(court) : null, commissaire?.id ?? null, commissaire ? JSON.stringify(commissaire) : null, ctx.clock.now(), id],
    );
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'legal_venue_chosen',
      entity: 'legal_action',
      entityId: id,
      caseId: row.case_id,
      creditorId: row.creditor_id,
      details: { court: court?.name ?? null, commissaire: commissaire ? `${commissaire.etude} (${commissaire.name})` : null },
    });
    return await loadLegalAction(tx, id);
  });
}
