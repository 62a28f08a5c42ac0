import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { taskList } from '../src/worker/runner.ts';
import { postPayment } from './case-factories.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Payment plans: the creditor's rules and the agent's authority, the approval inbox, acceptance by
 * the debtor's link (an acknowledgment for prescription) or orally (not one), installments matched with
 * payments, a broken plan after the grace days, a completed plan closing the case as paid.
 */
let t: TestApp;
let agent: { id: string };
let agentToken: string;
let managerToken: string;
let creditorToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  // Rules: 12 months at most, installments of 30 € at least, an agent grants up to 10 % alone,
  // a manager decides above 5 000 € or beyond 6 months.
  await t.orm.em.fork().execute(
    `update creditor set plan_max_duration_months = 12, plan_min_installment_cents = 3000, plan_max_agent_discount_basis_points = 1000,
            plan_manager_above_cents = 500000, plan_manager_above_months = 6 where id = ?`,
    [creditorId],
  );
  agent = await makeUser(t, 'agent');
  agentToken = await login(t, agent as { id: string; email: string; password: string });
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-23T10:00:00Z'));

async function runWorker() {
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock }), logger: silentWorkerLogger });
}
async function runDailyCheck() {
  await t.orm.em.fork().execute(`select graphile_worker.add_job('plans__check', '{}'::json)`);
  await runWorker();
}
function post(url: string, token: string | null, payload: object = {}, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { ...headers, ...(token ? bearer(token) : {}) }, payload });
}
function get(url: string, token: string | null, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers: { ...headers, ...(token ? bearer(token) : {}) } });
}
const monthly = (count: number, extra: object = {}) => ({ installments: { count }, frequency: 'monthly', firstDate: '2026-12-01', ...extra });
async function status(caseId: string) {
  const [row] = await t.orm.em.fork().execute<{ status: string; closed_outcome: string | null; promise_broken: boolean }[]>(
    'select status, closed_outcome, promise_broken from collection_case where id = ?',
    [caseId],
  );
  return row;
}
async function agreedPlan(caseId: string, body: object) {
  const response = await post(`/api/v1/cases/${caseId}/plans`, agentToken, body);
  expect(response.statusCode).toBe(201);
  expect(response.json().status).toBe('agreed_pending_acceptance');
  return response.json() as { id: string };
}
async function acceptOrally(planId: string) {
  const response = await post(`/api/v1/plans/${planId}/accept-orally`, agentToken, { note: 'Accord donné au téléphone le 23/11' });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('plan rules and approval', () => {
  it("previews the schedule on the décompte's balance, inside the rules", async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const response = await post(`/api/v1/cases/${found.id}/plans/preview`, agentToken, monthly(4));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ debtCents: 120_000, discountCents: 0, totalCents: 120_000, violations: [], needsApproval: false });
    expect(body.payments.map((p: { dueDate: string; amountCents: number }) => [p.dueDate, p.amountCents])).toEqual([
      ['2026-12-01', 30_000],
      ['2027-01-01', 30_000],
      ['2027-02-01', 30_000],
      ['2027-03-01', 30_000],
    ]);
  });

  it('names every broken rule: amount, duration, discount, minimum installment', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const codes = async (body: object) =>
      (await post(`/api/v1/cases/${found.id}/plans/preview`, agentToken, body)).json().violations.map((v: { code: string }) => v.code);
    // A plan covers at most the demandable amount (issue 15): the amount rule is shown on a larger case.
    const large = await makeCase(t, creditorId, [{ amountCents: 600_000 }]);
    const largePreview = await post(`/api/v1/cases/${large.id}/plans/preview`, agentToken, monthly(4));
    expect(largePreview.json().violations.map((v: { code: string }) => v.code)).toEqual(['amount_needs_manager']);
    const aboveDemandable = await post(`/api/v1/cases/${found.id}/plans/preview`, agentToken, monthly(4, { totalCents: 600_000 }));
    expect(aboveDemandable.statusCode).toBe(400);
    expect(aboveDemandable.json()).toMatchObject({ code: 'amount_too_high', details: { demandableCents: 120_000 } });
    expect(await codes(monthly(8))).toEqual(['duration_needs_manager']); // 1 Dec to 1 Jul: 7 months
    expect(await codes(monthly(14))).toEqual(['duration_exceeded', 'duration_needs_manager']);
    expect(await codes(monthly(4, { discountCents: 18_000 }))).toEqual(['discount_exceeded']); // 15 % > 10 %
    expect(await codes(monthly(4, { discountCents: 12_000 }))).toEqual([]); // 10 %: within the agent's authority
    expect(await codes({ installments: { amountCents: 2_000 }, frequency: 'weekly', firstDate: '2026-12-01', totalCents: 10_000 })).toEqual(
      Array.from({ length: 5 }, () => 'installment_below_minimum'),
    );
    // A manager decides within their own authority: same violations, no approval needed.
    const manager = await post(`/api/v1/cases/${found.id}/plans/preview`, managerToken, monthly(8));
    expect(manager.json()).toMatchObject({ needsApproval: false, violations: [{ code: 'duration_needs_manager' }] });
  });

  it('refuses an impossible schedule with a clear code', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const response = await post(`/api/v1/cases/${found.id}/plans/preview`, agentToken, monthly(4, { downPaymentCents: 130_000 }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_schedule', details: { reason: 'invalid_down_payment' } });
  });

  it('sends a proposal outside the rules to the approval inbox; approval notifies the agent', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const created = await post(`/api/v1/cases/${found.id}/plans`, agentToken, monthly(4, { discountCents: 30_000 }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending_approval', totalCents: 90_000, violations: [{ code: 'discount_exceeded' }] });
    const planId = created.json().id as string;
    expect((await get('/api/v1/approvals', agentToken)).statusCode).toBe(403);
    const inbox = await get('/api/v1/approvals', managerToken);
    expect(inbox.json().items.map((p: { id: string }) => p.id)).toContain(planId);
    // Not acceptable before approval.
    expect((await post(`/api/v1/plans/${planId}/accept-orally`, agentToken, { note: 'oui' })).json().code).toBe('plan_not_awaiting_acceptance');
    const approved = await post(`/api/v1/approvals/${planId}/approve`, managerToken, { comment: 'Client fidèle, remise accordée' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'agreed_pending_acceptance', decisionComment: 'Client fidèle, remise accordée' });
    expect((await post(`/api/v1/approvals/${planId}/refuse`, managerToken, { comment: 'trop tard' })).statusCode).toBe(409);
    const notifications = (await get('/api/v1/notifications', agentToken)).json().items;
    expect(notifications[0]).toMatchObject({ kind: 'plan_approved', caseId: found.id, planId, readAt: null });
    expect(notifications[0].text).toContain('Client fidèle');
    expect((await get('/api/v1/approvals', managerToken)).json().items.map((p: { id: string }) => p.id)).not.toContain(planId);
  });

  it('a refusal notifies the agent too', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 600_000 }]);
    const created = await post(`/api/v1/cases/${found.id}/plans`, agentToken, monthly(10));
    expect(created.json().status).toBe('pending_approval');
    const refused = await post(`/api/v1/approvals/${created.json().id}/refuse`, managerToken, { comment: 'Demander un acompte' });
    expect(refused.json().status).toBe('refused');
    const notifications = (await get('/api/v1/notifications', agentToken)).json().items as { id: string; kind: string; planId: string }[];
    const mine = notifications.find((n) => n.planId === created.json().id);
    expect(mine).toMatchObject({ kind: 'plan_refused' });
    expect((await post(`/api/v1/notifications/${mine?.id}/read`, agentToken)).statusCode).toBe(204);
  });
});

