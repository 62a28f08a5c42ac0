import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 19, "Work from the portal, and exports": the case list's filters for creditor users, and
// the CSV/XLSX exports of cases and payments (features/exports), isolated per creditor.

let t: TestApp;
let creditorToken: string;
let viewerToken: string;
let otherToken: string;
let staffToken: string;
let creditor: { id: string; legalName: string };
let other: { id: string; legalName: string };
type Made = { id: string; reference: string };
const cases = {} as { small: Made; big: Made; evil: Made; foreign: Made };

const EVIL = '=HYPERLINK("http://evil.test";"Payer ici")';

async function setOpenedOn(id: string, day: string) {
  await t.orm.em.fork().execute('update collection_case set opened_on = ?::date where id = ?', [day, id]);
}

beforeAll(async () => {
  t = await createTestApp();
  creditor = await makeCreditor(t);
  other = await makeCreditor(t);
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  viewerToken = await login(t, await makeUser(t, 'creditor', creditor.id, { creditorRole: 'viewer' }));
  otherToken = await login(t, await makeUser(t, 'creditor', other.id));
  staffToken = await login(t, await makeUser(t, 'manager'));
  // Test clock: 2026-11-23. Small company case placed 10 days ago; a big consumer case 200 days ago, disputed;
  // a mid consumer case 60 days ago whose debtor's name is a formula; another creditor's case.
  cases.small = await makeCase(t, creditor.id, [{ amountCents: 30_000 }], { kind: 'company', name: 'Petite SARL' });
  cases.big = await makeCase(t, creditor.id, [{ amountCents: 1_500_000 }], { kind: 'person', name: 'Grand Débiteur' });
  cases.evil = await makeCase(t, creditor.id, [{ amountCents: 80_000 }], { kind: 'person', name: EVIL });
  cases.foreign = await makeCase(t, other.id, [{ amountCents: 30_000 }], { kind: 'company', name: 'Autre Client SA' });
  await setOpenedOn(cases.small.id, '2026-11-13');
  await setOpenedOn(cases.big.id, '2026-05-07');
  await setOpenedOn(cases.evil.id, '2026-09-24');
  await setOpenedOn(cases.foreign.id, '2026-11-13');
  await t.orm.em.fork().execute(
    `insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Montant contesté', now(), 'amicable')`,
    [cases.big.id, creditor.id],
  );
});
afterAll(async () => t?.close());

async function listed(token: string, query: string): Promise<string[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((item: { debtorName: string }) => item.debtorName).sort();
}

describe('the case list filters', () => {
  it('filter by debtor kind, open dispute, age since placement and amount placed, combined', async () => {
    expect(await listed(creditorToken, 'debtorKind=company')).toEqual(['Petite SARL']);
    expect(await listed(creditorToken, 'debtorKind=person')).toEqual([EVIL, 'Grand Débiteur'].sort());
    expect(await listed(creditorToken, 'disputed=true')).toEqual(['Grand Débiteur']);
    expect(await listed(creditorToken, 'disputed=false')).toEqual([EVIL, 'Petite SARL'].sort());
    expect(await listed(creditorToken, 'maxAgeDays=30')).toEqual(['Petite SARL']);
    expect(await listed(creditorToken, 'minAgeDays=31&maxAgeDays=90')).toEqual([EVIL]);
    expect(await listed(creditorToken, 'minAgeDays=181')).toEqual(['Grand Débiteur']);
    expect(await listed(creditorToken, 'minAmountCents=50000&maxAmountCents=199999')).toEqual([EVIL]);
    expect(await listed(creditorToken, 'minAmountCents=1000000')).toEqual(['Grand Débiteur']);
    expect(await listed(creditorToken, 'debtorKind=person&disputed=false&maxAmountCents=100000')).toEqual([EVIL]);
  });

  it("never show another creditor's cases, whatever creditorId a creditor user sends", async () => {
    expect(await listed(creditorToken, `creditorId=${other.id}&debtorKind=company`)).toEqual(['Petite SARL']);
    expect(await listed(otherToken, '')).toEqual(['Autre Client SA']);
  });

  it('refuse bounds that are not whole non-negative numbers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/cases?minAgeDays=-1', headers: bearer(creditorToken) });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBeDefined();
  });
});

