import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import type { Locale } from '@relance/contracts/errors';
import type { Notification, PaymentPlan, PlanPreview, PlanProposalBody, PlanRuleViolation, WrittenAcceptanceBody } from '@relance/contracts/plans';
import type { TimelineEvent, TimelineParam } from '@relance/contracts/timeline-events';
import { addMonths } from '@relance/domain/dates';
import { centsFromDatabase, formatMoney } from '@relance/domain/money';
import { type CreditorPlanRules, firstDueWindow, negotiationViolations } from '@relance/domain/plan-options';
import { buildSchedule, type Schedule, ScheduleInputError } from '@relance/domain/schedule';
import { findAccessible } from '../../plugins/access.ts';
import { type Clock, type ServiceContext, todayInParis, type UserActor } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { gateOriginOf, toReasonDto } from '../cases/contact-rules.ts';
import { CollectionCase } from '../cases/entities.ts';
import { assertGate, gateFor } from '../cases/legal-gate.ts';
import { refreshPrescriptionDates } from '../cases/prescription.ts';
import { debtorPrincipalStatement, debtorStatementForCaseId } from '../cases/statement.ts';
import { moveCases } from '../cases/status.ts';
import { addEntry } from '../cases/timeline.ts';
import { Creditor } from '../creditors/entities.ts';
import { graceDays, moveCaseTo, setCaseCommitment } from '../promises/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { storedPlanTerms } from './acceptance-terms.ts';
import { storePlanAgreementLetter } from './plan-agreement-letter.ts';

// Échéanciers. A proposal is asked of the legal gate first (action 'plan': no plan on a disputed
// case, under a closed mandate, on prescribed claims, or while another plan is open). Inside the
// creditor's plan rules and the agent's authority it is agreed at once (it waits for the debtor's
// acceptance); otherwise it waits in the managers' approval inbox. It becomes active on the
// debtor's acceptance on their page, a written acceptance received, or an oral acceptance an agent
// notes. Only the first two are the debtor's acknowledgment that interrupts prescription (C. civ.
// 2240: an acknowledgment must come from the debtor; a note by the agency's agent proves nothing
// against them); a written acceptance received after an oral one is recorded on the active plan.
// Payments received from activation are matched with installments oldest first; a missed
// installment gets the agency's grace days, then the plan breaks; a completed plan closes the case as paid.
// The debtor's page (portal.ts) goes through the same negotiation (recordProposal) and activation
// (activatePlan), with its own limits: no waiver, a first date in the creditor's window, and every
// acceptance there kept with the exact terms shown (acceptance-terms.ts).

/** A signed-in person (not an API key): plans record who proposed, decided or took an oral acceptance. */
export type UserContext = ServiceContext & { actor: UserActor };

type Negotiation = { preview: Omit<PlanPreview, 'gate'>; schedule: Schedule };

/**
 * What a plan may cover: the demandable amount, i.e. the debtor's décompte (a prescribed claim is
 * never part of a plan, C. conso. L121-2). When a rate it needs is not published yet, the
 * principal still due on the live claims bounds a total the agent types, and no default is offered.
 */
export async function demandableForPlan(ctx: ServiceContext, caseId: string): Promise<{ cents: number; currency: string; missingRate: AppError | null }> {
  try {
    const statement = await debtorStatementForCaseId(ctx, caseId);
    return { cents: statement.totals.balanceCents, currency: statement.currency, missingRate: null };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'missing_rate') throw error;
    const principal = await debtorPrincipalStatement(ctx, caseId, todayInParis(ctx.clock));
    return { cents: principal.totals.balanceCents, currency: principal.currency, missingRate: error };
  }
}

/**
 * Who puts a plan forward: a member of staff, or the debtor on their page. The debtor has no user
 * (proposed_by null, proposed_via 'debtor'), waives nothing alone, must start within the creditor's
 * window (portalFirstDueWithinDays), and any rule broken sends the proposal to a manager.
 */
export type Proposer = { via: 'staff'; actor: UserActor } | { via: 'debtor' };
export const DEBTOR: Proposer = { via: 'debtor' };

/** The creditor's plan rules as packages/domain plan-options.ts reads them. */
export function planRulesOf(creditor: Creditor): CreditorPlanRules {
  return {
    maxDurationMonths: creditor.planMaxDurationMonths,
    minInstallmentCents: creditor.planMinInstallmentCents,
    maxAgentDiscountBasisPoints: creditor.planMaxAgentDiscountBasisPoints,
    managerApprovalAboveCents: creditor.planManagerAboveCents ?? null,
    managerApprovalAboveMonths: creditor.planManagerAboveMonths ?? null,
  };
}

function scheduleOf(debtCents: number, discountCents: number, body: PlanProposalBody): Schedule {
  try {
    return buildSchedule({
      totalCents: debtCents - discountCents,
      ...(body.downPaymentCents ? { downPayment: { amountCents: body.downPaymentCents, date: body.downPaymentOn ?? body.firstDate } } : {}),
      installments: body.installments,
      frequency: body.frequency,
      firstDate: body.firstDate,
    });
  } catch (error) {
    if (error instanceof ScheduleInputError) throw new AppError('invalid_schedule', 400, { reason: error.code });
    throw error;
  }
}

/**
 * The one negotiation of both doors: the schedule over the demandable amount and every rule it
 * breaks (packages/domain negotiationViolations). A manager or an administrator decides within their
 * own authority; an agent's or the debtor's proposal breaking a rule waits for a manager.
 */
