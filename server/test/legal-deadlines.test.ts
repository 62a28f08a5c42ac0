import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLegalDeadlines } from '../src/features/legal/deadlines.ts';
import { emExec } from '../src/plugins/sql.ts';
import { createCaseViaApi, uniqueRef } from './case-factories.ts';
import { login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// The daily check of legal deadlines (legal__deadlines): an order rendered and not served lapses the
// day after its service deadline (CPC 1411); managers are alerted 30 and 7 days before the
// opposition deadline (CPC 1416), once each.

let t: TestApp;
let creditor: { id: string };
let creditorToken: string;
let agent: string;
let manager: string;
let managerId: string;

const inject = async (method: 'GET' | 'POST', url: string, token: string, payload?: Record<string, unknown>) =>
  await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
const sql = async <T extends object>(text: string, params: unknown[] = []) => await t.orm.em.fork().execute<T[]>(text, params);
const check = async (day: string) => {
  t.clock.set(`${day}T06:00:00Z`);
  return await t.orm.em.fork().transactional(async (em) => await checkLegalDeadlines(emExec(em), t.clock));
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-08T09:00:00Z');
  creditor = await makeCreditor(t, { kind: 'company' });
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  agent = await login(t, await makeUser(t, 'agent'));
  const managerUser = await makeUser(t, 'manager');
  managerId = managerUser.id;
  manager = await login(t, managerUser);
  const [court] = await sql<{ id: string }>(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     values ('TAE-PARIS', 'tribunal_activites_economiques', 'Tribunal des activités économiques de Paris', '1 quai de la Corse', '75004', 'Paris', 'Paris', 'manual') returning id`,
  );
  await sql(`insert into court_competence (court_id, commune_code, postal_code, commune_name) values (?, '75102', '75002', 'PARIS')`, [court?.id]);
});
afterAll(async () => {
  await t.close();
});

/** An injonction de payer filed on 2027-01-05 and rendered on 2027-01-15 (service deadline 2027-07-15). */
async function orderRendered(): Promise<{ id: string; caseId: string }> {
  t.clock.set('2026-12-08T09:00:00Z');
  const { id: caseId } = await createCaseViaApi(t, creditorToken, {
    debtor: { type: 'company', name: uniqueRef('Débitrice SARL'), address: { line1: '10 rue du Sentier', postalCode: '75002', city: 'Paris' } },
    claims: [{ ref: uniqueRef('FAC'), dueDate: '2026-06-30', amountCents: 1_200_00 }],
    miseEnDemeureDate: '2026-11-20',
  });
  const proposed = await inject('POST', `/api/v1/cases/${caseId}/legal-actions`, agent, { kind: 'injonction_de_payer' });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const id = proposed.json().id as string;
  await inject('POST', `/api/v1/legal-actions/${id}/approvals`, creditorToken, { decision: 'approve' });
  expect((await inject('POST', `/api/v1/legal-actions/${id}/approvals`, manager, { decision: 'approve' })).json().stage).toBe('ready');
  t.clock.set('2027-01-20T09:00:00Z');
  await inject('POST', `/api/v1/legal-actions/${id}/events`, agent, { event: 'filed', date: '2027-01-05' });
  const rendered = await inject('POST', `/api/v1/legal-actions/${id}/events`, agent, { event: 'order_rendered', date: '2027-01-15' });
  expect(rendered.json()).toMatchObject({ stage: 'order_rendered', deadlines: { service: '2027-07-15' } });
  return { id, caseId };
}

const notifications = async (caseId: string, kind: string) =>
  await sql<{ text: string; dedupe_key: string }>(`select text, dedupe_key from notification where case_id = ? and kind = ? and user_id = ? order by dedupe_key`, [caseId, kind, managerId]);

describe('legal__deadlines', () => {
  it('an order not served lapses the day after its service deadline (CPC 1411): stage, event, webhook, managers told', async () => {
    const { id, caseId } = await orderRendered();
    expect(await check('2027-07-15')).toMatchObject({ lapsed: 0 });
    const [still] = await sql<{ stage: string }>('select stage from legal_action where id = ?', [id]);
    expect(still?.stage).toBe('order_rendered');

    expect((await check('2027-07-16')).lapsed).toBe(1);
    const action = (await inject('GET', `/api/v1/legal-actions/${id}`, agent)).json();
    expect(action).toMatchObject({ stage: 'lapsed', dates: { closedOn: '2027-07-16' }, allowedEvents: [] });
    expect(action.events.map((event: { event: string }) => event.event)).toContain('lapsed');
    const webhooks = await sql<{ data: { legalActionId: string; serviceDeadline: string } }>(`select data from creditor_event where creditor_id = ? and type = 'legal_action.lapsed'`, [creditor.id]);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]?.data).toMatchObject({ legalActionId: id, serviceDeadline: '2027-07-15' });
    const told = await notifications(caseId, 'legal_lapsed');
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('CPC 1411');

    // Run again: nothing more.
    expect(await check('2027-07-16')).toEqual({ lapsed: 0, alerts: 0 });
    expect(await notifications(caseId, 'legal_lapsed')).toHaveLength(1);
    expect(await sql(`select 1 from creditor_event where creditor_id = ? and type = 'legal_action.lapsed'`, [creditor.id])).toHaveLength(1);
  });

  it('alerts 30 and 7 days before the opposition deadline (CPC 1416), once each', async () => {
    const { id, caseId } = await orderRendered();
    t.clock.set('2027-02-11T09:00:00Z');
    const served = await inject('POST', `/api/v1/legal-actions/${id}/events`, agent, { event: 'served', date: '2027-02-10' });
    expect(served.json()).toMatchObject({ deadlines: { opposition: '2027-03-10' } });

    // 2027-02-08 is 30 days before: served afterwards, the 30-day alert goes on the first run.
    expect((await check('2027-02-11')).alerts).toBeGreaterThanOrEqual(1);
    expect((await notifications(caseId, 'legal_deadline')).map((row) => row.dedupe_key)).toEqual([`legal_deadline:${id}:opposition:2027-03-10:30`]);
    expect((await check('2027-02-11')).alerts).toBe(0);
    expect((await check('2027-03-02')).alerts).toBe(0);
    expect(await notifications(caseId, 'legal_deadline')).toHaveLength(1);

    // 2027-03-03 is 7 days before.
    await check('2027-03-03');
    const alerts = await notifications(caseId, 'legal_deadline');
    expect(alerts.map((row) => row.dedupe_key)).toEqual([`legal_deadline:${id}:opposition:2027-03-10:30`, `legal_deadline:${id}:opposition:2027-03-10:7`]);
    expect(alerts[1]?.text).toContain('2027-03-10');
    await check('2027-03-03');
    await check('2027-03-10');
    expect(await notifications(caseId, 'legal_deadline')).toHaveLength(2);

    // After the deadline: nothing, and a served order never lapses.
    expect(await check('2027-03-11')).toMatchObject({ lapsed: 0 });
    expect(await notifications(caseId, 'legal_deadline')).toHaveLength(2);
    const [stage] = await sql<{ stage: string }>('select stage from legal_action where id = ?', [id]);
    expect(stage?.stage).toBe('served');
  });
});
