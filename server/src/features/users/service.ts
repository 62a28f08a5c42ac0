import { createHash, randomBytes } from 'node:crypto';
import type { CreateUserBody, User } from '@relance/contracts/auth';
import type { CreateInvitationBody, Invitation as InvitationDto } from '@relance/contracts/creditors';
import { creditorScope } from '../../plugins/access.ts';
import type { ActorContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { Mailer } from '../../plugins/mailer.ts';
import { emExec } from '../../plugins/sql.ts';
import { agencyBrandOf } from '../agency/brand.ts';
import { Creditor } from '../creditors/entities.ts';
import { getCreditor } from '../creditors/service.ts';
import { AppUser, CreditorInvitation } from './entities.ts';
import { hashPassword, MINIMUM_PASSWORD_LENGTH } from './passwords.ts';

export function toUserDto(user: AppUser): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    creditorId: user.creditorId ?? null,
    creditorRole: user.role === 'creditor' ? (user.creditorRole ?? 'uploader') : null,
    locale: user.locale,
  };
}

export async function findUserByEmail(ctx: ServiceContext, email: string): Promise<AppUser | null> {
  const rows = await ctx.em.execute<{ id: string }[]>('select id from app_user where lower(email) = lower(?)', [email]);
  const id = rows[0]?.id;
  return id ? await ctx.em.findOne(AppUser, { id }) : null;
}

export async function findUserById(ctx: ServiceContext, id: string): Promise<AppUser | null> {
  return await ctx.em.findOne(AppUser, { id });
}

/**
 * Creates an account. Admins create anyone; managers create agents and creditor users.
 * `allowShortPassword` is for the demo seed only (password `demo`); real accounts need 12+.
 */
export async function createUser(
  ctx: ServiceContext & { actor: ActorContext['actor'] | null },
  body: CreateUserBody,
  options: { allowShortPassword?: boolean } = {},
): Promise<AppUser> {
  if (ctx.actor && ctx.actor.role === 'manager' && (body.role === 'admin' || body.role === 'manager')) {
    throw new AppError('forbidden', 403);
  }
  if (!options.allowShortPassword && body.password.length < MINIMUM_PASSWORD_LENGTH) {
    throw new AppError('password_too_short', 400);
  }
  if (body.role === 'creditor') {
    if (!body.creditorId) throw new AppError('creditor_required', 400);
    const creditor = await ctx.em.findOne(Creditor, { id: body.creditorId });
    if (!creditor) throw new AppError('not_found', 404, { creditorId: body.creditorId });
  }
  if (await findUserByEmail(ctx, body.email)) throw new AppError('email_taken', 409);
  const user = ctx.em.create(AppUser, {
    email: body.email,
    name: body.name,
    role: body.role,
    creditorId: body.role === 'creditor' ? (body.creditorId ?? null) : null,
    creditorRole: body.role === 'creditor' ? 'uploader' : null,
    passwordHash: await hashPassword(body.password),
    locale: body.locale,
  });
  await ctx.em.flush();
  return user;
}

export async function listUsers(ctx: ActorContext, filter: { creditorId?: string | undefined }): Promise<AppUser[]> {
  const scope = creditorScope(ctx.actor);
  const where: Record<string, unknown> = {};
  if (scope) where.creditorId = scope;
  else if (filter.creditorId) where.creditorId = filter.creditorId;
  return await ctx.em.find(AppUser, where, { orderBy: { email: 'asc' }, limit: 500 });
}

export const INVITATION_TTL_DAYS = 7;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function invitationLink(ctx: ServiceContext, token: string): string {
  return `${ctx.config.publicUrl}/invitations/${token}`;
}

