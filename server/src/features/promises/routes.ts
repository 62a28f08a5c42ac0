import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import { createPromiseBody, promiseToPay } from '@relance/contracts/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { createPromise, listPromises } from './service.ts';

export async function promiseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/promises', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['promises'],
      summary: "Record the debtor's promise to pay an amount by a date",
      description:
        "The case goes to status 'promise'; a pending promise of the case is superseded. Kept when the payments received since " +
        'cover it; broken when they do not by the end of the date plus the agency grace days (timeline, back to the top of the queue). ' +
        'The legal gate decides first: 422 contact_refused_dispute, mandate_*, claim_prescribed or nothing_due; a vulnerable debtor ' +
        'is allowed with `warnings` (recorded on the timeline).',
      params: idParams,
      body: createPromiseBody,
      response: { 201: promiseToPay, 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createPromise(userContextOf(request), request.params.id, request.body)),
  });

  r.get('/api/v1/cases/:id/promises', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['promises'],
      summary: 'Promises of a case, latest first',
      params: idParams,
      response: { 200: pageOf(promiseToPay), 404: errorBody },
    },
    handler: async (request) => listPromises(userContextOf(request), request.params.id),
  });
}
