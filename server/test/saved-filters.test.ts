import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Saved filters of the case list: per person, server-side. */
let t: TestApp;
let agentToken: string;
let otherAgentToken: string;
let creditorToken: string;
let otherCreditorToken: string;

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string | null, payload?: object) =>
  t.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const creditorId = (await makeCreditor(t)).id;
  const otherCreditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
  otherAgentToken = await login(t, await makeUser(t, 'agent'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', otherCreditorId));
});
afterAll(async () => t.close());

describe('saved filters', () => {
  it('saves, lists by name and deletes my own filters', async () => {
    const created = await api('POST', '/api/v1/saved-filters', agentToken, { name: '  Sans agent ', query: 'assignedTo=none&status=amiable' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Sans agent', query: 'assignedTo=none&status=amiable' });
    await api('POST', '/api/v1/saved-filters', agentToken, { name: 'Amiables', query: 'status=amiable' });
    const list = (await api('GET', '/api/v1/saved-filters', agentToken)).json();
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(['Amiables', 'Sans agent']);
    expect((await api('DELETE', `/api/v1/saved-filters/${created.json().id}`, agentToken)).statusCode).toBe(204);
    expect((await api('GET', '/api/v1/saved-filters', agentToken)).json().items).toHaveLength(1);
  });

  it('answers 409 saved_filter_name_taken on a name I already use, not on a name someone else uses', async () => {
    await api('POST', '/api/v1/saved-filters', agentToken, { name: 'Relances', query: 'status=amiable' });
    const duplicate = await api('POST', '/api/v1/saved-filters', agentToken, { name: 'Relances', query: 'status=legal' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'saved_filter_name_taken', details: { name: 'Relances' } });
    expect(typeof duplicate.json().message).toBe('string');
    expect((await api('POST', '/api/v1/saved-filters', otherAgentToken, { name: 'Relances', query: 'status=legal' })).statusCode).toBe(201);
  });

  it("shows and deletes only one's own filters (staff and creditor users, under row-level security)", async () => {
    const mine = (await api('POST', '/api/v1/saved-filters', creditorToken, { name: 'Mes contestés', query: 'disputed=true' })).json();
    expect((await api('GET', '/api/v1/saved-filters', otherCreditorToken)).json().items).toEqual([]);
    expect((await api('GET', '/api/v1/saved-filters', creditorToken)).json().items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    const otherNames = (await api('GET', '/api/v1/saved-filters', otherAgentToken)).json().items.map((item: { name: string }) => item.name);
    expect(otherNames).toEqual(['Relances']);
    const refused = await api('DELETE', `/api/v1/saved-filters/${mine.id}`, otherCreditorToken);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('not_found');
    expect((await api('DELETE', `/api/v1/saved-filters/${mine.id}`, agentToken)).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/saved-filters', creditorToken)).json().items).toHaveLength(1);
  });

  it('refuses a query that is not a URL query string, a missing name, and anonymous calls', async () => {
    expect((await api('POST', '/api/v1/saved-filters', agentToken, { name: 'x', query: '?status=amiable' })).statusCode).toBe(400);
    expect((await api('POST', '/api/v1/saved-filters', agentToken, { name: '  ', query: 'status=amiable' })).statusCode).toBe(400);
    expect((await api('GET', '/api/v1/saved-filters', null)).statusCode).toBe(401);
  });
});
