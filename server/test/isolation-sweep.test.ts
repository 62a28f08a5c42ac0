import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, claimsCsv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The second wall behind the per-feature isolation tests: every operation of the OpenAPI
 * document (so every route added later is covered without anyone remembering to) is called by
 * a creditor's user with the ids of ANOTHER creditor's case, creditor and import. None may
 * succeed, and none may answer differently from a missing id in a way that reveals the other
 * creditor's data: a read answers 403 or 404; a write answers 400 (its body is checked before
 * anything is looked up), 403 or 404. The debtor portal and provider webhooks authenticate by
 * token or signature, not by role, and are left to their own tests.
 */
let t: TestApp;
let ownToken: string;
let theirs: { creditorId: string; caseId: string; importId: string };

beforeAll(async () => {
  t = await createTestApp();
  const mine = await makeCreditor(t);
  const other = await makeCreditor(t);
  await makeCase(t, mine.id);
  const theirCase = await makeCase(t, other.id);
  ownToken = await login(t, await makeUser(t, 'creditor', mine.id));
  const otherToken = await login(t, await makeUser(t, 'creditor', other.id));
  const upload = multipart({}, { name: 'theirs.csv', type: 'text/csv', content: claimsCsv(['SW-1;01/01/2026;31/01/2026;100,00;particulier;Jean Sweep;;;;;;']) });
  const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(otherToken), ...upload.headers }, payload: upload.payload });
  expect(imported.statusCode, imported.body).toBe(201);
  theirs = { creditorId: other.id, caseId: theirCase.id, importId: imported.json().id };
});
afterAll(async () => t.close());

type Operation = { method: string; path: string };

async function operations(): Promise<Operation[]> {
  const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/') || !path.includes('{')) continue;
    if (/^\/api\/v1\/(portal|webhooks|invitations|local-pay|providers)\b/.test(path) || path.includes('/callbacks/')) continue;
    for (const method of Object.keys(methods)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) found.push({ method: method.toUpperCase(), path });
    }
  }
  return found;
}

/** Puts the other creditor's ids where the path names them, a random id elsewhere. */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string, offset: number) => {
    const before = path.slice(0, offset);
    if (name === 'id' && before.endsWith('/cases/')) return theirs.caseId;
    if (name === 'id' && before.endsWith('/creditors/')) return theirs.creditorId;
    if (name === 'id' && before.endsWith('/imports/')) return theirs.importId;
    if (name === 'creditorId') return theirs.creditorId;
    if (name === 'caseId') return theirs.caseId;
    return randomUUID();
  });
}

describe("another creditor's ids, on every operation of the API", () => {
  it('never succeed and never reveal anything', async () => {
    const all = await operations();
    expect(all.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const operation of all) {
      const url = concrete(operation.path);
      const response = await t.app.inject({
        method: operation.method as 'GET',
        url,
        headers: bearer(ownToken),
        ...(operation.method === 'GET' || operation.method === 'DELETE' ? {} : { payload: {} }),
      });
      const allowed = operation.method === 'GET' ? [403, 404] : [400, 403, 404, 415];
      if (!allowed.includes(response.statusCode)) leaks.push(`${operation.method} ${operation.path} -> ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
  });

  it("still lets a creditor's user read its own case (the sweep is not passing by refusing everything)", async () => {
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer(ownToken) });
    expect(own.statusCode).toBe(200);
    const [first] = own.json().items as { id: string }[];
    expect(first).toBeDefined();
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${(first as { id: string }).id}`, headers: bearer(ownToken) });
    expect(detail.statusCode).toBe(200);
  });
});
