import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestMapping } from '../src/features/imports/mapping.ts';
import { caseBody, postCase, postPayment, uniqueRef } from './case-factories.ts';
import { bearer, claimsCsv, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 15: the nature of a claim decides its prescription (packages/domain claim-nature.ts). It is
 * stated (API, file), else the creditor's default (onboarding), else inferred from the parties; an
 * already prescribed claim is placed only flagged as such; staff correct the nature on the case.
 * The test clock says 2026-11-23.
 */
let t: TestApp;
let company: { id: string };
let landlord: { id: string };
let companyUser: string;
let landlordUser: string;
let manager: string;
let agent: string;

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCreditor(t);
  landlord = await makeCreditor(t, { kind: 'private_individual' });
  companyUser = await login(t, await makeUser(t, 'creditor', company.id));
  landlordUser = await login(t, await makeUser(t, 'creditor', landlord.id));
  manager = await login(t, await makeUser(t, 'manager'));
  agent = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

type ClaimJson = { id: string; invoiceRef: string; nature: string; natureSource: string; prescriptionDate: string; prescribed: boolean; prescribedAtIntake: boolean };

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(query, params);
}

async function patchCreditor(id: string, body: unknown, token = manager) {
  return await t.app.inject({ method: 'PATCH', url: `/api/v1/creditors/${id}`, headers: bearer(token), payload: body as object });
}

async function patchClaim(caseId: string, claimId: string, body: unknown, token = agent) {
  return await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}/claims/${claimId}`, headers: bearer(token), payload: body as object });
}

async function caseDetail(caseId: string, token = agent) {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: bearer(token) })).json();
}

describe("the creditor's default nature (onboarding)", () => {
  it('is set and cleared by staff, shown on the creditor, and an unknown nature is refused', async () => {
    const set = await patchCreditor(landlord.id, { defaultClaimNature: 'residential_rent' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().defaultClaimNature).toBe('residential_rent');
    expect((await patchCreditor(company.id, { defaultClaimNature: 'loyer' })).statusCode).toBe(400);
    const other = await makeCreditor(t);
    expect((await patchCreditor(other.id, { defaultClaimNature: 'telecom' })).json().defaultClaimNature).toBe('telecom');
    expect((await patchCreditor(other.id, { defaultClaimNature: null })).json().defaultClaimNature).toBeNull();
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${landlord.id}`, headers: bearer(landlordUser) });
    expect(own.json().defaultClaimNature).toBe('residential_rent');
  });
});

