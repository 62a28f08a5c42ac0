import { reminderSms } from '@relance/templates/sms';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { refreshPrescriptionDates } from '../src/features/cases/prescription.ts';
import { loadLetterBase } from '../src/features/messages/letter-props.ts';
import { createPortalLink } from '../src/features/portal/service.ts';
import { emExec } from '../src/plugins/sql.ts';
import { taskList } from '../src/worker/runner.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 15, "a prescribed claim is never demanded": the staff décompte lists a prescribed claim
 * apart with the demandable and prescribed totals; the debtor's page, letters, SMS and plans
 * count only the live claims; a case whose every claim is prescribed is proposed to a manager
 * for closure; claims prescribing within 90 days are listed with the action that would
 * interrupt them; a payment moves the date of the claims it was allocated to only; the daily
 * task keeps the stored dates. Today (the test clock) is 23 November 2026.
 */

let t: TestApp;
let agent: string;
let manager: string;
let company: { id: string };
let landlord: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  company = await makeCreditor(t, { kind: 'company' });
  landlord = await makeCreditor(t, { kind: 'private_individual' });
  agent = await login(t, await makeUser(t, 'agent'));
  manager = await login(t, await makeUser(t, 'manager'));
  await t.orm.em.fork().execute(`update agency set client_funds_bic = 'AGRIFRPP'`);
});
afterAll(async () => t.close());

const get = async (url: string, token?: string) => await t.app.inject({ method: 'GET', url, ...(token ? { headers: bearer(token) } : {}) });
const post = async (url: string, token: string | null, payload: object = {}) =>
  await t.app.inject({ method: 'POST', url, payload, ...(token ? { headers: bearer(token) } : {}) });
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => await t.orm.em.fork().execute<T[]>(text, params);

