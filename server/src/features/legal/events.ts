import type { LegalActionDto, LegalEventBody } from '@relance/contracts/legal-actions';
import type { WebhookEventType } from '@relance/contracts/webhooks';
import { localDate } from '@relance/domain/calendar';
import { isClosedLegalStage, type LegalActionKind, type LegalActionStage, type LegalEventKind, nextLegalStage } from '@relance/domain/legal-procedure';
import { requireAccess } from '../../plugins/access.ts';
import type { ActorContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { assertGate, staffOrigin } from '../cases/legal-gate.ts';
import { refreshPrescriptionDates } from '../cases/prescription.ts';
import { changeCaseStatus } from '../cases/status.ts';
import { addEntry } from '../cases/timeline.ts';
import { recordCommissaireAgreedPlan } from '../plans/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { deadlinesOf, loadLegalAction } from './actions.ts';
import { bookAdvancedLegalCost } from './cost-ledger.ts';
import { legalActionEventData, legalEventLabel, legalKindLabel } from './labels.ts';

// The events of a legal action (filed, order rendered, served, opposed, ...): each moves the
// action through packages/domain's table (nextLegalStage), sets the date it carries, and does what
// the law attaches to it:
// - filing an injonction de payer interrupts prescription of the claims it covers (C. civ. 2241,
//   case_legal_event 'injonction_de_payer_request'), and the case goes to the legal stage;
// - handing over to a commissaire moves the case to legal (petites créances) or bailiff
//   (enforcement); each enforcement act interrupts prescription (C. civ. 2244);
// - a title (the order final after the opposition month, a judgment, the commissaire's title)
//   dates the case's judgment_enforceable_on: the taux légal is raised by 5 points two months
//   later (CMF L313-3), and costs may then be charged to the debtor (CPCE L111-8);
// - an order not served within six months lapses (CPC 1411: the daily check, tasks/);
// - petites créances: the debtor's acceptance suspends prescription until the procedure ends
//   (C. civ. 2238 al. 1, CPCE L125-1: case_legal_event 'petites_creances_acceptance', its end_on
//   set by the title or a withdrawal) and an agreed schedule (amount and monthly installments)
//   becomes the case's payment plan, accepted in writing before the commissaire (plans feature);
//   a refusal or silence closes the action (debtor_declined) and the timeline suggests an
//   injonction de payer.
// A retried event (same event, day and act) answers the action unchanged.

type ActionFacts = {
  id: string;
  case_id: string;
  creditor_id: string;
  kind: LegalActionKind;
  stage: LegalActionStage;
  claim_refs: string[];
  court_id: string | null;
  court: unknown;
  commissaire_id: string | null;
  filed_on: string | null;
  order_on: string | null;
  served_on: string | null;
  opposed_on: string | null;
  invitation_sent_on: string | null;
  title_on: string | null;
  proposed_at: Date;
};

const actionFactsSql = `select id, case_id, creditor_id, kind, stage, claim_refs, court_id, court, commissaire_id, filed_on::text as filed_on,
       order_on::text as order_on, served_on::text as served_on, opposed_on::text as opposed_on,
       invitation_sent_on::text as invitation_sent_on, title_on::text as title_on, proposed_at
  from legal_action where id = ? for update`;

/** The date the previous step happened: an event may not be dated before it. */
function previousStepDate(action: ActionFacts): string {
  return action.served_on ?? action.order_on ?? action.invitation_sent_on ?? action.filed_on ?? localDate(new Date(action.proposed_at));
}

function requireDetails(body: LegalEventBody): void {
  const missing =
    (body.event === 'act' && !body.act) || (body.event === 'hearing' && !body.hearingOn) || (body.event === 'debtor_accepted' && body.amountCents === undefined);
  if (missing) throw new AppError('legal_event_detail_missing', 400, { event: body.event });
}

/** What the event sets on the action row (dates, amounts). */
function columnsFor(event: LegalEventKind, body: LegalEventBody, closes: boolean): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (event === 'filed' || (event === 'handed_over' && body.date)) set.filed_on = body.date;
  if (event === 'order_rendered') {
    set.order_on = body.date;
    if (body.amountCents !== undefined) set.order_amount_cents = body.amountCents;
  }
  if (event === 'served') set.served_on = body.date;
  if (event === 'opposed') set.opposed_on = body.date;
  if (event === 'invitation_sent') set.invitation_sent_on = body.date;
  if (event === 'debtor_accepted') set.agreed_amount_cents = body.amountCents;
  if (event === 'judgment' && body.amountCents !== undefined) set.order_amount_cents = body.amountCents;
  if (event === 'final' || event === 'judgment' || event === 'title_delivered') set.title_on = body.date;
  if (closes) set.closed_on = body.date;
  return set;
}

