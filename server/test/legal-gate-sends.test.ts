import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addEntry, clockAt } from '../src/features/cases/timeline.ts';
import { alertMandateEnds } from '../src/features/creditors/mandate.ts';
import { runDunning } from '../src/features/dunning/run.ts';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { sendMessages } from '../src/features/messages/send.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, completeAgency, messageRow, reachableCase, runSendJobs, sendDeps, startInbox } from './messages-helpers.ts';

/**
 * Issue 15, the legal gate at the doors that send (POST /cases/{id}/messages, resends, the debtor's
 * link), at send time (the worker asks again), in the daily run (prescription and the mandate pause
 * it), and the mandate after intake (revocation, expiry alerts). Real PostgreSQL, the app's own
 * SMTP server, the test clock.
 */
let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let creditorId: string;
let manager: { id: string; token: string };
let agentToken: string;

// Monday 23 November 2026, 11:00 in Paris.
const MONDAY_MORNING = '2026-11-23T10:00:00Z';
// Sunday 29 November 2026, 20:30 in Paris.
const SUNDAY_EVENING = '2026-11-29T19:30:00Z';

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.orm.em.fork().execute(text, params)) as T[];
const deps = () => sendDeps(t, inbox.server.url);

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  await completeAgency(t);
  creditorId = (await makeCreditor(t)).id;
  const managerUser = await makeUser(t, 'manager');
  manager = { id: managerUser.id, token: await login(t, managerUser) };
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});
beforeEach(() => t.clock.set(MONDAY_MORNING));

async function send(caseId: string, body: Record<string, unknown>, token = manager.token) {
  return await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/messages`, headers: bearer(token), payload: body });
}

async function messagesOf(caseId: string) {
  return await sql<{ id: string; status: string; status_reason: string | null; origin: string }>(
    'select id, status, status_reason, origin from outbound_message where case_id = ? order by queued_at',
    [caseId],
  );
}

async function openDispute(caseId: string) {
  await sql(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Facture contestée', ?, 'amicable')`, [
    caseId,
    creditorId,
    t.clock.now(),
  ]);
}

/** Calls logged with the debtor over the last days (the cap counts them, across channels). */
async function callsLogged(caseId: string, hoursAgo: number[]) {
  for (const hours of hoursAgo) {
    await addEntry(emExec(t.orm.em.fork()), clockAt(new Date(t.clock.now().getTime() - hours * 3_600_000)), {
      caseId,
      kind: 'call',
      text: 'Appel',
      callOutcome: 'no_answer',
    });
  }
}

/** The daily run at the clock's now (in a transaction, as the worker runs it). */
async function dailyRun() {
  return await t.orm.em.fork().transactional(async (em) => await runDunning(emExec(em), t.clock, { trigger: 'manual' }));
}

