import { loginBody, sessionResponse, user } from '@relance/contracts/auth';
import { errorBody, noContent } from '@relance/contracts/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/auth.ts';
import { AppError } from '../../plugins/errors.ts';
import { contextOf } from '../../plugins/request-context.ts';
import type { AppUser } from '../users/entities.ts';
import { findUserById, toUserDto } from '../users/service.ts';
import { authenticate, issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from './service.ts';

const REFRESH_COOKIE = 'relance_refresh';

/**
 * Signs a user in on this reply: the same answer as a login (access token + user) and the same
 * refresh cookie. For other ways in than a password (an accepted invitation).
 */
export async function startSession(request: FastifyRequest, reply: FastifyReply, signedIn: AppUser) {
  const ctx = contextOf(request);
  const refresh = await issueRefreshToken(ctx, signedIn.id);
  reply.setCookie(REFRESH_COOKIE, refresh.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.publicUrl.startsWith('https://'),
    path: '/api/v1/auth',
    expires: refresh.expiresAt,
  });
  const accessToken = request.server.jwt.sign({
    sub: signedIn.id,
    role: signedIn.role,
    creditorId: signedIn.creditorId ?? null,
    name: signedIn.name,
  });
  return { accessToken, expiresInSeconds: ctx.config.accessTokenTtlSeconds, user: toUserDto(signedIn) };
}

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;

  function setRefreshCookie(reply: FastifyReply, token: string, expiresAt: Date) {
    reply.setCookie(REFRESH_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.publicUrl.startsWith('https://'),
      path: '/api/v1/auth',
      expires: expiresAt,
    });
  }

  function session(userEntity: AppUser) {
    const accessToken = app.jwt.sign({
      sub: userEntity.id,
      role: userEntity.role,
      creditorId: userEntity.creditorId ?? null,
      name: userEntity.name,
    });
    return { accessToken, expiresInSeconds: config.accessTokenTtlSeconds, user: toUserDto(userEntity) };
  }

  r.post('/api/v1/auth/login', {
    config: {
      access: 'public',
      rateLimit: {
        max: config.loginRateLimitPerMinute,
        timeWindow: '1 minute',
        // Per address and account: a password-guessing run on one account stops quickly
        // without locking out a whole office behind one NAT address.
        keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in: returns a short-lived access token and sets the refresh cookie',
      body: loginBody,
      response: { 200: sessionResponse, 400: errorBody, 401: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const signedIn = await authenticate(contextOf(request), request.body.email, request.body.password);
      return await startSession(request, reply, signedIn);
    },
  });

  r.post('/api/v1/auth/refresh', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Exchange the refresh cookie for a new access token (the cookie is rotated)',
      response: { 200: sessionResponse, 401: errorBody },
    },
    handler: async (request, reply) => {
      const rotated = await rotateRefreshToken(contextOf(request), request.cookies[REFRESH_COOKIE]);
      setRefreshCookie(reply, rotated.token, rotated.expiresAt);
      return session(rotated.user);
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign out: revokes the refresh token and clears the cookie', response: { 204: noContent } },
    handler: async (request, reply) => {
      await revokeRefreshToken(contextOf(request), request.cookies[REFRESH_COOKIE]);
      reply.clearCookie(REFRESH_COOKIE, { path: '/api/v1/auth' });
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: user, 401: errorBody } },
    handler: async (request) => {
      const found = await findUserById(contextOf(request), requireUser(request).userId);
      if (!found) throw new AppError('unauthenticated', 401);
      return toUserDto(found);
    },
  });
}