const eventWebhooks: Partial<Record<LegalEventKind, WebhookEventType>> = {
  filed: 'legal_action.filed',
  order_rendered: 'legal_action.order_rendered',
  served: 'legal_action.served',
  opposed: 'legal_action.opposed',
  final: 'legal_action.title_obtained',
  judgment: 'legal_action.title_obtained',
  title_delivered: 'legal_action.title_obtained',
};

/** Checks the event may be recorded now, with this date; answers the stage it leads to. */
async function validateEvent(ctx: ActorContext, action: ActionFacts, body: LegalEventBody): Promise<LegalActionStage> {
  const next = nextLegalStage(action.kind, action.stage, body.event);
  if (next === null) throw new AppError('legal_event_not_allowed', 409, { stage: action.stage, event: body.event });
  requireDetails(body);
  const today = localDate(ctx.clock.now());
  if (body.date > today || body.date < previousStepDate(action)) {
    throw new AppError('legal_event_date_invalid', 400, { date: body.date, notBefore: previousStepDate(action), notAfter: today });
  }
  if (body.event === 'final') {
    // CPC 1416, 1422: the order is final once the opposition month is over without opposition.
    const opposition = deadlinesOf(action).opposition;
    if (!opposition || body.date <= opposition) throw new AppError('legal_final_too_early', 409, { opposition: opposition ?? null });
  }
  if (body.event === 'filed') {
    if (!action.court_id && !action.court) throw new AppError('legal_court_required', 409);
    await assertGate(ctx, action.case_id, { action: { kind: 'legal_action' }, origin: staffOrigin(ctx.actor), actorId: ctx.actor.userId });
  }
  if (body.event === 'handed_over') {
    if (!action.commissaire_id) throw new AppError('legal_commissaire_required', 409);
    await assertGate(ctx, action.case_id, { action: { kind: 'legal_action' }, origin: staffOrigin(ctx.actor), actorId: ctx.actor.userId });
  }
  return next;
}

/** What the law attaches to the event on the case: its stage, prescription, the judgment date. */
async function caseEffects(ctx: ServiceContext, exec: SqlExec, action: ActionFacts, body: LegalEventBody, eventId: string, authorId: string | null): Promise<boolean> {
  let escalated = false;
  if (body.event === 'filed' || body.event === 'handed_over') {
    // The transition table reaches legal from amicable and the bailiff from legal: a case still new
    // (a mise en demeure the creditor sent before placing it) or amicable takes the steps in order.
    const [current] = await exec<{ status: string }>('select status from collection_case where id = ?', [action.case_id]);
    const path = action.kind === 'commissaire_enforcement' ? ['amicable', 'legal', 'bailiff'] : ['amicable', 'legal'];
    const from = current?.status === 'new' ? 0 : current?.status === 'legal' ? 2 : current?.status === 'bailiff' ? path.length : 1;
    for (const to of path.slice(from) as ('amicable' | 'legal' | 'bailiff')[]) {
      const moved = await changeCaseStatus(ctx, action.case_id, to, { reason: legalKindLabel(action.kind), authorId });
      escalated = escalated || (moved.changed && to !== 'amicable');
    }
  }
  const interruption = body.event === 'filed' ? 'injonction_de_payer_request' : body.event === 'act' || body.event === 'served' ? 'enforcement_act' : null;
  if (interruption) {
    await exec(
      `insert into case_legal_event (case_id, creditor_id, kind, occurred_on, claim_refs, source, source_id)
       values (?, ?, ?, ?, ?::text[], 'legal_action', ?) on conflict do nothing`,
      [action.case_id, action.creditor_id, interruption, body.date, textArray(action.claim_refs), eventId],
    );
    await refreshPrescriptionDates(ctx, [action.case_id]);
  }
  if (body.event === 'final' || body.event === 'judgment' || body.event === 'title_delivered') {
    await exec('update collection_case set judgment_enforceable_on = ?::date where id = ?', [body.date, action.case_id]);
  }
  return escalated;
}

