import fastifyJwt from '@fastify/jwt';
import type { Role } from '@relance/contracts/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from './context.ts';
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
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; role: Role; creditorId: string | null; name: string };
    user: { sub: string; role: Role; creditorId: string | null; name: string };
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 401);
  return request.actor;
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { jwtSecret: string; accessTokenTtlSeconds: number }) => {
    await app.register(fastifyJwt, {
      secret: options.jwtSecret,
      sign: { expiresIn: options.accessTokenTtlSeconds },
    });
    app.decorateRequest('actor', null);

    app.addHook('onRoute', (route) => {
      const path = route.url;
      if (!path.startsWith('/api/')) return;
      if (!route.config?.access) {
        throw new Error(`Route ${route.method} ${path} declares no access (config.access): refusing to start.`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || typeof access === 'string') return;
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) throw new AppError('unauthenticated', 401);
      let payload: { sub: string; role: Role; creditorId: string | null; name: string };
      try {
        payload = await request.jwtVerify();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') throw new AppError('token_expired', 401);
        throw new AppError('unauthenticated', 401);
      }
      request.actor = { userId: payload.sub, role: payload.role, creditorId: payload.creditorId, name: payload.name };
      if (!access.includes(payload.role)) throw new AppError('forbidden', 403);
    });
  },
);
