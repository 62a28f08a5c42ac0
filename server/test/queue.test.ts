import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type Agent, leaseAction, makeAgents, makeSlice, next } from './queue-helpers.ts';

/** The agents' queue: an atomic claim that is a lease; no two agents ever hold the same case. */
let t: TestApp;
let managerToken: string;

beforeAll(async () => {
  t = await createTestApp();
  managerToken = await login(t, await makeUser(t, 'manager'));
});
afterAll(async () => t.close());

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}

describe('next case', () => {
  it('gives 20 agents asking at once 20 different cases, round after round', async () => {
    const agents = await makeAgents(t, 20);
    const slice = await makeSlice(t, managerToken, Array.from({ length: 30 }, (_, i) => 100_00 + i * 10_00), agents);
    const sliceIds = new Set(slice.cases.map((c) => c.id));
    let held = new Map<Agent, string>();
    for (let round = 0; round < 5; round++) {
      const responses = await Promise.all(agents.map((agent) => next(t, agent)));
      const ids = responses.map((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json().case.id as string;
      });
      expect(new Set(ids).size).toBe(20);
      for (const id of ids) expect(sliceIds.has(id)).toBe(true);
      held = new Map(agents.map((a, i) => [a, ids[i] as string]));
      // The database agrees: each held case is leased to the agent it was given to.
      const leases = await sql<{ id: string; leased_by: string }>(
        'select id, leased_by from collection_case where id = any(?::uuid[]) and leased_by is not null',
        [`{${ids.join(',')}}`],
      );
      expect(leases).toHaveLength(20);
      for (const [agent, id] of held) expect(leases.find((l) => l.id === id)?.leased_by).toBe(agent.id);
      // Everybody lets go (half release, half keep asking while others release) before the next round.
      await Promise.all([...held].map(([agent, id]) => leaseAction(t, agent, id, 'release')));
    }
    const [claims] = await sql<{ n: number }>(
      `select count(*)::int as n from queue_event where kind = 'claim' and case_id = any(?::uuid[])`,
      [`{${[...sliceIds].join(',')}}`],
    );
    expect(claims?.n).toBe(100);
  });

  it('answers with the case summary, the domain reasons and the lease expiry; the best case first', async () => {
    const [agent] = (await makeAgents(t, 1)) as [Agent];
    const slice = await makeSlice(t, managerToken, [50_00, 20_000_00, 300_00], [agent]);
    const response = await next(t, agent);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.case.id).toBe(slice.cases[1]?.id);
    expect(body.tier).toBe('priority');
    expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['balance', 'days_past_due']));
    expect(body.score).toBe(body.reasons.reduce((s: number, r: { points: number }) => s + r.points, 0));
    expect(new Date(body.leaseExpiresAt).getTime()).toBe(t.clock.now().getTime() + 10 * 60_000);
  });

  it('puts a due callback first, then a broken promise, then the score', async () => {
    const [agent] = (await makeAgents(t, 1)) as [Agent];
    const slice = await makeSlice(t, managerToken, [10_000_00, 10_00, 20_00, 30_00], [agent]);
    const [big, callback, promise, later] = slice.cases.map((c) => c.id) as [string, string, string, string];
    const now = t.clock.now();
    await sql('update collection_case set callback_due_at = ? where id = ?', [new Date(now.getTime() - 60_000), callback]);
    await sql('update collection_case set callback_due_at = ? where id = ?', [new Date(now.getTime() + 3_600_000), later]);
    await sql('update collection_case set promise_broken = true where id = ?', [promise]);
    const order: string[] = [];
    const tiers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await next(t, agent);
      order.push(r.json().case.id);
      tiers.push(r.json().tier);
    }
    expect(order).toEqual([callback, promise, big, later]);
    expect(tiers).toEqual(['callback', 'promise', 'priority', 'priority']);
  });
});