describe('POST /cases: each claim with its nature and prescription date', () => {
  it('stated (given), else inferred from the parties: a consumer claim prescribes in 2 years, telecom in 1', async () => {
    const body = caseBody({
      debtor: { type: 'person' },
      claims: [
        { ref: uniqueRef('CONSO'), dueDate: '2025-10-31', amountCents: 100_00 },
        { ref: uniqueRef('TEL'), dueDate: '2026-02-15', amountCents: 40_00, nature: 'telecom' },
      ],
    });
    const response = await postCase(t, companyUser, body);
    expect(response.statusCode, response.body).toBe(201);
    const claims = response.json().claims as ClaimJson[];
    expect(claims.map(({ nature, natureSource, prescriptionDate, prescribed }) => ({ nature, natureSource, prescriptionDate, prescribed }))).toEqual([
      { nature: 'consumer', natureSource: 'inferred', prescriptionDate: '2027-10-31', prescribed: false },
      { nature: 'telecom', natureSource: 'given', prescriptionDate: '2027-02-15', prescribed: false },
    ]);
  });

  it("the creditor's default: a landlord's rent prescribes 3 years after its due date (loi 89-462 art. 7-1), not 5", async () => {
    const response = await postCase(t, landlordUser, caseBody({ debtor: { type: 'person' }, claims: [{ dueDate: '2024-01-05', amountCents: 650_00 }] }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().claims[0]).toMatchObject({ nature: 'residential_rent', natureSource: 'creditor_default', prescriptionDate: '2027-01-05', prescribed: false });
    // A private-individual creditor without a default: civil, 5 years (C. civ. 2224).
    const plain = await makeCreditor(t, { kind: 'private_individual' });
    const staff = await postCase(t, manager, caseBody({ creditorId: plain.id, debtor: { type: 'person' }, claims: [{ dueDate: '2024-01-05', amountCents: 650_00 }] }));
    expect(staff.json().claims[0]).toMatchObject({ nature: 'civil', natureSource: 'inferred', prescriptionDate: '2029-01-05' });
  });

  it('refuses an already prescribed claim (422 claim_prescribed_at_intake, naming it) and writes nothing', async () => {
    const ref = uniqueRef('OLD');
    const body = caseBody({
      debtor: { type: 'person', name: uniqueRef('Ancien') },
      claims: [
        { ref, dueDate: '2024-06-30', amountCents: 120_00 },
        { ref: uniqueRef('NEW'), dueDate: '2026-06-30', amountCents: 80_00 },
      ],
    });
    const refused = await postCase(t, companyUser, body);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'claim_prescribed_at_intake',
      details: { ref, refs: [ref], claims: [{ ref, nature: 'consumer', prescriptionDate: '2026-06-30' }] },
    });
    expect(refused.json().message).toContain('prescrite');
    expect(await sql('select 1 from claim where invoice_ref = ?', [ref])).toHaveLength(0);
    expect(await sql('select 1 from debtor where display_name = ?', [body.debtor.name])).toHaveLength(0);
    // Its nature decides: rent of the same day is not prescribed yet (3 years).
    (body.claims[0] as { nature?: string }).nature = 'residential_rent';
    const rent = await postCase(t, companyUser, body);
    expect(rent.statusCode, rent.body).toBe(201);
    expect(rent.json().claims[0]).toMatchObject({ invoiceRef: ref, nature: 'residential_rent', natureSource: 'given', prescriptionDate: '2027-06-30', prescribed: false });
  });

  it('accepts it flagged (prescribedAtIntake): stored prescribed, said on the timeline', async () => {
    const ref = uniqueRef('OLD');
    const body = caseBody({ debtor: { type: 'person' }, claims: [{ ref, dueDate: '2024-06-30', amountCents: 120_00, prescribedAtIntake: true }] });
    const response = await postCase(t, companyUser, body);
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail.claims[0]).toMatchObject({ nature: 'consumer', prescriptionDate: '2026-06-30', prescribed: true, prescribedAtIntake: true });
    expect(detail.activities[0].text).toContain(`déjà prescrite(s) à la réception, signalée(s) et jamais réclamée(s) : ${ref}`);
    // The flag on a claim that is not prescribed changes nothing.
    const fresh = caseBody({ debtor: { type: 'person' }, claims: [{ dueDate: '2026-06-30', amountCents: 10_00, prescribedAtIntake: true }] });
    expect((await postCase(t, companyUser, fresh)).json().claims[0]).toMatchObject({ prescribed: false, prescribedAtIntake: false });
  });
});

