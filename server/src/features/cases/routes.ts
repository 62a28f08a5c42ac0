import { activity, caseDetail, caseSummary, createActivityBody, listCasesQuery } from '@relance/contracts/cases';
import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../plugins/auth.ts';
import { contextOf } from '../../plugins/request-context.ts';
import { getCaseDetail, listCases, logCaseActivity } from './service.ts';

export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'Cases by priority (amount x age); a creditor user sees only their own',
      querystring: listCasesQuery,
      response: { 200: pageOf(caseSummary), 400: errorBody, 401: errorBody },
    },
    handler: async (request) => listCases({ ...contextOf(request), actor: requireActor(request) }, request.query),
  });

  r.get('/api/v1/cases/:id', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'A case with its debtor, claims, payments and timeline',
      params: idParams,
      response: { 200: caseDetail, 404: errorBody },
    },
    handler: async (request) => getCaseDetail({ ...contextOf(request), actor: requireActor(request) }, request.params.id),
  });

  r.post('/api/v1/cases/:id/activities', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Log a call or a note on the case timeline',
      params: idParams,
      body: createActivityBody,
      response: { 201: activity, 400: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const created = await logCaseActivity({ ...contextOf(request), actor: requireActor(request) }, request.params.id, request.body);
      return reply.code(201).send(created);
    },
  });
}
