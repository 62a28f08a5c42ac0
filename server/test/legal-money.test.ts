import { frenchRates } from '@relance/domain/rates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseViaApi, uniqueRef } from './case-factories.ts';
import { login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 16, the money of the judicial phase: costs advanced and who bears them (CPCE L111-8), the
// décompte's "frais de procédure" after a title and the taux légal majoration (CMF L313-3), the
// petites créances outcomes (an agreed schedule becomes the plan; acceptance suspends prescription;
// a refusal closes the action).

let t: TestApp;
let creditor: { id: string };
let creditorToken: string;
let otherCreditorToken: string;
let agent: string;
let manager: string;
let courtId: string;

const inject = async (method: 'GET' | 'POST', url: string, token: string, payload?: Record<string, unknown>) =>
  payload === undefined
    ? await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } })
    : await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
const sql = async <T extends object>(text: string, params: unknown[] = []) => await t.orm.em.fork().execute<T[]>(text, params);

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-08T09:00:00Z');
  creditor = await makeCreditor(t, { kind: 'company' });
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
  agent = await login(t, await makeUser(t, 'agent'));
  manager = await login(t, await makeUser(t, 'manager'));
  const [court] = await sql<{ id: string }>(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     values ('TJ-PARIS', 'tribunal_judiciaire', 'Tribunal judiciaire de Paris', 'Parvis du Tribunal de Paris', '75017', 'Paris', 'Paris', 'manual') returning id`,
  );
  courtId = court?.id as string;
  const [commercial] = await sql<{ id: string }>(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     values ('TAE-PARIS', 'tribunal_activites_economiques', 'Tribunal des activités économiques de Paris', '1 quai de la Corse', '75004', 'Paris', 'Paris', 'manual') returning id`,
  );
  for (const id of [courtId, commercial?.id]) {
    await sql(`insert into court_competence (court_id, commune_code, postal_code, commune_name) values (?, '75102', '75002', 'PARIS')`, [id]);
  }
  await sql(
    `insert into commissaire (etude, name, address_line1, postal_code, city, email, accepts_email, cour_appel_districts)
     values ('Étude Martin', 'Me Claire Martin', '5 rue de Rivoli', '75004', 'Paris', 'etude@example.test', true, '{Paris}')`,
  );
  // The taux légal of the half-years the tests reach, where the built-in table stops before them.
  for (const halfYear of ['2026-H2', '2027-H1', '2027-H2']) {
    if (!(halfYear in frenchRates)) {
      await sql(`insert into legal_rate (half_year, ecb_basis_points, legal_private_individual_basis_points, legal_other_basis_points) values (?, 215, 662, 287)`, [halfYear]);
    }
  }
});
afterAll(async () => {
  await t.close();
});

const address = { line1: '10 rue du Sentier', postalCode: '75002', city: 'Paris' };

/** A proposal approved by the creditor and a manager: stage ready. */
async function readyAction(caseId: string, kind: 'injonction_de_payer' | 'petites_creances'): Promise<string> {
  t.clock.set('2026-12-08T09:00:00Z');
  const proposed = await inject('POST', `/api/v1/cases/${caseId}/legal-actions`, agent, { kind, ...(kind === 'injonction_de_payer' ? { courtId } : {}) });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const id = proposed.json().id as string;
  expect((await inject('POST', `/api/v1/legal-actions/${id}/approvals`, creditorToken, { decision: 'approve' })).statusCode).toBe(200);
  expect((await inject('POST', `/api/v1/legal-actions/${id}/approvals`, manager, { decision: 'approve' })).json().stage).toBe('ready');
  return id;
}

const record = async (id: string, body: Record<string, unknown>) => await inject('POST', `/api/v1/legal-actions/${id}/events`, agent, body);
const addCost = async (id: string, body: Record<string, unknown>, token = agent) => await inject('POST', `/api/v1/legal-actions/${id}/costs`, token, body);