describe('acceptance', () => {
  it("the debtor accepts on their page: active, acknowledgment recorded, plan.agreed emitted", async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const other = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const plan = await agreedPlan(found.id, monthly(4));
    const otherPlan = await agreedPlan(other.id, monthly(4));
    const link = await post(`/api/v1/cases/${found.id}/portal-link`, agentToken);
    const token = (link.json().url as string).split('/pay/')[1] as string;
    expect((await get(`/api/v1/portal/${token}/plans`, null)).statusCode).toBe(401);
    const { cookie } = await verifiedPortal(t, token);
    const offered = await get(`/api/v1/portal/${token}/plans`, null, { cookie });
    expect(offered.json().items).toMatchObject([{ id: plan.id, status: 'agreed_pending_acceptance', totalCents: 120_000 }]);
    // The page sends back the digest of the terms it showed (the proof of the electronic acceptance).
    const accept = { termsDigest: offered.json().items[0].terms.digest as string };
    // Another case's plan through this link: 404, nothing said.
    expect((await post(`/api/v1/portal/${token}/plans/${otherPlan.id}/accept`, null, accept, { cookie })).statusCode).toBe(404);
    expect((await post(`/api/v1/portal/${'x'.repeat(43)}/plans/${plan.id}/accept`, null, accept, { cookie })).statusCode).toBe(404);
    const accepted = await post(`/api/v1/portal/${token}/plans/${plan.id}/accept`, null, accept, { cookie });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('active');
    expect((await post(`/api/v1/portal/${token}/plans/${plan.id}/accept`, null, accept, { cookie })).statusCode).toBe(409);
    expect(await status(found.id)).toMatchObject({ status: 'payment_plan' });
    const em = t.orm.em.fork();
    expect(await em.execute('select kind, occurred_on::text, source, source_id from case_legal_event where case_id = ?', [found.id])).toEqual([
      { kind: 'acknowledgment', occurred_on: '2026-11-23', source: 'plan_acceptance', source_id: plan.id },
    ]);
    const [event] = await em.execute<{ data: { planId: string; acceptedVia: string; installments: unknown[] } }[]>(
      `select data from creditor_event where creditor_id = ? and type = 'plan.agreed' and data->>'planId' = ?`,
      [creditorId, plan.id],
    );
    expect(event?.data).toMatchObject({ planId: plan.id, acceptedVia: 'portal' });
    expect(event?.data.installments).toHaveLength(4);
  });

  it('the agent records an oral acceptance with a note; a pending promise gives way', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    await post(`/api/v1/cases/${found.id}/promises`, agentToken, { amountCents: 10_000, dueOn: '2026-11-30' });
    const plan = await agreedPlan(found.id, monthly(4));
    const accepted = await acceptOrally(plan.id);
    expect(accepted).toMatchObject({ status: 'active', acceptedVia: 'oral', acceptanceNote: 'Accord donné au téléphone le 23/11', activatedOn: '2026-11-23' });
    expect(await status(found.id)).toMatchObject({ status: 'payment_plan' });
    const promises = (await get(`/api/v1/cases/${found.id}/promises`, agentToken)).json().items;
    expect(promises[0].status).toBe('superseded');
    // Noted by the agent, not the debtor's own acknowledgment: prescription is not interrupted (C. civ. 2240).
    expect((await t.orm.em.fork().execute('select count(*)::int as n from case_legal_event where case_id = ?', [found.id]))[0]).toEqual({ n: 0 });
    // A second plan while this one runs: the legal gate refuses it.
    const second = await post(`/api/v1/cases/${found.id}/plans`, agentToken, monthly(2));
    expect(second.statusCode).toBe(422);
    expect(second.json().code).toBe('plan_already_open');
  });
});

