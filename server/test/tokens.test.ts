import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { redactSecrets } from '../src/plugins/log-redaction.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue #13, item 9: tokens kept out of the logs, a new debtor link revoking the earlier ones,
 * access tokens revoked at logout, /docs that can be turned off, the refresh cookie Secure.
 */
let t: TestApp;
const logLines: string[] = [];
let agentToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => logLines.push(line) } });
  creditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

async function newLink(caseId: string, body?: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/portal-link`,
    headers: bearer(agentToken),
    ...(body ? { payload: body } : {}),
  });
  expect(response.statusCode).toBe(201);
  return new URL(response.json().url).pathname.replace('/pay/', '');
}

async function portalStatus(token: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}` })).statusCode;
}

describe('tokens in the logs', () => {
  it('never writes a portal, invitation or checkout token to the request log nor to the outbox log', async () => {
    const found = await makeCase(t, creditorId);
    const token = await newLink(found.id);
    await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}` });
    await t.app.inject({ method: 'GET', url: `/pay/${token}?checkout=success` });
    const checkout = await t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/checkout`, payload: {} });
    const checkoutPath = new URL(checkout.json().checkoutUrl).pathname;
    const sessionId = checkoutPath.split('/').pop() as string;
    await t.app.inject({ method: 'GET', url: checkoutPath });

    const admin = await login(t, await makeUser(t, 'admin'));
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/creditors/${creditorId}/invitations`,
      headers: bearer(admin),
      payload: { email: 'invitee@example.fr', name: 'Invitée', creditorRole: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    const invitationToken = new URL(invited.json().outboxLink).pathname.split('/').pop() as string;
    await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${invitationToken}` });
    await t.app.inject({ method: 'GET', url: `/invitations/${invitationToken}` });

    const log = logLines.join('');
    expect(log).toContain('/api/v1/portal/[redacted]');
    expect(log).toContain('/pay/[redacted]');
    expect(log).toContain('/api/v1/invitations/[redacted]');
    expect(log).toContain('e-mail not sent');
    for (const secret of [token, invitationToken, sessionId]) expect(log).not.toContain(secret);
  });

  it('redacts the known places of a token in any text', () => {
    expect(redactSecrets('GET /api/v1/portal/abcDEF123_-xyz/checkout?x=1')).toBe('GET /api/v1/portal/[redacted]/checkout?x=1');
    expect(redactSecrets('open https://relance.example/invitations/tok_123 now')).toBe('open https://relance.example/invitations/[redacted] now');
    expect(redactSecrets('/callback?token=abc&x=1')).toBe('/callback?token=[redacted]&x=1');
  });
});

describe('debtor links', () => {
  it('a new link revokes the earlier live links of the case; keepPrevious keeps them', async () => {
    const found = await makeCase(t, creditorId);
    const first = await newLink(found.id);
    expect(await portalStatus(first)).toBe(200);
    const second = await newLink(found.id);
    expect(await portalStatus(first)).toBe(404);
    expect(await portalStatus(second)).toBe(200);
    const third = await newLink(found.id, { keepPrevious: true });
    expect(await portalStatus(second)).toBe(200);
    expect(await portalStatus(third)).toBe(200);
    // Another case's link is not touched.
    const other = await makeCase(t, creditorId);
    const otherLink = await newLink(other.id);
    await newLink(found.id);
    expect(await portalStatus(otherLink)).toBe(200);
    expect(await portalStatus(third)).toBe(404);
  });
});

describe('access tokens after logout', () => {
  it('an access token stops working at logout (jti on the revocation list), on every process', async () => {
    const user = await makeUser(t, 'manager');
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    const token = signedIn.json().accessToken as string;
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0] as string;
    const payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...bearer(token), cookie } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
    const [row] = await t.orm.em.fork().execute<{ user_id: string; expires_at: string }[]>('select user_id, expires_at from revoked_access_token where jti = ?', [payload.jti]);
    expect(row?.user_id).toBe(user.id);
    expect(new Date(row?.expires_at as string).getTime()).toBe(payload.exp * 1000);
    // Another session of the same user is untouched.
    const other = await login(t, user);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(other) })).statusCode).toBe(200);
  });

  it('refuses a validly signed access token without an id', async () => {
    const user = await makeUser(t, 'agent');
    const token = t.app.jwt.sign({ sub: user.id, role: 'agent', creditorId: null, name: 'x' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });
});

describe('API documentation and cookies', () => {
  it('serves /docs by default, and not at all with API_DOCS=false', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).json().openapi).toBe('3.1.0');
    const off = await createTestApp({ env: { API_DOCS: 'false' } });
    try {
      for (const url of ['/docs', '/docs/json', '/docs/static/index.html']) {
        const response = await off.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('openapi');
      }
    } finally {
      await off.close();
    }
  });

  it('the refresh cookie is Secure unless PUBLIC_URL is plain http on this machine or INSECURE_COOKIES=true', async () => {
    expect(parseConfig({ PUBLIC_URL: 'https://relance.example.fr' }).secureCookies).toBe(true);
    expect(parseConfig({ PUBLIC_URL: 'http://relance.example.fr' }).secureCookies).toBe(true);
    expect(parseConfig({}).secureCookies).toBe(false); // npm start: http://localhost:3000
    expect(parseConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).secureCookies).toBe(false);
    expect(parseConfig({ PUBLIC_URL: 'http://192.168.1.20:3000', INSECURE_COOKIES: 'true' }).secureCookies).toBe(false);
    expect(parseConfig({ PUBLIC_URL: 'http://localhost:3000', INSECURE_COOKIES: 'false' }).secureCookies).toBe(true);

    const user = await makeUser(t, 'agent');
    const local = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    expect(String(local.headers['set-cookie'])).not.toContain('Secure');
    const production = await createTestApp({ env: { PUBLIC_URL: 'http://relance.example.fr' } });
    try {
      const someone = await makeUser(production, 'agent');
      const response = await production.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: someone.email, password: someone.password } });
      expect(String(response.headers['set-cookie'])).toContain('Secure');
    } finally {
      await production.close();
    }
  });
});
