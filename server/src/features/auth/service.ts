import { createHash, randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { AppUser, RefreshToken } from '../users/entities.ts';
import { verifyAgainstDummy, verifyPassword } from '../users/passwords.ts';
import { findUserByEmail } from '../users/service.ts';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Same answer, and about the same time, for an unknown e-mail and a wrong password. */
export async function authenticate(ctx: ServiceContext, email: string, password: string): Promise<AppUser> {
  const user = await findUserByEmail(ctx, email);
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !ok) throw new AppError('invalid_credentials', 401);
  user.lastLoginAt = ctx.clock.now();
  await ctx.em.flush();
  return user;
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
  stored.revokedAt = now;
  await ctx.em.flush();
  const next = await issueRefreshToken(ctx, user.id);
  return { user, ...next };
}

export async function revokeRefreshToken(ctx: ServiceContext, token: string | undefined): Promise<void> {
  if (!token) return;
  await ctx.em.nativeUpdate(RefreshToken, { tokenHash: sha256(token), revokedAt: null }, { revokedAt: ctx.clock.now() });
}
