import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCaseViaApi, uniqueRef } from './case-factories.ts';
import { login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 16, the judicial phase through the API: a proposal with its pre-checks, both approvals,
// events and the deadlines they start, and the refusals (prescribed, disputed).

let t: TestApp;
let creditor: { id: string };
let creditorToken: string;
let agent: string;
let manager: string;
let otherCreditorToken: string;

const inject = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, token: string, payload?: Record<string, unknown>) =>
  payload === undefined
    ? await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } })
    : await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-08T09:00:00Z');
  creditor = await makeCreditor(t, { kind: 'company' });
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
  agent = await login(t, await makeUser(t, 'agent'));
  manager = await login(t, await makeUser(t, 'manager'));
  const em = t.orm.em.fork();
  const [court] = await em.execute<{ id: string }[]>(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     values ('TAE-PARIS', 'tribunal_activites_economiques', 'Tribunal des activités économiques de Paris', '1 quai de la Corse', '75004', 'Paris', 'Paris', 'manual') returning id`,
  );
  await em.execute(`insert into court_competence (court_id, commune_code, postal_code, commune_name) values (?, '75102', '75002', 'PARIS')`, [court?.id]);
});
beforeEach(() => {
  t.clock.set('2026-12-08T09:00:00Z');
});
afterAll(async () => {
  await t.close();
});

const b2bCase = async (options: { medOn?: string; dueDate?: string; ref?: string } = {}) =>
  await createCaseViaApi(t, creditorToken, {
    debtor: { type: 'company', name: uniqueRef('Débitrice SARL'), address: { line1: '10 rue du Sentier', postalCode: '75002', city: 'Paris' } },
    claims: [
      { ref: options.ref ?? uniqueRef('FAC-A'), dueDate: options.dueDate ?? '2026-06-30', amountCents: 1_200_00 },
      { ref: uniqueRef('FAC-B'), dueDate: options.dueDate ?? '2026-07-31', amountCents: 800_00 },
    ],
    ...(options.medOn === undefined ? { miseEnDemeureDate: '2026-11-20' } : { miseEnDemeureDate: options.medOn }),
  });

describe('legal actions: from proposal to title', () => {
  it('an injonction de payer goes proposal → both approvals → documents → events, with its deadlines', async () => {
    const { id: caseId, claimRefs } = await b2bCase();
    const proposed = await inject('POST', `/api/v1/cases/${caseId}/legal-actions`, agent, { kind: 'injonction_de_payer' });
    expect(proposed.statusCode).toBe(201);
    const action = proposed.json();
    expect(action).toMatchObject({ stage: 'proposed', awaiting: ['creditor', 'agency'], court: { name: 'Tribunal des activités économiques de Paris' } });
    expect(action.claimRefs.sort()).toEqual([...claimRefs].sort());
    expect(action.prechecks.every((check: { status: string }) => check.status === 'pass')).toBe(true);
    expect(action.estimatedCosts.totalCents).toBeGreaterThan(0);

    // Another creditor does not see it; an agent may not approve.
    expect((await inject('GET', `/api/v1/legal-actions/${action.id}`, otherCreditorToken)).statusCode).toBe(404);
    expect((await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, agent, { decision: 'approve' })).statusCode).toBe(403);

    // A creditor's read-only user reads it and decides nothing (the session says so, the API refuses).
    const viewer = await login(t, await makeUser(t, 'creditor', creditor.id, { creditorRole: 'viewer' }));
    expect((await inject('GET', '/api/v1/auth/me', viewer)).json()).toMatchObject({ role: 'creditor', creditorRole: 'viewer' });
    expect((await inject('GET', `/api/v1/legal-actions/${action.id}`, viewer)).statusCode).toBe(200);
    expect((await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, viewer, { decision: 'approve' })).statusCode).toBe(403);

    const byCreditor = await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, creditorToken, { decision: 'approve' });
    expect(byCreditor.statusCode).toBe(200);
    expect(byCreditor.json()).toMatchObject({ stage: 'proposed', awaiting: ['agency'] });
    const byManager = await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, manager, { decision: 'approve' });
    expect(byManager.json()).toMatchObject({ stage: 'ready', awaiting: [] });
    // A retried approval changes nothing.
    expect((await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, manager, { decision: 'approve' })).json().stage).toBe('ready');

    const record = async (body: Record<string, unknown>) => await inject('POST', `/api/v1/legal-actions/${action.id}/events`, agent, body);
    t.clock.set('2027-03-01T09:00:00Z');
    expect((await record({ event: 'served', date: '2027-01-10' })).json().code).toBe('legal_event_not_allowed');
    expect((await record({ event: 'filed', date: '2027-01-05' })).json()).toMatchObject({ stage: 'filed', dates: { filedOn: '2027-01-05' } });
    const [status] = await t.orm.em.fork().execute<{ status: string }[]>('select status from collection_case where id = ?', [caseId]);
    expect(status?.status).toBe('legal');
    // Filing interrupts the prescription of the claims it covers (C. civ. 2241): five years from the filing for commercial claims.
    const dates = await t.orm.em.fork().execute<{ date: string }[]>('select prescription_date::text as date from claim where case_id = ?', [caseId]);
    expect(dates.map((row) => row.date)).toEqual(['2032-01-05', '2032-01-05']);
    // The creditor follows it in its list; another creditor's list does not have it.
    expect((await inject('GET', '/api/v1/legal-actions?stage=all', creditorToken)).json().items.map((item: { id: string }) => item.id)).toContain(action.id);
    expect((await inject('GET', '/api/v1/legal-actions?stage=all', otherCreditorToken)).json().items).toEqual([]);
    expect((await record({ event: 'order_rendered', date: '2027-01-15', amountCents: 2_000_00 })).json()).toMatchObject({
      stage: 'order_rendered',
      deadlines: { service: '2027-07-15' },
      nextDeadline: { name: 'service', date: '2027-07-15' },
    });
    const served = await record({ event: 'served', date: '2027-02-10' });
    expect(served.json()).toMatchObject({ stage: 'served', deadlines: { service: '2027-07-15', opposition: '2027-03-10' } });
    // The same event again (a retry) records nothing more.
    expect((await record({ event: 'served', date: '2027-02-10' })).json().events).toHaveLength(3);
    expect((await record({ event: 'final', date: '2027-03-01' })).json().code).toBe('legal_final_too_early');
    t.clock.set('2027-03-15T09:00:00Z');
    const final = await record({ event: 'final', date: '2027-03-11' });
    expect(final.json()).toMatchObject({ stage: 'title_obtained', dates: { titleOn: '2027-03-11' } });

    const types = await t.orm.em.fork().execute<{ type: string }[]>('select type from creditor_event where creditor_id = ? order by created_at, type', [creditor.id]);
    expect(types.map((row) => row.type)).toEqual(
      expect.arrayContaining(['legal_action.proposed', 'legal_action.approved', 'legal_action.filed', 'case.escalated', 'legal_action.order_rendered', 'legal_action.served', 'legal_action.title_obtained']),
    );
  });

  it('refuses a proposal on a case whose claims are all prescribed, with the reason (422)', async () => {
    const { id } = await createCaseViaApi(t, creditorToken, {
      debtor: { type: 'person', name: uniqueRef('Jean Dupont'), address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' } },
      claims: [{ ref: uniqueRef('OLD'), dueDate: '2019-03-31', amountCents: 800_00, prescribedAtIntake: true }],
      miseEnDemeureDate: '2026-11-01',
    });
    const refused = await inject('POST', `/api/v1/cases/${id}/legal-actions`, agent, { kind: 'injonction_de_payer' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'claim_prescribed', details: { check: 'claims_payable' } });
  });

  it('refuses a proposal while a dispute is open, and one whose mise en demeure is too recent', async () => {
    const disputed = await b2bCase();
    const dispute = await inject('POST', `/api/v1/cases/${disputed.id}/disputes`, agent, { reason: 'Marchandise non livrée', category: 'not_delivered' });
    expect(dispute.statusCode).toBeLessThan(300);
    const refused = await inject('POST', `/api/v1/cases/${disputed.id}/legal-actions`, agent, { kind: 'injonction_de_payer' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('contact_refused_dispute');

    const recent = await b2bCase({ medOn: '2026-12-05' });
    const tooSoon = await inject('POST', `/api/v1/cases/${recent.id}/legal-actions`, agent, { kind: 'injonction_de_payer' });
    expect(tooSoon.json()).toMatchObject({ code: 'legal_mise_en_demeure_too_recent', details: { params: { from: '2026-12-13' } } });
  });

  it('a status change cannot escalate by itself any more', async () => {
    const { id } = await b2bCase();
    await inject('POST', `/api/v1/cases/${id}/status`, agent, { status: 'amicable', reason: 'Premier contact' });
    const moved = await inject('POST', `/api/v1/cases/${id}/status`, agent, { status: 'legal', reason: 'Injonction' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('escalation_through_legal_action');
  });

  it('the agency sets the delay after the mise en demeure; a mandate pre-approves below its amount', async () => {
    expect((await inject('PUT', '/api/v1/agency/legal-settings', agent, { daysAfterMiseEnDemeure: 3 })).statusCode).toBe(403);
    const set = await inject('PUT', '/api/v1/agency/legal-settings', manager, { daysAfterMiseEnDemeure: 3 });
    expect(set.json()).toEqual({ daysAfterMiseEnDemeure: 3 });
    const recent = await b2bCase({ medOn: '2026-12-04' });
    expect((await inject('GET', `/api/v1/cases/${recent.id}/legal-actions/precheck?kind=injonction_de_payer`, agent)).json().ok).toBe(true);
    await inject('PUT', '/api/v1/agency/legal-settings', manager, { daysAfterMiseEnDemeure: 8 });
    const patched = await inject('PATCH', `/api/v1/creditors/${creditor.id}`, manager, { mandate: { legalPreapprovedBelowCents: 5_000_00 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().mandate.legalPreapprovedBelowCents).toBe(5_000_00);
    const { id } = await b2bCase();
    const proposed = (await inject('POST', `/api/v1/cases/${id}/legal-actions`, manager, { kind: 'injonction_de_payer' })).json();
    expect(proposed).toMatchObject({ awaiting: ['agency'], approvals: [{ party: 'creditor', via: 'mandate', decision: 'approve' }] });
    await inject('PATCH', `/api/v1/creditors/${creditor.id}`, manager, { mandate: { legalPreapprovedBelowCents: null } });
  });

  it('a court chosen by hand must be of the kind the parties call for, and only while the action awaits its approvals', async () => {
    const em = t.orm.em.fork();
    const [tj] = await em.execute<{ id: string }[]>(
      `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
       values ('TJ-PARIS-TEST', 'tribunal_judiciaire', 'Tribunal judiciaire de Paris', 'Parvis du Tribunal de Paris', '75017', 'Paris', 'Paris', 'manual') returning id`,
    );
    const [tae] = await em.execute<{ id: string }[]>(`select id from court where code = 'TAE-PARIS'`);
    const { id } = await b2bCase();
    const action = (await inject('POST', `/api/v1/cases/${id}/legal-actions`, agent, { kind: 'injonction_de_payer' })).json();
    // Between two companies the claim goes to the commercial court, not the tribunal judiciaire.
    const wrong = await inject('PATCH', `/api/v1/legal-actions/${action.id}`, agent, { courtId: tj?.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'legal_court_wrong_kind', details: { expected: 'tribunal_commerce', given: 'tribunal_judiciaire' } });
    const chosen = await inject('PATCH', `/api/v1/legal-actions/${action.id}`, agent, { courtId: tae?.id });
    expect(chosen.json()).toMatchObject({ court: { id: tae?.id } });
    expect((await inject('PATCH', `/api/v1/legal-actions/${action.id}`, creditorToken, { courtId: tae?.id })).statusCode).toBe(403);
    await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, creditorToken, { decision: 'refuse', reason: 'Trop coûteux' });
    expect((await inject('PATCH', `/api/v1/legal-actions/${action.id}`, agent, { courtId: tae?.id })).json().code).toBe('legal_not_awaiting_approval');
  });

  it('an enforcement on a title the creditor already holds: the title’s file becomes its pièce', async () => {
    const [commissaire] = await t.orm.em.fork().execute<{ id: string }[]>(
      `insert into commissaire (etude, name, address_line1, postal_code, city, email, accepts_email, cour_appel_districts)
       values ('Étude Test', 'Maître Test', '1 rue du Test', '75001', 'Paris', 'etude@example.test', true, '{Paris}') returning id`,
    );
    const { id } = await b2bCase();
    const body = multipart({ title: 'Jugement du tribunal' }, { name: 'jugement.pdf', content: Buffer.from('%PDF-1.4\n% jugement\n'), type: 'application/pdf' });
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/documents`, headers: { authorization: `Bearer ${creditorToken}`, ...body.headers }, payload: body.payload });
    expect(uploaded.statusCode).toBe(201);
    const proposed = await inject('POST', `/api/v1/cases/${id}/legal-actions`, agent, {
      kind: 'commissaire_enforcement',
      commissaireId: commissaire?.id,
      title: { on: '2026-10-01', documentId: uploaded.json().id },
    });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({ kind: 'commissaire_enforcement', commissaire: { etude: 'Étude Test' }, dates: { titleOn: '2026-10-01' } });
    const documents = (await inject('GET', `/api/v1/cases/${id}/documents`, agent)).json().items;
    expect(documents.find((item: { id: string }) => item.id === uploaded.json().id)).toMatchObject({ pieceKind: 'title' });
  });

  it('the creditor’s system decides through the API with its key (webhook legal_action.proposed first), the manager refuses with a reason', async () => {
    const key = (await inject('POST', `/api/v1/creditors/${creditor.id}/api-keys`, creditorToken, { name: 'ERP contentieux' })).json();
    const { id } = await b2bCase();
    const action = (await inject('POST', `/api/v1/cases/${id}/legal-actions`, agent, { kind: 'injonction_de_payer', note: 'Dossier solide' })).json();
    const [event] = await t.orm.em.fork().execute<{ data: { legalActionId: string; awaiting: string[]; estimatedCostsCents: number } }[]>(
      `select data from creditor_event where creditor_id = ? and type = 'legal_action.proposed' and data->>'legalActionId' = ?`,
      [creditor.id, action.id],
    );
    expect(event?.data).toMatchObject({ legalActionId: action.id, awaiting: ['creditor', 'agency'] });
    expect(event?.data.estimatedCostsCents).toBeGreaterThan(0);
    const byKey = await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, key.secret, { decision: 'approve' });
    expect(byKey.json()).toMatchObject({ awaiting: ['agency'], approvals: [{ party: 'creditor', via: 'api_key' }] });
    expect((await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, manager, { decision: 'refuse' })).json().code).toBe('legal_refusal_reason_required');
    const refused = await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, manager, { decision: 'refuse', reason: 'Débiteur en redressement judiciaire' });
    expect(refused.json()).toMatchObject({ stage: 'refused', approvals: [{ party: 'creditor' }, { party: 'agency', decision: 'refuse', reason: 'Débiteur en redressement judiciaire' }] });
    // Nothing can be filed on a refused proposal; a new one may be proposed on the case.
    expect((await inject('POST', `/api/v1/legal-actions/${action.id}/events`, agent, { event: 'filed', date: '2026-12-08' })).json().code).toBe('legal_event_not_allowed');
    expect((await inject('POST', `/api/v1/cases/${id}/legal-actions`, agent, { kind: 'injonction_de_payer' })).statusCode).toBe(201);
  });
});