async function negotiate(ctx: ServiceContext, proposer: Proposer, caseId: string, creditorId: string, body: PlanProposalBody): Promise<Negotiation> {
  const today = todayInParis(ctx.clock);
  if (body.firstDate < today) throw new AppError('date_in_past', 400, { field: 'firstDate', date: body.firstDate });
  if (body.downPaymentOn !== undefined && body.downPaymentOn < today) {
    throw new AppError('date_in_past', 400, { field: 'downPaymentOn', date: body.downPaymentOn });
  }
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: creditorId });
  const due = await demandableForPlan(ctx, caseId);
  // Without a published rate the agent types the total; the debtor's page asks for the principal
  // still due (what it shows as the balance), so a plan chosen there covers that.
  if (body.totalCents === undefined && due.missingRate && proposer.via === 'staff') throw due.missingRate;
  if (body.totalCents !== undefined && body.totalCents > due.cents) throw new AppError('amount_too_high', 400, { demandableCents: due.cents });
  const debtCents = body.totalCents ?? due.cents;
  const discountCents = body.discountCents ?? 0;
  if (debtCents <= 0) throw new AppError('nothing_to_pay', 409);
  if (discountCents >= debtCents) throw new AppError('invalid_schedule', 400, { reason: 'discount_not_below_total' });
  const schedule = scheduleOf(debtCents, discountCents, body);
  const rules = planRulesOf(creditor);
  const debtor = proposer.via === 'debtor';
  const violations: PlanRuleViolation[] = negotiationViolations(schedule, {
    debtCents,
    discountCents,
    rules,
    maxDiscountBasisPoints: debtor ? 0 : rules.maxAgentDiscountBasisPoints,
    ...(debtor ? { firstDueWindow: firstDueWindow(today, creditor.portalFirstDueWithinDays) } : {}),
  }).map((violation) => ({ ...violation }));
  return {
    schedule,
    preview: {
      debtCents,
      discountCents,
      totalCents: schedule.totalCents,
      currency: due.currency,
      frequency: schedule.frequency,
      payments: schedule.payments.map((payment) => ({ ...payment })),
      violations,
      needsApproval: violations.length > 0 && (debtor || proposer.actor.role === 'agent'),
      rules,
    },
  };
}

/** The schedule, the rules it breaks, and the legal gate's verdict on proposing it now (nothing is stored). */
export async function previewPlan(ctx: UserContext, caseId: string, body: PlanProposalBody): Promise<PlanPreview> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const now = ctx.clock.now();
  const { verdict } = await gateFor(ctx, found.id, { action: { kind: 'plan' }, origin: gateOriginOf(ctx.actor), actorId: ctx.actor.userId, at: now });
  const { preview } = await negotiate(ctx, { via: 'staff', actor: ctx.actor }, found.id, found.creditorId, body);
  return {
    ...preview,
    gate: {
      decision: verdict.decision,
      reasons: verdict.reasons.map((reason) => toReasonDto(reason, now)),
      warnings: verdict.warnings.map((reason) => toReasonDto(reason, now)),
    },
  };
}

type PlanRow = {
  id: string;
  case_id: string;
  case_reference: string;
  status: PaymentPlan['status'];
  debt_cents: string;
  discount_cents: string;
  total_cents: string;
  currency: string;
  frequency: PaymentPlan['frequency'];
  violations: PlanRuleViolation[];
  note: string | null;
  grace_days: number;
  proposed_by: string | null;
  proposed_by_name: string | null;
  proposed_via: 'staff' | 'debtor';
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  accepted_via: 'portal' | 'oral' | 'written' | null;
  acceptance_note: string | null;
  written_acceptance_on: string | null;
  written_acceptance_document_id: string | null;
  written_acceptance_note: string | null;
  activated_on: string | null;
  ended_on: string | null;
  creditor_id: string;
  agreement_document_id: string | null;
  accepted_at: Date | null;
  acceptance_ip: string | null;
  acceptance_user_agent: string | null;
  acceptance_terms: Record<string, unknown> | null;
  acceptance_terms_sha256: string | null;
};
type InstallmentRow = {
  plan_id: string;
  index: number;
  kind: 'down_payment' | 'installment';
  nominal_on: string;
  due_on: string;
  amount_cents: string;
  paid_cents: string;
  paid_on: string | null;
};

const planSelect = `select pl.*, c.reference as case_reference, u.name as proposed_by_name
  from payment_plan pl join collection_case c on c.id = pl.case_id left join app_user u on u.id = pl.proposed_by`;

