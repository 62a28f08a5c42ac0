import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';

/**
 * Password guessing, in the database so that every API process sees the same counts:
 *
 * - per account (the e-mail as typed, lower-cased: an unknown address is throttled exactly like a
 *   known one, so the answers say nothing about which accounts exist). Every attempt is counted
 *   when it STARTS, atomically, and the attempt that reaches the threshold sets the lock right
 *   away: parallel guesses cannot slip past it while a password is being hashed. The lock lasts
 *   1 minute after `LOGIN_LOCK_AFTER_FAILURES` unsuccessful attempts, then doubles with each
 *   further one (2, 4, 8... up to 60 minutes). A session issued resets it.
 * - per client address, across accounts: more than `LOGIN_ADDRESS_MAX_FAILURES` failures within
 *   15 minutes and the address is refused until the window ends. The address is the socket's
 *   unless the request came through a proxy listed in TRUSTED_PROXIES (app.ts), so a forged
 *   X-Forwarded-For does not give an attacker a fresh address per guess.
 *
 * A refused attempt answers 429 `login_throttled` with Retry-After, even with the right password
 * (checked before the password is). Failures and lockouts go to the audit trail.
 */
const ADDRESS_WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MINUTES = 60;

type ThrottleRow = { failures: number; locked_until: Date | null; window_started_at: Date };

/** Raw rows carry timestamps as strings: dates here. */
function throttleRow(row: { failures: number; locked_until: Date | string | null; window_started_at: Date | string } | undefined): ThrottleRow | undefined {
  if (!row) return undefined;
  return {
    failures: Number(row.failures),
    locked_until: row.locked_until === null ? null : new Date(row.locked_until),
    window_started_at: new Date(row.window_started_at),
  };
}

function secondsUntil(instant: Date, now: Date): number {
  return Math.max(1, Math.ceil((instant.getTime() - now.getTime()) / 1000));
}

function lockMinutes(failures: number, threshold: number): number {
  return Math.min(MAX_LOCK_MINUTES, 2 ** Math.max(0, failures - threshold));
}

export type LoginAttempt = { email: string; address: string };

/**
 * Refuses the attempt when the address or the account is locked; otherwise counts it against
 * the account (and locks the account if this attempt reaches the threshold, pending its outcome).
 */
export async function beginLoginAttempt(ctx: ServiceContext, attempt: LoginAttempt): Promise<void> {
  const now = ctx.clock.now();
  const email = attempt.email.toLowerCase();
  const address = throttleRow(
    (await ctx.em.execute<ThrottleRow[]>(`select failures, locked_until, window_started_at from login_throttle where scope = 'address' and key = ?`, [attempt.address]))[0],
  );
  if (address?.locked_until && address.locked_until > now) {
    throw new AppError('login_throttled', 429, { retryAfterSeconds: secondsUntil(address.locked_until, now) });
  }
  const threshold = ctx.config.loginLockAfterFailures;
  // One statement: counts the attempt unless the account is locked, and sets the lock when this
  // attempt is the threshold-th unsuccessful one in a row (lifted by a success).
  const counted = await ctx.em.execute<ThrottleRow[]>(
    `insert into login_throttle as t (scope, key, failures, window_started_at, last_failure_at, locked_until)
     values ('account', ?, 1, ?, ?, case when 1 >= ? then ?::timestamptz + interval '1 minute' end)
     on conflict (scope, key) do update
        set failures = t.failures + 1,
            last_failure_at = excluded.last_failure_at,
            locked_until = case when t.failures + 1 >= ?
                                then excluded.last_failure_at + make_interval(mins => least(?, power(2, greatest(0, t.failures + 1 - ?))::int))
                                else t.locked_until end
      where t.locked_until is null or t.locked_until <= excluded.last_failure_at
     returning failures, locked_until, window_started_at`,
    [email, now, now, threshold, now, threshold, MAX_LOCK_MINUTES, threshold],
  );
  if (counted.length === 0) {
    const account = throttleRow(
      (await ctx.em.execute<ThrottleRow[]>(`select failures, locked_until, window_started_at from login_throttle where scope = 'account' and key = ?`, [email]))[0],
    );
    const until = account?.locked_until ?? new Date(now.getTime() + 60_000);
    throw new AppError('login_throttled', 429, { retryAfterSeconds: secondsUntil(until, now) });
  }
}

