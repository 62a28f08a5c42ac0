import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { DbPools } from '../db/pools.ts';
import { CREDITOR_SETTING, USER_SETTING } from '../db/row-level-security.ts';
import type { Secrets } from '../db/secrets.ts';
import { requireActor, requireUser } from './auth.ts';
import type { ActorContext, Clock, PortalContext, ServiceContext, UserActor } from './context.ts';
import { localeOf } from './errors.ts';

/**
 * `orm` serves the whole agency: its connections say `relance.scope = 'all'` (staff requests, public
 * routes, the debtor portal, webhooks; the worker has its own). `tenantOrm` serves creditor users
 * and API keys: its connections say nothing, and each of their requests names its creditor in every
 * transaction, so PostgreSQL's row-level security shows them their creditor's rows only, whatever
 * a query forgets (db/row-level-security.ts, the second wall under each feature's own filter).
 * `pools` are the raw pg pools of the importer and the queue's claim (db/pools.ts), opened and
 * closed by whoever builds the app (main.ts, the test harness).
 */
export type AppDependencies = { orm: MikroORM; tenantOrm: MikroORM; pools: DbPools; clock: Clock; config: Config; secrets: Secrets };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDependencies;
  }
  interface FastifyRequest {
    deps: AppDependencies;
  }
}

/** Gives each request its own MikroORM entity manager (identity map per request). */
export const requestContextPlugin = fp(async (app: FastifyInstance, deps: AppDependencies) => {
  app.decorate('deps', deps);
  app.decorateRequest('deps', {
    getter() {
      return deps;
    },
  });
});

// One entity manager per request and per audience: a request reads as the agency until it knows its
// caller (the API key lookup runs before), then as that caller.
const agencyEms = new WeakMap<FastifyRequest, ServiceContext['em']>();
const creditorEms = new WeakMap<FastifyRequest, ServiceContext['em']>();

export function contextOf(request: FastifyRequest): ServiceContext {
  const { orm, tenantOrm, clock, config, secrets } = request.deps;
  const actor = request.actor;
  let em: ServiceContext['em'] | undefined;
  if (actor?.role === 'creditor') {
    if (!actor.creditorId) throw new Error('a creditor actor without a creditor');
    em = creditorEms.get(request);
    if (!em) {
      // MikroORM's session context: set_config(CREDITOR_SETTING, id, true) at the start of every
      // transaction of this entity manager and its forks, a statement outside one getting its own.
      const variables: Record<string, string> = { [CREDITOR_SETTING]: actor.creditorId };
      if (actor.userId) variables[USER_SETTING] = actor.userId;
      em = tenantOrm.em.fork({ session: { variables } });
      creditorEms.set(request, em);
    }
  } else {
    em = agencyEms.get(request);
    if (!em) {
      em = orm.em.fork();
      agencyEms.set(request, em);
    }
  }
  return { em, clock, config, secrets, locale: localeOf(request) };
}

/** The context of a signed-in caller, a person or an API key (401 without one): what most routes hand their service. */
export function actorContextOf(request: FastifyRequest): ActorContext {
  return { ...contextOf(request), actor: requireActor(request) };
}

/** The same for a person only: an API key gets 403 (routes that need a user id). */
export function userContextOf(request: FastifyRequest): ServiceContext & { actor: UserActor } {
  return { ...contextOf(request), actor: requireUser(request) };
}

/** The cookie a verified debtor's browser sends back (httpOnly, path-scoped to their link). */
export const PORTAL_SESSION_COOKIE = 'relance_portal';

/** The context of a debtor's request on `/api/v1/portal/:token/...`: the token and the verification cookie. */
export function portalContextOf(request: FastifyRequest<{ Params: { token: string } }>): PortalContext {
  const secret = request.cookies?.[PORTAL_SESSION_COOKIE];
  return { ...contextOf(request), debtor: { token: request.params.token, sessionSecret: secret ?? null, ip: request.ip } };
}

/**
 * A debtor route's rate limit, counted per link (the token in the path) rather than per address: a
 * debtor behind a carrier's shared address is not throttled by strangers, and a script hammering
 * one link is, whatever addresses it comes from.
 */
export function portalRateLimit(max: number) {
  return {
    max,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => `portal:${String((request.params as { token?: unknown } | undefined)?.token ?? request.ip)}`,
  };
}
