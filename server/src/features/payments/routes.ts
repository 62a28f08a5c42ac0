import { idempotencyHeaders, payment, recordPaymentBody } from '@relance/contracts/cases';
import { errorBody, idParams } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, findNulCharacter } from '../../plugins/errors.ts';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { keepRawJsonBodies, verifiedRawBody } from '../../plugins/signed-webhook.ts';
import type { CardProviderEvent } from './card-provider.ts';
import { LOCAL_CARD_PROVIDER } from './local-card-provider.ts';
import { applyCardEvent, recordPayment } from './service.ts';
import { SIGNATURE_HEADER } from './webhook-signature.ts';

export const cardEvent = z.object({
  id: z.string().min(1),
  type: z.enum(['checkout.session.completed', 'checkout.session.payment_failed']),
  created: z.number().int(),
  data: z.object({
    sessionId: z.string(),
    amountCents: z.number().int().positive(),
    currency: z.string().length(3),
    paymentReference: z.string().nullable(),
    failureReason: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
  }),
});

/** The webhook needs the raw body to check the signature, so it parses JSON itself. */
export async function paymentWebhookRoutes(app: FastifyInstance) {
  keepRawJsonBodies(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/payments/webhooks/local-card', {
    config: { access: 'webhook' },
    schema: {
      tags: ['payments'],
      summary: 'Webhook of the local card-payment provider (signed, idempotent)',
      description: `Header \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">\`.`,
      response: { 200: z.object({ received: z.literal(true), outcome: z.string() }), 400: errorBody, 401: errorBody },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const raw = verifiedRawBody(request, { header: SIGNATURE_HEADER, secret: ctx.secrets.localCardWebhookSecret, now: ctx.clock.now() });
      let event: CardProviderEvent;
      try {
        event = cardEvent.parse(JSON.parse(raw));
      } catch {
        throw new AppError('validation_failed', 400);
      }
      // Parsed here, not by a schema: the NUL check of every schema'd body (plugins/errors.ts) is asked by hand.
      const nul = findNulCharacter(event);
      if (nul !== null) throw new AppError('text_contains_nul', 400, { location: 'body', path: nul });
      const outcome = await applyCardEvent(ctx, LOCAL_CARD_PROVIDER, event);
      return { received: true as const, outcome };
    },
  });
}

/** Staff record payments received outside the portal (its own plugin: the webhook's raw JSON parser stays there). */
export async function paymentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/payments', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['payments'],
      summary: 'Record a payment received (transfer, cheque, card, other, or paid directly to the creditor)',
      description: 'claimRef: the claim the payer designated (C. civ. 1342-10); it must be one of the case claims.',
      params: idParams,
      headers: idempotencyHeaders,
      body: recordPaymentBody,
      response: { 201: payment, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const result = await recordPayment(
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