describe('installments and payments', () => {
  it('matches payments with installments oldest first, then breaks the plan after the grace days', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const plan = await agreedPlan(found.id, monthly(4));
    await acceptOrally(plan.id);
    expect((await postPayment(t, agentToken, found.id, { date: '2026-11-23', amountCents: 45_000 })).statusCode).toBe(201);
    await runWorker();
    const matched = (await get(`/api/v1/plans/${plan.id}`, agentToken)).json();
    expect(matched.installments.map((i: { paidCents: number; paidOn: string | null }) => [i.paidCents, i.paidOn])).toEqual([
      [30_000, '2026-11-23'],
      [15_000, null],
      [0, null],
      [0, null],
    ]);
    // Second installment due 1 January, grace 3 days: still running on the 4th, broken on the 5th.
    t.clock.set('2027-01-04T10:00:00Z');
    await runDailyCheck();
    expect((await get(`/api/v1/plans/${plan.id}`, agentToken)).json().status).toBe('active');
    t.clock.set('2027-01-05T03:00:00Z');
    await runDailyCheck();
    expect((await get(`/api/v1/plans/${plan.id}`, agentToken)).json()).toMatchObject({ status: 'broken', endedOn: '2027-01-05' });
    expect(await status(found.id)).toMatchObject({ status: 'amicable', promise_broken: true });
    const [entry] = await t.orm.em.fork().execute<{ kind: string }[]>(
      `select kind from activity where case_id = ? and text like 'Échéancier rompu%'`,
      [found.id],
    );
    expect(entry?.kind).toBe('status_change');
  });

  it('a completed plan closes the case as paid', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const plan = await agreedPlan(found.id, { installments: { count: 2 }, frequency: 'weekly', firstDate: '2026-11-30' });
    await acceptOrally(plan.id);
    t.clock.set('2026-11-30T10:00:00Z');
    await postPayment(t, agentToken, found.id, { date: '2026-11-30', amountCents: 60_000 });
    await runWorker();
    expect((await get(`/api/v1/plans/${plan.id}`, agentToken)).json().status).toBe('active');
    t.clock.set('2026-12-07T10:00:00Z');
    await postPayment(t, agentToken, found.id, { date: '2026-12-07', amountCents: 60_000 });
    await runWorker();
    expect((await get(`/api/v1/plans/${plan.id}`, agentToken)).json()).toMatchObject({ status: 'completed', endedOn: '2026-12-07' });
    expect(await status(found.id)).toMatchObject({ status: 'closed', closed_outcome: 'paid' });
    const closed = await t.orm.em.fork().execute(`select 1 from creditor_event where type = 'case.closed' and data->>'caseId' = ?`, [found.id]);
    expect(closed).toHaveLength(1);
  });
});

