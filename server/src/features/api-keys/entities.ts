import { defineEntity, p } from '@mikro-orm/core';

/** A creditor's API key. Only the SHA-256 of the secret is kept; `prefix` is for display. */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    creditorId: p.uuid(),
    name: p.text(),
    prefix: p.text(),
    keyHash: p.text().unique(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.uuid().nullable(),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
