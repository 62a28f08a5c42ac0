import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type Agent, leaseAction, makeAgents, makeSlice, next } from './queue-helpers.ts';

/** Portfolios, capacity, workload, rebalancing, absences; every change in the audit trail. */
let t: TestApp;
let manager: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t, 'manager');
  manager = { id: user.id, token: await login(t, user) };
});
afterAll(async () => t.close());

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown, token = manager.token) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });

async function withAddress(caseRef: { debtorId: string }, postalCode: string) {
  await sql(`insert into debtor_address (debtor_id, line1, postal_code, city) values (?, '1 rue Test', ?, 'Ville')`, [caseRef.debtorId, postalCode]);
}

describe('portfolios', () => {
  it('select cases by creditor, segment (professional or consumer), amount and age bands and département', async () => {
    const creditor = await makeCreditor(t);
    const nantesCompany = await makeCase(t, creditor.id, [{ amountCents: 2_000_00 }], { kind: 'company' });
    await withAddress(nantesCompany, '44000');
    const nantesPerson = await makeCase(t, creditor.id, [{ amountCents: 2_000_00 }], { kind: 'person' });
    await withAddress(nantesPerson, '44100');
    const ajaccioCompany = await makeCase(t, creditor.id, [{ amountCents: 2_000_00 }], { kind: 'company' });
    await withAddress(ajaccioCompany, '20000');
    const smallNantesCompany = await makeCase(t, creditor.id, [{ amountCents: 50_00 }], { kind: 'company' });
    await withAddress(smallNantesCompany, '44000');
    const recentNantesCompany = await makeCase(t, creditor.id, [{ amountCents: 2_000_00, dueDate: '2026-11-10' }], { kind: 'company' });
    await withAddress(recentNantesCompany, '44000');
    const [agent] = (await makeAgents(t, 1)) as [Agent];

    const created = await api('POST', '/api/v1/portfolios', {
      name: 'Pros de Loire-Atlantique',
      creditorId: creditor.id,
      debtorKind: 'company',
      minBalanceCents: 1_000_00,
      minDaysPastDue: 30,
      departments: ['44', '2A'],
      memberIds: [agent.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const portfolio = created.json();
    expect(portfolio).toMatchObject({ openCases: 2, memberIds: [agent.id], departments: ['44', '2A'] });
    const inside = await sql<{ id: string; department: string }>('select id, department from collection_case where portfolio_id = ? order by id', [portfolio.id]);
    expect(inside.map((r) => r.id).sort()).toEqual([nantesCompany.id, ajaccioCompany.id].sort());
    expect(inside.find((r) => r.id === ajaccioCompany.id)?.department).toBe('2A');

    // The agent of the portfolio works those cases only; the list says the same.
    const list = await api('GET', '/api/v1/queue', undefined, agent.token);
    expect(list.json().items.map((i: { id: string }) => i.id).sort()).toEqual([nantesCompany.id, ajaccioCompany.id].sort());
    const first = await next(t, agent);
    const second = await next(t, agent);
    expect([first.json().case.id, second.json().case.id].sort()).toEqual([nantesCompany.id, ajaccioCompany.id].sort());
    expect((await next(t, agent)).statusCode).toBe(204);
    await leaseAction(t, agent, first.json().case.id, 'release');
    await leaseAction(t, agent, second.json().case.id, 'release');

    // Narrowing to one département moves Ajaccio out; the change is audited.
    const patched = await api('PATCH', `/api/v1/portfolios/${portfolio.id}`, { departments: ['44'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().openCases).toBe(1);
    const bad = await api('PATCH', `/api/v1/portfolios/${portfolio.id}`, { minBalanceCents: 5_000_00, maxBalanceCents: 1_00 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_band');

    const audit = await sql<{ action: string; actor_id: string }>('select action, actor_id from audit_event where entity_id = ? order by id', [portfolio.id]);
    expect(audit.map((a) => a.action)).toEqual(['portfolio_created', 'portfolio_updated']);
    expect(audit.every((a) => a.actor_id === manager.id)).toBe(true);

    const deleted = await api('DELETE', `/api/v1/portfolios/${portfolio.id}`);
    expect(deleted.statusCode).toBe(204);
    const [left] = await sql<{ n: number }>('select count(*)::int as n from collection_case where portfolio_id = ?', [portfolio.id]);
    expect(left?.n).toBe(0);
    expect((await sql<{ action: string }>('select action from audit_event where entity_id = ? order by id', [portfolio.id])).at(-1)?.action).toBe('portfolio_deleted');
  });

  it('refuses members who are not agents', async () => {
    const creditorUser = await makeUser(t, 'creditor', (await makeCreditor(t)).id);
    const response = await api('POST', '/api/v1/portfolios', { name: 'X', memberIds: [creditorUser.id] });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('not_an_agent');
  });
});

describe('workload and rebalancing', () => {
  it('shows over-loaded agents and unassigned work, and rebalances within the portfolio', async () => {
    const [a, b] = (await makeAgents(t, 2)) as [Agent, Agent];
    const slice = await makeSlice(t, manager.token, [100_00, 200_00, 300_00, 400_00, 500_00, 600_00], [a, b]);
    const ids = slice.cases.map((c) => c.id);
    await sql('update collection_case set assigned_agent_id = ? where id = any(?::uuid[])', [a.id, `{${ids.slice(0, 4).join(',')}}`]);
    expect((await api('PUT', `/api/v1/agents/${a.id}/capacity`, { capacity: 1 })).statusCode).toBe(200);
    expect((await api('PUT', `/api/v1/agents/${b.id}/capacity`, { capacity: 4 })).statusCode).toBe(200);

    const before = (await api('GET', '/api/v1/portfolios/workload')).json();
    expect(before.agents.find((w: { agentId: string }) => w.agentId === a.id)).toMatchObject({ openCases: 4, capacity: 1, overloaded: true });
    expect(before.agents.find((w: { agentId: string }) => w.agentId === b.id)).toMatchObject({ openCases: 0, capacity: 4, overloaded: false });
    expect(before.unassignedOpenCases).toBeGreaterThanOrEqual(2);

    // The preview answers the same moves and changes nothing (no assignment, no audit entry).
    const assignedBefore = await sql<{ id: string; a: string | null }>('select id, assigned_agent_id::text as a from collection_case where id = any(?::uuid[]) order by id', [`{${ids.join(',')}}`]);
    const auditsBefore = (await sql(`select 1 from audit_event where action = 'portfolios_rebalanced'`)).length;
    const preview = await api('POST', '/api/v1/portfolios/rebalance?dryRun=true', { portfolioId: slice.portfolioId });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ moved: 3, assigned: 1, dryRun: true });
    expect(preview.json().byAgent).toEqual(expect.arrayContaining([{ agentId: b.id, gains: 4, losses: 0 }, { agentId: a.id, gains: 0, losses: 3 }]));
    expect(preview.json().moves).toHaveLength(4);
    expect(preview.json().moves.every((m: { toAgentId: string }) => m.toAgentId === b.id)).toBe(true);
    expect(await sql('select id, assigned_agent_id::text as a from collection_case where id = any(?::uuid[]) order by id', [`{${ids.join(',')}}`])).toEqual(assignedBefore);
    expect((await sql(`select 1 from audit_event where action = 'portfolios_rebalanced'`)).length).toBe(auditsBefore);

    const result = await api('POST', '/api/v1/portfolios/rebalance', { portfolioId: slice.portfolioId });
    expect(result.statusCode, result.body).toBe(200);
    // A keeps 1; B takes the 3 moved and 1 of the 2 unassigned (capacity 4); one stays unassigned.
    expect(result.json()).toMatchObject({ moved: 3, assigned: 1, dryRun: false });
    expect(result.json().moves.map((m: { caseId: string }) => m.caseId).sort()).toEqual(preview.json().moves.map((m: { caseId: string }) => m.caseId).sort());
    const after = (await api('GET', '/api/v1/portfolios/workload')).json();
    expect(after.agents.find((w: { agentId: string }) => w.agentId === a.id)).toMatchObject({ openCases: 1, overloaded: false });
    expect(after.agents.find((w: { agentId: string }) => w.agentId === b.id)).toMatchObject({ openCases: 4, overloaded: false });
    // A keeps its most urgent case.
    const [kept] = await sql<{ id: string }>('select id from collection_case where assigned_agent_id = ?', [a.id]);
    expect(kept?.id).toBe(ids[3]);
    const audit = await sql<{ details: { moved: number } }>(`select details from audit_event where action = 'portfolios_rebalanced'`);
    expect(audit.at(-1)?.details.moved).toBe(3);
    expect((await sql(`select 1 from audit_event where action = 'agent_capacity_set' and entity_id = ?`, [a.id])).length).toBe(1);
  });
});

describe('an agent away', () => {
  it('gets nothing from the queue; their cases and leases go to the others until they are back', async () => {
    const [a, b] = (await makeAgents(t, 2)) as [Agent, Agent];
    const slice = await makeSlice(t, manager.token, [100_00, 900_00], [a, b]);
    const [low, high] = slice.cases.map((c) => c.id) as [string, string];
    await sql('update collection_case set assigned_agent_id = ? where id = any(?::uuid[])', [a.id, `{${low},${high}}`]);
    // Assigned to A: B cannot take them.
    expect((await next(t, b)).statusCode).toBe(204);
    const held = await next(t, a);
    expect(held.json().case.id).toBe(high);

    const until = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString();
    const away = await api('POST', `/api/v1/agents/${a.id}/away`, { until });
    expect(away.statusCode, away.body).toBe(200);
    expect(away.json()).toMatchObject({ awayUntil: until, releasedLeases: 1 });

    const refused = await next(t, a);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('agent_away');
    const gotten = [(await next(t, b)).json().case.id, (await next(t, b)).json().case.id];
    expect(gotten).toEqual([high, low]);
    const workload = (await api('GET', '/api/v1/portfolios/workload')).json();
    expect(workload.agents.find((w: { agentId: string }) => w.agentId === a.id).awayUntil).toBe(until);
    for (const id of gotten) await leaseAction(t, b, id, 'release');

    expect((await api('DELETE', `/api/v1/agents/${a.id}/away`)).statusCode).toBe(200);
    expect((await next(t, a)).json().case.id).toBe(high);
    expect((await next(t, b)).statusCode).toBe(204);
    const audit = await sql<{ action: string }>('select action from audit_event where entity_id = ? order by id', [a.id]);
    expect(audit.map((r) => r.action)).toEqual(['agent_away', 'agent_back']);
  });
});

describe('access', () => {
  it('lets only managers and admins manage portfolios; creditor users 403, agents 403, anonymous 401', async () => {
    const creditorToken = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
    const [agent] = (await makeAgents(t, 1)) as [Agent];
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', string, unknown][] = [
      ['GET', '/api/v1/portfolios', undefined],
      ['POST', '/api/v1/portfolios', { name: 'X' }],
      ['PATCH', `/api/v1/portfolios/${id}`, { name: 'Y' }],
      ['DELETE', `/api/v1/portfolios/${id}`, undefined],
      ['GET', '/api/v1/portfolios/workload', undefined],
      ['POST', '/api/v1/portfolios/rebalance', {}],
      ['PUT', `/api/v1/agents/${id}/capacity`, { capacity: 3 }],
      ['POST', `/api/v1/agents/${id}/away`, { until: '2026-12-01T00:00:00Z' }],
      ['DELETE', `/api/v1/agents/${id}/away`, undefined],
      ['POST', '/api/v1/cases/bulk/assign', { caseIds: [id], agentId: id }],
    ];
    for (const [method, url, payload] of routes) {
      expect((await api(method, url, payload, creditorToken)).statusCode, `${method} ${url}`).toBe(403);
      expect((await api(method, url, payload, agent.token)).statusCode, `${method} ${url}`).toBe(403);
      const anonymous = await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('the case list for managers', () => {
  it('lists the balance and unassigned cases of a portfolio, filters cases by agent, and reassigns in bulk with one audit entry', async () => {
    const [a, b] = (await makeAgents(t, 2)) as [Agent, Agent];
    const slice = await makeSlice(t, manager.token, [100_00, 200_00, 300_00], [a, b]);
    const ids = slice.cases.map((c) => c.id);
    const listed = (await api('GET', '/api/v1/portfolios')).json().items.find((p: { id: string }) => p.id === slice.portfolioId);
    expect(listed).toMatchObject({ openCases: 3, unassignedOpenCases: 3, balanceCents: 600_00 });

    const assigned = await api('POST', '/api/v1/cases/bulk/assign', { caseIds: ids.slice(0, 2), agentId: a.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toEqual({ updated: 2, unchanged: 0 });
    const mine = (await api('GET', `/api/v1/cases?assignedTo=${a.id}&creditorId=${slice.creditor.id}`)).json();
    expect(mine.items.map((c: { id: string }) => c.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(mine.items.every((c: { assignedAgentId: string }) => c.assignedAgentId === a.id)).toBe(true);
    const nobody = (await api('GET', `/api/v1/cases?assignedTo=none&creditorId=${slice.creditor.id}`)).json();
    expect(nobody.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);

    const again = await api('POST', '/api/v1/cases/bulk/assign', { caseIds: ids, agentId: b.id });
    expect(again.json()).toEqual({ updated: 3, unchanged: 0 });
    const [entry] = await sql<{ actor_id: string; details: { agentId: string; count: number; previous: Record<string, string | null> } }>(
      `select actor_id, details from audit_event where action = 'cases_bulk_assigned' order by id desc limit 1`,
    );
    expect(entry?.actor_id).toBe(manager.id);
    expect(entry?.details).toMatchObject({ agentId: b.id, count: 3, previous: { [ids[0] as string]: a.id, [ids[2] as string]: null } });
  });

  it('refuses a bad batch whole: unknown case 404, not an agent 400, more than 500 ids 400; agents 403', async () => {
    const [a] = (await makeAgents(t, 1)) as [Agent];
    const slice = await makeSlice(t, manager.token, [100_00], [a]);
    const [known] = slice.cases.map((c) => c.id) as [string];
    const unknown = '00000000-0000-4000-8000-000000000001';
    const missing = await api('POST', '/api/v1/cases/bulk/assign', { caseIds: [known, unknown], agentId: a.id });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', details: { missing: [unknown] } });
    expect((await sql<{ a: string | null }>('select assigned_agent_id as a from collection_case where id = ?', [known]))[0]?.a).toBeNull();

    const notAgent = await api('POST', '/api/v1/cases/bulk/assign', { caseIds: [known], agentId: manager.id });
    expect(notAgent.statusCode).toBe(400);
    expect(notAgent.json().code).toBe('not_an_agent');
    const tooMany = await api('POST', '/api/v1/cases/bulk/assign', { caseIds: Array.from({ length: 501 }, () => known), agentId: a.id });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('validation_failed');
    const asAgent = await api('POST', '/api/v1/cases/bulk/assign', { caseIds: [known], agentId: a.id }, a.token);
    expect(asAgent.statusCode).toBe(403);
  });
});
