import { createHash, randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';

/**
 * The second step of a login: after the right password, a user with TOTP (or a staff user who
 * must enrol, when the agency requires it) gets a challenge, not a session. Its token is random,
 * stored as a hash, valid a few minutes, good for a few code attempts, and used once.
 */
export type ChallengePurpose = 'totp' | 'totp_enrolment';

const TTL_MS: Record<ChallengePurpose, number> = { totp: 5 * 60_000, totp_enrolment: 15 * 60_000 };
export const CHALLENGE_MAX_ATTEMPTS = 5;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export async function issueChallenge(
  ctx: ServiceContext,
  userId: string,
  purpose: ChallengePurpose,
): Promise<{ step: ChallengePurpose; challengeToken: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + TTL_MS[purpose]);
  await ctx.em.execute('insert into login_challenge (token_hash, user_id, purpose, expires_at, created_at) values (?, ?, ?, ?, ?)', [
    sha256(token),
    userId,
    purpose,
    expiresAt,
    now,
  ]);
  await ctx.em.execute('delete from login_challenge where expires_at < ?', [new Date(now.getTime() - 86_400_000)]);
  return { step: purpose, challengeToken: token, expiresAt: expiresAt.toISOString() };
}

/**
 * A live challenge of this purpose, one attempt spent (atomically: parallel guesses on one
 * challenge are counted). Unknown, expired, used and exhausted challenges answer the same.
 */
export async function useChallengeAttempt(
  ctx: ServiceContext,
  token: string,
  purpose: ChallengePurpose,
): Promise<{ id: string; userId: string; attempts: number }> {
  const [row] = await ctx.em.execute<{ id: string; user_id: string; attempts: number }[]>(
    `update login_challenge set attempts = attempts + 1
      where token_hash = ? and purpose = ? and consumed_at is null and expires_at > ? and attempts < ?
      returning id, user_id, attempts`,
    [sha256(token), purpose, ctx.clock.now(), CHALLENGE_MAX_ATTEMPTS],
  );
  if (!row) throw new AppError('login_challenge_invalid', 401);
  return { id: row.id, userId: row.user_id, attempts: row.attempts };
}

/** A live challenge, without spending an attempt (showing the enrolment QR code). */
export async function peekChallenge(ctx: ServiceContext, token: string, purpose: ChallengePurpose): Promise<{ id: string; userId: string }> {
  const [row] = await ctx.em.execute<{ id: string; user_id: string }[]>(
    `select id, user_id from login_challenge where token_hash = ? and purpose = ? and consumed_at is null and expires_at > ? and attempts < ?`,
    [sha256(token), purpose, ctx.clock.now(), CHALLENGE_MAX_ATTEMPTS],
  );
  if (!row) throw new AppError('login_challenge_invalid', 401);
  return { id: row.id, userId: row.user_id };
}

export async function consumeChallenge(ctx: ServiceContext, id: string): Promise<void> {
  const used = await ctx.em.execute<{ id: string }[]>('update login_challenge set consumed_at = ? where id = ? and consumed_at is null returning id', [
    ctx.clock.now(),
    id,
  ]);
  if (used.length !== 1) throw new AppError('login_challenge_invalid', 401);
}
