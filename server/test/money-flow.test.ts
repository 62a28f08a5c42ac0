import { randomBytes } from 'node:crypto';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { type CamtEntry, camt053Xml } from '@relance/seeds/camt053';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The whole money flow (issue 17), the bank statement closing the loop: credits in (one of them
 * an overpayment, from an account the statement names), a remittance run that pays the creditor
 * and sends the excess back to the payer's IBAN in the same pain.001, marked sent, then the next
 * statement's debits confirm both transfers: the remittance and its run become `confirmed`, the
 * money has left the client account, and the books stay whole at every step.
 */
let t: TestApp;
let accountantToken: string;
let managerToken: string;
let creditorId: string;
const PAYER_IBAN = 'DE89370400440532013000';
const CLIENT_FUNDS_IBAN = 'FR7630006000011234567890189';
const hex = () => randomBytes(4).toString('hex');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T10:00:00Z');
  accountantToken = await login(t, await makeUser(t, 'accountant'));
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorId = (await makeCreditor(t, { legalName: 'Créancier Flux SAS' })).id;
  const configured = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/creditors/${creditorId}`,
    headers: bearer(managerToken),
    payload: { commission: { percentBasisPoints: 1000, fixedFeeCents: null }, remittance: { basis: 'net' }, remittanceAccount: { iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPPAR' } },
  });
  expect(configured.statusCode, configured.body).toBe(200);
});
afterAll(async () => t.close());

async function importStatement(entries: CamtEntry[]) {
  const xml = camt053Xml({ messageId: `MSG-${hex()}`, statementId: `STMT-${hex()}`, iban: CLIENT_FUNDS_IBAN, openingCents: 5_000_000, fromDate: '2026-12-07', toDate: '2026-12-07', entries });
  const body = multipart({}, { name: 'releve.xml', content: Buffer.from(xml), type: 'application/xml' });
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { ...bearer(accountantToken), ...body.headers }, payload: body.payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { entries: { status: string; amountCents: number }[] };
}

async function books() {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: bearer(accountantToken) });
  const balance = response.json();
  expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
  expect(balance.clientFunds.differenceCents).toBe(0);
  return balance as { clientFunds: { bankCents: number; owedToDebtorsCents: number }; creditors: { creditorId: string; payableCents: number; inTransitCents: number; refundsDueCents: number }[] };
}

describe('from the debtor’s transfer to the creditor’s bank account', () => {
  it('remits, refunds the overpayment to the payer’s IBAN, and confirms both from the next statement', async () => {
    const paidInFull = await makeCase(t, creditorId, [{ amountCents: 50_000, dueDate: '2026-12-01' }]);
    const overpaid = await makeCase(t, creditorId, [{ amountCents: 10_000, dueDate: '2026-12-01' }]);
    const credits = await importStatement([
      { direction: 'credit', amountCents: 50_000, bookedOn: '2026-12-07', creditorReference: creditorReferenceFor(paidInFull.reference), counterpartyName: 'Jean Martin' },
      { direction: 'credit', amountCents: 15_000, bookedOn: '2026-12-07', creditorReference: creditorReferenceFor(overpaid.reference), counterpartyName: 'Luc Petit', counterpartyIban: PAYER_IBAN },
    ]);
    expect(credits.entries.map((entry) => entry.status)).toEqual(['matched', 'matched']);
    const afterCredits = await books();
    const mine = () => afterCredits.creditors.find((row) => row.creditorId === creditorId);
    expect(mine()?.refundsDueCents).toBeGreaterThan(0);

    const created = await t.app.inject({ method: 'POST', url: '/api/v1/remittances/runs', headers: bearer(accountantToken), payload: { creditorId } });
    expect(created.statusCode, created.body).toBe(201);
    const run = created.json();
    expect(run.refunds).toEqual([expect.objectContaining({ iban: PAYER_IBAN, status: 'draft', amountCents: mine()?.refundsDueCents })]);
    const pain = await t.app.inject({ method: 'GET', url: run.files.find((file: { kind: string }) => file.kind === 'pain001').url, headers: bearer(accountantToken) });
    expect(pain.body).toContain(PAYER_IBAN);

    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/remittances/runs/${run.id}/sent`, headers: bearer(accountantToken) });
    expect(sent.statusCode, sent.body).toBe(200);
    const remittance = run.remittances[0];
    const refund = run.refunds[0];
    const inTransit = (await books()).creditors.find((row) => row.creditorId === creditorId);
    expect(inTransit?.inTransitCents).toBe(remittance.netCents);
    expect(inTransit?.refundsDueCents).toBe(0);

    const debits = await importStatement([
      { direction: 'debit', amountCents: remittance.netCents, bookedOn: '2026-12-08', endToEndId: `R${remittance.id.replaceAll('-', '')}` },
      { direction: 'debit', amountCents: refund.amountCents, bookedOn: '2026-12-08', endToEndId: `D${refund.id.replaceAll('-', '')}` },
    ]);
    expect(debits.entries.map((entry) => entry.status)).toEqual(['debit_confirmed', 'debit_confirmed']);
    t.clock.set('2026-12-08T10:00:00Z'); // the trial balance is read at the end of the debits' booking day
    const confirmed = (await t.app.inject({ method: 'GET', url: `/api/v1/remittances/runs/${run.id}`, headers: bearer(accountantToken) })).json();
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.remittances[0].status).toBe('confirmed');
    expect(confirmed.refunds[0].status).toBe('confirmed');
    const final = (await books()).creditors.find((row) => row.creditorId === creditorId);
    expect(final).toMatchObject({ inTransitCents: 0, refundsDueCents: 0 });
  });
});

