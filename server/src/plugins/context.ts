import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@relance/contracts/auth';
import type { Locale } from '@relance/contracts/errors';
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

/** What every service function receives first. */
export type ServiceContext = {
  em: EntityManager;
  clock: Clock;
  config: Config;
  secrets: Secrets;
  locale: Locale;
};
export type ActorContext = ServiceContext & { actor: Actor };

/** Today in Europe/Paris (the agency's business day), as YYYY-MM-DD. */
export function todayInParis(clock: Clock): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    clock.now(),
  );
}
