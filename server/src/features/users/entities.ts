import { defineEntity, p } from '@mikro-orm/core';

export const AppUserSchema = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    email: p.text(),
    name: p.text(),
    role: p.enum(['admin', 'manager', 'agent', 'creditor'] as const),
    creditorId: p.uuid().nullable(),
    /** Inside the creditor: a viewer reads only; an uploader may also import and create cases. Null for staff. */
    creditorRole: p.enum(['viewer', 'uploader'] as const).nullable(),
    passwordHash: p.text().hidden(),
    locale: p.enum(['fr', 'en'] as const).default('fr'),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    lastLoginAt: p.datetime().nullable(),
  },
});
export class AppUser extends AppUserSchema.class {}
AppUserSchema.setClass(AppUser);

/** A refresh token, stored as its SHA-256 only; rotated on every use. */
export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    userId: p.uuid(),
    tokenHash: p.text(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);

/** An invitation to become a creditor user, by e-mail link. Only the token's SHA-256 is kept; single use. */
export const CreditorInvitationSchema = defineEntity({
  name: 'CreditorInvitation',
  tableName: 'creditor_invitation',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
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
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export class CreditorInvitation extends CreditorInvitationSchema.class {}
CreditorInvitationSchema.setClass(CreditorInvitation);
