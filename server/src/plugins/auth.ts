import fastifyJwt from '@fastify/jwt';
import type { Role } from '@relance/contracts/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, ApiKeyActor, UserActor } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Who may call a route. Every route under /api declares it in `config.access`; the app
 * refuses to start otherwise, so a forgotten check cannot ship.
 * - an array of roles: a signed-in user with one of them;
 * - 'public': anyone (login, health);
 * - 'portal': the debtor, authorised by the personal link's token in the URL (checked by the portal feature);
 * - 'webhook': a provider, authorised by the request signature (checked by the receiving feature).
 */
export type Access = readonly Role[] | 'public' | 'portal' | 'webhook';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * A creditor's API key reaches every route whose access includes 'creditor', unless the
     * route says `apiKey: false` (managing keys, or anything that needs a person).
     */
    apiKey?: false;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; role: Role; creditorId: string | null; name: string; jti?: string };
    user: { sub: string; role: Role; creditorId: string | null; name: string; jti?: string; exp?: number };
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 401);
  return request.actor;
}

/** A signed-in person (not an API key): for routes that need a user id. */
export function requireUser(request: FastifyRequest): UserActor {
  const actor = requireActor(request);
  if (actor.via === 'api_key') throw new AppError('forbidden', 403);
  return actor;
}

/** API keys are told apart from JWTs by their prefix (`rk_`), in `Authorization: Bearer` or `X-Api-Key`. */
export const API_KEY_PREFIX = 'rk_';

function apiKeyOf(request: FastifyRequest): string | null {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : '';
    return token.startsWith(API_KEY_PREFIX) ? token : null;
  }
  const header = request.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? null : value.trim();
}

export type ApiKeyAuthentication = {
  /** The actor of a live key, or null for an unknown or revoked one. */
  authenticate: (request: FastifyRequest, secret: string) => Promise<ApiKeyActor | null>;
  ratePerMinute: number;
};

export const authPlugin = fp(
  async (
    app: FastifyInstance,
    options: {
      jwtSecret: string;
      accessTokenTtlSeconds: number;
      apiKeys?: ApiKeyAuthentication;
      /** True for an access token revoked before its expiry (logout), by its id, or of a deactivated user (features/auth/revocation.ts). */
      isRevoked?: (request: FastifyRequest, jti: string, userId: string) => Promise<boolean>;
    },
  ) => {
    await app.register(fastifyJwt, {
      secret: options.jwtSecret,
      sign: { expiresIn: options.accessTokenTtlSeconds },
    });
    app.decorateRequest('actor', null);
    // Per key, whatever the route: one integration cannot starve the others. The store is the
    // plugin's (in memory, per process): with several API processes, each allows the limit.
    const apiKeyLimiter = options.apiKeys
      ? app.createRateLimit({
          max: options.apiKeys.ratePerMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => `api_key:${(request.actor as ApiKeyActor).apiKeyId}`,
        })
      : null;

    app.addHook('onRoute', (route) => {
      const path = route.url;
      if (!path.startsWith('/api/')) return;
      if (!route.config?.access) {
        throw new Error(`Route ${route.method} ${path} declares no access (config.access): refusing to start.`);
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config?.access;
      if (!access || typeof access === 'string') return;
      const apiKey = apiKeyOf(request);
      if (apiKey !== null) {
        const actor = options.apiKeys && apiKey.startsWith(API_KEY_PREFIX) ? await options.apiKeys.authenticate(request, apiKey) : null;
        if (!actor) throw new AppError('unauthenticated', 401);
        request.actor = actor;
        if (!access.includes('creditor') || request.routeOptions.config?.apiKey === false) throw new AppError('forbidden', 403);
        const limit = await (apiKeyLimiter as NonNullable<typeof apiKeyLimiter>)(request);
        if (!limit.isAllowed) {
          reply.header('x-ratelimit-limit', limit.max);
          reply.header('x-ratelimit-remaining', limit.remaining);
          if (limit.isExceeded) {
            reply.header('retry-after', limit.ttlInSeconds);
            throw new AppError('api_rate_limited', 429, { retryAfterSeconds: limit.ttlInSeconds });
          }
        }
        return;
      }
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) throw new AppError('unauthenticated', 401);
      let payload: { sub: string; role: Role; creditorId: string | null; name: string; jti?: string };
      try {
        payload = await request.jwtVerify();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') throw new AppError('token_expired', 401);
        throw new AppError('unauthenticated', 401);
      }
      // Every access token we issue has an id; one without (issued before ids, or not by us) is refused.
      if (options.isRevoked && (!payload.jti || (await options.isRevoked(request, payload.jti, payload.sub)))) {
        throw new AppError('unauthenticated', 401);
      }
      request.actor = { via: 'user', userId: payload.sub, role: payload.role, creditorId: payload.creditorId, name: payload.name };
      if (!access.includes(payload.role)) throw new AppError('forbidden', 403);
    });
  },
);
