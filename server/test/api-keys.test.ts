import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseBody } from './case-factories.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Creditor API keys: shown once, stored hashed, bound to their creditor, refused once revoked,
 * kept off staff routes, rate-limited per key, last use recorded at most once a minute. With a
 * key: direct payments and recall, isolated by creditor and idempotent.
 */
const RATE_LIMIT = 15;
let t: TestApp;
let mine: { id: string };
let theirs: { id: string };
let myCase: { id: string };
let theirCase: { id: string };
let creditorToken: string;
let otherCreditorToken: string;
let managerToken: string;
let agentToken: string;

beforeAll(async () => {
  t = await createTestApp({ env: { API_KEY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
  mine = await makeCreditor(t);
  theirs = await makeCreditor(t);
  myCase = await makeCase(t, mine.id, [{ amountCents: 100_000, ref: 'KEY-A1' }]);
  theirCase = await makeCase(t, theirs.id);
  creditorToken = await login(t, await makeUser(t, 'creditor', mine.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', theirs.id));
  managerToken = await login(t, await makeUser(t, 'manager'));
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

async function createKey(token: string, creditorId = mine.id, name = 'ERP') {
  return await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${creditorId}/api-keys`, headers: bearer(token), payload: { name } });
}
async function newKey(name = 'ERP'): Promise<{ id: string; secret: string }> {
  const response = await createKey(creditorToken, mine.id, name);
  expect(response.statusCode).toBe(201);
  return response.json();
}
function withKey(secret: string) {
  return { authorization: `Bearer ${secret}` };
}

describe('API key management', () => {
  it('shows the secret once at creation; the list never shows it', async () => {
    const created = await createKey(creditorToken, mine.id, 'Sage production');
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.secret).toMatch(/^rk_live_[A-Za-z0-9_-]{32}$/);
    expect(body).toMatchObject({ creditorId: mine.id, name: 'Sage production', lastUsedAt: null, revokedAt: null });
    expect(body.secret.startsWith(body.prefix)).toBe(true);

    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/api-keys`, headers: bearer(creditorToken) });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(body.secret);
    const item = listed.json().items.find((key: { id: string }) => key.id === body.id);
    expect(item).toMatchObject({ name: 'Sage production', prefix: body.prefix, revokedAt: null });
    expect(item).not.toHaveProperty('secret');

    const [stored] = await t.orm.em.fork().execute<{ key_hash: string }[]>('select key_hash from api_key where id = ?', [body.id]);
    expect(stored?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.key_hash).not.toContain(body.secret);
  });

  it('staff may manage any creditor keys; another creditor gets 404; agents 403', async () => {
    expect((await createKey(managerToken, mine.id)).statusCode).toBe(201);
    expect((await createKey(otherCreditorToken, mine.id)).statusCode).toBe(404);
    const foreignList = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/api-keys`, headers: bearer(otherCreditorToken) });
    expect(foreignList.statusCode).toBe(404);
    expect((await createKey(agentToken, mine.id)).statusCode).toBe(403);
    const key = await newKey();
    const foreignRevoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/creditors/${theirs.id}/api-keys/${key.id}`,
      headers: bearer(otherCreditorToken),
    });
    expect(foreignRevoke.statusCode).toBe(404);
  });

  it('a revoked key is refused with 401', async () => {
    const key = await newKey('to revoke');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: withKey(key.secret) })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/creditors/${mine.id}/api-keys/${key.id}`, headers: bearer(creditorToken) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: withKey(key.secret) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('unauthenticated');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { 'x-api-key': 'rk_live_not-a-key' } });
    expect(unknown.statusCode).toBe(401);
  });
});

describe('a request with an API key', () => {
  it('sees only its creditor cases (Bearer or X-Api-Key)', async () => {
    const key = await newKey();
    for (const headers of [withKey(key.secret), { 'x-api-key': key.secret }]) {
      const list = await t.app.inject({ method: 'GET', url: `/api/v1/cases?limit=200&creditorId=${theirs.id}`, headers });
      expect(list.statusCode).toBe(200);
      const ids = list.json().items.map((item: { id: string }) => item.id);
      expect(ids).not.toContain(theirCase.id);
      const all = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers });
      expect(all.json().items.map((item: { id: string }) => item.id)).toContain(myCase.id);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${myCase.id}`, headers })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${theirCase.id}`, headers })).statusCode).toBe(404);
    }
  });

  it('creates cases for its own creditor, whatever creditorId says', async () => {
    const key = await newKey();
    const body = caseBody({ creditorId: theirs.id, claims: [{ dueDate: '2026-09-30', amountCents: 250_00 }] });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: withKey(key.secret), payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json().creditorId).toBe(mine.id);
  });

  it('cannot reach staff routes, key management or the user profile (403)', async () => {
    const key = await newKey();
    const headers = withKey(key.secret);
    const staffOnly = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${myCase.id}/activities`,
      headers,
      payload: { kind: 'note', text: 'x' },
    });
    expect(staffOnly.statusCode).toBe(403);
    expect(staffOnly.json().code).toBe('forbidden');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/api-keys`, headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${mine.id}/api-keys`, headers, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(403);
  });

  it('is rate-limited per key (429), other keys unaffected', async () => {
    const key = await newKey('busy');
    const other = await newKey('quiet');
    for (let i = 0; i < RATE_LIMIT; i += 1) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(key.secret) });
      expect(response.statusCode).toBe(200);
    }
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(key.secret) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('api_rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(other.secret) })).statusCode).toBe(200);
    // JWT sessions are not counted against keys.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: bearer(creditorToken) })).statusCode).toBe(200);
  });

  it('records last use, at most once a minute', async () => {
    const key = await newKey('clocked');
    const lastUsed = async () => {
      const list = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/api-keys`, headers: bearer(creditorToken) });
      return list.json().items.find((item: { id: string }) => item.id === key.id).lastUsedAt as string | null;
    };
    expect(await lastUsed()).toBeNull();
    const first = t.clock.now();
    await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(key.secret) });
    expect(await lastUsed()).toBe(first.toISOString());
    t.clock.set(new Date(first.getTime() + 30_000));
    await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(key.secret) });
    expect(await lastUsed()).toBe(first.toISOString());
    const later = new Date(first.getTime() + 61_000);
    t.clock.set(later);
    await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(key.secret) });
    expect(await lastUsed()).toBe(later.toISOString());
  });
});

describe('direct payments and recall', () => {
  it('a key reports a direct payment: recorded as direct_to_creditor with a timeline entry, idempotent', async () => {
    const key = await newKey();
    const found = await makeCase(t, mine.id, [{ amountCents: 80_000, ref: 'DIRECT-1' }]);
    const headers = { ...withKey(key.secret), 'idempotency-key': 'direct-1' };
    const body = { date: '2026-11-20', amountCents: 30_000, claimRef: 'DIRECT-1' };
    const first = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/direct-payments`, headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ amountCents: 30_000, method: 'direct_to_creditor', receivedOn: '2026-11-20', claimRef: 'DIRECT-1' });
    const replay = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/direct-payments`, headers, payload: body });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${found.id}/direct-payments`,
      headers,
      payload: { ...body, amountCents: 1 },
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency_key_reused');

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}`, headers: withKey(key.secret) });
    expect(detail.json().payments).toHaveLength(1);
    expect(detail.json().paidCents).toBe(30_000);
    expect(detail.json().activities.some((a: { kind: string; text: string }) => a.kind === 'payment' && a.text.includes('directement'))).toBe(true);
  });

  it('a direct payment on another creditor case answers 404 and records nothing; staff may report one', async () => {
    const key = await newKey();
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${theirCase.id}/direct-payments`,
      headers: withKey(key.secret),
      payload: { date: '2026-11-20', amountCents: 100 },
    });
    expect(foreign.statusCode).toBe(404);
    const rows = await t.orm.em.fork().execute('select id from payment where case_id = ?', [theirCase.id]);
    expect(rows).toHaveLength(0);
    const byStaff = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${theirCase.id}/direct-payments`,
      headers: bearer(agentToken),
      payload: { date: '2026-11-20', amountCents: 100 },
    });
    expect(byStaff.statusCode).toBe(201);
  });

  it('a key recalls its case: closed, returned to the creditor, reason kept; a second recall is refused; foreign 404', async () => {
    const key = await newKey();
    const found = await makeCase(t, mine.id);
    const headers = { ...withKey(key.secret), 'idempotency-key': 'recall-1' };
    const recalled = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/recall`, headers, payload: { reason: 'Accord direct' } });
    expect(recalled.statusCode).toBe(200);
    expect(recalled.json()).toMatchObject({ id: found.id, status: 'closed', closedOutcome: 'returned_to_creditor', recallReason: 'Accord direct' });
    const replay = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/recall`, headers, payload: { reason: 'Accord direct' } });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${found.id}/recall`,
      headers: withKey(key.secret),
      payload: { reason: 'encore' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('case_closed');

    const [row] = await t.orm.em.fork().execute<{ status: string; closed_outcome: string; recall_reason: string }[]>(
      'select status, closed_outcome, recall_reason from collection_case where id = ?',
      [found.id],
    );
    expect(row).toEqual({ status: 'closed', closed_outcome: 'returned_to_creditor', recall_reason: 'Accord direct' });
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}`, headers: bearer(creditorToken) });
    expect(detail.json().status).toBe('closed');
    expect(detail.json().activities.some((a: { kind: string }) => a.kind === 'status_change')).toBe(true);

    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${theirCase.id}/recall`,
      headers: withKey(key.secret),
      payload: { reason: 'pas à moi' },
    });
    expect(foreign.statusCode).toBe(404);
    const [theirs_] = await t.orm.em.fork().execute<{ status: string }[]>('select status from collection_case where id = ?', [theirCase.id]);
    expect(theirs_?.status).not.toBe('closed');
  });
});

describe('OpenAPI document', () => {
  it('documents the creditor API with examples', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    for (const path of [
      '/api/v1/creditors/{id}/api-keys',
      '/api/v1/creditors/{id}/api-keys/{keyId}',
      '/api/v1/creditors/{id}/webhooks',
      '/api/v1/creditors/{id}/webhooks/{webhookId}',
      '/api/v1/creditors/{id}/webhooks/{webhookId}/deliveries',
      '/api/v1/cases/{id}/direct-payments',
      '/api/v1/cases/{id}/recall',
    ]) {
      expect(document.paths, path).toHaveProperty([path]);
    }
    const text = JSON.stringify(document);
    expect(text).toContain('rk_live_');
    expect(text).toContain('Relance-Signature');
    expect(text).toContain('Accord commercial');
  });
});