function statusOf(invitation: CreditorInvitation, now: Date): InvitationDto['status'] {
  if (invitation.acceptedAt) return 'accepted';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

function toInvitationDto(invitation: CreditorInvitation, now: Date, mailer: Mailer): InvitationDto {
  const status = statusOf(invitation, now);
  const kept = mailer.outbox().find((mail) => mail.meta?.invitationId === invitation.id);
  return {
    id: invitation.id,
    creditorId: invitation.creditorId,
    email: invitation.email,
    name: invitation.name,
    creditorRole: invitation.creditorRole,
    status,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    acceptedAt: invitation.acceptedAt ? invitation.acceptedAt.toISOString() : null,
    delivery: kept ? 'outbox' : 'smtp',
    outboxLink: kept && status === 'pending' ? (kept.meta?.link ?? null) : null,
  };
}

function invitationMail(input: { agencyName: string; creditorName: string; name: string; role: 'viewer' | 'uploader'; link: string }) {
  const roleFr = input.role === 'viewer' ? 'consultation' : 'consultation et dépôt de fichiers';
  const roleEn = input.role === 'viewer' ? 'read-only' : 'read and upload files';
  const subject = `${input.agencyName} : votre accès à l'espace créancier de ${input.creditorName}`;
  const text = [
    `Bonjour ${input.name},`,
    '',
    `${input.agencyName} vous invite à rejoindre l'espace créancier de ${input.creditorName} (accès : ${roleFr}).`,
    `Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien (valable ${INVITATION_TTL_DAYS} jours, une seule fois) :`,
    input.link,
    '',
    "Si vous n'attendiez pas cette invitation, ignorez ce message.",
    '',
    '---',
    `${input.agencyName} invites you to the creditor area of ${input.creditorName} (${roleEn}).`,
    `Open this link to choose your password (valid ${INVITATION_TTL_DAYS} days, once): ${input.link}`,
  ].join('\n');
  return { subject, text };
}

/**
 * Invites a person to become a user of a creditor: the link carries a random token whose
 * SHA-256 only is stored, valid 7 days and once. The e-mail is the agency's (not the
 * creditor's brand). If it cannot be sent the invitation is withdrawn and the caller told.
 */
export async function inviteCreditorUser(
  ctx: ActorContext,
  mailer: Mailer,
  creditorId: string,
  body: CreateInvitationBody,
): Promise<InvitationDto> {
  if (ctx.actor.via === 'api_key' || !ctx.actor.userId) throw new AppError('forbidden', 403);
  const creditor = await getCreditor(ctx, creditorId);
  if (await findUserByEmail(ctx, body.email)) throw new AppError('email_taken', 409);
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const invitation = ctx.em.create(CreditorInvitation, {
    creditorId: creditor.id,
    email: body.email,
    name: body.name,
    creditorRole: body.creditorRole,
    locale: body.locale,
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
    invitedBy: ctx.actor.userId,
    createdAt: now,
  });
  await ctx.em.flush();
  const brand = await agencyBrandOf(emExec(ctx.em));
  const link = invitationLink(ctx, token);
  const mail = invitationMail({
    agencyName: brand.name,
    creditorName: creditor.brandDisplayName || creditor.legalName,
    name: body.name,
    role: body.creditorRole,
    link,
  });
  try {
    await mailer.send({ to: body.email, ...mail, fromName: brand.name, meta: { invitationId: invitation.id, link } });
  } catch (error) {
    ctx.em.remove(invitation);
    await ctx.em.flush();
    throw new AppError('email_delivery_failed', 502, { reason: error instanceof Error ? error.message : 'unknown' });
  }
  return toInvitationDto(invitation, now, mailer);
}

export async function listInvitations(ctx: ActorContext, mailer: Mailer, creditorId: string): Promise<InvitationDto[]> {
  const creditor = await getCreditor(ctx, creditorId);
  const rows = await ctx.em.find(CreditorInvitation, { creditorId: creditor.id }, { orderBy: { createdAt: 'desc' }, limit: 200 });
  const now = ctx.clock.now();
  return rows.map((row) => toInvitationDto(row, now, mailer));
}

/** A pending invitation by its raw token; used, expired and unknown tokens answer the same. */
async function pendingInvitation(ctx: ServiceContext, token: string): Promise<CreditorInvitation> {
  const invitation = await ctx.em.findOne(CreditorInvitation, { tokenHash: sha256(token) });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= ctx.clock.now()) {
    throw new AppError('invitation_invalid', 404);
  }
  return invitation;
}

export async function getPublicInvitation(ctx: ServiceContext, token: string) {
  const invitation = await pendingInvitation(ctx, token);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: invitation.creditorId });
  return {
    email: invitation.email,
    name: invitation.name,
    creditorRole: invitation.creditorRole,
    creditor: { legalName: creditor.legalName },
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invitation: creates the creditor user with the invited role and the chosen
 * password. The invitation is consumed by a conditional update in the same transaction, so
 * two simultaneous clicks create one account.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string, password: string): Promise<AppUser> {
  if (password.length < MINIMUM_PASSWORD_LENGTH) throw new AppError('password_too_short', 400);
  const invitation = await pendingInvitation(ctx, token);
  if (await findUserByEmail(ctx, invitation.email)) throw new AppError('email_taken', 409);
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const user = em.create(AppUser, {
      email: invitation.email,
      name: invitation.name,
      role: 'creditor',
      creditorId: invitation.creditorId,
      creditorRole: invitation.creditorRole,
      passwordHash,
      locale: invitation.locale,
      lastLoginAt: now,
    });
    await em.flush();
    const consumed = await em.nativeUpdate(
      CreditorInvitation,
      { id: invitation.id, acceptedAt: null, expiresAt: { $gt: now } },
      { acceptedAt: now, acceptedUserId: user.id },
    );
    if (consumed !== 1) throw new AppError('invitation_invalid', 404);
    return user;
  });
}
