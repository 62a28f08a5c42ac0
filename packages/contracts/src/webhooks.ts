import { z } from 'zod';
import { instant, paginationQuery, uuid } from './common.ts';

// Creditor webhooks: events of a creditor's cases POSTed to the URLs it registered, signed
// with HMAC-SHA256, retried with exponential backoff, every attempt logged.

export const webhookEventTypes = [
  'case.created',
  'payment.received',
  'plan.agreed',
  'case.escalated',
  'case.closed',
  'import.finished',
  // A dispute pauses collection (the creditor needs to answer it) and its resolution resumes or closes it.
  'case.disputed',
  'case.dispute_resolved',
  // Issue 16, the judicial phase: each step of a legal action (the creditor approves proposals and bears the costs).
  'legal_action.proposed',
  'legal_action.approved',
  'legal_action.refused',
  'legal_action.filed',
  'legal_action.order_rendered',
  'legal_action.served',
  'legal_action.opposed',
  'legal_action.title_obtained',
  'legal_action.lapsed',
  // Issue 17, money: a remittance run handed to the bank (one event per creditor remitted), a payment reversed.
  'remittance.sent',
  'payment.reversed',
  // Issue 18: a promise to pay recorded, whether an agent took it or the debtor made it on their page.
  'promise.made',
  // Issue 19: the agency asks the creditor a question about a dispute (answered from the portal or the API).
  'dispute.consultation_requested',
  // Issue 23: the debtor company is in collective proceedings; collection stopped, the claim is to be declared (C. com. L622-24).
  'debtor.insolvency_opened',
] as const;
export const webhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventType>;

export const webhookParams = z.object({ id: uuid.describe('Creditor id'), webhookId: uuid.describe('Webhook id') });

export const createWebhookBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000).describe('Where events are POSTed; https on a public address'),
    events: z.array(webhookEventType).min(1).describe('Event types to receive'),
    description: z.string().trim().max(200).optional(),
  })
  .meta({
    id: 'CreateWebhookBody',
    examples: [{ url: 'https://erp.example.fr/relance/events', events: ['case.created', 'payment.received', 'case.closed'] }],
  });
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const webhook = z
  .object({
    id: uuid,
    creditorId: uuid,
    url: z.string(),
    events: z.array(webhookEventType),
    description: z.string().nullable(),
    createdAt: instant,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof webhook>;

export const createdWebhook = webhook
  .extend({
    secret: z
      .string()
      .describe(
        'Signing secret, shown this once. Each delivery carries `Relance-Signature: t=<unix seconds>,v1=<hex>` where ' +
          'v1 = HMAC-SHA256(secret, "<t>.<raw body>"); compare in constant time and refuse old timestamps.',
      ),
  })
  .meta({
    id: 'CreatedWebhook',
    examples: [
      {
        id: '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
        creditorId: '5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
        url: 'https://erp.example.fr/relance/events',
        events: ['case.created', 'payment.received', 'case.closed'],
        description: null,
        createdAt: '2026-11-23T10:00:00.000Z',
        secret: 'whsec_9hK2mP5qR8sT1uV4wX7yZ0aB3cD6eF9g',
      },
    ],
  });
export type CreatedWebhook = z.infer<typeof createdWebhook>;

/** What a receiver gets: the body of every delivery. `id` is stable across retries: de-duplicate on it. */
export const webhookEventEnvelope = z
  .object({
    id: uuid.describe('Event id, the same on every retry (also in the Relance-Event-Id header)'),
    type: webhookEventType,
    createdAt: instant,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({
    id: 'WebhookEvent',
    examples: [
      {
        id: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
        type: 'payment.received',
        createdAt: '2026-11-23T10:00:00.000Z',
        data: {
          caseId: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
          paymentId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
          amountCents: 12_000,
          currency: 'EUR',
          receivedOn: '2026-11-22',
          method: 'card',
        },
      },
    ],
  });
export type WebhookEventEnvelope = z.infer<typeof webhookEventEnvelope>;

export const deliveryStatus = z.enum(['pending', 'succeeded', 'failed', 'cancelled']);

export const webhookDeliveryAttempt = z.object({
  attempt: z.number().int().describe('1 for the first try'),
  at: instant,
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable().describe("The receiver's HTTP status; null when no answer (timeout, refused)"),
  error: z
    .string()
    .nullable()
    .describe(
      "Why the attempt failed, as a category only: 'HTTP 4xx' / 'HTTP 5xx' / 'HTTP 3xx' (redirects are not followed), " +
        "'timed out', 'connection failed', 'name not resolved', 'address not allowed' (the name resolves to a private, " +
        "loopback, link-local or metadata address), 'could not sign the delivery (server configuration)'; null on success",
    ),
  succeeded: z.boolean(),
});

export const webhookDelivery = z
  .object({
    id: uuid,
    eventId: uuid,
    eventType: webhookEventType,
    status: deliveryStatus.describe('pending: waiting or retrying; failed: every attempt failed'),
    attemptCount: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    createdAt: instant,
    deliveredAt: instant.nullable(),
    attempts: z.array(webhookDeliveryAttempt),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const listDeliveriesQuery = paginationQuery;
