import type { PaymentPlan } from '@relance/contracts/plans';
import type { PortalPlan, PortalPlanBody, PortalPlanOption, PortalPlans } from '@relance/contracts/portal-plans';
import { addDays } from '@relance/domain/dates';
import { centsFromDatabase } from '@relance/domain/money';
import { firstDueWindow, MIN_OPTION_INSTALLMENTS, planOptions } from '@relance/domain/plan-options';
import type { PortalContext, ServiceContext } from '../../plugins/context.ts';
import { todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { portalIdempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { gateFor } from '../cases/legal-gate.ts';
import { Creditor } from '../creditors/entities.ts';
import { verifiedCaseId } from '../portal/verification.ts';
import { graceDays } from '../promises/service.ts';
import { acceptanceTerms, storedPlanTerms, termsPartiesOf } from './acceptance-terms.ts';
import { activatePlan, DEBTOR, demandableForPlan, planById, planRulesOf, plansWhere, recordProposal } from './service.ts';

// The debtor's plans on their page (issue 18). Through the same doors as staff (recordProposal,
// activatePlan in service.ts), with the page's own limits: the plans the creditor's rules let the
// debtor take alone (packages/domain planOptions: monthly, no waiver, the first installment within
// portalFirstDueWithinDays) are accepted at once; anything else is a proposal a manager decides
// (the approval inbox). Every acceptance on the page is kept with the exact terms shown
// (acceptance-terms.ts). This file lives in plans, not portal: portal/service.ts is imported by
// plans, documents and money, so portal must not import them back.

/** The case behind the debtor's link, with its creditor. */
async function debtorCase(ctx: PortalContext): Promise<{ id: string; creditorId: string; creditor: Creditor }> {
  const caseId = await verifiedCaseId(ctx);
  const [row] = await ctx.em.execute<{ creditor_id: string }[]>('select creditor_id from collection_case where id = ?', [caseId]);
  if (!row) throw new AppError('portal_link_invalid', 404);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: row.creditor_id });
  return { id: caseId, creditorId: row.creditor_id, creditor };
}

type PlanExtras = { terms: PortalPlan['terms']; agreementDownloadUrl: string | null };

async function extrasOf(ctx: PortalContext, exec: SqlExec, plan: PaymentPlan): Promise<PlanExtras> {
  const agreementDownloadUrl = plan.agreementDocumentId
    ? `/api/v1/portal/${encodeURIComponent(ctx.debtor.token)}/documents/${plan.agreementDocumentId}/download`
    : null;
  const accepted = plan.electronicAcceptance;
  if (accepted) return { terms: { commitment: String(accepted.terms.commitment ?? ''), digest: accepted.termsSha256 }, agreementDownloadUrl };
  if (plan.status !== 'agreed_pending_acceptance') return { terms: null, agreementDownloadUrl };
  const shown = await storedPlanTerms(exec, plan.id, ctx.locale);
  return { terms: shown ? { commitment: shown.terms.commitment, digest: shown.digest } : null, agreementDownloadUrl };
}

function toPortalPlan(plan: PaymentPlan, extras: PlanExtras): PortalPlan {
  return {
    id: plan.id,
    status: plan.status,
    totalCents: plan.totalCents,
    discountCents: plan.discountCents,
    currency: plan.currency,
    frequency: plan.frequency,
    installments: plan.installments,
    proposedByDebtor: plan.proposedVia === 'debtor',
    proposedAt: plan.proposedAt,
    acceptedAt: plan.electronicAcceptance?.acceptedAt ?? null,
    ...extras,
  };
}

async function portalPlanOf(ctx: PortalContext, exec: SqlExec, planId: string): Promise<PortalPlan> {
  const plan = await planById(exec, planId);
  return toPortalPlan(plan, await extrasOf(ctx, exec, plan));
}

/** Why nothing may be chosen now: the legal gate's first reason for `action`, or nothing to pay. */
async function unavailableFor(ctx: ServiceContext, caseId: string, action: 'plan' | 'promise', balanceCents: number): Promise<{ code: string } | null> {
  const { verdict } = await gateFor(ctx, caseId, { action: { kind: action }, origin: 'agent', actorId: null });
  const [first] = verdict.reasons;
  if (verdict.decision !== 'allowed' && first) return { code: first.code };
  return balanceCents <= 0 ? { code: 'nothing_to_pay' } : null;
}

