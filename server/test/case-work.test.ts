import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type Agent, makeSlice, next } from './queue-helpers.ts';

/**
 * Case work (issue 5, the case screen): the legal gate when a call is logged (hours, holidays, the
 * cap across channels and creditors, dispute, vulnerability; issue 15: the agency's warn mode
 * relaxes the hours only, block refuses them); disputes;
 * vulnerability; status changes with a reason; callbacks served first by the queue; contacts;
 * the plan agreement letter stored as a document; prescription moved by an acknowledgment; the
 * case list by the queue's priority with the décompte balance; who may call each endpoint.
 */
let t: TestApp;
let creditorA: string;
let creditorB: string;
let agent: { id: string; token: string };
let managerToken: string;
let creditorAToken: string;
let creditorBToken: string;

// Monday 23 November 2026, 11:00 in Paris (UTC+1): inside the contact window.
const MONDAY_11H = '2026-11-23T10:00:00Z';

beforeAll(async () => {
  t = await createTestApp();
  creditorA = (await makeCreditor(t)).id;
  creditorB = (await makeCreditor(t)).id;
  const agentUser = await makeUser(t, 'agent');
  agent = { id: agentUser.id, token: await login(t, agentUser) };
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorAToken = await login(t, await makeUser(t, 'creditor', creditorA));
  creditorBToken = await login(t, await makeUser(t, 'creditor', creditorB));
});
afterAll(async () => t.close());
beforeEach(async () => {
  t.clock.set(MONDAY_11H);
  await sql(`update agency set contact_cap_per_7_days = 3, contact_rule_mode = 'warn'`);
});

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}
function post(url: string, token: string, payload: object = {}) {
  return t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
}
function get(url: string, token: string) {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}
/** Logs a call; the debtor is given a phone first (a call needs one). */
async function call(caseId: string, token = agent.token, callOutcome = 'no_answer') {
  await sql(`insert into debtor_phone (debtor_id, phone) select debtor_id, '+33611223344' from collection_case where id = ? on conflict do nothing`, [caseId]);
  return await post(`/api/v1/cases/${caseId}/activities`, token, { kind: 'call', text: 'Appel', callOutcome });
}
async function caseRow(caseId: string) {
  const [row] = await sql<{ status: string; closed_outcome: string | null; callback_due_at: Date | null; vulnerable_since: Date | null }>(
    'select status, closed_outcome, callback_due_at, vulnerable_since from collection_case where id = ?',
    [caseId],
  );
  return row as { status: string; closed_outcome: string | null; callback_due_at: Date | null; vulnerable_since: Date | null };
}
async function timeline(caseId: string) {
  return await sql<{ kind: string; text: string; contact_warnings: { code: string }[] | null }>(
    'select kind, text, contact_warnings from activity where case_id = ? order by occurred_at, id',
    [caseId],
  );
}
const codesOf = (reasons: { code: string }[] | undefined) => (reasons ?? []).map((reason) => reason.code);