describe('the lease', () => {
  it('expires when idle: another agent gets the case, the first one has lost it', async () => {
    const [a, b] = (await makeAgents(t, 2)) as [Agent, Agent];
    const slice = await makeSlice(t, managerToken, [500_00], [a, b]);
    const first = await next(t, a);
    expect(first.json().case.id).toBe(slice.cases[0]?.id);
    expect((await next(t, b)).statusCode).toBe(204);
    // A heartbeat pushes the expiry forward.
    t.clock.set(new Date(t.clock.now().getTime() + 9 * 60_000));
    expect((await leaseAction(t, a, (slice.cases[0] as { id: string }).id, 'heartbeat')).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 9 * 60_000));
    expect((await next(t, b)).statusCode).toBe(204);
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 60_000));
    const taken = await next(t, b);
    expect(taken.statusCode).toBe(200);
    expect(taken.json().case.id).toBe(slice.cases[0]?.id);
    const lost = await leaseAction(t, a, (slice.cases[0] as { id: string }).id, 'heartbeat');
    expect(lost.statusCode).toBe(409);
    expect(lost.json().code).toBe('lease_lost');
    expect((await leaseAction(t, a, (slice.cases[0] as { id: string }).id, 'release')).statusCode).toBe(409);
  });

  it('is freed by release (back in the queue) and by done (worked today, back tomorrow)', async () => {
    const [a, b] = (await makeAgents(t, 2)) as [Agent, Agent];
    const slice = await makeSlice(t, managerToken, [500_00], [a, b]);
    const id = (slice.cases[0] as { id: string }).id;
    expect((await next(t, a)).json().case.id).toBe(id);
    expect((await leaseAction(t, a, id, 'release')).statusCode).toBe(204);
    expect((await next(t, b)).json().case.id).toBe(id);
    // "Done" needs an outcome: here a note b logged while holding the case.
    const noted = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/activities`, headers: bearer(b.token), payload: { kind: 'note', text: 'Vu' } });
    expect(noted.statusCode).toBe(201);
    expect((await leaseAction(t, b, id, 'done')).statusCode).toBe(204);
    expect((await next(t, a)).statusCode).toBe(204);
    const stats = await t.app.inject({ method: 'GET', url: '/api/v1/queue/stats', headers: bearer(b.token) });
    expect(stats.json()).toMatchObject({ workedByMe: 1, holding: 0 });
    const statsA = await t.app.inject({ method: 'GET', url: '/api/v1/queue/stats', headers: bearer(a.token) });
    expect(statsA.json()).toMatchObject({ workedByMe: 0 });
    // One definition (issue 20): the header's team count is the team board's total for the day.
    const day = stats.json().day as string;
    const board = await t.app.inject({ method: 'GET', url: `/api/v1/team/board?from=${day}&to=${day}`, headers: bearer(managerToken) });
    expect(board.statusCode).toBe(200);
    expect(statsA.json().workedByTeam).toBe(board.json().team.casesWorked);
    expect(stats.json().workedByTeam).toBe(board.json().team.casesWorked);
    expect(board.json().agents.find((agent: { agentId: string }) => agent.agentId === b.id)?.casesWorked).toBe(1);
    t.clock.advanceDays(1);
    expect((await next(t, a)).json().case.id).toBe(id);
    await leaseAction(t, a, id, 'release');
  });
});

describe('list and access', () => {
  it('lists the queue best first with filters, within the agent’s portfolios', async () => {
    const [agent] = (await makeAgents(t, 1)) as [Agent];
    const slice = await makeSlice(t, managerToken, [100_00, 900_00, 500_00], [agent]);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/queue?limit=2', headers: bearer(agent.token) });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((i: { id: string }) => i.id)).toEqual([slice.cases[1]?.id, slice.cases[2]?.id]);
    const rest = await t.app.inject({ method: 'GET', url: `/api/v1/queue?limit=2&cursor=${all.json().nextCursor}`, headers: bearer(agent.token) });
    expect(rest.json().items.map((i: { id: string }) => i.id)).toEqual([slice.cases[0]?.id]);
    const companies = await t.app.inject({ method: 'GET', url: '/api/v1/queue?segment=company', headers: bearer(agent.token) });
    expect(companies.json().items).toEqual([]);
    const other = await makeCreditor(t);
    const filtered = await t.app.inject({ method: 'GET', url: `/api/v1/queue?creditorId=${other.id}`, headers: bearer(agent.token) });
    expect(filtered.json().items).toEqual([]);
  });

  it('refuses creditor users (403) and anonymous callers such as debtors (401)', async () => {
    const creditor = await makeCreditor(t);
    const creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
    const caseId = '00000000-0000-4000-8000-000000000000';
    const routes: [string, string][] = [
      ['POST', '/api/v1/queue/next'],
      ['GET', '/api/v1/queue'],
      ['GET', '/api/v1/queue/stats'],
      ['POST', `/api/v1/queue/${caseId}/heartbeat`],
      ['POST', `/api/v1/queue/${caseId}/release`],
      ['POST', `/api/v1/queue/${caseId}/done`],
      ['POST', '/api/v1/queue/refresh'],
    ];
    for (const [method, url] of routes) {
      const asCreditor = await t.app.inject({ method: method as 'GET', url, headers: bearer(creditorToken) });
      expect(asCreditor.statusCode, `${method} ${url}`).toBe(403);
      const anonymous = await t.app.inject({ method: method as 'GET', url });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