export async function plansWhere(exec: SqlExec, where: string, params: unknown[]): Promise<PaymentPlan[]> {
  const rows = await exec<PlanRow>(`${planSelect} where ${where} order by pl.proposed_at desc, pl.id limit 200`, params);
  if (rows.length === 0) return [];
  const installments = await exec<InstallmentRow>(
    `select * from payment_plan_installment where plan_id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by plan_id, index`,
    [JSON.stringify(rows.map((row) => row.id))],
  );
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    status: row.status,
    debtCents: centsFromDatabase(row.debt_cents, 'debt_cents'),
    discountCents: centsFromDatabase(row.discount_cents, 'discount_cents'),
    totalCents: centsFromDatabase(row.total_cents, 'total_cents'),
    currency: row.currency,
    frequency: row.frequency,
    violations: row.violations,
    note: row.note,
    graceDays: row.grace_days,
    proposedBy: row.proposed_by,
    proposedByName: row.proposed_by_name,
    proposedVia: row.proposed_via,
    proposedAt: new Date(row.proposed_at).toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionComment: row.decision_comment,
    acceptedVia: row.accepted_via,
    acceptanceNote: row.acceptance_note,
    writtenAcceptance: row.written_acceptance_on
      ? { receivedOn: row.written_acceptance_on, documentId: row.written_acceptance_document_id, note: row.written_acceptance_note }
      : null,
    electronicAcceptance:
      row.acceptance_terms && row.acceptance_terms_sha256 && row.accepted_at
        ? {
            acceptedAt: new Date(row.accepted_at).toISOString(),
            ip: row.acceptance_ip,
            userAgent: row.acceptance_user_agent,
            termsSha256: row.acceptance_terms_sha256,
            terms: row.acceptance_terms,
          }
        : null,
    agreementDocumentId: row.agreement_document_id,
    acknowledged: row.accepted_via === 'portal' || row.written_acceptance_on !== null,
    activatedOn: row.activated_on,
    endedOn: row.ended_on,
    installments: installments
      .filter((installment) => installment.plan_id === row.id)
      .map((installment) => ({
        index: installment.index,
        kind: installment.kind,
        nominalOn: installment.nominal_on,
        dueOn: installment.due_on,
        amountCents: centsFromDatabase(installment.amount_cents, 'amount_cents'),
        paidCents: centsFromDatabase(installment.paid_cents, 'paid_cents'),
        paidOn: installment.paid_on,
      })),
  }));
}

export async function planById(exec: SqlExec, id: string): Promise<PaymentPlan> {
  const [plan] = await plansWhere(exec, 'pl.id = ?', [id]);
  if (!plan) throw new AppError('not_found', 404);
  return plan;
}

async function note(exec: SqlExec, clock: Clock, caseId: string, authorId: string | null, text: string, event: TimelineEvent): Promise<void> {
  await addEntry(exec, clock, { caseId, kind: 'note', authorId, text, event });
}

/** A plan's terms as timeline parameters: "{total} in {count} {frequency} instalments". */
function termsParams(plan: { totalCents: number; currency: string; count: number; frequency: string }): Record<string, TimelineParam> {
  return { totalCents: plan.totalCents, currency: plan.currency, count: plan.count, frequency: plan.frequency };
}

function describe(plan: { totalCents: number; currency: string; count: number; frequency: string }): string {
  const frequency = { weekly: 'hebdomadaires', biweekly: 'bimensuelles', monthly: 'mensuelles' }[plan.frequency] ?? plan.frequency;
  return `${formatMoney(plan.totalCents, plan.currency, 'fr')} en ${plan.count} échéance(s) ${frequency}`;
}

/** Inserts the plan and its installments as negotiated; returns its id. */
async function insertPlan(exec: SqlExec, ctx: ServiceContext, proposer: Proposer, found: { id: string; creditorId: string }, negotiation: Negotiation, note: string | null) {
  const { preview, schedule } = negotiation;
  const status = preview.needsApproval ? 'pending_approval' : 'agreed_pending_acceptance';
  const grace = await graceDays(exec);
  const userId = proposer.via === 'staff' ? proposer.actor.userId : null;
  const selfDecided = !preview.needsApproval && preview.violations.length > 0; // a manager's own authority
  const [row] = await exec<{ id: string }>(
    `insert into payment_plan (case_id, creditor_id, status, debt_cents, discount_cents, total_cents, currency, frequency, violations, note,
                               grace_days, proposed_by, proposed_via, proposed_at, decided_by, decided_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      found.id,
      found.creditorId,
      status,
      preview.debtCents,
      preview.discountCents,
      preview.totalCents,
      preview.currency,
      preview.frequency,
      JSON.stringify(preview.violations),
      note,
      grace.plan,
      userId,
      proposer.via,
      ctx.clock.now(),
      selfDecided ? userId : null,
      selfDecided ? ctx.clock.now() : null,
    ],
  );
  const planId = (row as { id: string }).id;
  await exec(
    `insert into payment_plan_installment (plan_id, creditor_id, index, kind, nominal_on, due_on, amount_cents)
     select ?, ?, p.index, p.kind, p."nominalDate", p."dueDate", p."amountCents"
       from jsonb_to_recordset(?::jsonb) as p(index int, kind text, "nominalDate" date, "dueDate" date, "amountCents" bigint)`,
    [planId, found.creditorId, JSON.stringify(schedule.payments)],
  );
  return { planId, status };
}

/** What the timeline says of a new plan, by who proposed it and where it goes. */
function proposalEvent(proposer: Proposer, terms: { totalCents: number; currency: string; count: number; frequency: string; needsApproval: boolean }, reason: string | null): TimelineEvent {
  const params = termsParams(terms);
  if (proposer.via === 'staff') return { code: terms.needsApproval ? 'plan_proposed_for_approval' : 'plan_agreed', params };
  return { code: terms.needsApproval ? 'plan_proposed_by_debtor' : 'plan_chosen_by_debtor', params: { ...params, reason } };
}

function proposalText(proposer: Proposer, preview: Negotiation['preview'], summary: string, reason: string | null): string {
  const codes = preview.violations.map((violation) => violation.code).join(', ');
  if (proposer.via === 'staff') {
    return preview.needsApproval
      ? `Échéancier proposé (${summary}) : soumis à l'accord d'un responsable (${codes}).`
      : `Échéancier convenu (${summary}) : en attente de l'acceptation du débiteur.`;
  }
  const why = reason ? ` Motif donné : « ${reason} »` : '';
  return preview.needsApproval
    ? `Échéancier proposé par le débiteur sur sa page (${summary}) : soumis à l'accord d'un responsable (${codes}).${why}`
    : `Échéancier choisi par le débiteur sur sa page (${summary}), dans les règles du créancier.${why}`;
}