describe('costs and the décompte after a title', () => {
  it('a debtor-borne cost needs a title (L111-8); after it the décompte gains frais de procédure and the taux légal +5 points two months later (L313-3)', async () => {
    const { id: caseId } = await createCaseViaApi(t, creditorToken, {
      debtor: { type: 'person', name: uniqueRef('Jeanne Durand'), address },
      claims: [{ ref: uniqueRef('FAC'), dueDate: '2026-06-30', amountCents: 1_000_00 }],
      miseEnDemeureDate: '2026-11-20',
    });
    const id = await readyAction(caseId, 'injonction_de_payer');
    t.clock.set('2027-03-01T09:00:00Z');
    expect((await record(id, { event: 'filed', date: '2027-01-05' })).statusCode).toBe(200);
    expect((await record(id, { event: 'order_rendered', date: '2027-01-15', amountCents: 1_000_00 })).statusCode).toBe(200);
    expect((await record(id, { event: 'served', date: '2027-02-10', costCents: 60_00 })).statusCode).toBe(200);

    // Before the title: a cost charged to the debtor is refused, the creditor's is recorded.
    const refused = await addCost(id, { item: 'commandement_de_payer', description: 'Commandement de payer', amountCents: 80_00, incurredOn: '2027-02-20', borneBy: 'debtor' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'legal_cost_needs_title', details: { titleOn: null } });
    const greffe = await addCost(id, { item: 'greffe_fee', description: 'Frais de greffe', amountCents: 33_47, incurredOn: '2027-01-05' });
    expect(greffe.statusCode).toBe(201);
    expect(greffe.json()).toMatchObject({ borneBy: 'creditor', advancedByAgency: true, amountCents: 33_47 });
    expect((await addCost(id, { item: 'x_fee', description: 'Demain', amountCents: 1_00, incurredOn: '2027-03-02' })).json().code).toBe('date_in_future');
    // A creditor's user may not record costs; another creditor does not see this action.
    expect((await addCost(id, { item: 'greffe_fee', description: 'Frais', amountCents: 1_00, incurredOn: '2027-01-05' }, creditorToken)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/legal-actions/${id}/costs`, otherCreditorToken)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/cases/${caseId}/legal-costs`, otherCreditorToken)).statusCode).toBe(404);

    const before = await inject('GET', `/api/v1/cases/${caseId}/statement?asOf=2027-03-01`, agent);
    expect(before.statusCode).toBe(200);
    expect(before.json().procedureCosts).toBeUndefined();

    // The order is final: the title dates collection_case.judgment_enforceable_on.
    t.clock.set('2027-03-15T09:00:00Z');
    expect((await record(id, { event: 'final', date: '2027-03-11' })).json().stage).toBe('title_obtained');
    const [title] = await sql<{ on: string }>('select judgment_enforceable_on::text as on from collection_case where id = ?', [caseId]);
    expect(title?.on).toBe('2027-03-11');

    const commandement = await addCost(id, { item: 'commandement_de_payer', description: 'Commandement de payer', amountCents: 80_00, incurredOn: '2027-03-12', borneBy: 'debtor' });
    expect(commandement.statusCode).toBe(201);
    const costs = (await inject('GET', `/api/v1/legal-actions/${id}/costs`, creditorToken)).json();
    expect(costs).toMatchObject({ totalCents: 60_00 + 33_47 + 80_00, debtorCents: 80_00, titleOn: '2027-03-11' });
    expect(costs.items.map((cost: { borneBy: string }) => cost.borneBy)).toEqual(['creditor', 'creditor', 'debtor']);
    const byCase = (await inject('GET', `/api/v1/cases/${caseId}/legal-costs`, creditorToken)).json();
    expect(byCase.items).toHaveLength(3);
    expect(byCase.items.every((cost: { legalActionId: string }) => cost.legalActionId === id)).toBe(true);
    const [audit] = await sql<{ count: string }>(`select count(*) from audit_event where action = 'legal_cost_recorded' and entity_id = ?`, [id]);
    expect(Number(audit?.count)).toBe(2);
    const timeline = await sql<{ text: string }>(`select text from activity where case_id = ? and kind = 'legal' and text like '%frais%'`, [caseId]);
    expect(timeline.map((row) => row.text).join('\n')).toContain('à la charge du débiteur');

    // The décompte: no frais before the title's date, the debtor's costs after it (never the creditor's).
    expect((await inject('GET', `/api/v1/cases/${caseId}/statement?asOf=2027-03-10`, agent)).json().procedureCosts).toBeUndefined();
    const after = (await inject('GET', `/api/v1/cases/${caseId}/statement?asOf=2027-03-15`, agent)).json();
    expect(after.procedureCosts).toMatchObject({
      titleOn: '2027-03-11',
      lines: [{ kind: 'procedure_cost', description: 'Commandement de payer', amountCents: 80_00, date: '2027-03-12', legalBasis: 'CPCE L111-8 al. 1' }],
      totalCents: 80_00,
      paidCents: 0,
      balanceCents: 80_00,
      totalDueCents: after.totals.balanceCents + 80_00,
    });

    // CMF L313-3: the taux légal + 5 points from the day after two months from the enforceable date (2027-05-11).
    t.clock.set('2027-06-01T09:00:00Z');
    const later = (await inject('GET', `/api/v1/cases/${caseId}/statement?asOf=2027-06-01`, agent)).json();
    const interest = later.lines.filter((line: { kind: string }) => line.kind === 'interest') as { from: string; to: string; rateBasisPoints: number; legalBasis: string }[];
    const plain = interest.find((line) => line.to === '2027-05-11');
    const majorated = interest.find((line) => line.from === '2027-05-12');
    expect(plain?.legalBasis).not.toContain('L313-3');
    expect(majorated?.legalBasis).toContain('L313-3');
    expect((majorated?.rateBasisPoints ?? 0) - (plain?.rateBasisPoints ?? 0)).toBe(500);
  });

  it('a case without a title keeps its décompte unchanged (no procedureCosts)', async () => {
    const { id: caseId } = await createCaseViaApi(t, creditorToken, {
      debtor: { type: 'company', name: uniqueRef('Sans Titre SARL'), address },
      claims: [{ ref: uniqueRef('FAC'), dueDate: '2026-06-30', amountCents: 500_00 }],
      miseEnDemeureDate: '2026-11-20',
    });
    t.clock.set('2026-12-08T09:00:00Z');
    const statement = (await inject('GET', `/api/v1/cases/${caseId}/statement`, agent)).json();
    expect(statement).not.toHaveProperty('procedureCosts');
  });
});