describe('manual send now: the issue’s scenario', () => {
  it('Sunday evening, cap exceeded, open dispute: the registered mise en demeure and the SMS answer 422 contact_refused_dispute, nothing is queued', async () => {
    const c = await reachableCase(t, creditorId);
    t.clock.set(SUNDAY_EVENING);
    await callsLogged(c.id, [30, 50, 70]);
    await openDispute(c.id);
    for (const body of [
      { channel: 'registered_letter', template: 'mise_en_demeure' },
      { channel: 'sms', template: 'first_letter' },
    ]) {
      const response = await send(c.id, body);
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('contact_refused_dispute');
      expect(response.json().message).toMatch(/litige est ouvert/);
      const reasons = response.json().details.reasons.map((reason: { code: string }) => reason.code);
      expect(reasons).toEqual(['contact_refused_dispute', 'contact_closed_day', 'contact_cap_reached']);
      expect(response.json().details.decision).toBe('refused');
    }
    // A manager's override lifts the window and the cap, never a dispute.
    const overridden = await send(c.id, { channel: 'sms', template: 'first_letter', override: { window: true, cap: true, reason: 'Le débiteur a demandé un rappel' } });
    expect(overridden.statusCode).toBe(422);
    expect(overridden.json().code).toBe('contact_refused_dispute');
    expect(await messagesOf(c.id)).toEqual([]);
  });

  it('an SMS to a vulnerable debtor under an active plan answers 422 (vulnerability, and the plan that promised no other reminder)', async () => {
    const c = await reachableCase(t, creditorId);
    await sql(`update collection_case set status = 'payment_plan', vulnerable_since = ? where id = ?`, [t.clock.now(), c.id]);
    await sql(
      `insert into payment_plan (case_id, creditor_id, status, debt_cents, total_cents, frequency, grace_days, proposed_at, activated_on)
       values (?, ?, 'active', 123456, 123456, 'monthly', 3, ?, '2026-11-01')`,
      [c.id, creditorId, t.clock.now()],
    );
    const response = await send(c.id, { channel: 'sms', template: 'firmer_reminder' }, agentToken);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('contact_refused_vulnerable');
    expect(response.json().details.reasons.map((reason: { code: string }) => reason.code)).toEqual(['contact_refused_vulnerable', 'plan_in_force']);
    expect(await messagesOf(c.id)).toEqual([]);
  });

  it('a consumer case whose only claim fell due more than two years ago: 422 claim_prescribed (message, resend, link) and nothing from the daily run', async () => {
    const c = await reachableCase(t, creditorId, { dueDate: '2024-06-01' });
    const [claim] = await sql<{ nature: string; prescription_date: string }>('select nature, prescription_date::text as prescription_date from claim where case_id = ?', [c.id]);
    expect(claim).toEqual({ nature: 'consumer', prescription_date: '2026-06-01' }); // C. conso. L218-2
    const response = await send(c.id, { channel: 'letter', template: 'first_letter' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'claim_prescribed', details: { decision: 'refused', reasons: [{ code: 'claim_prescribed', params: { claims: 1, since: '2026-06-01' } }] } });
    const link = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/portal-link`, headers: bearer(manager.token), payload: {} });
    expect(link.statusCode).toBe(422);
    expect(link.json().code).toBe('claim_prescribed');
    // A receipt is a notice, not a demand: it still goes.
    const receipt = await send(c.id, { channel: 'email', template: 'receipt' });
    expect(receipt.statusCode).toBe(201);
    await sql(`update outbound_message set status = 'sent', sent_at = ? where id = ?`, [t.clock.now(), receipt.json().id]);
    const resend = await t.app.inject({ method: 'POST', url: `/api/v1/messages/${receipt.json().id}/resend`, headers: bearer(manager.token), payload: {} });
    expect(resend.statusCode).toBe(201);
    await sql(`update outbound_message set status = 'failed' where case_id = ? and status = 'queued'`, [c.id]);

    await sql(`update collection_case set opened_on = ? where id = ?`, ['2026-11-23', c.id]);
    const before = (await messagesOf(c.id)).length;
    const run = await dailyRun();
    expect(run.pausedByReason.prescribed).toBeGreaterThanOrEqual(1);
    expect(await sql('select 1 from dunning_step_execution where case_id = ?', [c.id])).toEqual([]);
    expect((await messagesOf(c.id)).length).toBe(before);
  });

  it('a manager overrides the window with a written reason: 201, an audit row, and the send job sends it; an agent’s override is refused with 403', async () => {
    const c = await reachableCase(t, creditorId);
    t.clock.set('2026-11-24T20:00:00Z'); // Tuesday, 21:00 in Paris
    const plain = await send(c.id, { channel: 'sms', template: 'first_letter' });
    expect(plain.statusCode).toBe(422);
    expect(plain.json()).toMatchObject({
      code: 'contact_outside_hours',
      details: { decision: 'deferred', reasons: [{ code: 'contact_outside_hours', overridable: true }], until: '2026-11-25T07:00:00.000Z' },
    });

    const byAgent = await send(c.id, { channel: 'sms', template: 'first_letter', override: { window: true, reason: 'Le débiteur rappelle ce soir' } }, agentToken);
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('override_not_allowed');

    const reason = 'Le débiteur a demandé à être joint ce soir après son travail';
    const overridden = await send(c.id, { channel: 'sms', template: 'first_letter', override: { window: true, reason } });
    expect(overridden.statusCode).toBe(201);
    const [audit] = await sql<{ action: string; actor_id: string; details: { reason: string; overridden: { code: string }[] } }>(
      `select action, actor_id, details from audit_event where case_id = ? and action = 'legal_gate_overridden'`,
      [c.id],
    );
    expect(audit).toMatchObject({ actor_id: manager.id, details: { reason, overridden: [{ code: 'contact_outside_hours' }] } });
    expect(await messagesOf(c.id)).toEqual([expect.objectContaining({ status: 'queued', origin: 'manager' })]);
    // The send job asks the gate again with the manager's override: still 21:00, it goes.
    await runSendJobs(t, deps());
    expect((await messageRow(t, overridden.json().id)).status).toBe('sent');
  });
});

describe('at send time: the worker asks the gate again', () => {
  it('a dispute opened after the message was queued blocks it with the code; the dispute acknowledgment still goes', async () => {
    const c = await reachableCase(t, creditorId);
    const first = await send(c.id, { channel: 'email', template: 'first_letter' }, agentToken);
    await runSendJobs(t, deps());
    expect((await messageRow(t, first.json().id)).status).toBe('sent');
    const queued = await send(c.id, { channel: 'sms', template: 'firmer_reminder' }, agentToken);
    expect(queued.statusCode).toBe(201);
    await openDispute(c.id);
    await runSendJobs(t, deps());
    const row = await messageRow(t, queued.json().id);
    expect(row.status).toBe('blocked');
    expect(row.status_reason).toMatch(/^Envoi bloqué par le contrôle légal \[contact_refused_dispute\]/);
    const timeline = await sql<{ text: string }>(`select text from activity where case_id = ? and kind = 'message'`, [c.id]);
    expect(timeline.map((entry) => entry.text).join('\n')).toMatch(/non envoyé.*contact_refused_dispute/);

    const acknowledgment = await send(c.id, { channel: 'email', template: 'dispute_acknowledgment' }, agentToken);
    expect(acknowledgment.statusCode).toBe(201);
    await runSendJobs(t, deps());
    expect(await messageRow(t, acknowledgment.json().id)).toMatchObject({ status: 'sent', status_reason: null });
  });

  it('a message queued before 20:00 and picked up after is deferred, not blocked: it stays queued and its job comes back at 08:00', async () => {
    const c = await reachableCase(t, creditorId);
    t.clock.set('2026-11-24T18:59:00Z'); // Tuesday 19:59 in Paris
    const queued = await send(c.id, { channel: 'sms', template: 'first_letter' }, agentToken);
    expect(queued.statusCode).toBe(201);
    t.clock.set('2026-11-24T19:05:00Z'); // 20:05: the window has closed
    const id = queued.json().id as string;
    const outcome = await sendMessages(deps(), [id]);
    expect(outcome.outcomes[id]).toBe('deferred');
    const row = await messageRow(t, id);
    expect(row.status).toBe('queued');
    expect(row.status_reason).toMatch(/^Envoi reporté au 25\/11\/2026 08:00 : Hors des heures de contact/);
    const [job] = await sql<{ run_at: Date }>(
      `select j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
        where k.identifier = 'messages__send' and j.key = ?`,
      [`messages__send:deferred:${id}`],
    );
    expect(job && new Date(job.run_at).toISOString()).toBe('2026-11-25T07:00:00.000Z');
    t.clock.set('2026-11-25T07:00:00Z');
    await runSendJobs(t, deps());
    expect(await messageRow(t, id)).toMatchObject({ status: 'sent', status_reason: null });
  });
});

describe('the mandate (CPCE R124-3) after intake', () => {
  it('an expired mandate: 422 mandate_expired, and the daily run pauses the case (reason mandate), no message', async () => {
    const expired = await makeCreditor(t, { mandateValidUntil: '2026-11-15' });
    const c = await reachableCase(t, expired.id);
    const response = await send(c.id, { channel: 'email', template: 'first_letter' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'mandate_expired', details: { reasons: [{ code: 'mandate_expired', params: { validUntil: '2026-11-15' } }] } });
    // Notices too: the agency no longer acts for this creditor.
    expect((await send(c.id, { channel: 'email', template: 'receipt' })).json().code).toBe('mandate_expired');

    await sql(`update collection_case set opened_on = ? where id = ?`, ['2026-11-23', c.id]);
    const run = await dailyRun();
    expect(run.pausedByReason.mandate).toBeGreaterThanOrEqual(1);
    expect(await sql('select 1 from dunning_step_execution where case_id = ?', [c.id])).toEqual([]);
    expect(await messagesOf(c.id)).toEqual([]);

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}`, headers: bearer(agentToken) });
    expect(detail.json().creditorMandate).toEqual({ state: 'expired', validUntil: '2026-11-15', revokedAt: null });
    const dunning = await t.app.inject({ method: 'GET', url: `/api/v1/dunning/cases/${c.id}`, headers: bearer(agentToken) });
    expect(dunning.json().pausedBy).toBe('mandate');
  });

  it('revoke: audit entry, every manager and admin notified (not agents), idempotent; then every door and the queued messages stop', async () => {
    const revoked = await makeCreditor(t);
    const c = await reachableCase(t, revoked.id);
    const queued = await send(c.id, { channel: 'sms', template: 'first_letter' });
    expect(queued.statusCode).toBe(201);
    const otherManager = await login(t, await makeUser(t, 'manager'));

    const byAgent = await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${revoked.id}/mandate/revoke`, headers: bearer(agentToken), payload: { reason: 'Fin du contrat' } });
    expect(byAgent.statusCode).toBe(403);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/creditors/${revoked.id}/mandate/revoke`,
      headers: bearer(manager.token),
      payload: { reason: 'Résiliation reçue par courrier du 20 novembre' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().mandate).toMatchObject({ state: 'revoked', isValid: false, revokedAt: MONDAY_MORNING.replace('Z', '.000Z'), revokedReason: 'Résiliation reçue par courrier du 20 novembre' });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${revoked.id}/mandate/revoke`, headers: bearer(otherManager), payload: { reason: 'Un autre motif' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().mandate.revokedReason).toBe('Résiliation reçue par courrier du 20 novembre');

    const audits = await sql<{ details: { reason: string } }>(`select details from audit_event where creditor_id = ? and action = 'creditor_mandate_revoked'`, [revoked.id]);
    expect(audits).toEqual([{ details: expect.objectContaining({ reason: 'Résiliation reçue par courrier du 20 novembre' }) }]);
    for (const token of [manager.token, otherManager]) {
      const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer(token) })).json().items as { kind: string; creditorId: string; text: string }[];
      const about = mine.filter((n) => n.creditorId === revoked.id);
      expect(about).toHaveLength(1);
      expect(about[0]).toMatchObject({ kind: 'mandate_revoked' });
      expect(about[0]?.text).toMatch(/révoqué le 23\/11\/2026 : Résiliation reçue.*tout contact avec ses débiteurs est suspendu \(1 dossier\(s\) ouvert\(s\)\)/i);
    }
    const agentNotes = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer(agentToken) })).json().items as { creditorId: string | null }[];
    expect(agentNotes.filter((n) => n.creditorId === revoked.id)).toEqual([]);

    expect((await send(c.id, { channel: 'sms', template: 'first_letter' })).json().code).toBe('mandate_revoked');
    await runSendJobs(t, deps());
    expect((await messageRow(t, queued.json().id)).status_reason).toMatch(/\[mandate_revoked\]/);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}`, headers: bearer(agentToken) });
    expect(detail.json().creditorMandate.state).toBe('revoked');
  });

  it('the daily check tells managers once of a mandate ending within 30 days and once of one that has ended', async () => {
    const ending = await makeCreditor(t, { mandateValidUntil: '2026-12-10' });
    const ended = await makeCreditor(t, { mandateValidUntil: '2026-11-20' });
    const far = await makeCreditor(t, { mandateValidUntil: '2027-06-30' });
    const idle = await makeCreditor(t, { mandateValidUntil: '2026-11-30' }); // no open case: nothing to tell
    for (const id of [ending.id, ended.id, far.id]) await reachableCase(t, id);
    const check = async () => await t.orm.em.fork().transactional(async (em) => await alertMandateEnds(emExec(em), t.clock));
    await check();
    await check();
    const notes = await sql<{ creditor_id: string; kind: string; text: string; user_id: string }>(
      'select creditor_id, kind, text, user_id from notification where creditor_id = any(?::uuid[])',
      [`{${[ending.id, ended.id, far.id, idle.id].join(',')}}`],
    );
    const mine = notes.filter((n) => n.user_id === manager.id);
    expect(mine.map((n) => [n.creditor_id, n.kind]).sort()).toEqual(
      [
        [ending.id, 'mandate_expiring'],
        [ended.id, 'mandate_expired'],
      ].sort(),
    );
    expect(mine.find((n) => n.kind === 'mandate_expiring')?.text).toMatch(/prend fin le 10\/12\/2026/);
    expect(mine.find((n) => n.kind === 'mandate_expired')?.text).toMatch(/valable jusqu'au 20\/11\/2026 : tout contact avec ses débiteurs est suspendu/);
    const managers = await sql<{ n: number }>(`select count(*)::int as n from app_user where role in ('manager', 'admin')`);
    expect(notes.length).toBe(2 * (managers[0]?.n ?? 0));
    // Once the end date passes, the "ended" notice comes once more (a new fact); a renewed date starts again.
    t.clock.set('2026-12-11T10:00:00Z');
    await check();
    const after = await sql<{ kind: string }>('select kind from notification where creditor_id = ? and user_id = ?', [ending.id, manager.id]);
    expect(after.map((n) => n.kind).sort()).toEqual(['mandate_expired', 'mandate_expiring']);
  });

  it('whether the mandate covers judicial steps is editable by managers, shown on the creditor, and audited', async () => {
    const creditor = await makeCreditor(t, { mandateCoversJudicial: false });
    const patch = async (token: string, coversJudicial: boolean) =>
      await t.app.inject({ method: 'PATCH', url: `/api/v1/creditors/${creditor.id}`, headers: bearer(token), payload: { mandate: { coversJudicial } } });
    expect((await patch(agentToken, true)).statusCode).toBe(403);
    const response = await patch(manager.token, true);
    expect(response.statusCode).toBe(200);
    expect(response.json().mandate).toMatchObject({ coversJudicial: true, state: 'in_force', isValid: true, revokedAt: null, revokedReason: null });
    await patch(manager.token, true); // unchanged: no second entry
    const audits = await sql<{ actor_id: string; details: unknown }>(`select actor_id, details from audit_event where creditor_id = ? and action = 'creditor_mandate_scope_changed'`, [
      creditor.id,
    ]);
    expect(audits).toEqual([{ actor_id: manager.id, details: { coversJudicial: true, before: false } }]);
  });
});
