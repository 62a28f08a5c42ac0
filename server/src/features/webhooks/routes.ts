import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import { createdWebhook, createWebhookBody, listDeliveriesQuery, webhook, webhookDelivery, webhookParams } from '@relance/contracts/webhooks';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from './service.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from './signature.ts';

const deliveryDoc =
  `Each event is POSTed as JSON \`{ id, type, createdAt, data }\` with headers \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>\` ` +
  `(v1 = HMAC-SHA256 of "<t>.<raw body>" with the webhook secret) and \`${EVENT_ID_HEADER}\`. Any answer other than 2xx ` +
  '(or no answer within 10 s) is retried with exponential backoff, 10 attempts over about 9 hours: an event may arrive ' +
  'more than once, de-duplicate on its id.';

/**
 * A creditor's webhooks, managed by staff (admin, manager), the creditor's users, or its API
 * keys (an integration registers its own receiver). A foreign creditor or webhook answers 404.
 */
export async function webhookRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = ['admin', 'manager', 'creditor'] as const;

  r.post('/api/v1/creditors/:id/webhooks', {
    config: { access },
    schema: {
      tags: ['webhooks'],
      summary: 'Register a webhook URL and the events it receives: the signing secret is in this answer only',
      description: deliveryDoc,
      params: idParams,
      body: createWebhookBody,
      response: { 201: createdWebhook, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const created = await createWebhook(actorContextOf(request), request.params.id, request.body);
      return reply.code(201).send(created);
    },
  });

  r.get('/api/v1/creditors/:id/webhooks', {
    config: { access },
    schema: {
      tags: ['webhooks'],
      summary: "A creditor's webhooks (never their secret)",
      params: idParams,
      response: { 200: z.object({ items: z.array(webhook) }), 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listWebhooks(actorContextOf(request), request.params.id),
  });

  r.delete('/api/v1/creditors/:id/webhooks/:webhookId', {
    config: { access },
    schema: {
      tags: ['webhooks'],
      summary: 'Delete a webhook: nothing more is sent to it, waiting deliveries are cancelled',
      params: webhookParams,
      response: { 204: z.null().describe('Deleted'), 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      await deleteWebhook(actorContextOf(request), request.params.id, request.params.webhookId);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/creditors/:id/webhooks/:webhookId/deliveries', {
    config: { access },
    schema: {
      tags: ['webhooks'],
      summary: 'Delivery log of a webhook, newest first: each event with every attempt (status code, duration, error)',
      params: webhookParams,
      querystring: listDeliveriesQuery,
      response: { 200: pageOf(webhookDelivery), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) =>
      listDeliveries(actorContextOf(request), request.params.id, request.params.webhookId, request.query),
  });
}