describe('petites créances outcomes', () => {
  const b2bCase = async () =>
    await createCaseViaApi(t, creditorToken, {
      debtor: { type: 'company', name: uniqueRef('Petite SARL'), address },
      claims: [{ ref: uniqueRef('FAC'), dueDate: '2026-06-30', amountCents: 1_500_00 }],
      miseEnDemeureDate: '2026-11-20',
    });

  it('the debtor’s acceptance suspends prescription and the agreed schedule becomes the case’s active plan, accepted in writing', async () => {
    const { id: caseId } = await b2bCase();
    const id = await readyAction(caseId, 'petites_creances');
    t.clock.set('2027-01-25T09:00:00Z');
    expect((await record(id, { event: 'handed_over', date: '2027-01-05' })).json().stage).toBe('handed_over');
    expect((await record(id, { event: 'invitation_sent', date: '2027-01-10' })).json()).toMatchObject({ stage: 'invitation_sent', deadlines: { answer: '2027-02-10' } });
    const accepted = await record(id, { event: 'debtor_accepted', date: '2027-01-20', amountCents: 1_200_00, installments: 6 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ stage: 'invitation_sent', agreedAmountCents: 1_200_00 });

    const plans = (await inject('GET', `/api/v1/cases/${caseId}/plans`, agent)).json().items;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ status: 'active', totalCents: 1_200_00, frequency: 'monthly', acceptedVia: 'written', acknowledged: true, writtenAcceptance: { receivedOn: '2027-01-20' } });
    expect(plans[0].installments).toHaveLength(6);
    expect(plans[0].installments[0]).toMatchObject({ dueOn: expect.stringMatching(/^2027-02-2[0-2]$/), amountCents: 200_00 });
    const [status] = await sql<{ status: string }>('select status from collection_case where id = ?', [caseId]);
    expect(status?.status).toBe('payment_plan');
    const suspension = await sql<{ occurred_on: string; end_on: string | null }>(
      `select occurred_on::text as occurred_on, end_on::text as end_on from case_legal_event where case_id = ? and kind = 'petites_creances_acceptance'`,
      [caseId],
    );
    expect(suspension).toEqual([{ occurred_on: '2027-01-20', end_on: null }]);

    // The commissaire delivers the title: the procedure (and the suspension) ends, the case holds a title.
    t.clock.set('2027-02-05T09:00:00Z');
    expect((await record(id, { event: 'title_delivered', date: '2027-02-01' })).json().stage).toBe('title_obtained');
    const ended = await sql<{ end_on: string | null }>(`select end_on::text as end_on from case_legal_event where case_id = ? and kind = 'petites_creances_acceptance'`, [caseId]);
    expect(ended).toEqual([{ end_on: '2027-02-01' }]);
    expect((await inject('GET', `/api/v1/cases/${caseId}/legal-costs`, agent)).json().titleOn).toBe('2027-02-01');
  });

  it('silence closes the action as debtor_declined and the timeline suggests an injonction de payer', async () => {
    const { id: caseId } = await b2bCase();
    const id = await readyAction(caseId, 'petites_creances');
    t.clock.set('2027-02-15T09:00:00Z');
    await record(id, { event: 'handed_over', date: '2027-01-05' });
    await record(id, { event: 'invitation_sent', date: '2027-01-10' });
    const silent = await record(id, { event: 'debtor_silent', date: '2027-02-11' });
    expect(silent.json()).toMatchObject({ stage: 'debtor_declined', allowedEvents: [] });
    const entries = await sql<{ text: string }>(`select text from activity where case_id = ? and kind = 'legal' and text like '%Silence%'`, [caseId]);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.text).toContain('une injonction de payer peut être proposée');
    const plans = await sql<{ id: string }>('select id from payment_plan where case_id = ?', [caseId]);
    expect(plans).toEqual([]);
  });
});
