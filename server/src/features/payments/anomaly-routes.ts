import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import { listPaymentAnomaliesQuery, paymentAnomaly, resolvePaymentAnomalyBody } from '@relance/contracts/payment-anomalies';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { listPaymentAnomalies, resolvePaymentAnomaly } from './anomalies.ts';

/** Card events that did not match their checkout session, for managers and admins to settle by hand. */
export async function paymentAnomalyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = ['admin', 'manager'] as const;

  r.get('/api/v1/payment-anomalies', {
    config: { access },
    schema: {
      tags: ['payments'],
      summary: 'Card events that did not match their checkout session (never recorded as payments), newest first',
      querystring: listPaymentAnomaliesQuery,
      response: { 200: pageOf(paymentAnomaly), 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listPaymentAnomalies(actorContextOf(request), request.query),
  });

  r.post('/api/v1/payment-anomalies/:id/resolve', {
    config: { access },
    schema: {
      tags: ['payments'],
      summary: 'Close an anomaly with a note saying what was done (once; recorded in the audit trail)',
      params: idParams,
      body: resolvePaymentAnomalyBody,
      response: { 200: paymentAnomaly, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => resolvePaymentAnomaly(actorContextOf(request), request.params.id, request.body.note),
  });
}
