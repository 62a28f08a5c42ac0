import { idempotencyHeaders, payment } from '@relance/contracts/cases';
import { errorBody, idParams } from '@relance/contracts/common';
import { directPaymentBody } from '@relance/contracts/creditor-api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { recordPayment } from './service.ts';

/** The creditor (user or API key), or staff on its behalf, reports money the creditor received directly. */
export async function directPaymentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/direct-payments', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['payments'],
      summary: 'Report a payment the creditor received directly, so the debtor is not chased for it (emits payment.received)',
      description:
        "Recorded with method direct_to_creditor and a timeline entry; the décompte allocates it. A case of another creditor " +
        'answers 404. An `Idempotency-Key` header makes a retry return the first response; the same key with a different body ' +
        'is refused (409 idempotency_key_reused).',
      params: idParams,
      headers: idempotencyHeaders,
      body: directPaymentBody,
      response: { 201: payment, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      const result = await recordPayment(
        ctx,
        request.params.id,
        { ...request.body, method: 'direct_to_creditor' },
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });
}