export type ProposalOptions = {
  /** Stored on the plan: the agent's note, or the debtor's reason. */
  note: string | null;
  /** A plan the debtor takes alone: any rule broken refuses it (422 plan_option_unavailable) instead of asking a manager. */
  withinRulesOnly?: boolean;
};

/**
 * The one path of a new plan, from staff or from the debtor's page: the case locked, the legal gate
 * asked (action 'plan': an open dispute, a closed mandate, claims all prescribed, nothing left to
 * pay or a plan already open answer 422 with the gate's code; a vulnerable debtor is allowed, the
 * warning recorded on the timeline), the negotiation, the plan stored, the timeline, and once agreed
 * the plan agreement letter. Runs in the caller's transaction when there is one.
 */
export async function recordProposal(
  ctx: ServiceContext,
  proposer: Proposer,
  found: { id: string; creditorId: string },
  body: PlanProposalBody,
  options: ProposalOptions,
): Promise<{ planId: string; status: string; warnings: ContactRuleReason[] }> {
  const now = ctx.clock.now();
  const authorId = proposer.via === 'staff' ? proposer.actor.userId : null;
  return await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const exec = emExec(em);
    await exec('select id from collection_case where id = ? for update', [found.id]);
    const origin = proposer.via === 'staff' ? gateOriginOf(proposer.actor) : 'agent';
    const verdict = await assertGate(tx, found.id, { action: { kind: 'plan' }, origin, actorId: authorId, at: now });
    const warnings = verdict.warnings.map((reason) => toReasonDto(reason, now));
    const negotiation = await negotiate(tx, proposer, found.id, found.creditorId, body);
    const { preview, schedule } = negotiation;
    if (options.withinRulesOnly && preview.violations.length > 0) throw new AppError('plan_option_unavailable', 422, { violations: preview.violations });
    const { planId, status } = await insertPlan(exec, tx, proposer, found, negotiation, options.note);
    const summary = describe({ ...preview, count: schedule.payments.length });
    await addEntry(exec, ctx.clock, {
      caseId: found.id,
      kind: 'note',
      authorId,
      text: proposalText(proposer, preview, summary, proposer.via === 'debtor' ? options.note : null),
      event: proposalEvent(proposer, { ...preview, count: schedule.payments.length }, proposer.via === 'debtor' ? options.note : null),
      contactWarnings: warnings.length > 0 ? warnings : null,
    });
    // Agreed: the branded plan agreement letter (R124-4 mentions) is kept on the case for the debtor.
    if (status === 'agreed_pending_acceptance') await storePlanAgreementLetter(tx, exec, planId, authorId);
    return { planId, status, warnings };
  });
}

/**
 * An agent's or a manager's proposal (recordProposal): inside the rules and the caller's authority,
 * agreed, awaiting the debtor's acceptance; otherwise pending a manager's approval, each broken rule named.
 */
export async function proposePlan(ctx: UserContext, caseId: string, body: PlanProposalBody): Promise<PaymentPlan> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const { planId, warnings } = await recordProposal(ctx, { via: 'staff', actor: ctx.actor }, found, body, { note: body.note ?? null });
  return { ...(await planById(emExec(ctx.em), planId)), ...(warnings.length > 0 ? { warnings } : {}) };
}

export async function listCasePlans(ctx: UserContext, caseId: string): Promise<{ items: PaymentPlan[]; nextCursor: null }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  return { items: await plansWhere(emExec(ctx.em), 'pl.case_id = ?', [found.id]), nextCursor: null };
}

export async function getPlan(ctx: UserContext, planId: string): Promise<PaymentPlan> {
  return await planById(emExec(ctx.em), planId);
}

/** The managers' approval inbox: proposals waiting for a decision, oldest first (at most 200). */
export async function listApprovals(ctx: UserContext): Promise<{ items: PaymentPlan[]; nextCursor: null }> {
  const items = await plansWhere(emExec(ctx.em), `pl.status = 'pending_approval'`, []);
  return { items: items.reverse(), nextCursor: null };
}

