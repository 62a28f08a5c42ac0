import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Staff administration (issue 20): the accounts list, role changes, deactivation and what it cuts off. */
let t: TestApp;
let admin: { id: string; token: string };
let manager: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  const a = await makeUser(t, 'admin');
  admin = { id: a.id, token: await login(t, a) };
  const m = await makeUser(t, 'manager');
  manager = { id: m.id, token: await login(t, m) };
});
afterAll(async () => t.close());

const api = (method: 'GET' | 'PATCH', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return String(first).split(';')[0] as string;
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}

describe('staff accounts', () => {
  it('lists staff (not creditor users) with role, active, 2FA and last sign-in, for managers and admins only', async () => {
    const creditorUser = await makeUser(t, 'creditor', (await makeCreditor(t)).id);
    const agent = await makeUser(t, 'agent');
    const agentToken = await login(t, agent);
    const list = await api('GET', '/api/v1/staff', manager.token);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; active: boolean; totpEnabled: boolean; lastLoginAt: string | null; role: string }[];
    expect(items.find((u) => u.id === creditorUser.id)).toBeUndefined();
    expect(items.find((u) => u.id === agent.id)).toMatchObject({ role: 'agent', active: true, totpEnabled: false });
    expect(items.find((u) => u.id === agent.id)?.lastLoginAt).not.toBeNull();
    expect((await api('GET', '/api/v1/staff', agentToken)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(401);
  });

  it('lets an admin change a role (audited); managers and agents get 403; validation 400', async () => {
    const agent = await makeUser(t, 'agent');
    const changed = await api('PATCH', `/api/v1/users/${agent.id}`, admin.token, { role: 'manager' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: agent.id, role: 'manager', active: true });
    const [entry] = await sql<{ actor_id: string; details: { from: string; to: string } }>(
      `select actor_id, details from audit_event where action = 'user_role_changed' and entity_id = ?`,
      [agent.id],
    );
    expect(entry).toMatchObject({ actor_id: admin.id, details: { from: 'agent', to: 'manager' } });
    expect((await api('PATCH', `/api/v1/users/${agent.id}`, manager.token, { role: 'agent' })).statusCode).toBe(403);
    const empty = await api('PATCH', `/api/v1/users/${agent.id}`, admin.token, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('validation_failed');
    const creditor = await makeUser(t, 'creditor', (await makeCreditor(t)).id);
    const notStaff = await api('PATCH', `/api/v1/users/${creditor.id}`, admin.token, { role: 'agent' });
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().code).toBe('not_staff_user');
    expect((await api('PATCH', '/api/v1/users/00000000-0000-4000-8000-000000000009', admin.token, { active: false })).statusCode).toBe(404);
  });

  it('refuses an admin deactivating or demoting themselves (409)', async () => {
    for (const body of [{ active: false }, { role: 'manager' }]) {
      const refused = await api('PATCH', `/api/v1/users/${admin.id}`, admin.token, body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('cannot_change_own_account');
    }
    expect((await api('PATCH', `/api/v1/users/${admin.id}`, admin.token, { role: 'admin', active: true })).statusCode).toBe(200);
  });

  it('a deactivated user cannot sign in, refresh, or use a token already issued; reactivated, they can', async () => {
    const agent = await makeUser(t, 'agent');
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } });
    const token = session.json().accessToken as string;
    const cookie = cookieOf(session);

    const off = await api('PATCH', `/api/v1/users/${agent.id}`, admin.token, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    expect(off.json().deactivatedAt).not.toBeNull();

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(401);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie } });
    expect(refresh.statusCode).toBe(401);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().code).toBe('account_deactivated');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: 'not the password' } });
    expect(wrong.json().code).toBe('invalid_credentials');
    const [entry] = await sql<{ details: { revokedSessions: number } }>(`select details from audit_event where action = 'user_deactivated' and entity_id = ?`, [agent.id]);
    expect(entry?.details.revokedSessions).toBe(1);
    const workload = (await api('GET', '/api/v1/portfolios/workload', manager.token)).json();
    expect(workload.agents.find((a: { agentId: string }) => a.agentId === agent.id)).toBeUndefined();

    expect((await api('PATCH', `/api/v1/users/${agent.id}`, admin.token, { active: true })).json()).toMatchObject({ active: true, deactivatedAt: null });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: agent.password } })).statusCode).toBe(200);
  });
});