function csvRows(body: string): string[][] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body.replace(/^\uFEFF/, ''), { delimiter: ';', relax_quotes: true });
}

describe('the exports', () => {
  it('write the filtered cases of the caller only, as CSV, with formula cells neutralised', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/exports/cases.csv?creditorId=${other.id}`, headers: bearer(creditorToken) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="dossiers.csv"');
    const rows = csvRows(response.body);
    expect(rows[0]?.slice(0, 3)).toEqual(['Référence', 'Créancier', 'Débiteur']);
    const body = rows.slice(1);
    expect(body.map((row) => row[2]).sort()).toEqual([`'${EVIL}`, 'Grand Débiteur', 'Petite SARL'].sort());
    expect(response.body).not.toContain('Autre Client SA');
    expect(response.body).not.toContain(other.legalName);
    // No cell starts with a formula character; amounts in euros with a decimal comma.
    for (const row of body) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+@\t\r]/);
    const big = body.find((row) => row[2] === 'Grand Débiteur');
    expect(big?.slice(3, 14)).toEqual(['person', 'new', '', '2026-05-07', '200', '2026-07-01', '1', '15000,00', '0,00', '15000,00', 'oui']);
  });

  it('take the period (placement day) and the filters; another creditor gets only its own', async () => {
    const period = await t.app.inject({ method: 'GET', url: '/api/v1/exports/cases.csv?from=2026-09-01&to=2026-10-31', headers: bearer(creditorToken) });
    expect(csvRows(period.body).slice(1).map((row) => row[2])).toEqual([`'${EVIL}`]);
    const filtered = await t.app.inject({ method: 'GET', url: '/api/v1/exports/cases.csv?debtorKind=company', headers: bearer(viewerToken) });
    expect(filtered.statusCode).toBe(200);
    expect(csvRows(filtered.body).slice(1).map((row) => row[2])).toEqual(['Petite SARL']);
    const foreign = await t.app.inject({ method: 'GET', url: '/api/v1/exports/cases.csv', headers: bearer(otherToken) });
    expect(csvRows(foreign.body).slice(1).map((row) => row[2])).toEqual(['Autre Client SA']);
    const staff = await t.app.inject({ method: 'GET', url: `/api/v1/exports/cases.csv?creditorId=${other.id}`, headers: bearer(staffToken) });
    expect(csvRows(staff.body).slice(1).map((row) => row[2])).toEqual(['Autre Client SA']);
  });

  it('answer 400 export_period_invalid for a period the wrong way round, and 403 for the vulnerable flag from a creditor', async () => {
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/exports/payments.xlsx?from=2026-11-02&to=2026-11-01', headers: bearer(creditorToken) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'export_period_invalid', details: { from: '2026-11-02', to: '2026-11-01' } });
    const flag = await t.app.inject({ method: 'GET', url: '/api/v1/exports/cases.csv?flag=vulnerable', headers: bearer(creditorToken) });
    expect(flag.statusCode).toBe(403);
    const format = await t.app.inject({ method: 'GET', url: '/api/v1/exports/cases.pdf', headers: bearer(creditorToken) });
    expect(format.statusCode).toBe(400);
  });

  it('write the payments of the period as XLSX, amounts as numbers and text as text', async () => {
    for (const [caseId, date, amountCents] of [
      [cases.evil.id, '2026-11-02', 12_345],
      [cases.small.id, '2026-10-15', 5_000],
    ] as const) {
      const paid = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/direct-payments`,
        headers: bearer(creditorToken),
        payload: { date, amountCents },
      });
      expect(paid.statusCode, paid.body).toBe(201);
    }
    const foreignPaid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${cases.foreign.id}/direct-payments`,
      headers: bearer(otherToken),
      payload: { date: '2026-11-03', amountCents: 7_000 },
    });
    expect(foreignPaid.statusCode).toBe(201);

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/exports/payments.xlsx?from=2026-11-01', headers: bearer(creditorToken) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Paiements');
    const values = (sheet?.getSheetValues() ?? []).filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([
      ['Reçu le', 'Montant (€)', 'Devise', 'Moyen', 'Facture désignée', 'Dossier', 'Créancier', 'Débiteur'],
      ['2026-11-02', 123.45, 'EUR', 'direct_to_creditor', undefined, cases.evil.reference, creditor.legalName, EVIL],
    ]);
    // The formula-looking name is a string cell, never a formula.
    expect(sheet?.getRow(2).getCell(8).type).toBe(ExcelJS.ValueType.String);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/exports/payments.csv', headers: { ...bearer(creditorToken), 'accept-language': 'en' } });
    const rows = csvRows(csv.body);
    expect(rows[0]?.[0]).toBe('Received on');
    // In the order they were recorded (the keyset is the id, time-ordered).
    expect(rows.slice(1).map((row) => [row[0], row[1], row[7]])).toEqual([
      ['2026-11-02', '123.45', `'${EVIL}`],
      ['2026-10-15', '50.00', 'Petite SARL'],
    ]);
  });
});

