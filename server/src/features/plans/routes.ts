import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import {
  approvalDecisionBody,
  notification,
  oralAcceptanceBody,
  paymentPlan,
  planIdParams,
  planPreview,
  planProposalBody,
  writtenAcceptanceBody,
} from '@relance/contracts/plans';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { portalPlanRoutes } from './portal-routes.ts';
import {
  acceptPlanOrally,
  decideApproval,
  getPlan,
  listApprovals,
  listCasePlans,
  listNotifications,
  markNotificationRead,
  previewPlan,
  proposePlan,
  recordWrittenAcceptance,
} from './service.ts';

const staff = ['admin', 'manager', 'agent'] as const;
const managers = ['admin', 'manager'] as const;

/** A case's plans as the agent works them: preview, propose, read. */
async function casePlanRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/plans/preview', {
    config: { access: staff },
    schema: {
      tags: ['plans'],
      summary: "Preview a payment plan: the schedule, every creditor rule it breaks and the legal gate's verdict (nothing is stored)",
      description:
        "The total defaults to the demandable amount today (the debtor's décompte: prescribed claims are never part of a plan); " +
        'a total above it answers 400 amount_too_high (details demandableCents). needsApproval says whether a manager must decide. gate says whether ' +
        'proposing it now would be refused (dispute, mandate, prescription, a plan already open) or allowed with a warning (a vulnerable debtor).',
      params: idParams,
      body: planProposalBody,
      response: { 200: planPreview, 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => previewPlan(userContextOf(request), request.params.id, request.body),
  });

  r.post('/api/v1/cases/:id/plans', {
    config: { access: staff },
    schema: {
      tags: ['plans'],
      summary: 'Propose a payment plan: agreed (awaiting the debtor) inside the rules and authority, else pending approval',
      description:
        'The legal gate decides first: 422 contact_refused_dispute, mandate_*, claim_prescribed, nothing_due, case_closed or ' +
        'plan_already_open (a plan pending approval, awaiting the debtor or active); a vulnerable debtor is allowed with `warnings` ' +
        '(recorded on the timeline). The plan covers the demandable amount only (see the preview); a total above it answers 400 amount_too_high.',
      params: idParams,
      body: planProposalBody,
      response: { 201: paymentPlan, 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const plan = await proposePlan(userContextOf(request), request.params.id, request.body);
      return reply.code(201).send(plan);
    },
  });

  r.get('/api/v1/cases/:id/plans', {
    config: { access: staff },
    schema: { tags: ['plans'], summary: 'Payment plans of a case, latest first', params: idParams, response: { 200: pageOf(paymentPlan), 404: errorBody } },
    handler: async (request) => listCasePlans(userContextOf(request), request.params.id),
  });

  r.get('/api/v1/plans/:id', {
    config: { access: staff },
    schema: { tags: ['plans'], summary: 'A payment plan with its installments', params: idParams, response: { 200: paymentPlan, 404: errorBody } },
    handler: async (request) => getPlan(userContextOf(request), request.params.id),
  });

}

/** The debtor's acceptance as staff record it: noted orally, or written and received. */
async function acceptanceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/plans/:id/accept-orally', {
    config: { access: staff },
    schema: {
      tags: ['plans'],
      summary: "Record the debtor's oral acceptance (with a note): the plan becomes active",
      description:
        'Sends plan.agreed to the creditor. An oral acceptance noted by an agent is not the debtor\'s acknowledgment: it does not ' +
        'interrupt prescription (C. civ. 2240); record the written acceptance when it arrives (POST plans/{id}/written-acceptance). ' +
        'The legal gate decides first: 422 contact_refused_dispute, mandate_expired / mandate_revoked / mandate_not_started, claim_prescribed, nothing_due, case_closed (details.reasons).',
      params: idParams,
      body: oralAcceptanceBody,
      response: { 200: paymentPlan, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => acceptPlanOrally(userContextOf(request), request.params.id, request.body.note),
  });

  r.post('/api/v1/plans/:id/written-acceptance', {
    config: { access: staff },
    schema: {
      tags: ['plans'],
      summary: "Record the debtor's written acceptance received: an acknowledgment that interrupts prescription (C. civ. 2240)",
      description:
        'A plan awaiting acceptance becomes active (plan.agreed sent); a plan already accepted orally (or since completed or broken) ' +
        'keeps its status and gains the acknowledgment, dated the day received. documentId: a document of the case holding it. ' +
        'Audit trail and timeline. 400 date_in_future, validation_failed (before the proposal); 404 an unknown plan or document; ' +
        '409 plan_not_awaiting_acceptance (pending approval, refused, cancelled), already_exists (recorded before). ' +
        'Activating a plan awaiting acceptance asks the legal gate: 422 contact_refused_dispute, mandate_expired / mandate_revoked / mandate_not_started, claim_prescribed, nothing_due, case_closed (details.reasons).',
      params: idParams,
      body: writtenAcceptanceBody,
      response: { 200: paymentPlan, 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => recordWrittenAcceptance(userContextOf(request), request.params.id, request.body),
  });
}

/** The managers' approval inbox and their decisions. */
async function approvalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/approvals', {
    config: { access: managers },
    schema: { tags: ['plans'], summary: "The managers' approval inbox: proposals waiting for a decision, oldest first", response: { 200: pageOf(paymentPlan) } },
    handler: async (request) => listApprovals(userContextOf(request)),
  });

  for (const decision of ['approve', 'refuse'] as const) {
    r.post(`/api/v1/approvals/:planId/${decision}`, {
      config: { access: managers },
      schema: {
        tags: ['plans'],
        summary: decision === 'approve' ? 'Approve a proposal (the agent is notified)' : 'Refuse a proposal (the agent is notified)',
        ...(decision === 'approve' ? { description: 'The legal gate decides first: 422 contact_refused_dispute, mandate_expired / mandate_revoked / mandate_not_started, claim_prescribed, nothing_due, case_closed (details.reasons).' } : {}),
        params: planIdParams,
        body: approvalDecisionBody,
        response: { 200: paymentPlan, 404: errorBody, 409: errorBody, 422: errorBody },
      },
      handler: async (request) =>
        decideApproval(userContextOf(request), request.params.planId, decision, request.body.comment),
    });
  }

}

/** The signed-in user's notifications (a decision on their proposal, a plan in default). */
async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/notifications', {
    config: { access: staff },
    schema: { tags: ['plans'], summary: "The signed-in user's notifications, latest first", response: { 200: pageOf(notification) } },
    handler: async (request) => listNotifications(userContextOf(request)),
  });

  r.post('/api/v1/notifications/:id/read', {
    config: { access: staff },
    schema: { tags: ['plans'], summary: 'Mark a notification read', params: idParams, response: { 204: z.null(), 404: errorBody } },
    handler: async (request, reply) => {
      await markNotificationRead(userContextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

export async function planRoutes(app: FastifyInstance) {
  await casePlanRoutes(app);
  await acceptanceRoutes(app);
  await approvalRoutes(app);
  await notificationRoutes(app);
  await portalPlanRoutes(app);
}