describe('a commission invoiced separately (gross basis)', () => {
  it('is paid by the creditor to the agency’s account: recorded once for what it owes, never more', async () => {
    const gross = (await makeCreditor(t, { legalName: 'Créancier Brut SA' })).id;
    const configured = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/creditors/${gross}`,
      headers: bearer(managerToken),
      payload: { commission: { percentBasisPoints: 1200, fixedFeeCents: null }, remittance: { basis: 'gross' }, remittanceAccount: { iban: 'FR1420041010050500013M02606', bic: null } },
    });
    expect(configured.statusCode, configured.body).toBe(200);
    const owed = await makeCase(t, gross, [{ amountCents: 100_000, dueDate: '2026-12-01' }]);
    await importStatement([{ direction: 'credit', amountCents: 100_000, bookedOn: '2026-12-07', creditorReference: creditorReferenceFor(owed.reference) }]);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/remittances/runs', headers: bearer(accountantToken), payload: { creditorId: gross } });
    expect(created.statusCode, created.body).toBe(201);
    const invoice = created.json().remittances[0].invoice;
    expect(invoice).toMatchObject({ settlement: 'to_pay', htCents: 12_000, vatCents: 2_400, paidCents: 0, outstandingCents: 14_400 });

    const pay = (amountCents: number) =>
      t.app.inject({ method: 'POST', url: `/api/v1/commission-invoices/${invoice.id}/payments`, headers: bearer(accountantToken), payload: { amountCents, paidOn: '2026-12-07' } });
    const over = await pay(14_401);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'commission_invoice_overpaid', details: { outstandingCents: 14_400 } });
    expect((await pay(10_000)).json()).toMatchObject({ paidCents: 10_000, outstandingCents: 4_400, settlement: 'to_pay' });
    expect((await pay(4_400)).json()).toMatchObject({ paidCents: 14_400, outstandingCents: 0, settlement: 'paid' });
    const position = (await books()).creditors.find((row) => row.creditorId === gross) as unknown as { commissionReceivableCents: number };
    expect(position.commissionReceivableCents).toBe(0);
  });
});

describe('an overpayment with no account to send it back to', () => {
  it('waits as a manual refund until the accountant records it paid by hand; then it has left the client account', async () => {
    const owed = await makeCase(t, creditorId, [{ amountCents: 10_000, dueDate: '2026-12-01' }]);
    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${owed.id}/payments`,
      headers: bearer(managerToken),
      payload: { amountCents: 25_000, date: '2026-12-07', method: 'cheque', overpayment: true },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/remittances/runs', headers: bearer(accountantToken), payload: { creditorId } });
    expect(created.statusCode, created.body).toBe(201);
    const refund = created.json().refunds.find((row: { caseId: string }) => row.caseId === owed.id);
    expect(refund).toMatchObject({ iban: null, status: 'manual' });
    expect(created.json().files.find((file: { kind: string }) => file.kind === 'pain001')).toBeDefined();

    const record = (token: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/debtor-refunds/${refund.id}/paid`, headers: bearer(token), payload: { paidOn: '2026-12-08', method: 'cheque' } });
    expect((await record(managerToken)).statusCode).toBe(403);
    const done = await record(accountantToken);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'paid_by_hand', amountCents: refund.amountCents });
    expect((await record(accountantToken)).json()).toMatchObject({ code: 'refund_not_manual' });
    const [line] = await t.orm.em.fork().execute<{ refund_due: string }[]>(
      `select coalesce(sum(credit_cents - debit_cents), 0) as refund_due from ledger_line where account = 'debtor_refund_due' and case_id = ?`,
      [owed.id],
    );
    expect(Number(line?.refund_due)).toBe(0);
    await books();
  });
});
