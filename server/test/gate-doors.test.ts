import { gateReasonCode } from '@relance/contracts/contact-rules';
import { gateReasonCodes } from '@relance/domain/legal-gate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type Agent, leaseAction, makeAgents, next } from './queue-helpers.ts';

/**
 * Issue 15, the legal gate at the doors of calls, promises, plans and the queue: a call to a
 * vulnerable debtor or on a dispute is refused, outside the hours refused by default and only a
 * warning in the agency's warn mode; promises and plans refused on a dispute, a closed mandate,
 * prescribed claims or a plan already open, allowed with a warning for a vulnerable debtor; the
 * queue never serves a case the gate would refuse and ranks on the claims not prescribed; "done"
 * needs an outcome; an oral plan acceptance does not interrupt prescription, the debtor's
 * electronic or written one does (C. civ. 2240).
 */
let t: TestApp;
let creditorId: string;
let agent: Agent;
let managerToken: string;
let creditorToken: string;

// Monday 23 November 2026, 11:00 in Paris (UTC+1): inside the contact window.
const MONDAY_11H = '2026-11-23T10:00:00Z';
const SUNDAY_11H = '2026-11-22T10:00:00Z';

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  [agent] = (await makeAgents(t, 1)) as [Agent];
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());
beforeEach(async () => {
  t.clock.set(MONDAY_11H);
  await sql(`update agency set contact_cap_per_7_days = 3, contact_rule_mode = 'block'`);
});

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}
function post(url: string, token: string | null, payload: object = {}, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { ...headers, ...(token ? bearer(token) : {}) }, payload });
}
function get(url: string, token: string) {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}
function call(caseId: string, token = agent.token, extra: object = {}) {
  return post(`/api/v1/cases/${caseId}/activities`, token, { kind: 'call', text: 'Appel', callOutcome: 'no_answer', ...extra });
}
/** A case whose debtor has a phone (a call needs one) besides the factory's e-mail. */
async function callableCase(claims?: { dueDate?: string; amountCents: number }[], creditor = creditorId) {
  const found = await makeCase(t, creditor, claims);
  await sql(`insert into debtor_phone (debtor_id, phone) values (?, ?)`, [found.debtorId, `+336${Math.floor(10_000_000 + Math.random() * 89_999_999)}`]);
  return found;
}
async function flagVulnerable(caseId: string) {
  expect((await post(`/api/v1/cases/${caseId}/vulnerability`, agent.token, { note: 'Hospitalisé' })).statusCode).toBe(200);
}
async function openDispute(caseId: string) {
  expect((await post(`/api/v1/cases/${caseId}/disputes`, agent.token, { reason: 'Facture contestée' })).statusCode).toBe(201);
}
const monthly = { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' };
const codesOf = (reasons: { code: string }[] | undefined) => (reasons ?? []).map((reason) => reason.code);

describe('the contracts list the gate reasons the domain decides', () => {
  it('one list, same order', () => {
    expect(gateReasonCode.options).toEqual([...gateReasonCodes]);
  });
});

describe('calls through the gate', () => {
  it('a Sunday call to a vulnerable debtor is refused (422), in either mode, and nothing is logged', async () => {
    const found = await callableCase();
    await flagVulnerable(found.id);
    t.clock.set(SUNDAY_11H);
    for (const mode of ['block', 'warn']) {
      await sql('update agency set contact_rule_mode = ?', [mode]);
      const refused = await call(found.id);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'contact_refused_vulnerable', details: { decision: 'refused' } });
      const check = (await get(`/api/v1/cases/${found.id}/contact-check`, agent.token)).json();
      expect(check).toMatchObject({ allowed: false, decision: 'refused', mode, overridable: false });
      expect(check.reasons[0]).toMatchObject({ code: 'contact_refused_vulnerable', overridable: false });
    }
    // Not even a manager may override it.
    const manager = await call(found.id, managerToken, { override: { window: true, cap: true, reason: 'Le débiteur a demandé à être rappelé' } });
    expect(manager.statusCode).toBe(422);
    expect(await sql(`select id from activity where case_id = ? and kind = 'call'`, [found.id])).toHaveLength(0);
  });

  it('outside the hours: refused by default; logged with the warning recorded in warn mode', async () => {
    const found = await callableCase();
    t.clock.set('2026-11-23T19:30:00Z'); // 20:30 in Paris
    const check = (await get(`/api/v1/cases/${found.id}/contact-check`, agent.token)).json();
    expect(check).toMatchObject({
      allowed: false,
      decision: 'deferred',
      mode: 'block',
      overridable: true,
      reasons: [{ code: 'contact_outside_hours', params: { localTime: '20:30', start: '08:00', end: '20:00' }, overridable: true }],
      nextAllowedAt: '2026-11-24T07:00:00.000Z',
    });
    const refused = await call(found.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'contact_outside_hours', details: { decision: 'deferred', until: '2026-11-24T07:00:00.000Z' } });
    expect(refused.json().message).toContain('Hors des heures');

    await sql(`update agency set contact_rule_mode = 'warn'`);
    const warned = (await get(`/api/v1/cases/${found.id}/contact-check`, agent.token)).json();
    expect(warned).toMatchObject({ allowed: true, decision: 'allowed', reasons: [], warnings: [{ code: 'contact_outside_hours' }] });
    const logged = await call(found.id);
    expect(logged.statusCode).toBe(201);
    expect(logged.json().contactWarnings).toEqual([{ code: 'contact_outside_hours', params: { localTime: '20:30', start: '08:00', end: '20:00' } }]);
    const [row] = await sql<{ contact_warnings: { code: string }[] }>(`select contact_warnings from activity where case_id = ? and kind = 'call'`, [found.id]);
    expect(codesOf(row?.contact_warnings)).toEqual(['contact_outside_hours']);
  });

  it('a public holiday is named; warn mode relaxes neither the cap nor a dispute', async () => {
    await sql(`update agency set contact_rule_mode = 'warn', contact_cap_per_7_days = 1`);
    const found = await callableCase();
    t.clock.set('2026-11-11T10:00:00Z');
    expect((await call(found.id)).json().contactWarnings).toEqual([
      { code: 'contact_public_holiday', params: { date: '2026-11-11', holiday: 'Armistice 1918', start: '08:00', end: '20:00' } },
    ]);
    t.clock.set('2026-11-12T10:00:00Z'); // the next day: the holiday's call counts
    const capped = await call(found.id);
    expect(capped.statusCode).toBe(422);
    expect(capped.json()).toMatchObject({ code: 'contact_cap_reached', details: { reasons: [{ code: 'contact_cap_reached', params: { contacts: 1, cap: 1 } }] } });
    const disputed = await callableCase();
    await openDispute(disputed.id);
    expect((await call(disputed.id)).json()).toMatchObject({ code: 'contact_refused_dispute' });
  });

  it('a manager may override the hours or the cap with a written reason (audit trail); an agent may not', async () => {
    const found = await callableCase();
    t.clock.set(SUNDAY_11H);
    const override = { window: true, reason: 'Le débiteur a lui-même demandé un rappel ce dimanche' };
    const byAgent = await call(found.id, agent.token, { override });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('override_not_allowed');
    expect((await call(found.id, managerToken, { override: { window: true, reason: 'x' } })).statusCode).toBe(400);
    const byManager = await call(found.id, managerToken, { override });
    expect(byManager.statusCode).toBe(201);
    expect(codesOf(byManager.json().contactWarnings)).toEqual(['contact_closed_day']);
    const [audit] = await sql<{ details: { reason: string; overridden: { code: string }[] } }>(
      `select details from audit_event where action = 'legal_gate_overridden' and entity_id = ?`,
      [found.id],
    );
    expect(audit?.details.reason).toBe(override.reason);
    expect(codesOf(audit?.details.overridden)).toEqual(['contact_closed_day']);
  });

  it('a debtor without a valid phone cannot be called; a note is always logged', async () => {
    const found = await makeCase(t, creditorId);
    expect((await call(found.id)).json().code).toBe('no_contact_point');
    expect((await post(`/api/v1/cases/${found.id}/activities`, agent.token, { kind: 'note', text: 'Chercher un numéro' })).statusCode).toBe(201);
  });

  it('a callback at a time the gate refuses is accepted with the reasons', async () => {
    const found = await callableCase();
    const sunday = await post(`/api/v1/cases/${found.id}/callback`, agent.token, { date: '2026-11-29', time: '10:00' });
    expect(sunday.statusCode).toBe(200);
    expect(sunday.json().warnings).toEqual([
      { code: 'contact_closed_day', params: { date: '2026-11-29', weekday: 7, start: '08:00', end: '20:00' } },
    ]);
  });
});