async function statementOf(caseId: string) {
  const response = await get(`/api/v1/cases/${caseId}/statement`, agent);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
/** The debtor's page through a link printed in an earlier letter (the gate may refuse a new link on such a case). */
async function portalOf(caseId: string) {
  const ctx = { em: t.orm.em.fork(), clock: t.clock, config: t.config, secrets: t.secrets, locale: 'fr' as const };
  const { token } = await createPortalLink(ctx, caseId, null, { keepPrevious: true });
  const { cookie } = await verifiedPortal(t, token);
  const page = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}`, headers: { cookie } });
  expect(page.statusCode, page.body).toBe(200);
  return { token, page: page.json() };
}
const storedDates = async (caseId: string) =>
  Object.fromEntries(
    (await sql<{ invoice_ref: string; d: string }>('select invoice_ref, prescription_date::text as d from claim where case_id = ?', [caseId])).map((row) => [
      row.invoice_ref,
      row.d,
    ]),
  );
async function runDailyRefresh() {
  await sql(`select graphile_worker.add_job('cases__refresh_prescriptions', '{}'::json)`);
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock, orm: t.orm }), logger: silentWorkerLogger });
}

describe('a consumer claim due more than two years ago (C. conso. L218-2), no interruption', () => {
  it('is marked prescribed in the statement; nothing is demandable; the portal shows nothing to pay; a manager is proposed to close', async () => {
    const found = await makeCase(t, company.id, [{ ref: 'OLD-1', amountCents: 500_00, dueDate: '2024-06-30' }]);
    const statement = await statementOf(found.id);
    expect(statement.totals.balanceCents).toBe(500_00);
    expect(statement.standing).toMatchObject({ demandableCents: 0, prescribedCents: 500_00 });
    expect(statement.standing.claims).toEqual([
      expect.objectContaining({ claimRef: 'OLD-1', prescribed: true, prescriptionDate: '2026-06-30', basis: 'C. conso. L218-2', nature: 'consumer', owedCents: 500_00 }),
    ]);
    const detail = (await get(`/api/v1/cases/${found.id}`, agent)).json();
    expect(detail).toMatchObject({ outstandingCents: 500_00, demandableCents: 0, prescribedCents: 500_00 });
    expect(detail.prescription).toMatchObject({ prescribed: true, prescribedClaims: 1, date: '2026-06-30', claims: [{ claimRef: 'OLD-1', prescribed: true }] });

    const { token, page } = await portalOf(found.id);
    expect(page).toMatchObject({ balanceCents: 0, principalCents: 0, claims: [], payments: [] });
    const checkout = await post(`/api/v1/portal/${token}/checkout`, null);
    expect(checkout.statusCode).toBe(409);
    expect(checkout.json().code).toBe('nothing_to_pay');
    const plan = await post(`/api/v1/cases/${found.id}/plans/preview`, agent, { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' });
    expect(plan.statusCode).toBe(409);
    expect(plan.json().code).toBe('nothing_to_pay');

    expect((await get('/api/v1/prescription/closure-proposals', agent)).statusCode).toBe(403);
    const proposals = (await get('/api/v1/prescription/closure-proposals?limit=200', manager)).json();
    const proposal = proposals.items.find((item: { caseId: string }) => item.caseId === found.id);
    expect(proposal).toMatchObject({
      reference: found.reference,
      prescribedSince: '2026-07-01',
      prescribedCents: 500_00,
      paidCents: 0,
      suggestedOutcome: 'irrecoverable',
      claims: [{ claimRef: 'OLD-1', basis: 'C. conso. L218-2', prescriptionDate: '2026-06-30', owedCents: 500_00 }],
    });
    expect(proposal.suggestedReason).toMatch(/^Prescription acquise : OLD-1 \(C\. conso\. L218-2, dernier jour 2026-06-30\)/);

    // Closing goes through the ordinary status change, with the outcome and reason proposed.
    const closed = await post(`/api/v1/cases/${found.id}/status`, manager, { status: 'closed', outcome: proposal.suggestedOutcome, reason: proposal.suggestedReason });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = (await get('/api/v1/prescription/closure-proposals?limit=200', manager)).json();
    expect(after.items.some((item: { caseId: string }) => item.caseId === found.id)).toBe(false);
  });
});

describe('closure proposals', () => {
  it('a case of several prescribed claims is prescribed since the day after the last of them; what was paid stays paid', async () => {
    const found = await makeCase(t, company.id, [
      { ref: 'TWO-A', amountCents: 100_00, dueDate: '2024-03-31' },
      { ref: 'TWO-B', amountCents: 200_00, dueDate: '2024-05-31' },
    ]);
    // Paid on 10 April 2024 (to TWO-A, the oldest): its date moves to 10 April 2026, still before TWO-B's 31 May 2026.
    await sql(`insert into payment (case_id, amount_cents, received_on, method) values (?, 40_00, '2024-04-10', 'transfer')`, [found.id]);
    const proposals = (await get('/api/v1/prescription/closure-proposals?limit=200', manager)).json();
    expect(proposals.items.find((item: { caseId: string }) => item.caseId === found.id)).toMatchObject({
      prescribedSince: '2026-06-01',
      prescribedCents: 260_00,
      paidCents: 40_00,
      suggestedOutcome: 'partially_paid',
      claims: [
        { claimRef: 'TWO-A', prescriptionDate: '2026-04-10', owedCents: 60_00 },
        { claimRef: 'TWO-B', prescriptionDate: '2026-05-31', owedCents: 200_00 },
      ],
    });
  });
});

describe('a case with a prescribed claim and a live one', () => {
  it('demands the live claim only: portal, letters, SMS and plans; the staff décompte lists the prescribed claim apart', async () => {
    const found = await makeCase(t, company.id, [
      { ref: 'MIX-OLD', amountCents: 300_00, dueDate: '2024-03-31' },
      { ref: 'MIX-NEW', amountCents: 400_00, dueDate: '2026-06-30' },
    ]);
    const statement = await statementOf(found.id);
    expect(statement.totals.balanceCents).toBe(700_00);
    expect(statement.lines.filter((line: { kind: string }) => line.kind === 'principal')).toHaveLength(2);
    expect(statement.standing).toMatchObject({ demandableCents: 400_00, prescribedCents: 300_00 });
    expect(statement.standing.claims.map((claim: { claimRef: string; prescribed: boolean }) => [claim.claimRef, claim.prescribed])).toEqual([
      ['MIX-OLD', true],
      ['MIX-NEW', false],
    ]);

    const { page } = await portalOf(found.id);
    expect(page).toMatchObject({ balanceCents: 400_00, principalCents: 400_00, claims: [{ invoiceRef: 'MIX-NEW', amountCents: 400_00 }] });

    const em = t.orm.em.fork();
    const ctx = { em, clock: t.clock, config: t.config, secrets: t.secrets, locale: 'fr' as const };
    const letter = async (locale: 'fr' | 'en') =>
      await loadLetterBase(ctx, emExec(em), { caseId: found.id, creditorId: company.id, locale, template: 'first_letter', reference: (reference) => `${reference}-T` });
    const base = await letter('fr');
    expect(base.props.statement.totals.balanceCents).toBe(400_00);
    expect(base.props.statement.lines.map((line) => ('claimRef' in line ? line.claimRef : line.kind))).toEqual(['MIX-NEW']);
    // The English SMS fits one GSM-7 segment with the amount (the French one's "dû" is not GSM-7).
    const sms = reminderSms((await letter('en')).props);
    expect(sms).toContain('€400.00');
    expect(sms).not.toContain('700');

    const preview = await post(`/api/v1/cases/${found.id}/plans/preview`, agent, { installments: { count: 4 }, frequency: 'monthly', firstDate: '2026-12-01' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ debtCents: 400_00, totalCents: 400_00 });
    const tooMuch = await post(`/api/v1/cases/${found.id}/plans`, agent, { totalCents: 700_00, installments: { count: 4 }, frequency: 'monthly', firstDate: '2026-12-01' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({ code: 'amount_too_high', details: { demandableCents: 400_00 } });
  });
});

describe('interruptions are per claim (C. civ. 2240)', () => {
  it('a payment moves the date of the claim it was allocated to only, stored at once', async () => {
    const found = await makeCase(t, company.id, [
      { ref: 'PAY-A', amountCents: 200_00, dueDate: '2025-01-31' },
      { ref: 'PAY-B', amountCents: 300_00, dueDate: '2025-03-31' },
    ]);
    expect(await storedDates(found.id)).toEqual({ 'PAY-A': '2027-01-31', 'PAY-B': '2027-03-31' });
    const paid = await post(`/api/v1/cases/${found.id}/payments`, agent, { date: '2026-11-20', amountCents: 100_00, method: 'transfer', claimRef: 'PAY-B' });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(await storedDates(found.id)).toEqual({ 'PAY-A': '2027-01-31', 'PAY-B': '2028-11-20' });
    const detail = (await get(`/api/v1/cases/${found.id}`, agent)).json();
    expect(detail.prescription.claims.map((claim: { claimRef: string; date: string; movedBy: unknown[] }) => [claim.claimRef, claim.date, claim.movedBy.length])).toEqual([
      ['PAY-A', '2027-01-31', 0],
      ['PAY-B', '2028-11-20', 1],
    ]);
    // An undesignated payment goes to the oldest claim (C. civ. 1342-10) and moves that one.
    expect((await post(`/api/v1/cases/${found.id}/payments`, agent, { date: '2026-11-21', amountCents: 50_00, method: 'cheque' })).statusCode).toBe(201);
    expect(await storedDates(found.id)).toEqual({ 'PAY-A': '2028-11-21', 'PAY-B': '2028-11-20' });
  });

  it('the daily task catches up with a payment written by another path (a raw insert, as the demo seed does)', async () => {
    const found = await makeCase(t, company.id, [
      { ref: 'RAW-A', amountCents: 200_00, dueDate: '2025-01-31' },
      { ref: 'RAW-B', amountCents: 300_00, dueDate: '2025-03-31' },
    ]);
    await sql(`insert into payment (case_id, amount_cents, received_on, method, claim_ref) values (?, 100_00, '2026-10-01', 'transfer', 'RAW-B')`, [found.id]);
    expect(await storedDates(found.id)).toEqual({ 'RAW-A': '2027-01-31', 'RAW-B': '2027-03-31' });
    await runDailyRefresh();
    expect(await storedDates(found.id)).toEqual({ 'RAW-A': '2027-01-31', 'RAW-B': '2028-10-01' });
  });

  it("the debtor's written acceptance of a plan (an acknowledgment) moves every claim's stored date; an oral one does not", async () => {
    const found = await makeCase(t, company.id, [{ ref: 'PLAN-A', amountCents: 600_00, dueDate: '2025-05-31' }]);
    const plan = await post(`/api/v1/cases/${found.id}/plans`, agent, { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' });
    expect(plan.statusCode, plan.body).toBe(201);
    expect((await post(`/api/v1/plans/${plan.json().id}/accept-orally`, agent, { note: 'Accord au téléphone' })).statusCode).toBe(200);
    expect(await storedDates(found.id)).toEqual({ 'PLAN-A': '2027-05-31' });
    const written = await post(`/api/v1/plans/${plan.json().id}/written-acceptance`, agent, { receivedOn: '2026-11-23', note: 'Accord signé reçu par courrier' });
    expect(written.statusCode, written.body).toBeLessThan(300);
    expect(await storedDates(found.id)).toEqual({ 'PLAN-A': '2028-11-23' });
  });
});

describe('residential rent (loi 89-462, art. 7-1) and the managers lists', () => {
  it('prescribes after 3 years; one prescribing within 90 days is listed with the actions that would interrupt it', async () => {
    const found = await makeCase(t, landlord.id, [
      { ref: 'LOYER-2023-10', amountCents: 650_00, dueDate: '2023-10-31' },
      { ref: 'LOYER-2024-01', amountCents: 650_00, dueDate: '2024-01-31' },
    ]);
    // Inferred civil (5 years) at intake; the creditor states the nature (another door): set here directly.
    await sql(`update claim set nature = 'residential_rent', nature_source = 'given' where case_id = ?`, [found.id]);
    const statement = await statementOf(found.id);
    expect(
      statement.standing.claims.map((claim: { claimRef: string; prescribed: boolean; prescriptionDate: string; basis: string }) => [
        claim.claimRef,
        claim.prescribed,
        claim.prescriptionDate,
        claim.basis,
      ]),
    ).toEqual([
      ['LOYER-2023-10', true, '2026-10-31', 'Loi 89-462 du 6 juillet 1989, art. 7-1'],
      ['LOYER-2024-01', false, '2027-01-31', 'Loi 89-462 du 6 juillet 1989, art. 7-1'],
    ]);
    expect(statement.standing).toMatchObject({ demandableCents: 650_00, prescribedCents: 650_00 });

    // The stored dates (read by the dunning run and the queue) follow the refresh the nature's door calls.
    expect(await refreshPrescriptionDates({ em: t.orm.em.fork(), clock: t.clock }, [found.id])).toBe(2);
    expect(await storedDates(found.id)).toEqual({ 'LOYER-2023-10': '2026-10-31', 'LOYER-2024-01': '2027-01-31' });

    expect((await get('/api/v1/prescription/imminent', agent)).statusCode).toBe(403);
    const imminent = (await get('/api/v1/prescription/imminent?limit=200', manager)).json();
    const mine = imminent.items.filter((item: { caseId: string }) => item.caseId === found.id);
    expect(mine).toEqual([
      expect.objectContaining({
        claimRef: 'LOYER-2024-01',
        nature: 'residential_rent',
        forclusion: false,
        prescriptionDate: '2027-01-31',
        daysLeft: 69,
        owedCents: 650_00,
        actions: [
          { action: 'obtain_payment', article: 'C. civ. 2240' },
          { action: 'obtain_acknowledgment', article: 'C. civ. 2240' },
          { action: 'injonction_de_payer', article: 'C. civ. 2241' },
        ],
      }),
    ]);
    // One claim still alive: not proposed for closure.
    const proposals = (await get('/api/v1/prescription/closure-proposals?limit=200', manager)).json();
    expect(proposals.items.some((item: { caseId: string }) => item.caseId === found.id)).toBe(false);
  });

  it('a consumer credit (a forclusion, C. conso. R312-35) is kept only by a court claim', async () => {
    const found = await makeCase(t, company.id, [{ ref: 'CREDIT-1', amountCents: 2_000_00, dueDate: '2025-01-15' }]);
    await sql(`update claim set nature = 'consumer_credit', nature_source = 'given' where case_id = ?`, [found.id]);
    const imminent = (await get('/api/v1/prescription/imminent?limit=200', manager)).json();
    expect(imminent.items.find((item: { caseId: string }) => item.caseId === found.id)).toMatchObject({
      forclusion: true,
      daysLeft: 53,
      actions: [{ action: 'court_claim', article: 'C. conso. R312-35, C. civ. 2241' }],
    });
  });
});
