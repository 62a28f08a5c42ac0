import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { taskList } from '../src/worker/runner.ts';
import { postPayment } from './case-factories.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** The team board on a small fixture whose figures are counted by hand below. */
let t: TestApp;
let managerToken: string;
let creditorToken: string;
let agentA: { id: string };
let agentB: { id: string };
let portfolioNorth: string;
let portfolioSouth: string;

beforeAll(async () => {
  t = await createTestApp();
  const creditorId = (await makeCreditor(t)).id;
  const a = await makeUser(t, 'agent');
  const b = await makeUser(t, 'agent');
  agentA = a;
  agentB = b;
  const tokenA = await login(t, a);
  const tokenB = await login(t, b);
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
  const case1 = await makeCase(t, creditorId, [{ amountCents: 100_000 }]);
  const case2 = await makeCase(t, creditorId, [{ amountCents: 100_000 }]);
  const case3 = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
  const em = t.orm.em.fork();
  await em.execute('update collection_case set assigned_agent_id = ? where id in (?, ?)', [a.id, case1.id, case2.id]);
  await em.execute('update collection_case set assigned_agent_id = ? where id = ?', [b.id, case3.id]);
  // Calls go to a phone number (the legal gate refuses a call to a debtor without one).
  for (const found of [case1, case2, case3]) await em.execute(`insert into debtor_phone (debtor_id, phone) values (?, '+33612345678')`, [found.debtorId]);
  const act = (token: string, caseId: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/activities`, headers: bearer(token), payload });
  // Agent A, 23 Nov: two calls on case 1 (one reaches the debtor), a note on case 2, a promise on
  // case 1 kept by a 200 € payment A records.
  await act(tokenA, case1.id, { kind: 'call', text: 'Joint', callOutcome: 'reached_debtor' });
  await act(tokenA, case1.id, { kind: 'call', text: 'Pas de réponse', callOutcome: 'no_answer' });
  await act(tokenA, case2.id, { kind: 'note', text: 'Adresse à vérifier' });
  await t.app.inject({ method: 'POST', url: `/api/v1/cases/${case1.id}/promises`, headers: bearer(tokenA), payload: { amountCents: 20_000, dueOn: '2026-11-30' } });
  await postPayment(t, tokenA, case1.id, { date: '2026-11-23', amountCents: 20_000 });
  // Agent B: a call with a promise-to-pay outcome on case 3, a plan agreed orally; 50 € arrive on
  // case 3 (recorded by the bank import, not by an agent); and 75 € on 22 Nov, outside the period.
  await act(tokenB, case3.id, { kind: 'call', text: 'Accord', callOutcome: 'plan_agreed' });
  const plan = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${case3.id}/plans`,
    headers: bearer(tokenB),
    payload: { installments: { count: 4 }, frequency: 'monthly', firstDate: '2026-12-01' },
  });
  await t.app.inject({ method: 'POST', url: `/api/v1/plans/${plan.json().id}/accept-orally`, headers: bearer(tokenB), payload: { note: 'Oui au téléphone' } });
  await em.execute(`insert into payment (case_id, amount_cents, received_on, method) values (?, 5000, '2026-11-23', 'transfer'), (?, 7500, '2026-11-22', 'transfer')`, [
    case3.id,
    case3.id,
  ]);
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock }), logger: silentWorkerLogger });
  // Portfolios: cases 1 and 2 in « Nord », case 3 in « Sud »; « Vide » has no case.
  const [north, south] = await em.execute<{ id: string }[]>(
    `insert into portfolio (name, creditor_id) values ('Nord', ?), ('Sud', ?), ('Vide', ?) returning id`,
    [creditorId, creditorId, creditorId],
  );
  portfolioNorth = north?.id ?? '';
  portfolioSouth = south?.id ?? '';
  await em.execute('update collection_case set portfolio_id = ? where id in (?, ?)', [portfolioNorth, case1.id, case2.id]);
  await em.execute('update collection_case set portfolio_id = ? where id = ?', [portfolioSouth, case3.id]);
});
afterAll(async () => t.close());