/** The options of a first date, each with its full schedule and the terms to accept. */
async function optionsOf(ctx: PortalContext, found: { id: string; creditor: Creditor }, balanceCents: number, currency: string, firstDate: string) {
  const exec = emExec(ctx.em);
  const window = firstDueWindow(todayInParis(ctx.clock), found.creditor.portalFirstDueWithinDays);
  const parties = await termsPartiesOf(exec, found.id);
  const grace = await graceDays(exec);
  return planOptions({ totalCents: balanceCents, firstDate, window, rules: planRulesOf(found.creditor) }).map((option): PortalPlanOption => {
    const payments = option.schedule.payments.map((payment) => ({ index: payment.index, dueOn: payment.dueDate, amountCents: payment.amountCents }));
    const { terms, digest } = acceptanceTerms({
      locale: ctx.locale,
      ...parties,
      debtCents: balanceCents,
      discountCents: 0,
      totalCents: balanceCents,
      currency,
      frequency: option.frequency,
      graceDays: grace.plan,
      installments: payments,
    });
    return { id: option.id, installments: option.installments, frequency: option.frequency, totalCents: balanceCents, payments, terms: { commitment: terms.commitment, digest } };
  });
}

/** What the page may offer of a promise: the creditor's limits, and why none may be made now. */
async function promiseRulesOf(ctx: PortalContext, found: { id: string; creditor: Creditor }, balanceCents: number, hasPending: boolean, planActive: boolean) {
  const today = todayInParis(ctx.clock);
  let unavailable = await unavailableFor(ctx, found.id, 'promise', balanceCents);
  if (!unavailable && planActive) unavailable = { code: 'promise_plan_in_force' };
  if (!unavailable && hasPending) unavailable = { code: 'promise_already_pending' };
  return {
    unavailable,
    minAmountCents: Math.min(found.creditor.portalMinPaymentCents, Math.max(balanceCents, 0)),
    maxAmountCents: Math.max(balanceCents, 0),
    earliest: today,
    latest: addDays(today, found.creditor.promiseWithinDays),
  };
}

type PromiseRow = { id: string; amount_cents: string; currency: string; due_on: string; status: 'pending'; made_on: string; made_via: string };

/**
 * What the debtor's page shows of plans and promises: the plan pending approval, awaiting
 * acceptance (with the terms to accept) or running, a proposal of theirs refused in the last 30
 * days; the plans they may take alone from `firstDate` (within the window; otherwise the suggested
 * day); the pending promise and what a promise may be.
 */
export async function portalPlans(ctx: PortalContext, firstDate?: string): Promise<PortalPlans> {
  const found = await debtorCase(ctx);
  const exec = emExec(ctx.em);
  const today = todayInParis(ctx.clock);
  const refusedSince = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  const plans = await plansWhere(
    exec,
    `pl.case_id = ? and (pl.status in ('pending_approval', 'agreed_pending_acceptance', 'active')
                         or (pl.status = 'refused' and pl.proposed_via = 'debtor' and pl.decided_at > ?))`,
    [found.id, refusedSince],
  );
  const items = await Promise.all(plans.map(async (plan) => toPortalPlan(plan, await extrasOf(ctx, exec, plan))));
  const due = await demandableForPlan(ctx, found.id);
  const window = firstDueWindow(today, found.creditor.portalFirstDueWithinDays);
  const chosen = firstDate && firstDate >= window.earliest && firstDate <= window.latest ? firstDate : window.suggested;
  const unavailable = await unavailableFor(ctx, found.id, 'plan', due.cents);
  const [pending] = await exec<PromiseRow>(
    `select id, amount_cents, currency, due_on::text as due_on, status, made_on::text as made_on, made_via from promise_to_pay where case_id = ? and status = 'pending'`,
    [found.id],
  );
  return {
    items,
    choice: {
      unavailable,
      balanceCents: Math.max(due.cents, 0),
      currency: due.currency,
      firstDate: { ...window, chosen },
      rules: {
        minInstallmentCents: found.creditor.planMinInstallmentCents,
        maxDurationMonths: found.creditor.planMaxDurationMonths,
        firstDueWithinDays: found.creditor.portalFirstDueWithinDays,
      },
      options: unavailable ? [] : await optionsOf(ctx, found, due.cents, due.currency, chosen),
    },
    promise: pending
      ? {
          id: pending.id,
          amountCents: centsFromDatabase(pending.amount_cents, 'amount_cents'),
          currency: pending.currency,
          dueOn: pending.due_on,
          status: pending.status,
          madeOn: pending.made_on,
          madeByDebtor: pending.made_via === 'debtor',
        }
      : null,
    promiseRules: await promiseRulesOf(ctx, found, due.cents, pending !== undefined, plans.some((plan) => plan.status === 'active')),
  };
}

