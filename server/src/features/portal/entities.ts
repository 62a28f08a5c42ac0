import { defineEntity, p } from '@mikro-orm/core';
import { creationTime, generatedId } from '../../db/columns.ts';

/** A debtor's personal link: the token itself is never stored, only its SHA-256. */
export const PortalTokenSchema = defineEntity({
  name: 'PortalToken',
  tableName: 'portal_token',
  properties: {
    id: generatedId(),
    caseId: p.uuid(),
    tokenHash: p.text(),
    expiresAt: p.datetime(),
    createdBy: p.uuid().nullable(),
    /** Set when a newer link replaced this one (see createPortalLink). */
    revokedAt: p.datetime().nullable(),
    createdAt: creationTime(),
  },
});
export class PortalToken extends PortalTokenSchema.class {}
PortalTokenSchema.setClass(PortalToken);
