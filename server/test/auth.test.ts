import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPlugin } from '../src/plugins/auth.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let agent: { id: string; email: string; password: string };

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
  agent = await makeUser(t, 'agent');
});
afterAll(async () => t.close());

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return String(first).split(';')[0] as string;
}

describe('login', () => {
  it('returns an access token, the user, and an httpOnly refresh cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ email: agent.email, role: 'agent', creditorId: null });
    expect(body.accessToken.split('.')).toHaveLength(3);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain('relance_refresh=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('accepts the e-mail in any case', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email.toUpperCase(), password: agent.password },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@test.relance', password: 'whatever-password' } });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: 'not-the-password' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json()).toEqual({ code: 'invalid_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' });
  });

  it('answers in English when asked', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      payload: { email: agent.email, password: 'not-the-password' },
    });
    expect(response.json().message).toBe('Wrong email address or password.');
  });

  it('refuses a malformed body with validation_failed', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'not-an-email' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });

  it('rate-limits repeated attempts on one account', async () => {
    const target = await makeUser(t, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: target.email, password: `guess-number-${i}` } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: target.email, password: target.password } });
    expect(limited.json().code).toBe('rate_limited');
  });

  it('stores passwords as argon2id hashes', async () => {
    const [row] = await t.orm.em.fork().execute<{ password_hash: string }[]>('select password_hash from app_user where id = ?', [agent.id]);
    expect(row?.password_hash.startsWith('$argon2id$')).toBe(true);
  });
});

describe('tokens', () => {
  it('lets a valid token read /auth/me and refuses a missing or forged one', async () => {
    const agent = await makeUser(t, 'agent');
    const token = await login(t, agent);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(agent.email);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('unauthenticated');
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(`${token.slice(0, -4)}AAAA`) });
    expect(forged.statusCode).toBe(401);
  });

  it('refuses an expired access token with token_expired', async () => {
    const oneHourAgo = Math.floor(Date.now() / 1000) - 3600;
    // fast-jwt computes exp from the payload's iat: a token issued an hour ago has expired.
    const issuedAnHourAgo = { sub: agent.id, role: 'agent' as const, creditorId: null, name: 'x', iat: oneHourAgo };
    const expired = t.app.jwt.sign(issuedAnHourAgo);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(expired) });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('token_expired');
  });

  it('rotates the refresh token and revokes every session when an old one is replayed', async () => {
    const agent = await makeUser(t, 'agent');
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } });
    const cookie1 = cookieOf(first);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: cookie1 } });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().user.email).toBe(agent.email);
    const cookie2 = cookieOf(refreshed);
    expect(cookie2).not.toBe(cookie1);
    // Replaying the rotated token: refused, and the newer one dies with it.
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: cookie1 } });
    expect(replay.statusCode).toBe(401);
    const afterReplay = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: cookie2 } });
    expect(afterReplay.statusCode).toBe(401);
  });

  it('logs out: the refresh cookie no longer works', async () => {
    const agent = await makeUser(t, 'agent');
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } });
    const cookie = cookieOf(first);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie } });
    expect(refreshed.statusCode).toBe(401);
  });

  it('refuses an expired refresh token', async () => {
    const agent = await makeUser(t, 'agent');
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } });
    t.clock.advanceDays(31);
    try {
      const refreshed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: cookieOf(first) } });
      expect(refreshed.statusCode).toBe(401);
      expect(refreshed.json().code).toBe('token_expired');
    } finally {
      t.clock.advanceDays(-31);
    }
  });
});

describe('roles', () => {
  it('refuses a role a route does not allow with 403 forbidden', async () => {
    const agent = await makeUser(t, 'agent');
    const token = await login(t, agent);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/creditors',
      headers: bearer(token),
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('lets a manager create agents but not admins, and requires 12-character passwords', async () => {
    const manager = await makeUser(t, 'manager');
    const token = await login(t, manager);
    const base = { name: 'New person', locale: 'fr' };
    const short = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: bearer(token),
      payload: { ...base, email: 'new-agent@test.relance', role: 'agent', password: 'short' },
    });
    expect(short.json().code).toBe('password_too_short');
    const adminAttempt = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: bearer(token),
      payload: { ...base, email: 'new-admin@test.relance', role: 'admin', password: 'long enough password' },
    });
    expect(adminAttempt.statusCode).toBe(403);
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: bearer(token),
      payload: { ...base, email: 'new-agent@test.relance', role: 'agent', password: 'long enough password' },
    });
    expect(created.statusCode).toBe(201);
    const duplicate = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: bearer(token),
      payload: { ...base, email: 'NEW-AGENT@test.relance', role: 'agent', password: 'long enough password' },
    });
    expect(duplicate.json().code).toBe('email_taken');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'new-agent@test.relance', password: 'long enough password' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('requires a creditor for a creditor user', async () => {
    const admin = await makeUser(t, 'admin');
    const token = await login(t, admin);
    const response = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: bearer(token),
      payload: { name: 'X', email: 'x-creditor@test.relance', role: 'creditor', password: 'long enough password', locale: 'fr' },
    });
    expect(response.json().code).toBe('creditor_required');
    const creditor = await makeCreditor(t);
    const ok = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: bearer(token),
      payload: { name: 'X', email: 'x-creditor@test.relance', role: 'creditor', creditorId: creditor.id, password: 'long enough password', locale: 'fr' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().creditorId).toBe(creditor.id);
  });

  it('refuses to start an app with an /api route that declares no access', async () => {
    const app = Fastify();
    await app.register(authPlugin, { jwtSecret: 'x'.repeat(40), accessTokenTtlSeconds: 60 });
    await expect(
      app.register(async (scope) => {
        scope.get('/api/v1/forgotten', async () => ({}));
      }).ready(),
    ).rejects.toThrow(/declares no access/);
  });
});

describe('health', () => {
  it('checks the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('publishes the OpenAPI 3.1 document with every API route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/imports', '/api/v1/portal/{token}', '/api/v1/payments/webhooks/local-card']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