/** Petites créances (CPCE L125-1): the acceptance suspends prescription, an agreed schedule becomes the case's plan. */
async function petitesCreancesEffects(ctx: ActorContext, exec: SqlExec, action: ActionFacts, body: LegalEventBody): Promise<void> {
  if (action.kind !== 'petites_creances') return;
  if (body.event === 'debtor_accepted') {
    await exec(
      `insert into case_legal_event (case_id, creditor_id, kind, occurred_on, claim_refs, source, source_id)
       values (?, ?, 'petites_creances_acceptance', ?, ?::text[], 'legal_action', ?) on conflict do nothing`,
      [action.case_id, action.creditor_id, body.date, textArray(action.claim_refs), action.id],
    );
    await refreshPrescriptionDates(ctx, [action.case_id]);
    if (body.installments !== undefined && body.amountCents !== undefined) {
      const actor = ctx.actor;
      if (actor.via === 'api_key') throw new AppError('forbidden', 403);
      await recordCommissaireAgreedPlan({ ...ctx, actor }, action.case_id, {
        totalCents: body.amountCents,
        installments: body.installments,
        acceptedOn: body.date,
        documentId: body.documentId ?? null,
        note: `Accord du débiteur constaté par le commissaire de justice le ${body.date} (procédure simplifiée, CPCE L125-1).`,
      });
    }
  }
  if (body.event === 'title_delivered' || body.event === 'withdrawn') {
    // The procedure is over: prescription runs again, for no less than six months (C. civ. 2238 al. 2).
    await exec(
      `update case_legal_event set end_on = ?::date where case_id = ? and kind = 'petites_creances_acceptance' and source = 'legal_action' and source_id = ? and end_on is null`,
      [body.date, action.case_id, action.id],
    );
    await refreshPrescriptionDates(ctx, [action.case_id]);
  }
}

/** A PostgreSQL text[] literal of these strings. */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** The timeline's words for an event (an act names itself; a refusal or silence suggests the next step). */
function timelineText(action: ActionFacts, body: LegalEventBody): string {
  const label = body.event === 'act' && body.act ? `${legalEventLabel('act')} (${body.act})` : legalEventLabel(body.event);
  const next =
    action.kind === 'petites_creances' && (body.event === 'debtor_refused' || body.event === 'debtor_silent')
      ? ' La procédure simplifiée est close : une injonction de payer peut être proposée.'
      : '';
  return `${legalKindLabel(action.kind)} — ${label} le ${body.date}.${next}${body.note ? ` ${body.note}` : ''}`;
}

/**
 * POST legal-actions/{id}/events: records an event (409 legal_event_not_allowed at the wrong
 * stage, 400 for an impossible date or a missing detail), with its timeline entry, audit entry
 * and webhooks (legal_action.<event>, and case.escalated when the case moves to legal or bailiff).
 */