describe('promises and plans through the gate', () => {
  it('an open dispute refuses a call, a promise and a plan (422 contact_refused_dispute); the preview says so', async () => {
    const found = await callableCase();
    await openDispute(found.id);
    expect((await call(found.id)).json().code).toBe('contact_refused_dispute');
    const promise = await post(`/api/v1/cases/${found.id}/promises`, agent.token, { amountCents: 100_00, dueOn: '2026-11-30' });
    expect(promise.statusCode).toBe(422);
    expect(promise.json().code).toBe('contact_refused_dispute');
    const plan = await post(`/api/v1/cases/${found.id}/plans`, agent.token, monthly);
    expect(plan.statusCode).toBe(422);
    expect(plan.json().code).toBe('contact_refused_dispute');
    const preview = await post(`/api/v1/cases/${found.id}/plans/preview`, agent.token, monthly);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().gate).toMatchObject({ decision: 'refused', reasons: [{ code: 'contact_refused_dispute' }] });
    expect(await sql('select id from payment_plan where case_id = ?', [found.id])).toHaveLength(0);
  });

  it('a dispute opened after a plan was agreed stops its acceptance (the gate at acceptance and approval too)', async () => {
    const found = await callableCase();
    const plan = await post(`/api/v1/cases/${found.id}/plans`, agent.token, monthly);
    expect(plan.statusCode, plan.body).toBe(201);
    await openDispute(found.id);
    const accepted = await post(`/api/v1/plans/${plan.json().id}/accept-orally`, agent.token, { note: 'Accord au téléphone' });
    expect(accepted.statusCode).toBe(422);
    expect(accepted.json().code).toBe('contact_refused_dispute');
    const [row] = await sql<{ status: string }>('select status from payment_plan where id = ?', [plan.json().id]);
    expect(row?.status).not.toBe('active');
  });

  it('an expired mandate, claims all prescribed, a plan already open: 422 with the reason', async () => {
    const expired = (await makeCreditor(t, { mandateValidUntil: '2026-10-31' })).id;
    const underExpired = await makeCase(t, expired);
    expect((await post(`/api/v1/cases/${underExpired.id}/promises`, agent.token, { amountCents: 100_00, dueOn: '2026-11-30' })).json().code).toBe('mandate_expired');
    // A consumer owing a company since January 2024: prescribed after 2 years (C. conso. L218-2).
    const prescribed = await makeCase(t, creditorId, [{ amountCents: 900_00, dueDate: '2024-01-15' }]);
    expect((await post(`/api/v1/cases/${prescribed.id}/promises`, agent.token, { amountCents: 100_00, dueOn: '2026-11-30' })).json().code).toBe('claim_prescribed');
    expect((await post(`/api/v1/cases/${prescribed.id}/plans`, agent.token, monthly)).json().code).toBe('claim_prescribed');
    const open = await makeCase(t, creditorId);
    expect((await post(`/api/v1/cases/${open.id}/plans`, agent.token, monthly)).statusCode).toBe(201);
    const second = await post(`/api/v1/cases/${open.id}/plans`, agent.token, monthly);
    expect(second.statusCode).toBe(422);
    expect(second.json()).toMatchObject({ code: 'plan_already_open', details: { reasons: [{ code: 'plan_already_open', params: { plan: 'agreed_pending_acceptance' } }] } });
  });

  it('a vulnerable debtor may still promise or agree a plan: allowed with the warning, recorded for staff only', async () => {
    const promised = await makeCase(t, creditorId);
    await flagVulnerable(promised.id);
    const promise = await post(`/api/v1/cases/${promised.id}/promises`, agent.token, { amountCents: 100_00, dueOn: '2026-11-30' });
    expect(promise.statusCode).toBe(201);
    expect(codesOf(promise.json().warnings)).toEqual(['contact_refused_vulnerable']);
    const planned = await makeCase(t, creditorId);
    await flagVulnerable(planned.id);
    const plan = await post(`/api/v1/cases/${planned.id}/plans`, agent.token, monthly);
    expect(plan.statusCode).toBe(201);
    expect(codesOf(plan.json().warnings)).toEqual(['contact_refused_vulnerable']);
    const staff = (await get(`/api/v1/cases/${promised.id}`, agent.token)).json();
    const noted = staff.activities.find((entry: { text: string }) => entry.text.startsWith('Promesse de paiement'));
    expect(codesOf(noted.contactWarnings)).toEqual(['contact_refused_vulnerable']);
    const creditor = (await get(`/api/v1/cases/${promised.id}`, creditorToken)).json();
    expect(creditor.activities.find((entry: { text: string }) => entry.text.startsWith('Promesse de paiement')).contactWarnings).toBeUndefined();
  });
});

