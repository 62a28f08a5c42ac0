import { defineEntity, p } from '@mikro-orm/core';

/** Where a creditor wants its events POSTed. Deleted endpoints are kept (soft delete) for their delivery log. */
export const WebhookEndpointSchema = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    creditorId: p.uuid(),
    url: p.text(),
    events: p.array(),
    description: p.text().nullable(),
    /**
     * The signing secret, sealed with AES-256-GCM (db/secret-box.ts): an HMAC needs the secret
     * itself, so it is encrypted rather than hashed; the key is not in the database.
     */
    secretCiphertext: p.blob().nullable().lazy(),
    secretIv: p.blob().nullable().lazy(),
    secretTag: p.blob().nullable().lazy(),
    secretKeyId: p.text().nullable(),
    /** A secret written before encryption at rest, until the startup step seals it (then null). */
    legacyClearSecret: p.text().nullable().lazy(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
});
export class WebhookEndpoint extends WebhookEndpointSchema.class {}
WebhookEndpointSchema.setClass(WebhookEndpoint);

/** The outbox: one creditor event, written in the transaction of the change it reports. */
export const CreditorEventSchema = defineEntity({
  name: 'CreditorEvent',
  tableName: 'creditor_event',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    creditorId: p.uuid(),
    type: p.text(),
    data: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export class CreditorEvent extends CreditorEventSchema.class {}
CreditorEventSchema.setClass(CreditorEvent);

export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    creditorId: p.uuid(),
    eventId: p.uuid(),
    endpointId: p.uuid(),
    status: p.enum(['pending', 'succeeded', 'failed', 'cancelled'] as const).default('pending'),
    attemptCount: p.integer().default(0),
    lastStatusCode: p.integer().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    deliveredAt: p.datetime().nullable(),
  },
});
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

export const WebhookDeliveryAttemptSchema = defineEntity({
  name: 'WebhookDeliveryAttempt',
  tableName: 'webhook_delivery_attempt',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    creditorId: p.uuid(),
    deliveryId: p.uuid(),
    attempt: p.integer(),
    startedAt: p.datetime(),
    durationMs: p.integer(),
    statusCode: p.integer().nullable(),
    error: p.text().nullable(),
    succeeded: p.boolean(),
  },
});
export class WebhookDeliveryAttempt extends WebhookDeliveryAttemptSchema.class {}
WebhookDeliveryAttemptSchema.setClass(WebhookDeliveryAttempt);