describe('PATCH /cases/{id}/claims/{claimId}: staff correct the nature', () => {
  it('stores it as given, recomputes the date from every fact, and writes the audit trail and the timeline', async () => {
    const body = caseBody({ debtor: { type: 'person' }, claims: [{ dueDate: '2025-05-01', amountCents: 900_00 }] });
    const created = (await postCase(t, companyUser, body)).json();
    const claim = created.claims[0] as ClaimJson;
    expect(claim).toMatchObject({ nature: 'consumer', natureSource: 'inferred', prescriptionDate: '2027-05-01' });
    // A payment on the claim acknowledges it (C. civ. 2240): the period restarts from that day, and the
    // payment door refreshes the stored date at once (2026-03-01 + 2 years for a consumer claim).
    expect((await postPayment(t, agent, created.id, { date: '2026-03-01', amountCents: 100_00, claimRef: claim.invoiceRef })).statusCode).toBe(201);

    const changed = await patchClaim(created.id, claim.id, { nature: 'residential_rent' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: claim.id, nature: 'residential_rent', natureSource: 'given', prescriptionDate: '2029-03-01', prescribed: false });
    expect((await caseDetail(created.id)).claims[0]).toMatchObject({ nature: 'residential_rent', natureSource: 'given', prescriptionDate: '2029-03-01' });

    const [audit] = await sql<{ action: string; actor_id: string; entity_id: string; details: Record<string, unknown>; case_id: string; creditor_id: string }>(
      `select action, actor_id, entity_id, details, case_id, creditor_id from audit_event where action = 'claim_nature_changed' and entity_id = ?`,
      [claim.id],
    );
    expect(audit).toMatchObject({
      entity_id: claim.id,
      case_id: created.id,
      creditor_id: company.id,
      details: {
        invoiceRef: claim.invoiceRef,
        before: { nature: 'consumer', natureSource: 'inferred', prescriptionDate: '2028-03-01' },
        after: { nature: 'residential_rent', natureSource: 'given', prescriptionDate: '2029-03-01' },
      },
    });
    const [entry] = await sql<{ text: string; author: string }>(
      `select a.text, u.name as author from activity a join app_user u on u.id = a.author_id where a.case_id = ? and a.text like 'Nature de la créance%'`,
      [created.id],
    );
    expect(entry?.text).toBe(
      `Nature de la créance ${claim.invoiceRef} : consommation → loyer d’habitation. Prescription au 01/03/2029 (3 ans, Loi 89-462 du 6 juillet 1989, art. 7-1).`,
    );
    expect(entry?.author).toBe('Test agent');

    // The same nature again changes nothing and records nothing.
    expect((await patchClaim(created.id, claim.id, { nature: 'residential_rent' })).statusCode).toBe(200);
    expect(await sql(`select 1 from audit_event where action = 'claim_nature_changed' and entity_id = ?`, [claim.id])).toHaveLength(1);
  });

  it('creditor users read the nature but may not change it (403); a claim of another case is 404; a bad nature is 400', async () => {
    const created = (await postCase(t, companyUser, caseBody({ debtor: { type: 'person' }, claims: [{ dueDate: '2026-01-31', amountCents: 50_00 }] }))).json();
    const other = (await postCase(t, companyUser, caseBody({ debtor: { type: 'person' }, claims: [{ dueDate: '2026-01-31', amountCents: 50_00 }] }))).json();
    const claimId = created.claims[0].id;
    expect((await caseDetail(created.id, companyUser)).claims[0]).toMatchObject({ nature: 'consumer', natureSource: 'inferred' });
    const refused = await patchClaim(created.id, claimId, { nature: 'civil' }, companyUser);
    expect(refused.statusCode).toBe(403);
    expect((await patchClaim(other.id, claimId, { nature: 'civil' }, manager)).statusCode).toBe(404);
    expect((await patchClaim(created.id, claimId, { nature: 'loyer' }, manager)).statusCode).toBe(400);
    expect((await caseDetail(created.id)).claims[0].nature).toBe('consumer');
  });
});

