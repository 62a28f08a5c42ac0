import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, claimsCsv as csv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Who may see what, on every route that exists: a creditor's user never sees another
 * creditor's data (a foreign id answers 404 like a missing one; lists never include it),
 * and creditor users cannot reach staff-only actions.
 */
let t: TestApp;
let mine: { id: string };
let theirs: { id: string };
let myCase: { id: string };
let theirCase: { id: string };
let creditorToken: string;
let theirImportId: string;

beforeAll(async () => {
  t = await createTestApp();
  mine = await makeCreditor(t);
  theirs = await makeCreditor(t);
  myCase = await makeCase(t, mine.id);
  theirCase = await makeCase(t, theirs.id);
  creditorToken = await login(t, await makeUser(t, 'creditor', mine.id));
  const otherToken = await login(t, await makeUser(t, 'creditor', theirs.id));
  const upload = multipart({}, { name: 'theirs.csv', type: 'text/csv', content: csv(['T-1;01/01/2026;31/01/2026;100,00;particulier;Jean Test;;;;;;']) });
  const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(otherToken), ...upload.headers }, payload: upload.payload });
  expect(imported.statusCode).toBe(201);
  theirImportId = imported.json().id;
});
afterAll(async () => t.close());

describe('a creditor user', () => {
  it('lists only their own creditor', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/creditors', headers: bearer(creditorToken) });
    expect(response.json().items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
  });

  it('gets 404 for another creditor by id, 200 for their own', async () => {
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${theirs.id}`, headers: bearer(creditorToken) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('not_found');
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}`, headers: bearer(creditorToken) });
    expect(own.statusCode).toBe(200);
  });

  it('lists only their own cases, even when asking for another creditor', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: bearer(creditorToken) });
    const ids = all.json().items.map((c: { id: string }) => c.id);
    expect(ids).toContain(myCase.id);
    expect(ids).not.toContain(theirCase.id);
    const filtered = await t.app.inject({ method: 'GET', url: `/api/v1/cases?creditorId=${theirs.id}`, headers: bearer(creditorToken) });
    expect(filtered.json().items.map((c: { id: string }) => c.id)).not.toContain(theirCase.id);
  });

  it('gets 404 for another creditor case, 200 for their own', async () => {
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${theirCase.id}`, headers: bearer(creditorToken) });
    expect(foreign.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${myCase.id}`, headers: bearer(creditorToken) });
    expect(own.statusCode).toBe(200);
    expect(own.json().creditorId).toBe(mine.id);
  });

  it("cannot see another creditor's imports by id or in the list", async () => {
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${theirImportId}`, headers: bearer(creditorToken) });
    expect(foreign.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: bearer(creditorToken) });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(theirImportId);
  });

  it('imports into their own creditor whatever creditorId the form says', async () => {
    const upload = multipart(
      { creditorId: theirs.id },
      { name: 'mine.csv', type: 'text/csv', content: csv(['M-1;01/01/2026;31/01/2026;100,00;particulier;Marie Test;;;;;;']) },
    );
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(creditorToken), ...upload.headers }, payload: upload.payload });
    expect(response.statusCode).toBe(201);
    expect(response.json().creditorId).toBe(mine.id);
  });

  it('gets their own dashboard only, whatever creditorId they ask for', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/creditor-dashboard?creditorId=${theirs.id}`, headers: bearer(creditorToken) });
    expect(response.statusCode).toBe(200);
    expect(response.json().creditorId).toBe(mine.id);
  });

  it('cannot reach staff actions (403), even on their own case', async () => {
    const attempts = [
      { method: 'POST' as const, url: `/api/v1/cases/${myCase.id}/activities`, payload: { kind: 'note', text: 'x' } },
      { method: 'POST' as const, url: `/api/v1/cases/${myCase.id}/portal-link`, payload: {} },
      { method: 'POST' as const, url: '/api/v1/creditors', payload: {} },
      { method: 'GET' as const, url: '/api/v1/users' },
      { method: 'POST' as const, url: '/api/v1/users', payload: {} },
      { method: 'PUT' as const, url: `/api/v1/creditors/${mine.id}/logo`, payload: {} },
    ];
    for (const attempt of attempts) {
      const response = await t.app.inject({ ...attempt, headers: bearer(creditorToken) });
      expect([attempt.url, response.statusCode]).toEqual([attempt.url, 403]);
    }
  });
});

describe('staff', () => {
  it('see every creditor and case', async () => {
    const token = await login(t, await makeUser(t, 'agent'));
    const cases = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: bearer(token) });
    const ids = cases.json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([myCase.id, theirCase.id]));
    const creditors = await t.app.inject({ method: 'GET', url: '/api/v1/creditors', headers: bearer(token) });
    expect(creditors.json().items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('paginate cases with a cursor, by priority, without repeats', async () => {
    const token = await login(t, await makeUser(t, 'manager'));
    for (let i = 0; i < 5; i += 1) await makeCase(t, mine.id, [{ amountCents: 10_000 * (i + 1), dueDate: `2026-0${i + 1}-15` }]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let previousScore = Number.POSITIVE_INFINITY;
    do {
      const url: string = `/api/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ method: 'GET', url, headers: bearer(token) })).json();
      for (const item of page.items) {
        expect(item.priorityScore).toBeLessThanOrEqual(previousScore);
        previousScore = item.priorityScore;
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
  });
});