describe('who may reach the plan endpoints', () => {
  it('creditor users and debtors cannot', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 120_000 }]);
    const plan = await agreedPlan(found.id, monthly(4));
    const calls = [
      ['POST', `/api/v1/cases/${found.id}/plans/preview`, monthly(4)],
      ['POST', `/api/v1/cases/${found.id}/plans`, monthly(4)],
      ['GET', `/api/v1/cases/${found.id}/plans`],
      ['GET', `/api/v1/plans/${plan.id}`],
      ['POST', `/api/v1/plans/${plan.id}/accept-orally`, { note: 'x' }],
      ['GET', '/api/v1/approvals'],
      ['POST', `/api/v1/approvals/${plan.id}/approve`, { comment: 'x' }],
      ['POST', `/api/v1/approvals/${plan.id}/refuse`, { comment: 'x' }],
      ['GET', '/api/v1/notifications'],
    ] as const;
    for (const [method, url, payload] of calls) {
      const asCreditor = await t.app.inject({ method, url, headers: bearer(creditorToken), ...(payload ? { payload } : {}) });
      const asDebtor = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect([url, asCreditor.statusCode, asDebtor.statusCode]).toEqual([url, 403, 401]);
    }
    expect((await get(`/api/v1/plans/${plan.id}`, agentToken)).json().status).toBe('agreed_pending_acceptance');
  });
});