describe('contact rules when a call is logged (warn mode: the hours only warn)', () => {
  it('a call at 20:30 Paris is logged with the warning recorded, and the check said so beforehand', async () => {
    const found = await makeCase(t, creditorA);
    await sql(`insert into debtor_phone (debtor_id, phone) values (?, '+33611223344')`, [found.debtorId]);
    t.clock.set('2026-11-23T19:30:00Z');
    const check = await get(`/api/v1/cases/${found.id}/contact-check`, agent.token);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({
      allowed: true,
      decision: 'allowed',
      mode: 'warn',
      reasons: [],
      warnings: [{ code: 'contact_outside_hours', params: { localTime: '20:30', start: '08:00', end: '20:00' } }],
      nextAllowedAt: null,
      contactsInWindow: 0,
      cap: 3,
    });
    const response = await call(found.id);
    expect(response.statusCode).toBe(201);
    expect(codesOf(response.json().contactWarnings)).toEqual(['contact_outside_hours']);
    const detail = (await get(`/api/v1/cases/${found.id}`, agent.token)).json();
    expect(codesOf(detail.activities.find((a: { kind: string }) => a.kind === 'call').contactWarnings)).toEqual(['contact_outside_hours']);
  });

  it('19:59 Paris is inside the window in winter time, 20:00 is outside', async () => {
    const found = await makeCase(t, creditorA);
    t.clock.set('2026-11-24T18:59:00Z');
    expect((await call(found.id)).json().contactWarnings).toBeUndefined();
    t.clock.set('2026-11-24T19:00:00Z');
    expect(codesOf((await call(found.id)).json().contactWarnings)).toEqual(['contact_outside_hours']);
  });

  it('a call on a public holiday (11 November) warns, naming the holiday', async () => {
    const found = await makeCase(t, creditorA);
    t.clock.set('2026-11-11T10:00:00Z');
    const response = await call(found.id);
    expect(response.statusCode).toBe(201);
    expect(response.json().contactWarnings).toEqual([
      { code: 'contact_public_holiday', params: { date: '2026-11-11', holiday: 'Armistice 1918', start: '08:00', end: '20:00' } },
    ]);
  });

  it('counts the cap over 7 days across channels and across two creditors sharing the debtor; warn mode does not relax it', async () => {
    const name = `Jean Partagé ${Math.random().toString(36).slice(2, 8)}`;
    const atA = await makeCase(t, creditorA, [{ amountCents: 500_00 }], { name });
    const atB = await makeCase(t, creditorB, [{ amountCents: 800_00 }], { name });
    // Eight days ago: outside the 7 days, not counted.
    t.clock.set('2026-11-15T10:00:00Z');
    expect((await call(atA.id)).statusCode).toBe(201);
    t.clock.set(MONDAY_11H);
    expect((await call(atA.id)).json().contactWarnings).toBeUndefined();
    // A letter sent for creditor B counts as a contact with the same person.
    await sql(
      `insert into outbound_message (case_id, creditor_id, debtor_id, channel, template, status, sent_at)
       values (?, ?, ?, 'sms', 'first_letter', 'sent', ?)`,
      [atB.id, creditorB, atB.debtorId, new Date('2026-11-20T10:00:00Z')],
    );
    expect((await call(atB.id)).json().contactWarnings).toBeUndefined(); // the third contact is allowed
    const check = (await get(`/api/v1/cases/${atA.id}/contact-check`, agent.token)).json();
    expect(check).toMatchObject({ allowed: false, decision: 'deferred', overridable: true, contactsInWindow: 3, cap: 3 });
    const fourth = await call(atA.id);
    expect(fourth.statusCode).toBe(422);
    expect(fourth.json().details.reasons).toEqual([{ code: 'contact_cap_reached', params: { contacts: 3, cap: 3, windowDays: 7 }, overridable: true }]);
  });
});