/** A manager approves or refuses a proposal with a comment; the proposing agent is notified. */
export async function decideApproval(ctx: UserContext, planId: string, decision: 'approve' | 'refuse', comment: string): Promise<PaymentPlan> {
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const [plan] = await exec<{ id: string; case_id: string; status: string; proposed_by: string | null; total_cents: string; currency: string; reference: string }>(
      `select pl.id, pl.case_id, pl.status, pl.proposed_by, pl.total_cents, pl.currency, c.reference
         from payment_plan pl join collection_case c on c.id = pl.case_id where pl.id = ? for update of pl`,
      [planId],
    );
    if (!plan) throw new AppError('not_found', 404);
    if (plan.status !== 'pending_approval') throw new AppError('plan_not_pending_approval', 409, { status: plan.status });
    const approved = decision === 'approve';
    // Approving builds on the debt being owed and the agency acting: a dispute, a mandate no longer in
    // force or claims now all prescribed refuse it (the legal gate), as they refuse a new proposal.
    if (approved) await assertGate({ ...ctx, em }, plan.case_id, { action: { kind: 'plan_acceptance' }, origin: 'manager', actorId: ctx.actor.userId });
    await exec('update payment_plan set status = ?, decided_by = ?, decided_at = ?, decision_comment = ?, ended_on = ? where id = ?', [
      approved ? 'agreed_pending_acceptance' : 'refused',
      ctx.actor.userId,
      ctx.clock.now(),
      comment,
      approved ? null : todayInParis(ctx.clock),
      planId,
    ]);
    const amount = formatMoney(centsFromDatabase(plan.total_cents, 'total_cents'), plan.currency, 'fr');
    const text = approved
      ? `Échéancier de ${amount} sur le dossier ${plan.reference} approuvé par ${ctx.actor.name} : ${comment}`
      : `Échéancier de ${amount} sur le dossier ${plan.reference} refusé par ${ctx.actor.name} : ${comment}`;
    await note(exec, ctx.clock, plan.case_id, ctx.actor.userId, text, {
      code: approved ? 'plan_approved' : 'plan_refused',
      params: { totalCents: centsFromDatabase(plan.total_cents, 'total_cents'), currency: plan.currency, by: ctx.actor.name, comment },
    });
    if (plan.proposed_by) {
      await exec(`insert into notification (user_id, kind, text, case_id, plan_id, created_at) values (?, ?, ?, ?, ?, ?)`, [
        plan.proposed_by,
        approved ? 'plan_approved' : 'plan_refused',
        text,
        plan.case_id,
        planId,
        ctx.clock.now(),
      ]);
    }
    if (approved) await storePlanAgreementLetter({ ...ctx, em }, exec, planId, ctx.actor.userId);
  });
  return await planById(emExec(ctx.em), planId);
}

export type Acceptance = {
  via: 'portal' | 'oral' | 'written';
  note: string | null;
  userId: string | null;
  /** A written acceptance: the day it was received and the document holding it. */
  written?: { receivedOn: string; documentId: string | null };
  /** On the debtor's page: where it came from, and the digest of the terms the page showed (in the debtor's language). */
  electronic?: { ip: string; userAgent: string | null; termsDigest: string; locale: Locale };
};

/**
 * C. civ. 2240: the debtor's acceptance of the plan, electronic (their page) or written (received
 * by the agency), acknowledges the debt and interrupts prescription, once per plan and source; the
 * claims' prescription dates are recomputed at once. An oral acceptance noted by an agent is not the
 * debtor's acknowledgment: the timeline says a written or electronic one is needed.
 */
async function recordAcceptanceEffect(ctx: ServiceContext, exec: SqlExec, plan: { id: string; case_id: string; creditor_id: string }, acceptance: Acceptance) {
  if (acceptance.via === 'oral') {
    await note(
      exec,
      ctx.clock,
      plan.case_id,
      acceptance.userId,
      "Acceptation orale de l'échéancier notée : elle n'interrompt pas la prescription. Une acceptation écrite ou électronique du débiteur est nécessaire pour l'interrompre (C. civ. 2240).",
      { code: 'plan_accepted_orally', params: {} },
    );
    return;
  }
  const on = acceptance.written?.receivedOn ?? todayInParis(ctx.clock);
  await exec(
    `insert into case_legal_event (case_id, creditor_id, kind, occurred_on, source, source_id)
     values (?, ?, 'acknowledgment', ?, ?, ?) on conflict do nothing`,
    [plan.case_id, plan.creditor_id, on, acceptance.via === 'portal' ? 'plan_acceptance' : 'plan_written_acceptance', plan.id],
  );
  const how = acceptance.via === 'portal' ? 'électronique par le débiteur sur sa page' : `écrite reçue le ${on}`;
  await note(
    exec,
    ctx.clock,
    plan.case_id,
    acceptance.userId,
    `Acceptation ${how} de l'échéancier : reconnaissance de dette, la prescription est interrompue (C. civ. 2240).`,
    acceptance.via === 'portal' ? { code: 'plan_accepted_online', params: {} } : { code: 'plan_accepted_in_writing', params: { receivedOn: on } },
  );
  await refreshPrescriptionDates(ctx, [plan.case_id]);
}

/**
 * The proof of an electronic acceptance (C. civ. 1366): the terms rebuilt from the plan about to be
 * activated must be exactly those the page showed, or 409 plan_terms_changed (with the digest of
 * the terms now, for the page to show them again).
 */
async function shownTerms(exec: SqlExec, planId: string, electronic: NonNullable<Acceptance['electronic']>) {
  const terms = await storedPlanTerms(exec, planId, electronic.locale);
  if (!terms || terms.digest !== electronic.termsDigest) throw new AppError('plan_terms_changed', 409, { termsDigest: terms?.digest ?? null });
  return terms;
}

async function emitPlanAgreed(ctx: ServiceContext, plan: { id: string; case_id: string; creditor_id: string }, acceptedVia: Acceptance['via'], today: string) {
  const agreed = await planById(emExec(ctx.em), plan.id);
  await emitCreditorEvent(ctx.em, {
    creditorId: plan.creditor_id,
    type: 'plan.agreed',
    data: {
      caseId: plan.case_id,
      planId: plan.id,
      debtCents: agreed.debtCents,
      discountCents: agreed.discountCents,
      totalCents: agreed.totalCents,
      currency: agreed.currency,
      frequency: agreed.frequency,
      acceptedVia,
      activatedOn: today,
      installments: agreed.installments.map((installment) => ({ dueOn: installment.dueOn, amountCents: installment.amountCents })),
    },
    occurredAt: ctx.clock.now(),
  });
}