describe("the case as the creditor's users get it", () => {
  it("leaves out an agent's internal notes (the default) and shows the notes shared with the creditor", async () => {
    const agentToken = await login(t, await makeUser(t, 'agent'));
    const note = async (text: string, extra: Record<string, unknown> = {}) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${cases.small.id}/activities`,
        headers: bearer(agentToken),
        payload: { kind: 'note', text, ...extra },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    expect((await note('Le gérant semble en difficulté, à surveiller.')).staffOnly).toBe(true);
    expect((await note('Relance téléphonique prévue la semaine prochaine.', { sharedWithCreditor: true })).staffOnly).toBeUndefined();
    const call = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${cases.small.id}/activities`,
      headers: bearer(agentToken),
      payload: { kind: 'call', text: 'x', callOutcome: 'no_answer', sharedWithCreditor: true },
    });
    expect(call.statusCode).toBe(400);

    const asCreditor = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${cases.small.id}`, headers: bearer(creditorToken) });
    const texts = asCreditor.json().activities.map((entry: { text: string }) => entry.text);
    expect(texts).toContain('Relance téléphonique prévue la semaine prochaine.');
    expect(asCreditor.body).not.toContain('en difficulté');
    expect(asCreditor.body).not.toContain('staffOnly');
    expect(asCreditor.json().vulnerable).toBeNull();

    const asStaff = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${cases.small.id}`, headers: bearer(staffToken) });
    const internal = asStaff.json().activities.find((entry: { text: string }) => entry.text.includes('en difficulté'));
    expect(internal?.staffOnly).toBe(true);
  });

  it('lets an uploader recall a case and refuses a viewer any write (recall, direct payment)', async () => {
    const extra = await makeCase(t, creditor.id, [{ amountCents: 20_000 }], { kind: 'company', name: 'Retiré SAS' });
    for (const [url, payload] of [
      [`/api/v1/cases/${extra.id}/recall`, { reason: 'Accord direct' }],
      [`/api/v1/cases/${extra.id}/direct-payments`, { date: '2026-11-20', amountCents: 1_000 }],
    ] as const) {
      const refused = await t.app.inject({ method: 'POST', url, headers: bearer(viewerToken), payload });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().message).toBeTruthy();
    }
    const recalled = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${extra.id}/recall`, headers: bearer(creditorToken), payload: { reason: 'Accord direct' } });
    expect(recalled.statusCode, recalled.body).toBe(200);
    expect(recalled.json()).toMatchObject({ status: 'closed', closedOutcome: 'returned_to_creditor' });
    const foreign = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${extra.id}/recall`, headers: bearer(otherToken), payload: { reason: 'x' } });
    expect(foreign.statusCode).toBe(404);
  });
});
