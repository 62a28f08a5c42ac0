import { defineEntity, p } from '@mikro-orm/core';
import { creationTime, generatedId } from '../../db/columns.ts';

export const AppUserSchema = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: generatedId(),
    email: p.text(),
    name: p.text(),
    role: p.enum(['admin', 'manager', 'agent', 'accountant', 'creditor'] as const),
    creditorId: p.uuid().nullable(),
    /** Inside the creditor: a viewer reads only; an uploader may also import and create cases. Null for staff. */
    creditorRole: p.enum(['viewer', 'uploader'] as const).nullable(),
    passwordHash: p.text().hidden(),
    locale: p.enum(['fr', 'en'] as const).default('fr'),
    createdAt: creationTime(),
    lastLoginAt: p.datetime().nullable(),
    /** Set by an admin (staff administration): the account can no longer sign in. */
    deactivatedAt: p.datetime().nullable(),
  },
});
export class AppUser extends AppUserSchema.class {}
AppUserSchema.setClass(AppUser);

/** A refresh token, stored as its SHA-256 only; rotated on every use. */
export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: generatedId(),
    userId: p.uuid(),
    tokenHash: p.text(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    createdAt: creationTime(),
  },
});
export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);

/** An invitation to become a creditor user, by e-mail link. Only the token's SHA-256 is kept; single use. */
export const CreditorInvitationSchema = defineEntity({
  name: 'CreditorInvitation',
  tableName: 'creditor_invitation',
  properties: {
    id: generatedId(),
    creditorId: p.uuid(),
    email: p.text(),
    name: p.text(),
    creditorRole: p.enum(['viewer', 'uploader'] as const),
    locale: p.enum(['fr', 'en'] as const).default('fr'),
    tokenHash: p.text().hidden(),
    expiresAt: p.datetime(),
    invitedBy: p.uuid(),
    acceptedAt: p.datetime().nullable(),
    acceptedUserId: p.uuid().nullable(),
    createdAt: creationTime(),
  },
});
export class CreditorInvitation extends CreditorInvitationSchema.class {}
CreditorInvitationSchema.setClass(CreditorInvitation);