/**
 * Makes an agreed plan active: case status payment_plan (through the domain table), a pending
 * promise superseded, the queue's broken flags cleared, the acknowledgment recorded for
 * prescription when the acceptance is the debtor's own (portal or written), the electronic
 * acceptance's proof kept (time, address, browser, the terms shown and their SHA-256), and
 * plan.agreed sent to the creditor's webhooks.
 */
export async function activatePlan(ctx: ServiceContext, planId: string, caseIdGuard: string | null, acceptance: Acceptance): Promise<PaymentPlan> {
  await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const exec = emExec(em);
    const [plan] = await exec<{ id: string; case_id: string; creditor_id: string; status: string }>(
      'select id, case_id, creditor_id, status from payment_plan where id = ? for update',
      [planId],
    );
    if (!plan || (caseIdGuard !== null && plan.case_id !== caseIdGuard)) throw new AppError('not_found', 404);
    if (plan.status !== 'agreed_pending_acceptance') throw new AppError('plan_not_awaiting_acceptance', 409, { status: plan.status });
    // The same gate as the approval: a dispute opened or a mandate revoked since the plan was agreed stops its acceptance.
    await assertGate(tx, plan.case_id, { action: { kind: 'plan_acceptance' }, origin: 'agent', actorId: acceptance.userId });
    const shown = acceptance.electronic ? await shownTerms(exec, planId, acceptance.electronic) : null;
    const today = todayInParis(ctx.clock);
    const how = { portal: 'par le débiteur sur sa page', oral: `oralement (${acceptance.note ?? ''})`, written: `par écrit (${acceptance.note ?? ''})` }[acceptance.via];
    await moveCaseTo(tx, plan.case_id, 'payment_plan', `Échéancier accepté ${how}.`, acceptance.userId);
    await exec(
      `update payment_plan set status = 'active', accepted_via = ?, accepted_by = ?, acceptance_note = ?, activated_on = ?, accepted_at = ?,
              written_acceptance_on = ?, written_acceptance_document_id = ?, written_acceptance_note = ?,
              acceptance_ip = ?, acceptance_user_agent = ?, acceptance_terms = ?::jsonb, acceptance_terms_sha256 = ? where id = ?`,
      [
        acceptance.via,
        acceptance.userId,
        acceptance.note,
        today,
        ctx.clock.now(),
        acceptance.written?.receivedOn ?? null,
        acceptance.written?.documentId ?? null,
        acceptance.written ? acceptance.note : null,
        acceptance.electronic?.ip ?? null,
        acceptance.electronic?.userAgent ?? null,
        shown ? JSON.stringify(shown.terms) : null,
        shown?.digest ?? null,
        planId,
      ],
    );
    await exec(`update promise_to_pay set status = 'superseded', resolved_on = ? where case_id = ? and status = 'pending'`, [today, plan.case_id]);
    await setCaseCommitment(exec, [plan.case_id], { promiseDueOn: null, promiseBroken: false, planBroken: false });
    await recordAcceptanceEffect(tx, exec, plan, acceptance);
    await emitPlanAgreed(tx, plan, acceptance.via, today);
  });
  return await planById(emExec(ctx.em), planId);
}

/** An agent notes the debtor's oral acceptance: the plan becomes active, prescription is not interrupted (see recordAcceptanceEffect). */
export async function acceptPlanOrally(ctx: UserContext, planId: string, acceptanceNote: string): Promise<PaymentPlan> {
  const [row] = await ctx.em.execute<{ case_id: string }[]>('select case_id from payment_plan where id = ?', [planId]);
  if (!row) throw new AppError('not_found', 404);
  const found = await findAccessible(ctx, 'case', CollectionCase, row.case_id);
  return await activatePlan(ctx, planId, found.id, { via: 'oral', note: acceptanceNote, userId: ctx.actor.userId });
}

/**
 * Staff record the debtor's written acceptance received (a signed agreement letter, a letter, an
 * e-mail), with the day it was received and optionally the case document holding it: the debtor's
 * acknowledgment (C. civ. 2240). A plan still awaiting acceptance becomes active; an active plan
 * accepted orally (or a plan since completed or broken) keeps its status and gains the
 * acknowledgment. Audit trail and timeline; prescription dates recomputed.
 */
export async function recordWrittenAcceptance(ctx: UserContext, planId: string, body: WrittenAcceptanceBody): Promise<PaymentPlan> {
  const [row] = await ctx.em.execute<{ case_id: string; proposed_on: string }[]>(
    `select case_id, (proposed_at at time zone 'Europe/Paris')::date::text as proposed_on from payment_plan where id = ?`,
    [planId],
  );
  if (!row) throw new AppError('not_found', 404);
  const found = await findAccessible(ctx, 'case', CollectionCase, row.case_id);
  if (body.receivedOn > todayInParis(ctx.clock)) throw new AppError('date_in_future', 400, { field: 'receivedOn', date: body.receivedOn });
  if (body.receivedOn < row.proposed_on) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'receivedOn', message: `not before the plan was proposed (${row.proposed_on})` }] });
  }
  if (body.documentId) {
    const [document] = await ctx.em.execute<{ id: string }[]>('select id from case_document where id = ? and case_id = ?', [body.documentId, found.id]);
    if (!document) throw new AppError('not_found', 404, { field: 'documentId' });
  }
  const written = { receivedOn: body.receivedOn, documentId: body.documentId ?? null };
  const [current] = await ctx.em.execute<{ status: string }[]>('select status from payment_plan where id = ?', [planId]);
  if (current?.status === 'agreed_pending_acceptance') {
    await activatePlan(ctx, planId, found.id, { via: 'written', note: body.note, userId: ctx.actor.userId, written });
  } else {
    await addWrittenAcceptance(ctx, planId, { via: 'written', note: body.note, userId: ctx.actor.userId, written });
  }
  await recordAudit(emExec(ctx.em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'plan_written_acceptance_recorded',
    entity: 'payment_plan',
    entityId: planId,
    caseId: found.id,
    creditorId: found.creditorId,
    details: { receivedOn: body.receivedOn, documentId: written.documentId, note: body.note },
  });
  return await planById(emExec(ctx.em), planId);
}

