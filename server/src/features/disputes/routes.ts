import { dispute, disputeParams, openDisputeBody, resolveDisputeBody } from '@relance/contracts/case-work';
import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { listDisputes, openDispute, resolveDispute } from './service.ts';

export async function disputeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/disputes', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['disputes'],
      summary: "The case's disputes, newest first (a creditor user sees its own cases' only)",
      params: idParams,
      response: { 200: pageOf(dispute), 401: errorBody, 404: errorBody },
    },
    handler: async (request) => await listDisputes(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/cases/:id/disputes', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['disputes'],
      summary: 'Flag a dispute: the case goes to disputed, all contact stops, the creditor is told (case.disputed)',
      description: '409 dispute_already_open, case_closed, or forbidden_transition (a case at the legal or bailiff stage).',
      params: idParams,
      body: openDisputeBody,
      response: { 201: dispute, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await openDispute(actorContextOf(request), request.params.id, request.body.reason)),
  });

  r.post('/api/v1/cases/:id/disputes/:disputeId/resolve', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['disputes'],
      summary: 'Resolve a dispute (managers): upheld closes the case (returned to the creditor), rejected or settled resumes collection',
      description: 'The status before the dispute is restored when the state machine allows it (else amicable); an outcome closes the case instead. Sends case.dispute_resolved.',
      params: disputeParams,
      body: resolveDisputeBody,
      response: { 200: dispute, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) =>
      await resolveDispute(actorContextOf(request), request.params.id, request.params.disputeId, request.body),
  });
}
