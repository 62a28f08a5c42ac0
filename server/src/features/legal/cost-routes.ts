import { errorBody, idParams } from '@relance/contracts/common';
import { legalCost, legalCostBody, legalCostList } from '@relance/contracts/legal-actions';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { listCaseLegalCosts, listLegalCosts, recordLegalCost } from './costs.ts';

/** Court fees and commissaire costs advanced on legal actions, with who bears them (CPCE L111-8). */
export async function legalCostRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/legal-actions/:id/costs', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Record a court fee or a commissaire’s cost advanced on a legal action, and who bears it',
      description:
        'borneBy creditor (the default: recovery costs stay with the creditor under the mandate) or debtor: 422 legal_cost_needs_title unless the case holds an enforceable title (an order final, a judgment, the petites créances title, or collection_case.judgment_enforceable_on), CPCE L111-8 al. 1. A debtor-borne cost then appears in the décompte as "frais de procédure". 400 date_in_future; 404 for a document not on the case. Audit and timeline entries.',
      params: idParams,
      body: legalCostBody,
      response: { 201: legalCost, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await recordLegalCost(actorContextOf(request), request.params.id, request.body)),
  });

  r.get('/api/v1/legal-actions/:id/costs', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'The costs of a legal action (a creditor sees its own), their total, the debtor’s part and the case’s title date',
      params: idParams,
      response: { 200: legalCostList, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listLegalCosts(actorContextOf(request), request.params.id),
  });

  r.get('/api/v1/cases/:id/legal-costs', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'Every cost of a case’s legal actions (a creditor sees its own cases), for billing and remittance',
      params: idParams,
      response: { 200: legalCostList, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listCaseLegalCosts(actorContextOf(request), request.params.id),
  });
}
