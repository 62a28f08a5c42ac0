import { defineEntity, p } from '@mikro-orm/core';
import { creationTime, generatedId } from '../../db/columns.ts';

/** A creditor's API key. Only the SHA-256 of the secret is kept; `prefix` is for display. */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: generatedId(),
    creditorId: p.uuid(),
    name: p.text(),
    prefix: p.text(),
    keyHash: p.text().unique(),
    createdBy: p.uuid().nullable(),
    createdAt: creationTime(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.uuid().nullable(),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