async function recordLegalEventInTransaction(ctx: ActorContext, id: string, body: LegalEventBody): Promise<LegalActionDto> {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const [action] = await exec<ActionFacts>(actionFactsSql, [id]);
  if (!action) throw new AppError('not_found', 404);
  const [same] = await exec<{ id: string }>(
    `select id from legal_action_event where legal_action_id = ? and event = ? and occurred_on = ? and coalesce(details->>'act', '') = ?`,
    [id, body.event, body.date, body.act ?? ''],
  );
  // A retry: the same event on the same day (and, for repeatable events, the same act) is already recorded.
  if (same) return await loadLegalAction(ctx, id);
  const next = await validateEvent(ctx, action, body);
  const now = ctx.clock.now();
  const details = Object.fromEntries(
    Object.entries({ amountCents: body.amountCents, act: body.act, hearingOn: body.hearingOn, installments: body.installments, costCents: body.costCents, note: body.note }).filter(([, value]) => value !== undefined),
  );
  const [event] = await exec<{ id: string }>(
    `insert into legal_action_event (legal_action_id, case_id, creditor_id, event, occurred_on, details, document_id, recorded_by, recorded_at)
     values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning id`,
    [id, action.case_id, action.creditor_id, body.event, body.date, JSON.stringify(details), body.documentId ?? null, ctx.actor.userId, now],
  );
  const columns = { ...columnsFor(body.event, body, isClosedLegalStage(next)), stage: next, updated_at: now };
  const names = Object.keys(columns);
  await exec(`update legal_action set ${names.map((name) => `${name} = ?`).join(', ')} where id = ?`, [...names.map((name) => columns[name as keyof typeof columns]), id]);
  if (body.costCents !== undefined && (body.event === 'act' || body.event === 'served')) {
    const [cost] = await exec<{ id: string }>(
      `insert into legal_cost (legal_action_id, case_id, creditor_id, item, description, amount_cents, incurred_on, borne_by, recorded_by, recorded_at)
       values (?, ?, ?, ?, ?, ?, ?, 'creditor', ?, ?) returning id`,
      [id, action.case_id, action.creditor_id, body.event === 'served' ? 'service_of_order' : (body.act ?? 'act'), legalEventLabel(body.event), body.costCents, body.date, ctx.actor.userId, now],
    );
    await bookAdvancedLegalCost(exec, ctx.clock, {
      id: (cost as { id: string }).id,
      creditorId: action.creditor_id,
      caseId: action.case_id,
      amountCents: body.costCents,
      incurredOn: body.date,
      advancedByAgency: true,
      recordedBy: ctx.actor.userId,
    });
  }
  const escalated = await caseEffects(ctx, exec, action, body, (event as { id: string }).id, ctx.actor.userId);
  await petitesCreancesEffects(ctx, exec, action, body);
  await addEntry(exec, ctx.clock, {
    caseId: action.case_id,
    kind: 'legal',
    authorId: ctx.actor.userId,
    text: timelineText(action, body),
    event: {
      code: 'legal_event_recorded',
      params: {
        legalKind: action.kind,
        legalEvent: body.event,
        act: body.act ?? null,
        eventOn: body.date,
        note: body.note ?? null,
        simplifiedClosed: action.kind === 'petites_creances' && (body.event === 'debtor_refused' || body.event === 'debtor_silent'),
      },
    },
  });
  await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: 'legal_event_recorded', entity: 'legal_action', entityId: id, caseId: action.case_id, creditorId: action.creditor_id, details: { event: body.event, date: body.date, from: action.stage, to: next, ...details } });
  const updated = await loadLegalAction(ctx, id);
  const webhook = eventWebhooks[body.event];
  if (webhook) await emitCreditorEvent(ctx.em, { creditorId: action.creditor_id, type: webhook, data: { ...legalActionEventData(updated), event: body.event, date: body.date }, occurredAt: now });
  if (escalated) {
    await emitCreditorEvent(ctx.em, {
      creditorId: action.creditor_id,
      type: 'case.escalated',
      data: { caseId: action.case_id, reference: updated.caseReference, status: action.kind === 'commissaire_enforcement' ? 'bailiff' : 'legal', legalActionId: id, kind: action.kind },
      occurredAt: now,
    });
  }
  return updated;
}

/** recordLegalEvent in one transaction: everything it writes (rows, timeline, audit, webhooks, an agreed plan) or nothing. */
export async function recordLegalEvent(ctx: ActorContext, id: string, body: LegalEventBody): Promise<LegalActionDto> {
  return await ctx.em.transactional(async (em) => await recordLegalEventInTransaction({ ...ctx, em }, id, body));
}