describe('team board', () => {
  it('counts each agent over the period', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/team/board?from=2026-11-23&to=2026-11-23', headers: bearer(managerToken) });
    expect(response.statusCode).toBe(200);
    const board = response.json();
    const figures = (id: string) => {
      const { agentId: _id, name: _name, role: _role, ...rest } = board.agents.find((row: { agentId: string }) => row.agentId === id);
      return rest;
    };
    expect(figures(agentA.id)).toEqual({
      casesWorked: 2, // case 1 (calls, promise, payment) and case 2 (note)
      calls: 2,
      rightPartyContacts: 1,
      promisesMade: 1,
      promisesKept: 1,
      promisesBroken: 0,
      plansAgreed: 0,
      plansKept: 0,
      plansBroken: 0,
      collectedCents: 20_000,
    });
    expect(figures(agentB.id)).toEqual({
      casesWorked: 1,
      calls: 1,
      rightPartyContacts: 1,
      promisesMade: 0,
      promisesKept: 0,
      promisesBroken: 0,
      plansAgreed: 1,
      plansKept: 1,
      plansBroken: 0,
      collectedCents: 5_000,
    });
    expect(board.team).toEqual({
      casesWorked: 3,
      calls: 3,
      rightPartyContacts: 2,
      promisesMade: 1,
      promisesKept: 1,
      promisesBroken: 0,
      plansAgreed: 1,
      plansKept: 1,
      plansBroken: 0,
      collectedCents: 25_000,
    });
  });

  it('counts the same figures per portfolio of the cases', async () => {
    const board = (await t.app.inject({ method: 'GET', url: '/api/v1/team/board?from=2026-11-23&to=2026-11-23', headers: bearer(managerToken) })).json();
    const byName = Object.fromEntries(board.byPortfolio.map(({ name, ...rest }: { name: string }) => [name, rest]));
    expect(Object.keys(byName)).toEqual(['Nord', 'Sud', 'Vide']);
    expect(byName.Nord).toEqual({
      portfolioId: portfolioNorth,
      casesWorked: 2,
      calls: 2,
      rightPartyContacts: 1,
      promisesMade: 1,
      promisesKept: 1,
      promisesBroken: 0,
      plansAgreed: 0,
      plansKept: 0,
      plansBroken: 0,
      collectedCents: 20_000,
    });
    expect(byName.Sud).toMatchObject({ portfolioId: portfolioSouth, casesWorked: 1, calls: 1, rightPartyContacts: 1, plansAgreed: 1, plansKept: 1, collectedCents: 5_000 });
    expect(byName.Vide).toMatchObject({ casesWorked: 0, calls: 0, promisesMade: 0, collectedCents: 0 });
  });

  it("the team total is the sum of the agents' figures", async () => {
    const board = (await t.app.inject({ method: 'GET', url: '/api/v1/team/board?from=2026-11-01&to=2026-11-30', headers: bearer(managerToken) })).json();
    for (const key of Object.keys(board.team)) {
      expect(board.team[key]).toBe(board.agents.reduce((total: number, agent: Record<string, number>) => total + (agent[key] ?? 0), 0));
    }
    // The payment of 22 Nov (case 3, « Sud ») is in the month.
    expect(board.byPortfolio.find((row: { name: string }) => row.name === 'Sud').collectedCents).toBe(12_500);
  });

  it('another period counts only what happened in it', async () => {
    const board = (await t.app.inject({ method: 'GET', url: '/api/v1/team/board?from=2026-11-01&to=2026-11-22', headers: bearer(managerToken) })).json();
    expect(board.team).toMatchObject({ casesWorked: 0, calls: 0, promisesMade: 0, plansAgreed: 0, collectedCents: 7_500 });
  });

  it('is for managers and admins only', async () => {
    const agentToken = await login(t, await makeUser(t, 'agent'));
    for (const [headers, code] of [[bearer(agentToken), 403], [bearer(creditorToken), 403], [{}, 401]] as const) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/team/board?from=2026-11-23&to=2026-11-23', headers });
      expect(response.statusCode).toBe(code);
    }
    const reversed = await t.app.inject({ method: 'GET', url: '/api/v1/team/board?from=2026-11-24&to=2026-11-23', headers: bearer(managerToken) });
    expect(reversed.statusCode).toBe(400);
  });
});

describe('queue health (managers)', () => {
  it('bands every open case by days since the agency last acted on it, with the unpaid principal', async () => {
    const local = await createTestApp();
    try {
      const creditor = await makeCreditor(local);
      const manager = await login(local, await makeUser(local, 'manager'));
      const fresh = await makeCase(local, creditor.id, [{ amountCents: 100_00 }]);
      const month = await makeCase(local, creditor.id, [{ amountCents: 200_00 }]);
      const stale = await makeCase(local, creditor.id, [{ amountCents: 300_00 }]);
      const never = await makeCase(local, creditor.id, [{ amountCents: 400_00 }]);
      const closed = await makeCase(local, creditor.id, [{ amountCents: 500_00 }]);
      const em = local.orm.em.fork();
      const now = local.clock.now().getTime();
      const act = (caseId: string, kind: string, daysAgo: number) =>
        em.execute(`insert into activity (case_id, kind, text, occurred_at) values (?, ?, 'x', ?)`, [caseId, kind, new Date(now - daysAgo * 86_400_000)]);
      await act(fresh.id, 'call', 1);
      await act(month.id, 'note', 20);
      await act(stale.id, 'message', 45);
      await act(stale.id, 'portal_visit', 2); // the debtor's visit is not an action of the agency
      await act(never.id, 'import', 0);
      await em.execute(`update collection_case set status = 'closed' where id = ?`, [closed.id]);
      await em.execute(`insert into payment (case_id, amount_cents, received_on, method) values (?, 50_00, '2026-11-01', 'transfer')`, [month.id]);

      const response = await local.app.inject({ method: 'GET', url: '/api/v1/team/queue-health', headers: bearer(manager) });
      expect(response.statusCode, response.body).toBe(200);
      const health = response.json();
      expect(health.openCases).toBe(4);
      const band = (name: string) => health.bands.find((b: { band: string }) => b.band === name);
      expect(band('0-7')).toEqual({ band: '0-7', cases: 1, balanceCents: 100_00 });
      expect(band('15-30')).toEqual({ band: '15-30', cases: 1, balanceCents: 150_00 });
      expect(band('31-60')).toEqual({ band: '31-60', cases: 1, balanceCents: 300_00 });
      expect(band('never')).toEqual({ band: 'never', cases: 1, balanceCents: 400_00 });
      expect(band('8-14').cases + band('61+').cases).toBe(0);
      expect(health.byCreditor).toEqual([{ creditorId: creditor.id, name: expect.any(String), openCases: 4, staleCases: 2 }]);
    } finally {
      await local.close();
    }
  });

  it('is for managers and admins only', async () => {
    for (const token of [creditorToken, await login(t, await makeUser(t, 'agent'))]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/team/queue-health', headers: bearer(token) })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/team/queue-health', headers: bearer(managerToken) })).statusCode).toBe(200);
  });
});