/**
 * The attempt failed (wrong password, unknown e-mail, wrong second-factor code): counted against
 * the address, recorded in the audit trail, and the lockout too when this failure started one.
 */
export async function recordLoginFailure(
  ctx: ServiceContext,
  attempt: LoginAttempt & { userId: string | null; reason: 'wrong_password' | 'unknown_email' | 'wrong_code' },
): Promise<void> {
  const now = ctx.clock.now();
  const email = attempt.email.toLowerCase();
  const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_MS);
  const [addressRow] = await ctx.em.execute<ThrottleRow[]>(
    `insert into login_throttle as t (scope, key, failures, window_started_at, last_failure_at)
     values ('address', ?, 1, ?, ?)
     on conflict (scope, key) do update
        set failures = case when t.window_started_at <= ? then 1 else t.failures + 1 end,
            window_started_at = case when t.window_started_at <= ? then excluded.window_started_at else t.window_started_at end,
            last_failure_at = excluded.last_failure_at
     returning failures, locked_until, window_started_at`,
    [attempt.address, now, now, windowStart, windowStart],
  );
  const address = throttleRow(addressRow);
  const audits: { action: string; details: Record<string, unknown> }[] = [
    { action: 'login_failed', details: { email, address: attempt.address, reason: attempt.reason } },
  ];
  if (address && address.failures >= ctx.config.loginAddressMaxFailures && !(address.locked_until && address.locked_until > now)) {
    const until = new Date(address.window_started_at.getTime() + ADDRESS_WINDOW_MS);
    await ctx.em.execute(`update login_throttle set locked_until = ? where scope = 'address' and key = ?`, [until, attempt.address]);
    audits.push({ action: 'login_locked', details: { scope: 'address', address: attempt.address, failures: address.failures, until: until.toISOString() } });
  }
  const account = throttleRow(
    (await ctx.em.execute<ThrottleRow[]>(`select failures, locked_until, window_started_at from login_throttle where scope = 'account' and key = ?`, [email]))[0],
  );
  if (account?.locked_until && account.locked_until > now) {
    // The lock set when this attempt started now applies: it was a failure.
    audits.push({
      action: 'login_locked',
      details: {
        scope: 'account',
        email,
        address: attempt.address,
        failures: account.failures,
        minutes: lockMinutes(account.failures, ctx.config.loginLockAfterFailures),
        until: account.locked_until.toISOString(),
      },
    });
  }
  for (const audit of audits) {
    await recordAudit(emExec(ctx.em), { actorId: null, at: now, action: audit.action, entity: 'app_user', entityId: attempt.userId, details: audit.details });
  }
  // Rows of attempts long gone (spraying many e-mails creates one each): kept a day at most.
  await ctx.em.execute(
    `delete from login_throttle where last_failure_at < ? and (locked_until is null or locked_until < ?)`,
    [new Date(now.getTime() - 86_400_000), now],
  );
}

/**
 * A wrong second-factor code: counted against the account like a wrong password (the code step
 * itself is not refused by the lock, which the password step that led to it may have set; the
 * lock stops the next password attempt, and so the next challenge).
 */
export async function countCodeFailure(ctx: ServiceContext, email: string): Promise<void> {
  const now = ctx.clock.now();
  const threshold = ctx.config.loginLockAfterFailures;
  await ctx.em.execute(
    `insert into login_throttle as t (scope, key, failures, window_started_at, last_failure_at, locked_until)
     values ('account', ?, 1, ?, ?, case when 1 >= ? then ?::timestamptz + interval '1 minute' end)
     on conflict (scope, key) do update
        set failures = t.failures + 1,
            last_failure_at = excluded.last_failure_at,
            locked_until = case when t.failures + 1 >= ?
                                then excluded.last_failure_at + make_interval(mins => least(?, power(2, greatest(0, t.failures + 1 - ?))::int))
                                else t.locked_until end`,
    [email.toLowerCase(), now, now, threshold, now, threshold, MAX_LOCK_MINUTES, threshold],
  );
}

/** A session was issued: the account's count and lock start over. */
export async function clearAccountThrottle(ctx: ServiceContext, email: string): Promise<void> {
  await ctx.em.execute(`delete from login_throttle where scope = 'account' and key = ?`, [email.toLowerCase()]);
}
