import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@relance/contracts/auth';
import type { Locale } from '@relance/contracts/errors';
import { localDate } from '@relance/domain/calendar';
import type { Config } from '../config.ts';
import type { Secrets } from '../db/secrets.ts';

/**
 * Who is calling: a signed-in user, or a creditor's system with an API key. Debtors and
 * webhooks are not actors. `userId` is the author written on timelines and audit columns
 * (foreign keys to app_user), so it is null for an API key: the key is not a user. A key
 * always acts as role 'creditor' bound to its own creditor; `apiKeyId` is its stable id
 * (idempotency scope, rate limit, logs).
 */
export type UserActor = { via?: 'user'; userId: string; role: Role; creditorId: string | null; name: string };
export type ApiKeyActor = { via: 'api_key'; userId: null; apiKeyId: string; role: 'creditor'; creditorId: string; name: string };
export type Actor = UserActor | ApiKeyActor;

/** An injectable clock: every "now" and "today" comes from here, so tests can travel in time. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

/** The real time, or a clock that starts at `start` and runs on at the real pace (config CLOCK_START). */
export function runningClock(start: Date | undefined): Clock {
  if (!start) return systemClock;
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * What every service function of a request receives first (plugins/request-context.ts contextOf):
 * the request's entity manager, which runs as the caller (the agency, or a creditor under row-level
 * security). ActorContext adds who is calling.
 */
export type ServiceContext = {
  em: EntityManager;
  clock: Clock;
  config: Config;
  secrets: Secrets;
  locale: Locale;
};
export type ActorContext = ServiceContext & { actor: Actor };

/**
 * A debtor on their page: no actor, the link's token (from the URL), the session secret of the
 * verification cookie when they answered the check (features/portal/verification.ts), and where
 * the request came from (recorded with an electronic acceptance).
 */
export type PortalContext = ServiceContext & { debtor: { token: string; sessionSecret: string | null; ip: string } };

/**
 * What every graphile-worker task factory receives first (worker/runner.ts builds it once). A job
 * has no actor, no locale and no entity manager: its SQL runs on graphile-worker's own client, as
 * the agency (relance_agency), through a SqlExec (plugins/sql.ts inJobTransaction / withJobExec).
 * What only one task needs (the ORM, the SMTP URL, a test's DNS) is that task's second parameter.
 *
 * Low-level functions shared by requests and jobs (checks, writers, set-based passes) take neither
 * context: they take `(exec: SqlExec, clock: Clock, ...)`, so both can call them (a request with
 * emExec(ctx.em), a job with the exec of its transaction).
 */
export type JobContext = { clock: Clock; secrets: Secrets };

/** Today in Europe/Paris (the agency's business day), as YYYY-MM-DD (packages/domain calendar localDate). */
export function todayInParis(clock: Clock): string {
  return localDate(clock.now());
}