/** A plan already accepted (orally, or since completed or broken) gains the written acceptance and its acknowledgment. */
async function addWrittenAcceptance(ctx: UserContext, planId: string, acceptance: Acceptance & { written: NonNullable<Acceptance['written']> }) {
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const [plan] = await exec<{ id: string; case_id: string; creditor_id: string; status: string; written_acceptance_on: string | null }>(
      'select id, case_id, creditor_id, status, written_acceptance_on from payment_plan where id = ? for update',
      [planId],
    );
    if (!plan) throw new AppError('not_found', 404);
    if (!['active', 'completed', 'broken'].includes(plan.status)) throw new AppError('plan_not_awaiting_acceptance', 409, { status: plan.status });
    if (plan.written_acceptance_on !== null) throw new AppError('already_exists', 409, { receivedOn: plan.written_acceptance_on });
    await exec('update payment_plan set written_acceptance_on = ?, written_acceptance_document_id = ?, written_acceptance_note = ? where id = ?', [
      acceptance.written.receivedOn,
      acceptance.written.documentId,
      acceptance.note,
      planId,
    ]);
    await recordAcceptanceEffect({ ...ctx, em }, exec, plan, acceptance);
  });
}

/** A schedule the debtor agreed before a commissaire de justice (petites créances). */
export type CommissaireAgreement = {
  totalCents: number;
  installments: number;
  /** The day the commissaire recorded the debtor's acceptance. */
  acceptedOn: string;
  documentId: string | null;
  note: string;
};

/**
 * The schedule agreed in the petites créances procedure (CPCE L125-1, R125-6) becomes the case's
 * payment plan: monthly installments of the agreed amount, the first one month after the
 * acceptance. The debtor's acceptance is written and recorded by the commissaire, so the plan is
 * active at once as accepted in writing (the debtor's acknowledgment, C. civ. 2240, through
 * activatePlan); the creditor's plan rules do not apply, the creditor being party to the
 * agreement. The legal gate is asked as for any acceptance; a plan already open on the case
 * answers 422 plan_already_open.
 */
export async function recordCommissaireAgreedPlan(ctx: UserContext, caseId: string, agreement: CommissaireAgreement): Promise<PaymentPlan> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const exec = emExec(ctx.em);
  const [open] = await exec<{ id: string }>(`select id from payment_plan where case_id = ? and status in ('pending_approval', 'agreed_pending_acceptance', 'active')`, [found.id]);
  if (open) throw new AppError('plan_already_open', 422, { plan: open.id });
  const [claim] = await exec<{ currency: string }>('select currency from claim where case_id = ? limit 1', [found.id]);
  let schedule: Schedule;
  try {
    schedule = buildSchedule({ totalCents: agreement.totalCents, installments: { count: agreement.installments }, frequency: 'monthly', firstDate: addMonths(agreement.acceptedOn, 1) });
  } catch (error) {
    if (error instanceof ScheduleInputError) throw new AppError('invalid_schedule', 400, { reason: error.code });
    throw error;
  }
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: found.creditorId });
  const preview: Negotiation['preview'] = {
    debtCents: agreement.totalCents,
    discountCents: 0,
    totalCents: schedule.totalCents,
    currency: claim?.currency ?? 'EUR',
    frequency: schedule.frequency,
    payments: schedule.payments.map((payment) => ({ ...payment })),
    violations: [],
    needsApproval: false,
    rules: planRulesOf(creditor),
  };
  const { planId } = await insertPlan(exec, ctx, { via: 'staff', actor: ctx.actor }, found, { preview, schedule }, agreement.note);
  const terms = { ...preview, count: schedule.payments.length };
  await note(exec, ctx.clock, found.id, ctx.actor.userId, `Échéancier convenu devant le commissaire de justice (${describe(terms)}).`, { code: 'plan_agreed_with_bailiff', params: termsParams(terms) });
  return await activatePlan(ctx, planId, found.id, {
    via: 'written',
    note: agreement.note,
    userId: ctx.actor.userId,
    written: { receivedOn: agreement.acceptedOn, documentId: agreement.documentId },
  });
}

export async function listNotifications(ctx: UserContext): Promise<{ items: Notification[]; nextCursor: null }> {
  const rows = await ctx.em.execute<
    { id: string; kind: Notification['kind']; text: string; case_id: string | null; plan_id: string | null; creditor_id: string | null; created_at: Date; read_at: Date | null }[]
  >('select * from notification where user_id = ? order by created_at desc, id desc limit 200', [ctx.actor.userId]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      text: row.text,
      caseId: row.case_id,
      planId: row.plan_id,
      creditorId: row.creditor_id,
      createdAt: new Date(row.created_at).toISOString(),
      readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
    })),
    nextCursor: null,
  };
}

