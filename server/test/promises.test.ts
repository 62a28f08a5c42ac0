import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { taskList } from '../src/worker/runner.ts';
import { postPayment } from './case-factories.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Promises to pay: kept when covered, broken after the date plus the grace days (clock moved). */
let t: TestApp;
let agentToken: string;
let creditorToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-23T10:00:00Z'));

async function runWorker() {
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock }), logger: silentWorkerLogger });
}
/** What the graphile-worker crontab queues every day. */
async function runDailyCheck() {
  await t.orm.em.fork().execute(`select graphile_worker.add_job('promises__check', '{}'::json)`);
  await runWorker();
}
async function caseRow(caseId: string) {
  const [row] = await t.orm.em.fork().execute<{ status: string; promise_due_on: string | null; promise_broken: boolean }[]>(
    'select status, promise_due_on::text, promise_broken from collection_case where id = ?',
    [caseId],
  );
  return row as { status: string; promise_due_on: string | null; promise_broken: boolean };
}
async function promise(caseId: string, body: object) {
  return await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/promises`, headers: bearer(agentToken), payload: body });
}
async function timeline(caseId: string) {
  return await t.orm.em.fork().execute<{ kind: string; text: string }[]>('select kind, text from activity where case_id = ? order by occurred_at, id', [caseId]);
}

describe('promises to pay', () => {
  it('records a promise: case in status promise, queue columns set, listed', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 150_000 }]);
    const response = await promise(found.id, { amountCents: 50_000, dueOn: '2026-11-30', note: 'Paie à la fin du mois' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ amountCents: 50_000, dueOn: '2026-11-30', graceDays: 3, checkOn: '2026-12-03', status: 'pending' });
    expect(await caseRow(found.id)).toEqual({ status: 'promise', promise_due_on: '2026-11-30', promise_broken: false });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}/promises`, headers: bearer(agentToken) });
    expect(list.json().items).toHaveLength(1);
    // new -> amicable -> promise, each through the domain table, on the timeline
    expect((await timeline(found.id)).filter((entry) => entry.kind === 'status_change')).toHaveLength(2);
  });

  it('refuses a date already past', async () => {
    const found = await makeCase(t, creditorId);
    const response = await promise(found.id, { amountCents: 10_000, dueOn: '2026-11-22' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('date_in_past');
  });

  it('is kept right after a payment that covers it (payments since the promise)', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 150_000 }]);
    await promise(found.id, { amountCents: 50_000, dueOn: '2026-11-27' });
    t.clock.advanceDays(1);
    expect((await postPayment(t, agentToken, found.id, { date: '2026-11-24', amountCents: 30_000 })).statusCode).toBe(201);
    await runWorker();
    expect((await promise_status(found.id)).status).toBe('pending'); // 300 € of 500 €: not yet
    expect((await postPayment(t, agentToken, found.id, { date: '2026-11-24', amountCents: 20_000 })).statusCode).toBe(201);
    await runWorker();
    expect(await promise_status(found.id)).toMatchObject({ status: 'kept', coveredCents: 50_000, resolvedOn: '2026-11-24' });
    expect(await caseRow(found.id)).toEqual({ status: 'amicable', promise_due_on: null, promise_broken: false });
    expect((await timeline(found.id)).some((entry) => entry.kind === 'status_change' && entry.text.includes('Promesse de paiement tenue'))).toBe(true);
  });

  it('is broken once the date plus the grace days has passed uncovered: back to the top of the queue', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 150_000 }]);
    await promise(found.id, { amountCents: 50_000, dueOn: '2026-11-25' });
    t.clock.set('2026-11-28T10:00:00Z'); // 25 + 3 grace days: the last day payments count
    await postPayment(t, agentToken, found.id, { date: '2026-11-26', amountCents: 10_000 });
    await runDailyCheck();
    expect((await promise_status(found.id)).status).toBe('pending');
    t.clock.set('2026-11-29T03:00:00Z');
    await runDailyCheck();
    expect(await promise_status(found.id)).toMatchObject({ status: 'broken', coveredCents: 10_000, resolvedOn: '2026-11-29' });
    expect(await caseRow(found.id)).toEqual({ status: 'amicable', promise_due_on: null, promise_broken: true });
    expect((await timeline(found.id)).some((entry) => entry.kind === 'status_change' && entry.text.includes('non tenue'))).toBe(true);
    // Run again: nothing moves (idempotent).
    await runDailyCheck();
    expect((await timeline(found.id)).filter((entry) => entry.text.includes('non tenue'))).toHaveLength(1);
    // A new promise clears the flag.
    expect((await promise(found.id, { amountCents: 20_000, dueOn: '2026-12-05' })).statusCode).toBe(201);
    expect(await caseRow(found.id)).toEqual({ status: 'promise', promise_due_on: '2026-12-05', promise_broken: false });
  });

  it('payments received before the promise do not count for it', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 150_000 }]);
    await postPayment(t, agentToken, found.id, { date: '2026-11-20', amountCents: 50_000 });
    await runWorker();
    await promise(found.id, { amountCents: 50_000, dueOn: '2026-11-24' });
    t.clock.set('2026-11-28T10:00:00Z');
    await runDailyCheck();
    expect((await promise_status(found.id)).status).toBe('broken');
  });

  it('a new promise supersedes the pending one', async () => {
    const found = await makeCase(t, creditorId);
    await promise(found.id, { amountCents: 10_000, dueOn: '2026-11-25' });
    await promise(found.id, { amountCents: 20_000, dueOn: '2026-11-26' });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}/promises`, headers: bearer(agentToken) });
    expect(list.json().items.map((p: { status: string }) => p.status)).toEqual(['pending', 'superseded']);
  });

  it('creditor users and debtors cannot reach the agent endpoints', async () => {
    const found = await makeCase(t, creditorId);
    for (const [headers, code] of [[bearer(creditorToken), 403], [{}, 401]] as const) {
      const post = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/promises`, headers, payload: { amountCents: 1_00, dueOn: '2026-12-01' } });
      const get = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}/promises`, headers });
      expect([post.statusCode, get.statusCode]).toEqual([code, code]);
    }
  });
});

async function promise_status(caseId: string) {
  const list = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/promises`, headers: bearer(agentToken) });
  return list.json().items[0] as { status: string; coveredCents: number | null; resolvedOn: string | null };
}