describe('contact rules in block mode', () => {
  beforeEach(async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/agency/contact-settings',
      headers: bearer(managerToken),
      payload: { contactCapPer7Days: 2, contactRuleMode: 'block' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a call outside hours with a clear error, in French and in English, and logs nothing', async () => {
    const found = await makeCase(t, creditorA);
    t.clock.set('2026-11-22T10:00:00Z'); // a Sunday
    const refused = await call(found.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('contact_closed_day');
    expect(refused.json().message).toContain('Pas de contact le dimanche');
    expect(codesOf(refused.json().details.reasons)).toEqual(['contact_closed_day']);
    expect(refused.json().details.until).toBe('2026-11-23T07:00:00.000Z');
    const english = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${found.id}/activities`,
      headers: { ...bearer(agent.token), 'accept-language': 'en' },
      payload: { kind: 'call', text: 'Appel', callOutcome: 'no_answer' },
    });
    expect(english.json().message).toContain('No contact on Sundays');
    expect((await timeline(found.id)).filter((entry) => entry.kind === 'call')).toHaveLength(0);
    // A note is not a contact: it is always logged.
    expect((await post(`/api/v1/cases/${found.id}/activities`, agent.token, { kind: 'note', text: 'Dimanche : pas d’appel' })).statusCode).toBe(201);
  });

  it('refuses a call on a holiday and over the agency cap (counted across creditors)', async () => {
    const name = `Marie Partagée ${Math.random().toString(36).slice(2, 8)}`;
    const atA = await makeCase(t, creditorA, [{ amountCents: 500_00 }], { name });
    const atB = await makeCase(t, creditorB, [{ amountCents: 800_00 }], { name });
    t.clock.set('2026-12-25T10:00:00Z');
    expect(codesOf((await call(atA.id)).json().details.reasons)).toEqual(['contact_public_holiday']);
    t.clock.set(MONDAY_11H);
    expect((await call(atA.id)).statusCode).toBe(201);
    expect((await call(atB.id)).statusCode).toBe(201);
    const third = await call(atA.id);
    expect(third.statusCode).toBe(422);
    expect(third.json().details.reasons).toEqual([{ code: 'contact_cap_reached', params: { contacts: 2, cap: 2, windowDays: 7 }, overridable: true }]);
  });

  it('only managers and administrators change the settings; staff read them; values are checked', async () => {
    const put = (token: string, payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/agency/contact-settings', headers: bearer(token), payload });
    expect((await put(agent.token, { contactCapPer7Days: 5, contactRuleMode: 'warn' })).statusCode).toBe(403);
    expect((await put(creditorAToken, { contactCapPer7Days: 5, contactRuleMode: 'warn' })).statusCode).toBe(403);
    expect((await put(managerToken, { contactCapPer7Days: 0, contactRuleMode: 'warn' })).statusCode).toBe(400);
    expect((await put(managerToken, { contactCapPer7Days: 3, contactRuleMode: 'shout' })).statusCode).toBe(400);
    expect((await get('/api/v1/agency/contact-settings', agent.token)).json()).toEqual({ contactCapPer7Days: 2, contactRuleMode: 'block' });
    expect((await get('/api/v1/agency/contact-settings', creditorAToken)).statusCode).toBe(403);
    const [audit] = await sql<{ n: number }>(`select count(*)::int as n from audit_event where action = 'agency_contact_settings_changed'`);
    expect(audit?.n).toBeGreaterThan(0);
  });
});

describe('disputes', () => {
  it('opens (status disputed, contact paused, creditor told) and a rejection restores the status before', async () => {
    const found = await makeCase(t, creditorA);
    expect((await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'amicable', reason: 'Premier contact établi' })).statusCode).toBe(200);
    const opened = await post(`/api/v1/cases/${found.id}/disputes`, agent.token, { reason: 'Facture déjà réglée selon le débiteur' });
    expect(opened.statusCode).toBe(201);
    const dispute = opened.json();
    expect(dispute).toMatchObject({ caseId: found.id, statusBefore: 'amicable', resolution: null });
    expect((await caseRow(found.id)).status).toBe('disputed');
    const detail = (await get(`/api/v1/cases/${found.id}`, agent.token)).json();
    expect(detail).toMatchObject({ status: 'disputed', disputeOpen: true, dispute: { id: dispute.id, reason: 'Facture déjà réglée selon le débiteur' } });
    const [event] = await sql<{ type: string; data: { disputeId: string } }>(
      `select type, data from creditor_event where creditor_id = ? and type = 'case.disputed' and data->>'caseId' = ?`,
      [creditorA, found.id],
    );
    expect(event?.data.disputeId).toBe(dispute.id);
    // One open dispute per case; no status change and every call is refused while it is open.
    expect((await post(`/api/v1/cases/${found.id}/disputes`, agent.token, { reason: 'encore' })).json().code).toBe('dispute_already_open');
    expect((await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'legal', reason: 'Injonction' })).json().code).toBe('dispute_open');
    expect((await call(found.id)).json().code).toBe('contact_refused_dispute');
    // The dispute list: the creditor of the case sees it, another creditor does not find the case.
    expect((await get(`/api/v1/cases/${found.id}/disputes`, creditorAToken)).json().items).toHaveLength(1);
    expect((await get(`/api/v1/cases/${found.id}/disputes`, creditorBToken)).statusCode).toBe(404);
    // Managers resolve.
    const resolveUrl = `/api/v1/cases/${found.id}/disputes/${dispute.id}/resolve`;
    expect((await post(resolveUrl, agent.token, { resolution: 'rejected', note: 'Aucun paiement reçu' })).statusCode).toBe(403);
    const resolved = await post(resolveUrl, managerToken, { resolution: 'rejected', note: 'Aucun paiement reçu chez le créancier' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolution: 'rejected', resolutionNote: 'Aucun paiement reçu chez le créancier' });
    expect((await caseRow(found.id)).status).toBe('amicable');
    expect((await post(resolveUrl, managerToken, { resolution: 'upheld', note: 'encore' })).json().code).toBe('dispute_not_open');
    const kinds = (await timeline(found.id)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'dispute')).toHaveLength(2);
    const [resolvedEvent] = await sql<{ data: { resolution: string; status: string } }>(
      `select data from creditor_event where type = 'case.dispute_resolved' and data->>'caseId' = ?`,
      [found.id],
    );
    expect(resolvedEvent?.data).toMatchObject({ resolution: 'rejected', status: 'amicable' });
  });

  it('an upheld dispute closes the case as returned to the creditor', async () => {
    const found = await makeCase(t, creditorA);
    const dispute = (await post(`/api/v1/cases/${found.id}/disputes`, agent.token, { reason: 'Marchandise jamais livrée' })).json();
    const resolved = await post(`/api/v1/cases/${found.id}/disputes/${dispute.id}/resolve`, managerToken, {
      resolution: 'upheld',
      note: 'Le créancier confirme la non-livraison',
    });
    expect(resolved.statusCode).toBe(200);
    expect(await caseRow(found.id)).toMatchObject({ status: 'closed', closed_outcome: 'returned_to_creditor' });
    const types = await sql<{ type: string }>(`select type from creditor_event where data->>'caseId' = ? order by created_at, type`, [found.id]);
    expect(types.map((row) => row.type)).toEqual(expect.arrayContaining(['case.disputed', 'case.closed', 'case.dispute_resolved']));
  });

  it('a creditor user cannot flag a dispute; a dispute on a foreign case is not found', async () => {
    const found = await makeCase(t, creditorA);
    expect((await post(`/api/v1/cases/${found.id}/disputes`, creditorAToken, { reason: 'test' })).statusCode).toBe(403);
    expect((await post(`/api/v1/cases/${found.id}/disputes/${found.id}/resolve`, managerToken, { resolution: 'upheld', note: 'rien' })).statusCode).toBe(404);
  });
});

describe('vulnerability', () => {
  it('an agent flags, staff see it (badge, filter), creditors do not, a manager lifts it', async () => {
    const found = await makeCase(t, creditorA);
    const flagged = await post(`/api/v1/cases/${found.id}/vulnerability`, agent.token, { note: 'Hospitalisé, ne pas appeler' });
    expect(flagged.statusCode).toBe(200);
    expect((await caseRow(found.id)).vulnerable_since).not.toBeNull();
    expect((await post(`/api/v1/cases/${found.id}/vulnerability`, agent.token, { note: 'encore' })).json().code).toBe('already_vulnerable');
    const staff = (await get(`/api/v1/cases/${found.id}`, managerToken)).json();
    expect(staff).toMatchObject({ vulnerable: true, vulnerability: { note: 'Hospitalisé, ne pas appeler', flaggedBy: agent.id } });
    const creditor = (await get(`/api/v1/cases/${found.id}`, creditorAToken)).json();
    expect(creditor).toMatchObject({ vulnerable: null, vulnerability: null });
    const filtered = (await get(`/api/v1/cases?flag=vulnerable&limit=200`, managerToken)).json();
    expect(filtered.items.map((item: { id: string }) => item.id)).toContain(found.id);
    expect(filtered.items.every((item: { vulnerable: boolean }) => item.vulnerable)).toBe(true);
    expect((await get(`/api/v1/cases?flag=vulnerable`, creditorAToken)).statusCode).toBe(403);
    expect(codesOf((await get(`/api/v1/cases/${found.id}/contact-check`, agent.token)).json().reasons)[0]).toBe('contact_refused_vulnerable');
    // Lifting is a manager's decision.
    expect((await post(`/api/v1/cases/${found.id}/vulnerability/lift`, agent.token, { note: 'va mieux' })).statusCode).toBe(403);
    expect((await post(`/api/v1/cases/${found.id}/vulnerability/lift`, managerToken, { note: 'Sorti de l’hôpital, accord pour reprendre' })).statusCode).toBe(200);
    expect((await caseRow(found.id)).vulnerable_since).toBeNull();
    expect((await post(`/api/v1/cases/${found.id}/vulnerability/lift`, managerToken, { note: 'encore' })).json().code).toBe('not_vulnerable');
    expect((await timeline(found.id)).filter((entry) => entry.kind === 'vulnerability')).toHaveLength(2);
    expect((await post(`/api/v1/cases/${found.id}/vulnerability`, creditorAToken, { note: 'test test' })).statusCode).toBe(403);
  });
});

describe('status change with a reason', () => {
  it('moves through the state machine and refuses a forbidden move with a typed error', async () => {
    const found = await makeCase(t, creditorA);
    // Escalation is a legal action (proposed, approved, filed), not a status change (issue 16).
    const escalated = await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'legal', reason: 'Passage au contentieux' });
    expect(escalated.json()).toMatchObject({ code: 'escalation_through_legal_action' });
    const moved = await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'amicable', reason: 'Débiteur joint' });
    expect(moved.json()).toEqual({ caseId: found.id, from: 'new', to: 'amicable', changed: true });
    expect((await timeline(found.id)).at(-1)).toMatchObject({ kind: 'status_change', text: expect.stringContaining('Débiteur joint') });
    expect((await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'closed', reason: 'Payé' })).json().code).toBe('outcome_required');
    expect((await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'promise', reason: 'x'.repeat(5) })).statusCode).toBe(400);
    expect((await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'legal', reason: '' })).statusCode).toBe(400);
    const closed = await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'closed', reason: 'Payé au créancier', outcome: 'paid' });
    expect(closed.statusCode).toBe(200);
    expect(await caseRow(found.id)).toMatchObject({ status: 'closed', closed_outcome: 'paid' });
    expect((await post(`/api/v1/cases/${found.id}/status`, agent.token, { status: 'amicable', reason: 'Rouvrir' })).json()).toMatchObject({
      code: 'forbidden_transition',
      details: { from: 'closed', to: 'amicable' },
    });
    expect((await post(`/api/v1/cases/${found.id}/status`, creditorAToken, { status: 'amicable', reason: 'Rouvrir' })).statusCode).toBe(403);
  });
});

describe('callbacks', () => {
  it('a callback at a Paris time is served first by POST /queue/next once due', async () => {
    const agentB: Agent = { id: (await makeUser(t, 'agent')).id, token: '' };
    const users = await sql<{ email: string }>('select email from app_user where id = ?', [agentB.id]);
    agentB.token = await login(t, { email: users[0]?.email as string, password: 'correct horse battery staple' });
    const slice = await makeSlice(t, managerToken, [20_000_00, 50_00], [agentB]);
    const small = slice.cases[1]?.id as string;
    await sql(`insert into debtor_phone (debtor_id, phone) select debtor_id, '+33611223344' from collection_case where id = ?`, [small]);
    const scheduled = await post(`/api/v1/cases/${small}/callback`, agentB.token, { date: '2026-11-23', time: '14:30', note: 'Rappeler après le déjeuner' });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toEqual({ caseId: small, callbackDueAt: '2026-11-23T13:30:00.000Z', warnings: [] });
    expect((await timeline(small)).at(-1)).toMatchObject({ kind: 'callback', text: expect.stringContaining('14:30') });
    // Before it is due the best-ranked case comes first; once due, the callback does.
    t.clock.set('2026-11-23T13:31:00Z');
    const claimed = await next(t, agentB);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ case: { id: small, callbackDueAt: '2026-11-23T13:30:00.000Z' }, tier: 'callback' });
    // Logging the call answers the callback.
    expect((await call(small, agentB.token, 'reached_debtor')).statusCode).toBe(201);
    expect((await caseRow(small)).callback_due_at).toBeNull();
  });

  it('refuses a time already past, warns of a Sunday, and can be cancelled', async () => {
    const found = await makeCase(t, creditorA);
    await sql(`insert into debtor_phone (debtor_id, phone) values (?, '+33611223344')`, [found.debtorId]);
    const past = await post(`/api/v1/cases/${found.id}/callback`, agent.token, { date: '2026-11-23', time: '10:30' }); // 09:30 UTC
    expect(past.json().code).toBe('date_in_past');
    const sunday = await post(`/api/v1/cases/${found.id}/callback`, agent.token, { date: '2026-11-29', time: '10:00' });
    expect(codesOf(sunday.json().warnings)).toEqual(['contact_closed_day']);
    expect((await post(`/api/v1/cases/${found.id}/callback`, agent.token, { date: '2026-11-24', time: '25:00' })).statusCode).toBe(400);
    const cancelled = await t.app.inject({ method: 'DELETE', url: `/api/v1/cases/${found.id}/callback`, headers: bearer(agent.token) });
    expect(cancelled.json().callbackDueAt).toBeNull();
    expect((await caseRow(found.id)).callback_due_at).toBeNull();
  });
});

describe('contacts', () => {
  it('adds a phone as E.164, refuses a duplicate or an invalid number, marks a contact invalid', async () => {
    const found = await makeCase(t, creditorA);
    const added = await post(`/api/v1/cases/${found.id}/contacts`, agent.token, { kind: 'phone', phone: '06 12 34 56 78' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'phone', value: '+33612345678', valid: true });
    expect((await post(`/api/v1/cases/${found.id}/contacts`, agent.token, { kind: 'phone', phone: '+33612345678' })).json().code).toBe('contact_exists');
    expect((await post(`/api/v1/cases/${found.id}/contacts`, agent.token, { kind: 'phone', phone: '12' })).json().code).toBe('invalid_phone');
    expect((await post(`/api/v1/cases/${found.id}/contacts`, agent.token, { kind: 'email', email: 'pas-un-email' })).statusCode).toBe(400);
    const address = await post(`/api/v1/cases/${found.id}/contacts`, agent.token, { kind: 'address', line1: '3 rue des Lilas', postalCode: '44000', city: 'Nantes' });
    expect(address.statusCode).toBe(201);
    const invalid = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${found.id}/contacts/phone/${added.json().id}`,
      headers: bearer(agent.token),
      payload: { valid: false, note: 'Faux numéro' },
    });
    expect(invalid.statusCode).toBe(200);
    const detail = (await get(`/api/v1/cases/${found.id}`, agent.token)).json();
    expect(detail.debtor.phones).toEqual([{ id: added.json().id, phone: '+33612345678', valid: false }]);
    expect(detail.debtor.addresses).toHaveLength(1);
    // Another debtor's contact id is not found through this case.
    const other = await makeCase(t, creditorA);
    const otherEmail = (await get(`/api/v1/cases/${other.id}`, agent.token)).json().debtor.emails[0].id;
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${found.id}/contacts/email/${otherEmail}`,
      headers: bearer(agent.token),
      payload: { valid: false },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await post(`/api/v1/cases/${found.id}/contacts`, creditorAToken, { kind: 'phone', phone: '0612345679' })).statusCode).toBe(403);
  });
});

describe('plan agreement letter and prescription', () => {
  it('stores the branded PDF when a plan is agreed; an oral acceptance does not move the prescription date, a written one does (C. civ. 2240)', async () => {
    await sql(`update agency set client_funds_bic = 'AGRIFRPP'`);
    // A consumer owing a company since 1 March 2025: prescribed after 2 years (C. conso. L218-2).
    const found = await makeCase(t, creditorA, [{ amountCents: 600_00, dueDate: '2025-03-01' }]);
    const before = (await get(`/api/v1/cases/${found.id}`, agent.token)).json();
    expect(before.prescription).toMatchObject({ date: '2027-03-01', basis: 'C. conso. L218-2', movedBy: [] });
    const plan = await post(`/api/v1/cases/${found.id}/plans`, agent.token, { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' });
    expect(plan.statusCode).toBe(201);
    expect(plan.json().status).toBe('agreed_pending_acceptance');
    const documents = await sql<{ kind: string; content: Buffer; sha256: string; visible_to_debtor: boolean; content_type: string; size_bytes: number }>(
      'select kind, content, sha256, visible_to_debtor, content_type, size_bytes from case_document where case_id = ?',
      [found.id],
    );
    expect(documents).toHaveLength(1);
    const [letter] = documents as [(typeof documents)[number]];
    expect(letter).toMatchObject({ kind: 'plan_agreement', visible_to_debtor: true, content_type: 'application/pdf' });
    expect(letter.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(createHash('sha256').update(letter.content).digest('hex')).toBe(letter.sha256);
    expect(letter.size_bytes).toBe(letter.content.length);
    expect((await timeline(found.id)).some((entry) => entry.kind === 'document')).toBe(true);

    t.clock.set('2026-11-24T10:00:00Z');
    expect((await post(`/api/v1/plans/${plan.json().id}/accept-orally`, agent.token, { note: 'Accord au téléphone' })).statusCode).toBe(200);
    // Noted by an agent, the oral acceptance is not the debtor's acknowledgment: nothing moves.
    expect((await get(`/api/v1/cases/${found.id}`, agent.token)).json().prescription).toMatchObject({ date: '2027-03-01', movedBy: [] });
    const written = await post(`/api/v1/plans/${plan.json().id}/written-acceptance`, agent.token, { receivedOn: '2026-11-24', note: 'Accord signé reçu' });
    expect(written.statusCode).toBe(200);
    const after = (await get(`/api/v1/cases/${found.id}`, agent.token)).json();
    expect(after.prescription).toMatchObject({ date: '2028-11-24', movedBy: [{ kind: 'acknowledgment', date: '2026-11-24', previousDate: '2027-03-01', newDate: '2028-11-24' }] });
  });

  it('produces no letter lacking an R124-4 mention (no client-funds account to pay to): the timeline says why', async () => {
    const [agency] = await sql<{ client_funds_iban: string }>('select client_funds_iban from agency');
    await sql(`update agency set client_funds_iban = null`);
    const found = await makeCase(t, creditorA, [{ amountCents: 600_00 }]);
    const plan = await post(`/api/v1/cases/${found.id}/plans`, agent.token, { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' });
    expect(plan.json().status).toBe('agreed_pending_acceptance');
    expect(await sql('select id from case_document where case_id = ?', [found.id])).toHaveLength(0);
    expect((await timeline(found.id)).some((entry) => entry.kind === 'document' && entry.text.includes('R124-7'))).toBe(true);
    await sql('update agency set client_funds_iban = ?', [agency?.client_funds_iban]);
  });
});

describe('case list', () => {
  it("orders by the queue's priority and shows the décompte balance", async () => {
    const creditor = await makeCreditor(t);
    // Professional debtors: late-payment penalties and the 40 € indemnity run without reminder (C. com. L441-10).
    const low = await makeCase(t, creditor.id, [{ amountCents: 900_00, dueDate: '2026-01-15' }], { kind: 'company' });
    const high = await makeCase(t, creditor.id, [{ amountCents: 100_00, dueDate: '2026-01-15' }], { kind: 'company' });
    await sql('update collection_case set queue_rank = ? where id = ?', [10, low.id]);
    await sql('update collection_case set queue_rank = ? where id = ?', [20, high.id]);
    const before = (await get(`/api/v1/cases?creditorId=${creditor.id}`, agent.token)).json();
    expect(before.items.map((item: { id: string }) => item.id)).toEqual([high.id, low.id]);
    // The 2026-H2 rates are not recorded yet: no décompte balance is printed (principal minus payments stays).
    expect(before.items[1]).toMatchObject({ balanceCents: 900_00, outstandingCents: null });
    const admin = await login(t, await makeUser(t, 'admin'));
    const rates = { halfYear: '2026-H2', ecbBasisPoints: 215, legalPrivateIndividualBasisPoints: 662, legalOtherBasisPoints: 262 };
    expect((await post('/api/v1/rates', admin, rates)).statusCode).toBe(201);
    const list = (await get(`/api/v1/cases?creditorId=${creditor.id}`, agent.token)).json();
    const statement = (await get(`/api/v1/cases/${low.id}/statement`, agent.token)).json();
    const item = list.items[1];
    expect(item.balanceCents).toBe(900_00);
    expect(statement.totals.balanceCents).toBeGreaterThan(900_00 + 40_00); // penalties since January and the indemnity
    expect(item.outstandingCents).toBe(statement.totals.balanceCents);
    expect(item).toMatchObject({ priorityScore: 10, disputeOpen: false, vulnerable: false, callbackDueAt: null });
  });
});

describe('access to the new endpoints', () => {
  it('a creditor user of creditor B gets 404 on a case of creditor A; creditor users cannot do case work', async () => {
    const found = await makeCase(t, creditorA);
    expect((await get(`/api/v1/cases/${found.id}`, creditorBToken)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${found.id}/disputes`, creditorBToken)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${found.id}/contact-check`, creditorAToken)).statusCode).toBe(403);
    for (const [url, payload] of [
      [`/api/v1/cases/${found.id}/callback`, { date: '2026-11-24', time: '10:00' }],
      [`/api/v1/cases/${found.id}/status`, { status: 'amicable', reason: 'test' }],
      [`/api/v1/cases/${found.id}/vulnerability`, { note: 'test test' }],
      [`/api/v1/cases/${found.id}/disputes`, { reason: 'test' }],
    ] as const) {
      expect((await post(url, creditorBToken, payload)).statusCode, url).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}/contact-check` });
    expect(anonymous.statusCode).toBe(401);
  });
});