export async function markNotificationRead(ctx: UserContext, id: string): Promise<void> {
  const rows = await ctx.em.execute<{ id: string }[]>(
    'update notification set read_at = coalesce(read_at, ?) where id = ? and user_id = ? returning id',
    [ctx.clock.now(), id, ctx.actor.userId],
  );
  if (rows.length === 0) throw new AppError('not_found', 404);
}

type EndedPlan = { id: string; case_id: string; creditor_id: string; total_cents: string; currency: string; reference: string; external_ref: string | null };

/**
 * Matches payments with installments and ends plans, set-based (every active plan, or one case's):
 * 1. the payments received from the day of activation are spread over the installments in order,
 *    oldest first; an installment is paid once covered;
 * 2. a plan whose installments are all paid is completed and its case closed as paid;
 * 3. a plan with an installment unpaid after its date plus the grace days is broken: the case goes
 *    back to amicable and is flagged for the queue (plan_broken).
 * Idempotent: only active plans are touched and the matching is recomputed from the rows.
 */
export async function checkPlans(exec: SqlExec, clock: Clock, caseId?: string): Promise<{ completed: number; broken: number }> {
  const today = todayInParis(clock);
  const now = clock.now();
  await exec(
    `with received as (
       select pl.id as plan_id, coalesce(sum(p.amount_cents), 0) as received_cents, max(p.received_on) as last_on
         from payment_plan pl
         left join payment p on p.case_id = pl.case_id and p.received_on >= pl.activated_on and p.received_on <= ?::date
        where pl.status = 'active' and (?::uuid is null or pl.case_id = ?::uuid)
        group by pl.id),
     running as (
       select i.plan_id, i.index, sum(i.amount_cents) over (partition by i.plan_id order by i.index) as through_cents
         from payment_plan_installment i join received r on r.plan_id = i.plan_id)
     update payment_plan_installment i
        set paid_cents = least(i.amount_cents, greatest(0, r.received_cents - (run.through_cents - i.amount_cents))),
            paid_on = case when r.received_cents >= run.through_cents then coalesce(i.paid_on, r.last_on) end
       from running run join received r on r.plan_id = run.plan_id
      where i.plan_id = run.plan_id and i.index = run.index`,
    [today, caseId ?? null, caseId ?? null],
  );
  const completed = await exec<EndedPlan>(
    `with done as (
       update payment_plan pl set status = 'completed', ended_on = ?::date
        where pl.status = 'active' and (?::uuid is null or pl.case_id = ?::uuid)
          and not exists (select 1 from payment_plan_installment i where i.plan_id = pl.id and i.paid_cents < i.amount_cents)
       returning pl.id, pl.case_id, pl.creditor_id, pl.total_cents, pl.currency)
     select d.*, c.reference, c.external_ref from done d join collection_case c on c.id = d.case_id`,
    [today, caseId ?? null, caseId ?? null],
  );
  const broken = await exec<EndedPlan>(
    `with missed as (
       update payment_plan pl set status = 'broken', ended_on = ?::date
        where pl.status = 'active' and (?::uuid is null or pl.case_id = ?::uuid)
          and exists (select 1 from payment_plan_installment i
                       where i.plan_id = pl.id and i.paid_cents < i.amount_cents and i.due_on + pl.grace_days < ?::date)
       returning pl.id, pl.case_id, pl.creditor_id, pl.total_cents, pl.currency)
     select m.*, c.reference, c.external_ref from missed m join collection_case c on c.id = m.case_id`,
    [today, caseId ?? null, caseId ?? null, today],
  );
  // A completed plan closes its case as paid, a broken one sends it back to amicable (cases/status.ts,
  // set-based, only cases still under the plan); the timeline says why.
  const closedIds = await moveCases(exec, clock, {
    from: ['payment_plan'],
    to: 'closed',
    outcome: 'paid',
    cases: completed.map((row) => {
      const totalCents = centsFromDatabase(row.total_cents, 'total_cents');
      return {
        caseId: row.case_id,
        text: `Échéancier mené à son terme : ${formatMoney(totalCents, row.currency, 'fr')} reçus.`,
        event: { code: 'plan_completed' as const, params: { totalCents, currency: row.currency.trim() } },
      };
    }),
  });
  await moveCases(exec, clock, {
    from: ['payment_plan'],
    to: 'amicable',
    cases: broken.map((row) => ({
      caseId: row.case_id,
      text: 'Échéancier rompu : une échéance reste impayée après le délai de grâce.',
      event: { code: 'plan_broken' as const, params: {} },
    })),
  });
  await setCaseCommitment(
    exec,
    broken.map((row) => row.case_id),
    { planBroken: true },
  );
  // The creditor's webhooks hear of each case closed as paid (same outbox, same transaction).
  const outbox = { execute: (sql: string, params: unknown[]) => exec(sql, params) } as unknown as Parameters<typeof emitCreditorEvent>[0];
  for (const row of completed.filter((plan) => closedIds.has(plan.case_id))) {
    await emitCreditorEvent(outbox, {
      creditorId: row.creditor_id,
      type: 'case.closed',
      data: { caseId: row.case_id, reference: row.reference, externalRef: row.external_ref, previousStatus: 'payment_plan', outcome: 'paid', reason: 'payment_plan_completed' },
      occurredAt: now,
    });
  }
  return { completed: completed.length, broken: broken.length };
}