/** The request's origin as kept with an electronic acceptance. */
export type AcceptanceOrigin = { idempotencyKey: string | undefined; userAgent: string | null };

function electronicOf(ctx: PortalContext, termsDigest: string, origin: AcceptanceOrigin) {
  return { ip: ctx.debtor.ip, userAgent: origin.userAgent?.slice(0, 500) ?? null, termsDigest, locale: ctx.locale };
}

/**
 * The debtor chooses or proposes a plan (idempotent with the page's Idempotency-Key: a double tap
 * makes one plan; the open-plan unique index and the gate's plan_already_open back it).
 * - `option`: one of the plans the rules allow (planOptions), created and accepted at once as the
 *   debtor's electronic acceptance (acknowledgment, prescription interrupted, plan.agreed, the plan
 *   agreement letter); a rule broken since answers 422 plan_option_unavailable, terms other than
 *   those shown 409 plan_terms_changed, and nothing is kept.
 * - `proposal`: any schedule of the whole balance; breaking a rule (more installments, smaller ones,
 *   a later first date) sends it to a manager (pending_approval, proposed_via 'debtor'); inside the
 *   rules it is agreed and awaits the debtor's acceptance on the page.
 */
export async function choosePlanOnPortal(ctx: PortalContext, body: PortalPlanBody, origin: AcceptanceOrigin): Promise<StoredResponse<PortalPlan, 201>> {
  const found = await debtorCase(ctx);
  const guard = portalIdempotencyGuard(found.id, origin.idempotencyKey, 'POST /api/v1/portal/:token/plans', body);
  return await runIdempotently(ctx.em, guard, async (em) => {
    const tx = { ...ctx, em };
    if (body.choice === 'option') {
      const count = Number(body.optionId.slice('monthly-'.length));
      // A single installment is a payment or a promise, not an option (planOptions starts at two).
      if (count < MIN_OPTION_INSTALLMENTS) throw new AppError('plan_option_unavailable', 422, { optionId: body.optionId });
      const terms = { installments: { count }, frequency: 'monthly' as const, firstDate: body.firstDate };
      const { planId } = await recordProposal(tx, DEBTOR, found, terms, { note: null, withinRulesOnly: true });
      await activatePlan(tx, planId, found.id, { via: 'portal', note: null, userId: null, electronic: electronicOf(ctx, body.termsDigest, origin) });
      return { status: 201 as const, body: await portalPlanOf(tx, emExec(em), planId) };
    }
    const proposal = { installments: body.installments, frequency: body.frequency, firstDate: body.firstDate };
    const { planId } = await recordProposal(tx, DEBTOR, found, proposal, { note: body.reason || null });
    return { status: 201 as const, body: await portalPlanOf(tx, emExec(em), planId) };
  });
}

/** The debtor accepts the plan offered on their page, with the digest of the terms it showed (activatePlan keeps the proof). */
export async function acceptPlanOnPortal(ctx: PortalContext, planId: string, termsDigest: string, origin: AcceptanceOrigin): Promise<StoredResponse<PortalPlan, 200>> {
  const caseId = await verifiedCaseId(ctx);
  const guard = portalIdempotencyGuard(caseId, origin.idempotencyKey, `POST /api/v1/portal/:token/plans/${planId}/accept`, { termsDigest });
  return await runIdempotently(ctx.em, guard, async (em) => {
    const tx = { ...ctx, em };
    await activatePlan(tx, planId, caseId, { via: 'portal', note: null, userId: null, electronic: electronicOf(ctx, termsDigest, origin) });
    return { status: 200 as const, body: await portalPlanOf(tx, emExec(em), planId) };
  });
}
