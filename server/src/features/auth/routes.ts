import { randomUUID } from 'node:crypto';
import {
  challengeBody,
  challengeCodeBody,
  codeBody,
  loginBody,
  loginResponse,
  recoveryCodes,
  sessionResponse,
  sessionWithRecoveryCodes,
  totpEnrolment,
  totpStatus,
  user,
} from '@relance/contracts/auth';
import { errorBody, noContent } from '@relance/contracts/common';
import { acceptInvitationBody, invitationTokenParams } from '@relance/contracts/creditors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/auth.ts';
import { AppError } from '../../plugins/errors.ts';
import { contextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import type { AppUser } from '../users/entities.ts';
import { acceptInvitation, findUserById, toUserDto } from '../users/service.ts';
import { revokeAccessToken } from './revocation.ts';
import {
  checkPassword,
  completeEnrolmentChallenge,
  completeTotpChallenge,
  disableTotp,
  enrolmentForChallenge,
  issueRefreshToken,
  myTotpStatus,
  revokeRefreshToken,
  rotateRefreshToken,
  secondStepFor,
} from './service.ts';
import { beginLoginAttempt, clearAccountThrottle, recordLoginFailure } from './throttle.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from './totp.ts';

const REFRESH_COOKIE = 'relance_refresh';
const COOKIE_PATH = '/api/v1/auth';

function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure unless the app runs on plain http on this machine (npm start) or INSECURE_COOKIES=true (config.ts).
    secure: request.deps.config.secureCookies,
    path: COOKIE_PATH,
    expires: expiresAt,
  });
}

/** A short-lived access token with its own id (jti), so that a logout can revoke it (revocation.ts). */
function accessTokenFor(request: FastifyRequest, signedIn: AppUser) {
  const accessToken = request.server.jwt.sign({
    sub: signedIn.id,
    role: signedIn.role,
    creditorId: signedIn.creditorId ?? null,
    name: signedIn.name,
    jti: randomUUID(),
  });
  return { accessToken, expiresInSeconds: request.deps.config.accessTokenTtlSeconds, user: toUserDto(signedIn) };
}

/**
 * Signs a user in on this reply: access token + user, and the refresh cookie. For every way in
 * that ends with a session (password alone, password and code, an accepted invitation).
 */
async function startSession(request: FastifyRequest, reply: FastifyReply, signedIn: AppUser) {
  const ctx = contextOf(request);
  if (signedIn.deactivatedAt) throw new AppError('account_deactivated', 403);
  signedIn.lastLoginAt = ctx.clock.now();
  await ctx.em.flush();
  await clearAccountThrottle(ctx, signedIn.email);
  const refresh = await issueRefreshToken(ctx, signedIn.id);
  setRefreshCookie(request, reply, refresh.token, refresh.expiresAt);
  return accessTokenFor(request, signedIn);
}

