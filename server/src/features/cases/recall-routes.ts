import { idempotencyHeaders } from '@relance/contracts/cases';
import { errorBody, idParams } from '@relance/contracts/common';
import { recallBody, recalledCase } from '@relance/contracts/creditor-api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { recallCase } from './recall.ts';

export async function recallRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/recall', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'The creditor takes the case back: closed, outcome returned_to_creditor, with a reason (emits case.closed)',
      description:
        'Open to the creditor (user or API key) and staff. A case of another creditor answers 404; a closed case 409 case_closed. ' +
        'An `Idempotency-Key` header makes a retry return the first response.',
      params: idParams,
      headers: idempotencyHeaders,
      body: recallBody,
      response: { 200: recalledCase, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      const result = await recallCase(
        actorContextOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });
}
