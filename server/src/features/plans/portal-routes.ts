import { idempotencyHeaders } from '@relance/contracts/cases';
import { errorBody } from '@relance/contracts/common';
import { portalTokenParams } from '@relance/contracts/portal';
import {
  portalAcceptBody,
  portalPlan,
  portalPlanBody,
  portalPlanParams,
  portalPlansQuery,
  portalPlans as portalPlansSchema,
  portalPromise,
  portalPromiseBody,
} from '@relance/contracts/portal-plans';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { portalContextOf, portalRateLimit } from '../../plugins/request-context.ts';
import { acceptPlanOnPortal, choosePlanOnPortal, portalPlans } from './portal.ts';
import { promiseOnPortal } from './portal-promise.ts';

// The debtor's plans and promises on their page (portal.ts, portal-promise.ts). Every route asks
// the verified session (401 portal_verification_required before the check, 404 for a dead link);
// every POST takes the page's Idempotency-Key (one per form submission: a double tap or a retry
// answers the first response, marked `idempotent-replayed: true`).

const VERIFIED = '401 portal_verification_required before the debtor answered the check; 404 portal_link_invalid for a dead link.';
const GATE_PLAN =
  'The legal gate decides first (action plan): 422 contact_refused_dispute, claim_prescribed, nothing_due, case_closed, mandate_expired / ' +
  'mandate_revoked / mandate_not_started, plan_already_open (details.reasons).';
const IDEMPOTENT = 'An `Idempotency-Key` header (the page sends one per submission) makes a retry answer the first response; the same key with another body is 409 idempotency_key_reused.';

function originOf(request: FastifyRequest<{ Headers: { 'idempotency-key'?: string | undefined } }>) {
  const userAgent = request.headers['user-agent'];
  return { idempotencyKey: request.headers['idempotency-key'], userAgent: typeof userAgent === 'string' ? userAgent : null };
}

/** What the page reads, and a plan chosen or proposed. */
async function choiceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portal/:token/plans', {
    config: { access: 'portal', rateLimit: portalRateLimit(60) },
    schema: {
      tags: ['portal'],
      summary: "The debtor's plans and promise: the plan offered or running, the plans they may take alone, what a promise may be",
      description:
        '`items`: the plan pending approval, awaiting acceptance (with `terms`: the commitment and the digest to send back to accept) or ' +
        'running, and a proposal of the debtor refused in the last 30 days. `choice.options`: the monthly plans of the whole balance the ' +
        "creditor's rules let the debtor take alone (2 to N installments, each at least planMinInstallmentCents, within planMaxDurationMonths " +
        'and the manager thresholds, no waiver), starting on `firstDate` (query; within today..today + portalFirstDueWithinDays, else the ' +
        "suggested day: the 5th of next month or the window's last day), each with its schedule and terms; `choice.unavailable` names why " +
        "none may be chosen now (the legal gate's code, nothing_to_pay). `promise`: the pending promise; `promiseRules`: its limits. " +
        VERIFIED,
      params: portalTokenParams,
      querystring: portalPlansQuery,
      response: { 200: portalPlansSchema, 400: errorBody, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => portalPlans(portalContextOf(request), request.query.firstDate),
  });

  r.post('/api/v1/portal/:token/plans', {
    config: { access: 'portal', rateLimit: portalRateLimit(10) },
    schema: {
      tags: ['portal'],
      summary: 'The debtor takes a plan the rules allow (accepted at once) or proposes another (to a manager)',
      description:
        '`{ "choice": "option", optionId, firstDate, termsDigest }`: one of `choice.options`, created and accepted at once (status active): ' +
        "the debtor's electronic acceptance, kept with time, address, browser and the terms shown (their SHA-256 must be `termsDigest`, " +
        'else 409 plan_terms_changed), an acknowledgment that interrupts prescription (C. civ. 2240), plan.agreed to the creditor, the plan ' +
        'agreement letter stored; an option the rules no longer allow is 422 plan_option_unavailable. ' +
        '`{ "choice": "proposal", installments: {count} | {amountCents}, frequency, firstDate, reason? }`: a schedule of the whole balance; ' +
        "breaking a rule (more or smaller installments, a later first date) it waits for a manager (pending_approval, in GET approvals, " +
        'proposed by the debtor); inside the rules it is agreed and awaits the acceptance on the page. 400 date_in_past, invalid_schedule. ' +
        `${GATE_PLAN} ${IDEMPOTENT} ${VERIFIED}`,
      params: portalTokenParams,
      headers: idempotencyHeaders,
      body: portalPlanBody,
      response: { 201: portalPlan, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const result = await choosePlanOnPortal(portalContextOf(request), request.body, originOf(request));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });

}

/** The acceptance of the plan offered, and a promise. */
async function commitmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/portal/:token/plans/:planId/accept', {
    config: { access: 'portal', rateLimit: portalRateLimit(20) },
    schema: {
      tags: ['portal'],
      summary: 'The debtor accepts the payment plan offered on their page: it becomes active',
      description:
        '`termsDigest`: the `terms.digest` of the plan as the page showed it (required: the acceptance is kept with those exact terms, ' +
        'the time, the address and the browser, C. civ. 1366; an acknowledgment that interrupts prescription, C. civ. 2240); terms ' +
        'changed since: 409 plan_terms_changed (details.termsDigest: the current one). 409 plan_not_awaiting_acceptance (pending ' +
        'approval, refused, already accepted); 404 another case\'s plan. The legal gate decides first: 422 contact_refused_dispute, ' +
        `mandate_expired / mandate_revoked / mandate_not_started, claim_prescribed, nothing_due, case_closed (details.reasons). ${IDEMPOTENT} ${VERIFIED}`,
      params: portalPlanParams,
      headers: idempotencyHeaders,
      body: portalAcceptBody,
      response: { 200: portalPlan, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const result = await acceptPlanOnPortal(portalContextOf(request), request.params.planId, request.body.termsDigest, originOf(request));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });

  r.post('/api/v1/portal/:token/promises', {
    config: { access: 'portal', rateLimit: portalRateLimit(10) },
    schema: {
      tags: ['portal'],
      summary: 'The debtor promises to pay an amount by a date (the queue follows it)',
      description:
        "At least the creditor's portalMinPaymentCents or the whole balance (400 promise_amount_too_low), at most the balance (400 " +
        'amount_too_high); due today to today + promiseWithinDays (400 date_in_past, promise_due_too_late); 409 promise_plan_in_force ' +
        'while a plan runs, promise_already_pending while a promise is pending. The legal gate decides first (action promise): 422 ' +
        'contact_refused_dispute, claim_prescribed, nothing_due, case_closed, mandate_*. The case goes to status promise; kept when ' +
        `payments cover it, broken after its date plus the grace days (the agent's timeline says so). ${IDEMPOTENT} ${VERIFIED}`,
      params: portalTokenParams,
      headers: idempotencyHeaders,
      body: portalPromiseBody,
      response: { 201: portalPromise, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const result = await promiseOnPortal(portalContextOf(request), request.body, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });
}

export async function portalPlanRoutes(app: FastifyInstance) {
  await choiceRoutes(app);
  await commitmentRoutes(app);
}