/** The ways in: a password, then the second step it asks for (a code, or an enrolment). */
async function signInRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const loginLimit = {
    max: config.loginRateLimitPerMinute,
    timeWindow: '1 minute',
    // A first, in-memory line per process (address and account); the lasting limits are in the
    // database (throttle.ts).
    keyGenerator: (request: FastifyRequest) => `${request.ip}|${String((request.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
  };
  const challengeLimit = { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  r.post('/api/v1/auth/login', {
    config: { access: 'public', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Sign in: a session (access token + refresh cookie), or the second step it needs (a code, or enrolment)',
      description:
        'With two-factor authentication on (or required by the agency for staff), the answer is a `LoginChallenge`, not a session: ' +
        'send its token with a code to `POST auth/login/totp` (or enrol through `auth/login/totp-enrolment`). Repeated failures ' +
        'lock the account (1, 2, 4... minutes) and the client address: a locked attempt answers 429 `login_throttled` with ' +
        'Retry-After, even with the right password.',
      body: loginBody,
      response: { 200: loginResponse, 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const attempt = { email: request.body.email, address: request.ip };
      await beginLoginAttempt(ctx, attempt);
      const checked = await checkPassword(ctx, request.body.email, request.body.password);
      if (!checked.user) {
        await recordLoginFailure(ctx, { ...attempt, userId: checked.userId, reason: checked.userId ? 'wrong_password' : 'unknown_email' });
        throw new AppError('invalid_credentials', 401);
      }
      if (checked.user.deactivatedAt) throw new AppError('account_deactivated', 403); // told only after the right password
      const challenge = await secondStepFor(ctx, checked.user);
      if (challenge) return challenge;
      return await startSession(request, reply, checked.user);
    },
  });

  r.post('/api/v1/auth/login/totp', {
    config: { access: 'public', rateLimit: challengeLimit },
    schema: {
      tags: ['auth'],
      summary: "Second step of a login: the code from the user's authenticator app (or a recovery code, once each)",
      body: challengeCodeBody,
      response: { 200: sessionResponse, 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const signedIn = await completeTotpChallenge(contextOf(request), request.body, request.ip);
      return await startSession(request, reply, signedIn);
    },
  });

  r.post('/api/v1/auth/login/totp-enrolment', {
    config: { access: 'public', rateLimit: challengeLimit },
    schema: {
      tags: ['auth'],
      summary: 'Enrolment required by the agency at login: a new TOTP secret as an otpauth URI and QR code',
      body: challengeBody,
      response: { 200: totpEnrolment, 400: errorBody, 401: errorBody, 429: errorBody },
    },
    handler: async (request) => await enrolmentForChallenge(contextOf(request), request.body.challengeToken),
  });

  r.post('/api/v1/auth/login/totp-enrolment/confirm', {
    config: { access: 'public', rateLimit: challengeLimit },
    schema: {
      tags: ['auth'],
      summary: 'Confirm the enrolment with a first code: the session starts, with the recovery codes (shown once)',
      body: challengeCodeBody,
      response: { 200: sessionWithRecoveryCodes, 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const done = await completeEnrolmentChallenge(contextOf(request), request.body);
      return { ...(await startSession(request, reply, done.user)), recoveryCodes: done.recoveryCodes };
    },
  });
}

/** The session once in: refresh, sign out, who am I. */
async function sessionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;

  r.post('/api/v1/auth/refresh', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Exchange the refresh cookie for a new access token (the cookie is rotated)',
      response: { 200: sessionResponse, 401: errorBody },
    },
    handler: async (request, reply) => {
      const rotated = await rotateRefreshToken(contextOf(request), request.cookies[REFRESH_COOKIE]);
      setRefreshCookie(request, reply, rotated.token, rotated.expiresAt);
      return accessTokenFor(request, rotated.user);
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign out: revokes the refresh token and the access token sent with it (at once, on every API process)',
      response: { 204: noContent, 400: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      await revokeRefreshToken(ctx, request.cookies[REFRESH_COOKIE]);
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ') && !authorization.slice(7).startsWith('rk_')) {
        try {
          const token = await request.jwtVerify<{ sub: string; jti?: string; exp?: number }>();
          if (token.jti && token.exp) await revokeAccessToken(emExec(ctx.em), { jti: token.jti, userId: token.sub, expiresAt: new Date(token.exp * 1000) });
        } catch {
          // Expired or not ours: nothing left to revoke.
        }
      }
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: config.secureCookies });
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: user, 401: errorBody } },
    handler: async (request) => {
      const found = await findUserById(contextOf(request), requireUser(request).userId);
      if (!found) throw new AppError('unauthenticated', 401);
      return toUserDto(found);
    },
  });
}

/**
 * The signed-in user's own two-factor authentication (account security page). A creditor's
 * read-only user secures their own account too: these writes touch only the caller's own second
 * factor (plugins/creditor-roles.ts).
 */
async function ownTotpRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const people = { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] as const, apiKey: false as const, viewerMayCall: true as const };

  r.get('/api/v1/auth/totp', {
    config: people,
    schema: {
      tags: ['auth'],
      summary: 'Whether two-factor authentication is on for me, and how many recovery codes are left',
      response: { 200: totpStatus, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await myTotpStatus(contextOf(request), requireUser(request)),
  });

  r.post('/api/v1/auth/totp/enrolment', {
    config: people,
    schema: {
      tags: ['auth'],
      summary: 'Start enrolling an authenticator app: a new secret as an otpauth URI and QR code (pending until confirmed)',
      response: { 200: totpEnrolment, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const me = await findUserById(ctx, requireUser(request).userId);
      if (!me) throw new AppError('unauthenticated', 401);
      return await startTotpEnrolment(ctx, me);
    },
  });

  r.post('/api/v1/auth/totp/enrolment/confirm', {
    config: people,
    schema: {
      tags: ['auth'],
      summary: 'Confirm with a first code: two-factor authentication is on; answers the recovery codes, shown once',
      body: codeBody,
      response: { 200: recoveryCodes, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      return { recoveryCodes: await confirmTotpEnrolment(ctx, requireUser(request).userId, request.body.code) };
    },
  });

  r.post('/api/v1/auth/totp/disable', {
    config: people,
    schema: {
      tags: ['auth'],
      summary: 'Turn two-factor authentication off (needs a current code or a recovery code)',
      body: codeBody,
      response: { 204: z.null().describe('Off'), 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      await disableTotp(contextOf(request), requireUser(request), request.body.code);
      return reply.code(204).send(null);
    },
  });
}

/** Accepting an invitation ends with a session, like a login: it lives with the other ways in. */
async function invitationAcceptRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;

  r.post('/api/v1/invitations/:token/accept', {
    config: {
      access: 'public',
      rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['users'],
      summary: 'Accept an invitation: creates the account with this password and signs in (same answer as login)',
      params: invitationTokenParams,
      body: acceptInvitationBody,
      response: { 200: sessionResponse, 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const created = await acceptInvitation(contextOf(request), request.params.token, request.body.password);
      return await startSession(request, reply, created);
    },
  });
}

/** Registered in this order (the OpenAPI document lists the routes in it). */
export async function authRoutes(app: FastifyInstance) {
  await signInRoutes(app);
  await sessionRoutes(app);
  await ownTotpRoutes(app);
  await invitationAcceptRoutes(app);
}
