import { createHash, randomBytes } from 'node:crypto';
import type { ServiceContext, UserActor } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { AppUser, RefreshToken } from '../users/entities.ts';
import { verifyAgainstDummy, verifyPassword } from '../users/passwords.ts';
import { findUserByEmail } from '../users/service.ts';
import { CHALLENGE_MAX_ATTEMPTS, consumeChallenge, issueChallenge, peekChallenge, useChallengeAttempt } from './challenge.ts';
import { countCodeFailure, recordLoginFailure } from './throttle.ts';
import { confirmTotpEnrolment, hasConfirmedTotp, removeTotp, startTotpEnrolment, totpStatus, verifySecondFactor } from './totp.ts';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The password check. Same time for an unknown e-mail as for a wrong password; the caller gives
 * the same answer for both. `userId` names the account of a wrong password (for the audit trail).
 */
export async function checkPassword(ctx: ServiceContext, email: string, password: string): Promise<{ user: AppUser | null; userId: string | null }> {
  const user = await findUserByEmail(ctx, email);
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  return { user: user && ok ? user : null, userId: user?.id ?? null };
}

const STAFF_ROLES: readonly string[] = ['admin', 'manager', 'agent'];

/** Whether the agency requires two-factor authentication from staff (agency.require_staff_totp). */
export async function agencyRequiresStaffTotp(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.em.execute<{ require_staff_totp: boolean }[]>('select require_staff_totp from agency order by created_at limit 1');
  return row?.require_staff_totp ?? false;
}

/**
 * After the right password: the second step this user needs, as a challenge, or null for none.
 * A confirmed TOTP asks for a code; a staff user without one, when the agency requires it, must
 * enrol before getting a session.
 */
export async function secondStepFor(ctx: ServiceContext, user: AppUser) {
  if (await hasConfirmedTotp(ctx, user.id)) return await issueChallenge(ctx, user.id, 'totp');
  if (STAFF_ROLES.includes(user.role) && (await agencyRequiresStaffTotp(ctx))) return await issueChallenge(ctx, user.id, 'totp_enrolment');
  return null;
}

async function challengedUser(ctx: ServiceContext, userId: string): Promise<AppUser> {
  const user = await ctx.em.findOne(AppUser, { id: userId });
  if (!user) throw new AppError('login_challenge_invalid', 401);
  return user;
}

/** The code step of a login: a current TOTP code or an unused recovery code; a wrong one counts as a failed login. */
export async function completeTotpChallenge(ctx: ServiceContext, body: { challengeToken: string; code: string }, address: string): Promise<AppUser> {
  const challenge = await useChallengeAttempt(ctx, body.challengeToken, 'totp');
  const user = await challengedUser(ctx, challenge.userId);
  const proof = await verifySecondFactor(ctx, user.id, body.code, { allowRecovery: true });
  if (!proof) {
    await countCodeFailure(ctx, user.email);
    await recordLoginFailure(ctx, { email: user.email, address, userId: user.id, reason: 'wrong_code' });
    throw new AppError('totp_code_invalid', 401, { attemptsLeft: Math.max(0, CHALLENGE_MAX_ATTEMPTS - challenge.attempts) });
  }
  await consumeChallenge(ctx, challenge.id);
  if (proof === 'recovery_code') {
    await recordAudit(emExec(ctx.em), { actorId: user.id, at: ctx.clock.now(), action: 'recovery_code_used', entity: 'app_user', entityId: user.id });
  }
  return user;
}

/** Enrolment required at login: the QR code for the challenged user (a new pending secret each time). */
export async function enrolmentForChallenge(ctx: ServiceContext, challengeToken: string) {
  const challenge = await peekChallenge(ctx, challengeToken, 'totp_enrolment');
  const user = await challengedUser(ctx, challenge.userId);
  return await startTotpEnrolment(ctx, user);
}

export async function completeEnrolmentChallenge(
  ctx: ServiceContext,
  body: { challengeToken: string; code: string },
): Promise<{ user: AppUser; recoveryCodes: string[] }> {
  const challenge = await useChallengeAttempt(ctx, body.challengeToken, 'totp_enrolment');
  const user = await challengedUser(ctx, challenge.userId);
  const codes = await confirmTotpEnrolment(ctx, user.id, body.code);
  await consumeChallenge(ctx, challenge.id);
  await recordAudit(emExec(ctx.em), { actorId: user.id, at: ctx.clock.now(), action: 'totp_enabled', entity: 'app_user', entityId: user.id });
  return { user, recoveryCodes: codes };
}

export async function myTotpStatus(ctx: ServiceContext, actor: UserActor) {
  const status = await totpStatus(ctx, actor.userId);
  const requiredByAgency = STAFF_ROLES.includes(actor.role) && (await agencyRequiresStaffTotp(ctx));
  return { ...status, requiredByAgency };
}

/** Turns the user's second factor off with a current code (or a recovery code); not while the agency requires it of staff. */
export async function disableTotp(ctx: ServiceContext, actor: UserActor, code: string): Promise<void> {
  if (!(await hasConfirmedTotp(ctx, actor.userId))) return;
  if (STAFF_ROLES.includes(actor.role) && (await agencyRequiresStaffTotp(ctx))) throw new AppError('totp_required_by_agency', 409);
  if (!(await verifySecondFactor(ctx, actor.userId, code, { allowRecovery: true }))) throw new AppError('totp_code_invalid', 400);
  await ctx.em.transactional(async (em) => {
    await removeTotp(emExec(em), actor.userId);
    await recordAudit(emExec(em), { actorId: actor.userId, at: ctx.clock.now(), action: 'totp_disabled', entity: 'app_user', entityId: actor.userId });
  });
}

/** A new refresh token: the raw value goes to the cookie, only its hash is stored. */
export async function issueRefreshToken(ctx: ServiceContext, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.refreshTokenTtlDays * 86_400_000);
  ctx.em.create(RefreshToken, { userId, tokenHash: sha256(token), expiresAt });
  await ctx.em.flush();
  return { token, expiresAt };
}

/**
 * Exchanges a refresh token for a new one (rotation). Presenting a token that was already
 * rotated means it leaked: every session of that user is revoked.
 */
export async function rotateRefreshToken(
  ctx: ServiceContext,
  token: string | undefined,
): Promise<{ user: AppUser; token: string; expiresAt: Date }> {
  if (!token) throw new AppError('unauthenticated', 401);
  const stored = await ctx.em.findOne(RefreshToken, { tokenHash: sha256(token) });
  const now = ctx.clock.now();
  if (!stored) throw new AppError('unauthenticated', 401);
  if (stored.revokedAt) {
    await ctx.em.nativeUpdate(RefreshToken, { userId: stored.userId, revokedAt: null }, { revokedAt: now });
    throw new AppError('unauthenticated', 401);
  }
  if (stored.expiresAt <= now) throw new AppError('token_expired', 401);
  const user = await ctx.em.findOne(AppUser, { id: stored.userId });
  if (!user) throw new AppError('unauthenticated', 401);
  if (user.deactivatedAt) throw new AppError('account_deactivated', 401);
  stored.revokedAt = now;
  await ctx.em.flush();
  const next = await issueRefreshToken(ctx, user.id);
  return { user, ...next };
}

export async function revokeRefreshToken(ctx: ServiceContext, token: string | undefined): Promise<void> {
  if (!token) return;
  await ctx.em.nativeUpdate(RefreshToken, { tokenHash: sha256(token), revokedAt: null }, { revokedAt: ctx.clock.now() });
}
