import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { runDailyRemittances } from '../src/features/money/held-funds.ts';
import { type CreditTransfer, pain001Xml } from '../src/features/money/pain001.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Commission and remittance (issue 17, CPCE R124-3, R124-6): a run per creditor produces its
 * statement, its commission invoice and one pain.001 that validates against the SEPA schema; the
 * commission follows the mandate (percent, tiers, fixed fee once per case, direct payments, VAT
 * once on the total, net or gross basis); the books stay balanced and the client account whole
 * after the run and after it is sent; a run is sent once; a creditor sees only its own documents.
 */
const XSD = readFileSync(new URL('./fixtures/pain.001.001.09.xsd', import.meta.url), 'utf8');

let t: TestApp;
let agentToken: string;
let accountantToken: string;
let managerToken: string;
let netCreditor: { id: string; legalName: string };
let grossCreditor: { id: string; legalName: string };
let netUserToken: string;

async function validatePain001(xml: string) {
  return await validateXML({ xml: [{ fileName: 'pain001.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: XSD }] });
}

async function configure(creditorId: string, body: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/creditors/${creditorId}`, headers: bearer(managerToken), payload: body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function pay(caseId: string, amountCents: number, date = '2026-11-02') {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/payments`, headers: bearer(agentToken), payload: { amountCents, date, method: 'transfer' } });
  expect(response.statusCode, response.body).toBe(201);
}

async function createRun(body: Record<string, unknown>, token = accountantToken) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/remittances/runs', headers: bearer(token), payload: body });
}

async function download(url: string, token = accountantToken) {
  return await t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

async function trialBalance() {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: bearer(accountantToken) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

function expectBooksWhole(balance: { totalDebitCents: number; totalCreditCents: number; clientFunds: { differenceCents: number }; creditors: { payableCents: number }[] }) {
  expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
  expect(balance.clientFunds.differenceCents).toBe(0);
  for (const creditor of balance.creditors) expect(creditor.payableCents).toBeGreaterThanOrEqual(0);
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T10:00:00Z');
  agentToken = await login(t, await makeUser(t, 'agent'));
  accountantToken = await login(t, await makeUser(t, 'accountant'));
  managerToken = await login(t, await makeUser(t, 'manager'));
  netCreditor = await makeCreditor(t, { legalName: 'Créancier Net SAS' });
  grossCreditor = await makeCreditor(t, { legalName: 'Créancier Brut SARL' });
  netUserToken = await login(t, await makeUser(t, 'creditor', netCreditor.id));
  await configure(netCreditor.id, {
    commission: { percentBasisPoints: 1000, fixedFeeCents: 2500 },
    remittance: { basis: 'net' },
    remittanceAccount: { iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPPAR' },
    vatNumber: null,
  });
  const gross = await configure(grossCreditor.id, {
    commission: {
      percentBasisPoints: null,
      fixedFeeCents: null,
      tiers: [
        { basis: 'case_age_days', from: 30, percentBasisPoints: 1500 },
        { basis: 'case_age_days', from: 0, percentBasisPoints: 1000 },
      ],
      onDirectPayments: true,
    },
    remittance: { basis: 'gross' },
    remittanceAccount: { iban: 'FR7630001007941234567890185', bic: null },
  });
  expect(gross.commission).toMatchObject({ onDirectPayments: true, tiers: [{ from: 0 }, { from: 30 }] });
});
afterAll(async () => t.close());

describe('a remittance run for one creditor (done when)', () => {
  let runId: string;

  it('produces a run listing a statement PDF, an invoice PDF and a pain.001 that validates against the SEPA schema', async () => {
    const first = await makeCase(t, netCreditor.id, [{ amountCents: 100_000 }]);
    const second = await makeCase(t, netCreditor.id, [{ amountCents: 100_000 }]);
    await pay(first.id, 30_000);
    await pay(first.id, 10_000, '2026-11-20');
    await pay(second.id, 20_000);

    const response = await createRun({ creditorId: netCreditor.id });
    expect(response.statusCode, response.body).toBe(201);
    const run = response.json();
    runId = run.id;
    expect(run.status).toBe('draft');
    expect(run.files.map((file: { kind: string }) => file.kind).sort()).toEqual(['invoice', 'pain001', 'statement']);

    // 10 % of 600 € = 60 €, fixed fee 25 € once per case (two cases) = 50 €: 110 € HT, VAT 22 € on the total, 132 € TTC, deducted (net basis).
    const [remittance] = run.remittances;
    expect(remittance).toMatchObject({ creditorId: netCreditor.id, paymentCount: 3, grossCents: 60_000, commissionTtcCents: 13_200, deductedCents: 13_200, netCents: 46_800, status: 'draft' });
    expect(remittance.invoice).toMatchObject({ htCents: 11_000, vatCents: 2_200, ttcCents: 13_200, settlement: 'deducted', deductedCents: 13_200 });
    expect(remittance.invoice.number).toMatch(/^F-2026-\d{6}$/);
    expect(remittance.deadline).toBe('2026-12-02');
    expect(run.totalCents).toBe(46_800);

    for (const file of run.files) {
      const download_ = await download(file.url);
      expect(download_.statusCode, file.url).toBe(200);
      if (file.kind === 'pain001') {
        expect(download_.headers['content-type']).toMatch(/application\/xml/);
        const validation = await validatePain001(download_.body);
        expect(validation.errors).toEqual([]);
        expect(validation.valid).toBe(true);
        expect(download_.body).toContain(`<EndToEndId>R${remittance.id.replace(/-/g, '')}</EndToEndId>`);
        expect(download_.body).toContain('<InstdAmt Ccy="EUR">468.00</InstdAmt>');
        expect(download_.body).toContain('<IBAN>FR7630006000011234567890189</IBAN>');
      } else {
        expect(download_.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      }
    }
  });

  it('keeps the books balanced and the client account whole after the run; the payable holds what is to be transferred', async () => {
    const balance = await trialBalance();
    expectBooksWhole(balance);
    const mine = balance.creditors.find((row: { creditorId: string }) => row.creditorId === netCreditor.id);
    expect(mine).toMatchObject({ payableCents: 46_800, commissionReceivableCents: 0 });
  });

  it('refuses a second run while the draft is pending (a double click)', async () => {
    const again = await createRun({ creditorId: netCreditor.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'remittance_run_in_progress', details: { runId } });
  });

  it('books the run once when it is sent: the payable goes in transit; twice is refused', async () => {
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/remittances/runs/${runId}/sent`, headers: bearer(accountantToken) });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', remittances: [{ status: 'sent' }] });
    const balance = await trialBalance();
    expectBooksWhole(balance);
    const mine = balance.creditors.find((row: { creditorId: string }) => row.creditorId === netCreditor.id);
    expect(mine).toMatchObject({ payableCents: 0, inTransitCents: 46_800 });
    const events = await t.orm.em.fork().execute<{ type: string }[]>('select type from creditor_event where creditor_id = ?', [netCreditor.id]);
    expect(events.map((event) => event.type)).toContain('remittance.sent');

    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/remittances/runs/${runId}/sent`, headers: bearer(accountantToken) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('remittance_run_already_sent');
    const nothing = await createRun({ creditorId: netCreditor.id });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.json().code).toBe('remittance_nothing_to_remit');
  });

  it('charges the fixed fee once per case: a later payment on a case already charged bears the percentage only', async () => {
    const [charged] = await t.orm.em.fork().execute<{ case_id: string }[]>(
      'select i.case_id from remittance_item i join remittance r on r.id = i.remittance_id where r.creditor_id = ? and i.fixed_fee_cents > 0 limit 1',
      [netCreditor.id],
    );
    await pay(charged?.case_id as string, 5_000, '2026-12-01');
    const response = await createRun({ creditorId: netCreditor.id });
    expect(response.statusCode, response.body).toBe(201);
    // 10 % of 50 € = 5 € HT, 1 € VAT.
    expect(response.json().remittances[0]).toMatchObject({ commissionTtcCents: 600, netCents: 4_400 });
    await t.app.inject({ method: 'POST', url: `/api/v1/remittances/runs/${response.json().id}/sent`, headers: bearer(accountantToken) });
  });
});

describe('gross basis, tiers, direct payments and invoice numbers', () => {
  it('invoices the commission separately on the gross basis, by tier of case age, direct payments included; numbers are consecutive', async () => {
    const older = await makeCase(t, grossCreditor.id, [{ amountCents: 100_000 }]);
    await pay(older.id, 40_000, '2026-11-02'); // case opened 2026-10-01: 32 days old, tier 15 %
    await pay(older.id, 10_000, '2026-10-15'); // 14 days old: tier 10 %
    const direct = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${older.id}/direct-payments`,
      headers: bearer(managerToken),
      payload: { amountCents: 20_000, date: '2026-11-10' },
    });
    expect(direct.statusCode, direct.body).toBe(201);

    const before = await t.app.inject({ method: 'GET', url: '/api/v1/commission-invoices', headers: bearer(accountantToken) });
    const lastNumber = before.json().items[0]?.number as string;

    const response = await createRun({ creditorId: grossCreditor.id });
    expect(response.statusCode, response.body).toBe(201);
    const [remittance] = response.json().remittances;
    // 15 % × 400 € + 10 % × 100 € + 15 % × 200 € (direct, paid to the creditor) = 60 + 10 + 30 = 100 € HT, 120 € TTC, invoiced.
    expect(remittance).toMatchObject({ paymentCount: 3, grossCents: 50_000, commissionTtcCents: 12_000, deductedCents: 0, netCents: 50_000 });
    expect(remittance.invoice).toMatchObject({ htCents: 10_000, vatCents: 2_000, settlement: 'to_pay' });
    const seq = (number: string) => Number(number.split('-')[2]);
    expect(seq(remittance.invoice.number) - seq(lastNumber)).toBe(1);

    const balance = await trialBalance();
    expectBooksWhole(balance);
    expect(balance.creditors.find((row: { creditorId: string }) => row.creditorId === grossCreditor.id)).toMatchObject({ payableCents: 50_000, commissionReceivableCents: 12_000 });

    const pain = await download(`/api/v1/remittances/runs/${response.json().id}/pain001`);
    expect((await validatePain001(pain.body)).valid).toBe(true);
  });

  it('lists every creditor’s held funds against the R124-6 deadline', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/remittances/held', headers: bearer(accountantToken) });
    expect(response.statusCode).toBe(200);
    const gross = response.json().items.find((item: { creditorId: string }) => item.creditorId === grossCreditor.id);
    // Its payments are in a draft remittance already: funds still held, none left to put in a run.
    expect(gross).toMatchObject({ heldCents: 50_000, paymentCount: 0, termsBreachLaw: false });
  });
});

describe('what a creditor sees', () => {
  it('sees its own remittances, statements and invoices, and 404 on another creditor’s', async () => {
    const own = await download('/api/v1/remittances', netUserToken);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.length).toBeGreaterThan(0);
    expect(own.json().items.every((item: { creditorId: string }) => item.creditorId === netCreditor.id)).toBe(true);
    const statement = await download(own.json().items[0].statementUrl, netUserToken);
    expect(statement.statusCode).toBe(200);
    expect(statement.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const invoices = await download('/api/v1/commission-invoices', netUserToken);
    expect(invoices.json().items.every((item: { creditorId: string }) => item.creditorId === netCreditor.id)).toBe(true);

    const others = await download(`/api/v1/remittances?creditorId=${grossCreditor.id}`);
    const other = others.json().items[0];
    expect((await download(other.statementUrl, netUserToken)).statusCode).toBe(404);
    expect((await download(other.invoice.url, netUserToken)).statusCode).toBe(404);
    expect((await download(`/api/v1/remittances?creditorId=${grossCreditor.id}`, netUserToken)).statusCode).toBe(404);
    expect((await download('/api/v1/remittances/runs', netUserToken)).statusCode).toBe(403);
  });
});

describe('the pain.001 file', () => {
  it('validates with refunds and transfers to several accounts, names with accents and symbols', async () => {
    const transfers: CreditTransfer[] = [
      { endToEndId: `R${'a'.repeat(32)}`, amountCents: 123_456, name: 'Société Générale & Fils — Créances', iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPPAR', information: 'Reversement RV-1' },
      { endToEndId: `D${'b'.repeat(32)}`, amountCents: 1, name: 'Zoé Dupré-Lefèvre', iban: 'FR7630001007941234567890185', bic: null, information: 'Remboursement trop-perçu dossier DOS-0000001' },
    ];
    const xml = pain001Xml({ messageId: `RUN${'c'.repeat(32)}`, createdAt: new Date('2026-12-07T10:00:00Z'), executionOn: '2026-12-07', debtor: { name: 'Agence <Test>', iban: 'FR7630006000011234567890189', bic: null }, transfers });
    const validation = await validatePain001(xml);
    expect(validation.errors).toEqual([]);
    expect(xml).toContain('<CtrlSum>1234.57</CtrlSum>');
    expect(xml).toContain('<Nm>Societe Generale Fils - Creances</Nm>');
  });
});

describe('the daily job', () => {
  it('drafts runs on the mandate’s day and skips creditors with a draft pending', async () => {
    const late = await makeCreditor(t, { legalName: 'Créancier Hebdo' });
    await configure(late.id, { commission: { percentBasisPoints: 500, fixedFeeCents: null }, remittance: { frequency: 'weekly' }, remittanceAccount: { iban: 'FR7630001007941234567890185', bic: null } });
    const owed = await makeCase(t, late.id, [{ amountCents: 50_000 }]);
    await pay(owed.id, 10_000, '2026-12-04');
    // 2026-12-07 is a Monday: the weekly creditor is remitted; the gross creditor has a draft pending (skipped).
    const result = await t.orm.em.fork().transactional(async (em) => await runDailyRemittances(emExec(em), t.clock));
    expect(result.runs).toBeGreaterThanOrEqual(1);
    const [remittance] = await t.orm.em.fork().execute<{ net_cents: string }[]>('select net_cents from remittance where creditor_id = ?', [late.id]);
    expect(Number(remittance?.net_cents)).toBe(10_000 - 600);
    expectBooksWhole(await trialBalance());
  });
});
