import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { DbPools } from '../db/pools.ts';
import { type Replica, readSource } from '../db/replica.ts';
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
export type AppDependencies = {
  orm: MikroORM;
  tenantOrm: MikroORM;
  pools: DbPools;
  clock: Clock;
  config: Config;
  secrets: Secrets;
  /** The reports' streaming replica (db/replica.ts); none = they read the primary. */
  replica?: Replica | undefined;
};

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
  const creditor = request.actor?.role === 'creditor';
  const ems = creditor ? creditorEms : agencyEms;
  let em = ems.get(request);
  if (!em) {
    em = forkFor(request, { orm, tenantOrm });
    ems.set(request, em);
  }
  return { em, clock, config, secrets, locale: localeOf(request) };
}

/** An entity manager for the request's caller: the agency's, or its creditor's under row-level security. */
function forkFor(request: FastifyRequest, orms: { orm: MikroORM; tenantOrm: MikroORM }): ServiceContext['em'] {
  const actor = request.actor;
  if (actor?.role !== 'creditor') return orms.orm.em.fork();
  if (!actor.creditorId) throw new Error('a creditor actor without a creditor');
  // MikroORM's session context: set_config(CREDITOR_SETTING, id, true) at the start of every
  // transaction of this entity manager and its forks, a statement outside one getting its own.
  const variables: Record<string, string> = { [CREDITOR_SETTING]: actor.creditorId };
  if (actor.userId) variables[USER_SETTING] = actor.userId;
  return orms.tenantOrm.em.fork({ session: { variables } });
}

/** The OpenAPI description of a route answered through readContextOf. */
export const REPLICA_NOTE =
  'Read from the streaming replica when one is configured (DATABASE_REPLICA_URL) and at most REPLICA_MAX_LAG_SECONDS behind, else from the primary: ' +
  'the X-Data-Source header says which (replica or primary), X-Data-As-Of the instant up to which every change is included.';

/**
 * The context of a read-only report (creditor KPIs, team board, exports): on the streaming replica
 * when it is fresh enough (db/replica.ts), else the primary, for the same caller under the same
 * row-level security. The answer tells how fresh its data is: `X-Data-Source` (replica or primary)
 * and `X-Data-As-Of` (every change committed before that instant is included). `agencyEm` reads as
 * the agency from the same source. Never for a route that writes.
 */
export async function readContextOf(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ ctx: ActorContext; agencyEm: ServiceContext['em']; dataAsOf: Date }> {
  const { orm, replica } = request.deps;
  const source = await readSource(orm, replica);
  reply.header('x-data-source', source.on).header('x-data-as-of', source.dataAsOf.toISOString());
  const ctx = actorContextOf(request);
  if (source.on === 'primary' || !replica) return { ctx, agencyEm: orm.em.fork(), dataAsOf: source.dataAsOf };
  return { ctx: { ...ctx, em: forkFor(request, replica) }, agencyEm: replica.orm.em.fork(), dataAsOf: source.dataAsOf };
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