describe('plan acceptance and prescription (C. civ. 2240)', () => {
  /** A consumer owing since 1 March 2025: prescribed after 1 March 2027 unless interrupted. */
  async function agreedPlanCase() {
    const found = await makeCase(t, creditorId, [{ amountCents: 600_00, dueDate: '2025-03-01' }]);
    const plan = await post(`/api/v1/cases/${found.id}/plans`, agent.token, monthly);
    expect(plan.json().status).toBe('agreed_pending_acceptance');
    return { caseId: found.id, planId: plan.json().id as string };
  }
  async function claimDate(caseId: string) {
    const [row] = await sql<{ prescription_date: string }>('select prescription_date::text as prescription_date from claim where case_id = ?', [caseId]);
    return row?.prescription_date;
  }
  const legalEvents = (caseId: string) => sql('select kind, occurred_on::text as occurred_on, source from case_legal_event where case_id = ? order by occurred_on', [caseId]);

  it('an oral acceptance noted by an agent activates the plan but does not interrupt prescription', async () => {
    const { caseId, planId } = await agreedPlanCase();
    t.clock.set('2026-11-24T10:00:00Z');
    const accepted = await post(`/api/v1/plans/${planId}/accept-orally`, agent.token, { note: 'Accord au téléphone' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'active', acceptedVia: 'oral', acknowledged: false, writtenAcceptance: null });
    expect(await legalEvents(caseId)).toEqual([]);
    expect(await claimDate(caseId)).toBe('2027-03-01');
    const detail = (await get(`/api/v1/cases/${caseId}`, agent.token)).json();
    expect(detail.prescription).toMatchObject({ date: '2027-03-01', movedBy: [] });
    const texts = detail.activities.map((entry: { text: string }) => entry.text).join('\n');
    expect(texts).toContain("Une acceptation écrite ou électronique du débiteur est nécessaire pour l'interrompre");
    expect(texts).not.toContain('la prescription est interrompue');
  });

  it("the debtor's acceptance on their page interrupts it, and the claims' dates move at once", async () => {
    const { caseId, planId } = await agreedPlanCase();
    t.clock.set('2026-11-24T10:00:00Z');
    const link = await post(`/api/v1/cases/${caseId}/portal-link`, agent.token);
    const token = (link.json().url as string).split('/pay/')[1] as string;
    const { cookie } = await verifiedPortal(t, token);
    const offered = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/plans`, headers: { cookie } });
    const termsDigest = offered.json().items[0].terms.digest as string;
    expect((await post(`/api/v1/portal/${token}/plans/${planId}/accept`, null, { termsDigest }, { cookie })).statusCode).toBe(200);
    expect(await legalEvents(caseId)).toEqual([{ kind: 'acknowledgment', occurred_on: '2026-11-24', source: 'plan_acceptance' }]);
    expect(await claimDate(caseId)).toBe('2028-11-24');
    expect((await get(`/api/v1/plans/${planId}`, agent.token)).json()).toMatchObject({ acceptedVia: 'portal', acknowledged: true });
  });

  it('a written acceptance received interrupts it: on a plan accepted orally, or activating one still awaiting acceptance', async () => {
    const oral = await agreedPlanCase();
    expect((await post(`/api/v1/plans/${oral.planId}/accept-orally`, agent.token, { note: 'Accord au téléphone' })).statusCode).toBe(200);
    t.clock.set('2026-11-27T10:00:00Z');
    const [document] = await sql<{ id: string }>(
      `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content)
       values (?, ?, 'upload', 'Accord signé', 'accord.pdf', 'application/pdf', 4, repeat('0', 64), '\\x25504446'::bytea) returning id`,
      [oral.caseId, creditorId],
    );
    const url = `/api/v1/plans/${oral.planId}/written-acceptance`;
    expect((await post(url, agent.token, { receivedOn: '2026-11-28', note: 'Courrier signé' })).json().code).toBe('date_in_future');
    expect((await post(url, agent.token, { receivedOn: '2026-11-01', note: 'Courrier signé' })).statusCode).toBe(400);
    const other = await makeCase(t, creditorId);
    const [foreign] = await sql<{ id: string }>(
      `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content)
       values (?, ?, 'upload', 'Autre', 'autre.pdf', 'application/pdf', 4, repeat('0', 64), '\\x25504446'::bytea) returning id`,
      [other.id, creditorId],
    );
    expect((await post(url, agent.token, { receivedOn: '2026-11-26', note: 'Courrier signé', documentId: foreign?.id })).statusCode).toBe(404);
    expect((await post(url, creditorToken, { receivedOn: '2026-11-26', note: 'Courrier signé' })).statusCode).toBe(403);
    const recorded = await post(url, agent.token, { receivedOn: '2026-11-26', note: 'Accord signé reçu par courrier', documentId: document?.id });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toMatchObject({
      status: 'active',
      acceptedVia: 'oral',
      acknowledged: true,
      writtenAcceptance: { receivedOn: '2026-11-26', documentId: document?.id, note: 'Accord signé reçu par courrier' },
    });
    expect(await legalEvents(oral.caseId)).toEqual([{ kind: 'acknowledgment', occurred_on: '2026-11-26', source: 'plan_written_acceptance' }]);
    expect(await claimDate(oral.caseId)).toBe('2028-11-26');
    expect((await post(url, agent.token, { receivedOn: '2026-11-26', note: 'encore' })).json().code).toBe('already_exists');
    const [audit] = await sql<{ details: { receivedOn: string } }>(`select details from audit_event where action = 'plan_written_acceptance_recorded' and entity_id = ?`, [
      oral.planId,
    ]);
    expect(audit?.details.receivedOn).toBe('2026-11-26');
    const texts = (await get(`/api/v1/cases/${oral.caseId}`, agent.token)).json().activities.map((entry: { text: string }) => entry.text);
    expect(texts).toContain("Acceptation écrite reçue le 2026-11-26 de l'échéancier : reconnaissance de dette, la prescription est interrompue (C. civ. 2240).");

    const waiting = await agreedPlanCase();
    const activated = await post(`/api/v1/plans/${waiting.planId}/written-acceptance`, agent.token, { receivedOn: '2026-11-27', note: 'E-mail du débiteur' });
    expect(activated.json()).toMatchObject({ status: 'active', acceptedVia: 'written', acknowledged: true });
    expect(await claimDate(waiting.caseId)).toBe('2028-11-27');
  });
});

describe('the queue serves only what the gate allows', () => {
  /** A creditor, its cases, a portfolio of it worked by `agents` (the portfolio's creation ranks the cases). */
  async function portfolioOf(creditor: string, agents: Agent[]) {
    const response = await post('/api/v1/portfolios', managerToken, { name: `P ${creditor}`, creditorId: creditor, memberIds: agents.map((a) => a.id) });
    expect(response.statusCode).toBe(201);
  }
  const claimedIds = async (ids: string[]) =>
    (await sql<{ case_id: string }>(`select case_id from queue_event where kind = 'claim' and case_id = any(?::uuid[])`, [`{${ids.join(',')}}`])).map(
      (row) => row.case_id,
    );

  it('never serves a prescribed, disputed, vulnerable, plan-awaiting, promised, unreachable or mandate-less case', async () => {
    const [worker, other] = (await makeAgents(t, 2)) as [Agent, Agent];
    const creditor = (await makeCreditor(t)).id;
    const big = [{ amountCents: 20_000_00 }];
    const prescribed = await makeCase(t, creditor, [{ amountCents: 20_000_00, dueDate: '2024-01-15' }]);
    const disputed = await makeCase(t, creditor, big);
    await openDispute(disputed.id);
    const vulnerable = await makeCase(t, creditor, big);
    await flagVulnerable(vulnerable.id);
    const awaitingPlan = await makeCase(t, creditor, big);
    expect((await post(`/api/v1/cases/${awaitingPlan.id}/plans`, other.token, monthly)).json().status).toBe('agreed_pending_acceptance');
    // Another agent took a promise minutes ago, due tomorrow.
    const promised = await makeCase(t, creditor, big);
    expect((await post(`/api/v1/cases/${promised.id}/promises`, other.token, { amountCents: 500_00, dueOn: '2026-11-24' })).statusCode).toBe(201);
    t.clock.set('2026-11-23T10:05:00Z');
    const unreachable = await makeCase(t, creditor, big);
    await sql('update debtor_email set valid = false where debtor_id = ?', [unreachable.debtorId]);
    const fresh = await makeCase(t, creditor, [{ amountCents: 100_00 }]);
    const revoked = (await makeCreditor(t)).id;
    await sql(`update creditor set mandate_revoked_at = '2026-11-20T09:00:00Z', mandate_revoked_reason = 'Fin de contrat' where id = ?`, [revoked]);
    const underRevoked = await makeCase(t, revoked, big);
    await portfolioOf(creditor, [worker]);
    await portfolioOf(revoked, [worker]);

    // The list shows what the queue would serve; asked by status, it shows every case of it.
    const listed = (await get('/api/v1/queue', worker.token)).json().items.map((item: { id: string }) => item.id);
    expect(listed).toEqual([fresh.id]);
    const disputedList = (await get('/api/v1/queue?status=disputed', worker.token)).json().items.map((item: { id: string }) => item.id);
    expect(disputedList).toEqual([disputed.id]);
    const served = await next(t, worker);
    expect(served.statusCode, served.body).toBe(200);
    expect(served.json().case.id).toBe(fresh.id);
    expect((await next(t, worker)).statusCode).toBe(204);
    const excluded = [prescribed, disputed, vulnerable, awaitingPlan, promised, unreachable, underRevoked].map((found) => found.id);
    expect(await claimedIds(excluded)).toEqual([]);
    // Once due, the promise is served (promise tier) like any case.
    await leaseAction(t, worker, fresh.id, 'release');
    t.clock.set('2026-11-24T10:00:00Z');
    expect((await next(t, worker)).json()).toMatchObject({ case: { id: promised.id }, tier: 'promise' });
  });

  it('a picked case the gate defers (contact cap reached) is skipped, logged with the reason, and not picked again before its time', async () => {
    const [worker] = (await makeAgents(t, 1)) as [Agent];
    const creditor = (await makeCreditor(t)).id;
    const capped = await makeCase(t, creditor, [{ amountCents: 20_000_00 }]);
    const small = await makeCase(t, creditor, [{ amountCents: 100_00 }]);
    for (const day of ['2026-11-19', '2026-11-20', '2026-11-21']) {
      await sql(
        `insert into outbound_message (case_id, creditor_id, debtor_id, channel, template, status, sent_at) values (?, ?, ?, 'sms', 'first_letter', 'sent', ?)`,
        [capped.id, creditor, capped.debtorId, `${day}T10:00:00Z`],
      );
    }
    await portfolioOf(creditor, [worker]);
    const served = await next(t, worker);
    expect(served.json().case.id).toBe(small.id);
    const [skip] = await sql<{ reason: string }>(`select reason from queue_event where case_id = ? and kind = 'skip'`, [capped.id]);
    expect(skip?.reason).toBe('contact_cap_reached');
    const [row] = await sql<{ queue_skip_until: Date; leased_by: string | null }>('select queue_skip_until, leased_by from collection_case where id = ?', [capped.id]);
    expect(row?.leased_by).toBeNull();
    // The oldest contact leaves the 7 days on 26 November at 11:00 Paris: the case waits until then.
    expect(new Date(row?.queue_skip_until as Date).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    await leaseAction(t, worker, small.id, 'release');
    expect((await next(t, worker)).json().case.id).toBe(small.id);
  });

  it('outside the contact window nothing is served: 422 with the window and when it opens', async () => {
    const [worker] = (await makeAgents(t, 1)) as [Agent];
    t.clock.set(SUNDAY_11H);
    const response = await next(t, worker);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'contact_closed_day', details: { decision: 'deferred', until: '2026-11-23T07:00:00.000Z' } });
  });

  it('ranks on the claims not prescribed: an old prescribed consumer claim no longer outranks a fresh one; a near prescription comes first', async () => {
    const [worker] = (await makeAgents(t, 1)) as [Agent];
    const creditor = (await makeCreditor(t)).id;
    // 8 000 € due in January 2024 (prescribed in January 2026) and 100 € due last month.
    const old = await makeCase(t, creditor, [
      { amountCents: 8_000_00, dueDate: '2024-01-15' },
      { amountCents: 100_00, dueDate: '2026-10-01' },
    ]);
    const fresh = await makeCase(t, creditor, [{ amountCents: 1_500_00, dueDate: '2026-10-01' }]);
    // 50 € due 20 December 2024: prescribed after 20 December 2026, 27 days from now.
    const near = await makeCase(t, creditor, [{ amountCents: 50_00, dueDate: '2024-12-20' }]);
    await portfolioOf(creditor, [worker]);
    const listed = (await get(`/api/v1/queue?creditorId=${creditor}`, worker.token)).json().items as { id: string; queueRank: number }[];
    expect(listed.map((item) => item.id)).toEqual([near.id, fresh.id, old.id]);

    const first = (await next(t, worker)).json();
    expect(first.case.id).toBe(near.id);
    expect(first.reasons).toContainEqual({ code: 'prescription_near', points: 80, params: { daysToPrescription: 27, thresholdDays: 30 } });
    // The reasons shown are the rank's points (nothing here depends on the hour).
    expect(first.score).toBe(Math.floor((listed[0]?.queueRank ?? 0) / 1e12));
    expect((await next(t, worker)).json().case.id).toBe(fresh.id);
    const last = (await next(t, worker)).json();
    expect(last.case.id).toBe(old.id);
    // Only the 100 € still demandable count: no balance tier, 53 days late.
    expect(last.reasons).toEqual([{ code: 'days_past_due', points: 10, params: { daysPastDue: 53, thresholdDays: 30 } }]);
  });
});

describe('"Terminé, dossier suivant" needs an outcome', () => {
  async function leased() {
    const [worker] = (await makeAgents(t, 1)) as [Agent];
    const creditor = (await makeCreditor(t)).id;
    const found = await callableCase([{ amountCents: 300_00 }], creditor);
    const response = await post('/api/v1/portfolios', managerToken, { name: `P ${creditor}`, creditorId: creditor, memberIds: [worker.id] });
    expect(response.statusCode).toBe(201);
    expect((await next(t, worker)).json().case.id).toBe(found.id);
    return { worker, caseId: found.id };
  }
  const done = (worker: Agent, caseId: string, payload: object = {}) => post(`/api/v1/queue/${caseId}/done`, worker.token, payload);

  it('refuses done when nothing was logged since the lease began (422 outcome_required); a note is enough', async () => {
    const { worker, caseId } = await leased();
    const refused = await done(worker, caseId);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('outcome_required');
    expect((await post(`/api/v1/cases/${caseId}/activities`, worker.token, { kind: 'note', text: 'Courrier à vérifier' })).statusCode).toBe(201);
    expect((await done(worker, caseId)).statusCode).toBe(204);
    const [event] = await sql<{ kind: string }>(`select kind from queue_event where case_id = ? and kind = 'done'`, [caseId]);
    expect(event?.kind).toBe('done');
  });

  it('an outcome chosen in the dialog: an unanswered attempt is logged as a call; a callback scheduled must exist', async () => {
    const { worker, caseId } = await leased();
    const noCallback = await done(worker, caseId, { outcome: 'callback_scheduled' });
    expect(noCallback.json()).toMatchObject({ code: 'outcome_required', details: { missing: 'callback' } });
    expect((await done(worker, caseId, { outcome: 'shouting' })).statusCode).toBe(400);
    expect((await done(worker, caseId, { outcome: 'no_answer' })).statusCode).toBe(204);
    const [logged] = await sql<{ call_outcome: string; author_id: string }>(`select call_outcome, author_id from activity where case_id = ? and kind = 'call'`, [caseId]);
    expect(logged).toEqual({ call_outcome: 'no_answer', author_id: worker.id });
    const [event] = await sql<{ reason: string }>(`select reason from queue_event where case_id = ? and kind = 'done'`, [caseId]);
    expect(event?.reason).toBe('no_answer');
  });
});