describe('imports: the nature column, its synonyms, and prescribed claims', () => {
  it('recognises the nature and "prescrite" columns under their French names', () => {
    expect(suggestMapping(['Facture', 'Échéance', 'Montant', 'Nom', 'Nature de la créance', 'Prescrite']).mapping).toMatchObject({
      nature: 'Nature de la créance',
      prescribedAtIntake: 'Prescrite',
    });
    expect(suggestMapping(['Facture', 'Échéance', 'Montant', 'Nom', 'Type de créance']).mapping.nature).toBe('Type de créance');
    expect(suggestMapping(['Facture', 'Échéance', 'Montant', 'Nom', 'Nature']).mapping).toMatchObject({ nature: 'Nature' });
    expect(suggestMapping(['Facture', 'Échéance', 'Montant', 'Nom', 'Nature']).mapping.debtorType).toBeUndefined();
    // "Type" alone stays the debtor's type (particulier / société), as before natures existed.
    const typed = suggestMapping(['Facture', 'Échéance', 'Montant', 'Nom', 'Type', 'Type de créance']).mapping;
    expect(typed).toMatchObject({ debtorType: 'Type', nature: 'Type de créance' });
  });

  async function importNow(content: Buffer) {
    const form = multipart({}, { name: 'natures.csv', type: 'text/csv', content });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(companyUser), ...form.headers }, payload: form.payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  const header = 'Facture;Échéance;Montant;Nom;Nature de la créance;Prescrite';
  const lines = [
    'NAT-1;05/01/2024;650,00;Paul Locataire;Loyer;',
    'NAT-2;31/10/2025;99,00;Anne Cliente;;',
    'NAT-3;31/10/2025;99,00;Jean Assuré;Assurance vie;',
    'NAT-4;10/01/2024;1 500,00;Emma Emprunteuse;Crédit à la consommation;',
    'NAT-5;10/01/2024;1 500,00;Hugo Emprunteur;crédit conso;oui',
    'NAT-6;10/01/2024;1 500,00;Léa Indécise;civile;peut-être',
    'NAT-7;15/01/2026;45,00;Marc Abonné;Téléphonie;non',
  ];

  it('stores each claim with its nature, source and date; an unknown nature or a prescribed claim is reported on its line, the good rows go in', async () => {
    const done = await importNow(claimsCsv(lines, header));
    expect(done).toMatchObject({ status: 'completed', counts: { rows: 7, created: 4, updated: 0, unchanged: 0, rejected: 3 }, casesCreated: 4 });
    expect(done.rejections.map((r: { line: number; column: string; reason: string }) => [r.line, r.column, r.reason])).toEqual([
      [4, 'Nature de la créance', 'invalid_nature'],
      [5, 'Échéance', 'prescribed_at_intake'],
      [7, 'Prescrite', 'invalid_prescribed_flag'],
    ]);
    expect(done.rejections[1].message).toContain('prescrite');
    const claims = await sql<{ invoice_ref: string; nature: string; nature_source: string; prescription_date: string; prescribed_at_intake: boolean }>(
      `select invoice_ref, nature, nature_source, prescription_date::text, prescribed_at_intake from claim where creditor_id = ? and invoice_ref like 'NAT-%' order by 1`,
      [company.id],
    );
    expect(claims).toEqual([
      { invoice_ref: 'NAT-1', nature: 'residential_rent', nature_source: 'given', prescription_date: '2027-01-05', prescribed_at_intake: false },
      { invoice_ref: 'NAT-2', nature: 'consumer', nature_source: 'inferred', prescription_date: '2027-10-31', prescribed_at_intake: false },
      { invoice_ref: 'NAT-5', nature: 'consumer_credit', nature_source: 'given', prescription_date: '2026-01-10', prescribed_at_intake: true },
      { invoice_ref: 'NAT-7', nature: 'telecom', nature_source: 'given', prescription_date: '2027-01-15', prescribed_at_intake: false },
    ]);
    const [entry] = await sql<{ text: string }>(
      `select a.text from activity a join claim c on c.case_id = a.case_id where c.invoice_ref = 'NAT-5' and c.creditor_id = ? and a.text like '%prescrite%'`,
      [company.id],
    );
    expect(entry?.text).toContain('NAT-5');
  });

  it('a re-sent file: a known claim is not "at intake" and a stated nature updates it; a new prescribed claim is still refused', async () => {
    const again = [...lines];
    again[1] = 'NAT-2;31/10/2025;99,00;Anne Cliente;Téléphonie;';
    const done = await importNow(claimsCsv(again, header));
    expect(done.counts).toEqual({ rows: 7, created: 0, updated: 1, unchanged: 3, rejected: 3 });
    const [updated] = await sql<{ nature: string; nature_source: string; prescription_date: string }>(
      `select nature, nature_source, prescription_date::text from claim where creditor_id = ? and invoice_ref = 'NAT-2'`,
      [company.id],
    );
    // Telecom: 1 year from the due date, so prescribed since 31/10/2026.
    expect(updated).toEqual({ nature: 'telecom', nature_source: 'given', prescription_date: '2026-10-31' });
    // NAT-5 is known now: without its flag it is updated or unchanged, never refused as a new claim.
    const withoutFlag = await importNow(claimsCsv(['NAT-5;10/01/2024;1 500,00;Hugo Emprunteur;crédit conso;'], header));
    expect(withoutFlag.counts).toEqual({ rows: 1, created: 0, updated: 0, unchanged: 1, rejected: 0 });
  });
});
