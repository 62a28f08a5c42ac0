import { errorBody, idParams } from '@relance/contracts/common';
import {
  chooseVenueBody,
  legalAction,
  legalActionList,
  legalActionListQuery,
  legalApprovalBody,
  legalEventBody,
  legalPrecheck,
  precheckQuery,
  proposeLegalActionBody,
} from '@relance/contracts/legal-actions';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { chooseLegalVenue, getLegalAction, listLegalActions, precheckLegalAction, proposeLegalAction } from './actions.ts';
import { decideLegalAction } from './approvals.ts';
import { recordLegalEvent } from './events.ts';

/** Before and at the proposal: the pre-checks and the proposal itself. */
export async function legalProposalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/legal-actions/precheck', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Before proposing a legal action: every pre-check verdict, the court or commissaire found, the estimated costs',
      description:
        'Checks: case open and debtor not vulnerable, claims certain, liquid and payable (CPC 1405; prescribed ones excluded, those prescribing within 90 days highlighted), no open dispute, mandate in force covering judicial steps, mise en demeure presented at least N days before (agency setting, 8 by default), petites créances at most 5,000 € (R125-1), debtor address known, a title for an enforcement.',
      params: idParams,
      querystring: precheckQuery,
      response: { 200: legalPrecheck, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => precheckLegalAction(actorContextOf(request), request.params.id, request.query.kind),
  });

  r.post('/api/v1/cases/:id/legal-actions', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Propose a legal action (injonction_de_payer, petites_creances, commissaire_enforcement) once every pre-check passes',
      description:
        '422 with the first failing check’s code (claim_prescribed, contact_refused_dispute, mandate_excludes_judicial, legal_mise_en_demeure_too_recent, ...) and every verdict in `details.checks`; 409 legal_action_open when one is open on the case. Webhook legal_action.proposed. The creditor’s mandate pre-approves for the creditor below its amount.',
      params: idParams,
      body: proposeLegalActionBody,
      response: { 201: legalAction, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await proposeLegalAction(actorContextOf(request), request.params.id, request.body)),
  });

}

/** Reading legal actions, deciding on them, recording what happened. */
export async function legalActionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.patch('/api/v1/legal-actions/:id', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Choose the court or the commissaire by hand while the action awaits its approvals (audited)',
      params: idParams,
      body: chooseVenueBody,
      response: { 200: legalAction, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => chooseLegalVenue(actorContextOf(request), request.params.id, request.body),
  });

  r.get('/api/v1/legal-actions', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'Legal actions by stage (a creditor sees its own), with who still has to approve and the next deadline',
      querystring: legalActionListQuery,
      response: { 200: legalActionList, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listLegalActions(actorContextOf(request), request.query),
  });

  r.get('/api/v1/legal-actions/:id', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'One legal action: pre-checks, approvals, dates, deadlines (service, opposition, answer, enforcement), events, costs',
      params: idParams,
      response: { 200: legalAction, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getLegalAction(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/legal-actions/:id/approvals', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'Approve or refuse a proposal: a creditor’s user or key decides for the creditor, a manager or administrator for the agency',
      description:
        'Both approvals make the action ready (the legal gate is asked again) and prepare its documents; a refusal (with a reason) ends it. A retried identical decision answers the action unchanged; 409 legal_already_decided for a different one.',
      params: idParams,
      body: legalApprovalBody,
      response: { 200: legalAction, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => decideLegalAction(actorContextOf(request), request.params.id, request.body),
  });

  r.post('/api/v1/legal-actions/:id/events', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Record what happened: filed, order_rendered, order_rejected, served, opposed, hearing, judgment, final, handed_over, invitation_sent, debtor_accepted, debtor_refused, debtor_silent, title_delivered, act, completed, withdrawn',
      description:
        'Each event moves the action through its stages (409 legal_event_not_allowed otherwise) and starts its deadlines: an order rendered must be served within six months (CPC 1411), the debtor may oppose within one month of service (CPC 1416). Filing interrupts prescription (C. civ. 2241) and moves the case to the legal stage (webhook case.escalated). A retried event (same event and day) answers the action unchanged.',
      params: idParams,
      body: legalEventBody,
      response: { 200: legalAction, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => recordLegalEvent(actorContextOf(request), request.params.id, request.body),
  });
}
