import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookPaymentReversed } from '../src/features/payments/book.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The client-funds ledger (issue 17) under the payment doors: every payment the agency receives is
 * posted (bank against the creditor's payable, any excess owed to the debtor) with a receipt
 * numbered without gaps; a payment made to the creditor gets an acknowledgment and no posting; a
 * reversal posts the reversing entry and cancels the receipt; the journal refuses any edit.
 */
let t: TestApp;
let agentToken: string;
let accountantToken: string;
let creditorToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
  accountantToken = await login(t, await makeUser(t, 'accountant'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());

async function pay(caseId: string, amountCents: number, method = 'transfer', extra: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/payments`,
    headers: bearer(agentToken),
    payload: { amountCents, date: '2026-11-02', method, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

async function trialBalance(token = accountantToken) {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: bearer(token) });
  return response;
}

const receiptsOf = async (paymentIds: string[]) =>
  await t.orm.em.fork().execute<{ payment_id: string; kind: string; number: string | null; seq: number | null; cancelled_at: Date | null }[]>(
    'select payment_id, kind, number, seq, cancelled_at from receipt where payment_id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by seq nulls last',
    [JSON.stringify(paymentIds)],
  );

describe('payments in the ledger', () => {
  it('posts a transfer and a cheque to the client account with consecutive receipt numbers; the trial balance balances', async () => {
    const first = await makeCase(t, creditorId, [{ amountCents: 100_000 }]);
    const second = await makeCase(t, creditorId, [{ amountCents: 50_000 }]);
    const before = (await trialBalance()).json();
    const a = await pay(first.id, 30_000);
    const b = await pay(second.id, 20_000, 'cheque');
    const receipts = await receiptsOf([a.id, b.id]);
    expect(receipts.map((r) => r.kind)).toEqual(['receipt', 'receipt']);
    expect((receipts[1]?.seq ?? 0) - (receipts[0]?.seq ?? 0)).toBe(1);
    expect(receipts[0]?.number).toMatch(/^Q-\d{4}-\d{6}$/);

    const response = await trialBalance();
    expect(response.statusCode).toBe(200);
    const after = response.json();
    expect(after.totalDebitCents).toBe(after.totalCreditCents);
    expect(after.clientFunds.differenceCents).toBe(0);
    expect(after.clientFunds.bankCents - before.clientFunds.bankCents).toBe(50_000);
    const mine = after.creditors.find((row: { creditorId: string }) => row.creditorId === creditorId);
    expect(mine.payableCents).toBeGreaterThanOrEqual(50_000);
  });

  it('owes the excess of an overpayment to the debtor, not a negative payable', async () => {
    const owed = await makeCase(t, creditorId, [{ amountCents: 10_000, dueDate: '2026-11-01' }]);
    const payment = await pay(owed.id, 30_000, 'transfer', { overpayment: true });
    const lines = await t.orm.em.fork().execute<{ account: string; credit_cents: string }[]>(
      `select l.account, l.credit_cents from ledger_line l join ledger_transaction t on t.id = l.transaction_id
        where t.source_id = ? and l.credit_cents > 0 order by l.account`,
      [payment.id],
    );
    const refund = lines.find((line) => line.account === 'debtor_refund_due');
    const payable = lines.find((line) => line.account === 'creditor_payable');
    expect(Number(refund?.credit_cents)).toBe(20_000);
    expect(Number(refund?.credit_cents) + Number(payable?.credit_cents)).toBe(30_000);
  });

  it('acknowledges a payment made directly to the creditor without a receipt number or a posting', async () => {
    const direct = await makeCase(t, creditorId, [{ amountCents: 40_000 }]);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${direct.id}/direct-payments`,
      headers: bearer(creditorToken),
      payload: { amountCents: 15_000, date: '2026-11-03' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const [receipt] = await receiptsOf([response.json().id]);
    expect(receipt).toMatchObject({ kind: 'direct_payment_acknowledgment', number: null });
    const posted = await t.orm.em.fork().execute('select 1 from ledger_transaction where source_id = ?', [response.json().id]);
    expect(posted).toHaveLength(0);
  });

  it('reverses a payment with a reversing entry, leaves it out of the balance, cancels its receipt', async () => {
    const reversed = await makeCase(t, creditorId, [{ amountCents: 80_000 }]);
    const payment = await pay(reversed.id, 25_000);
    const em = t.orm.em.fork();
    await em.transactional(async (tx) => {
      expect(await bookPaymentReversed({ em: tx, clock: { now: () => new Date() } }, payment.id, { reason: 'Rejet bancaire', bookedOn: '2026-11-05' })).toBe(true);
      expect(await bookPaymentReversed({ em: tx, clock: { now: () => new Date() } }, payment.id, { reason: 'Rejet bancaire', bookedOn: '2026-11-05' })).toBe(false);
    });
    const [receipt] = await receiptsOf([payment.id]);
    expect(receipt?.cancelled_at).not.toBeNull();
    const net = await t.orm.em.fork().execute<{ net: string }[]>(
      `select coalesce(sum(l.debit_cents - l.credit_cents), 0) as net from ledger_line l join ledger_transaction t on t.id = l.transaction_id
        where t.source_id = ? and l.account = 'client_funds_bank'`,
      [payment.id],
    );
    expect(Number(net[0]?.net)).toBe(0);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${reversed.id}/statement`, headers: bearer(agentToken) });
    expect(detail.json().lines.some((line: { kind: string }) => line.kind === 'payment')).toBe(false);
    const journal = await t.app.inject({ method: 'GET', url: `/api/v1/ledger/journal?caseId=${reversed.id}`, headers: bearer(accountantToken) });
    expect(journal.statusCode).toBe(200);
    const kinds = journal.json().items.map((item: { kind: string }) => item.kind);
    expect(kinds).toEqual(['reversal', 'payment_received']);
    expect(journal.json().items[1].reversedById).toBe(journal.json().items[0].id);
  });
});

describe('the journal itself', () => {
  it('refuses an update or a delete, and an unbalanced transaction at commit', async () => {
    const em = t.orm.em.fork();
    await expect(em.execute('update ledger_line set debit_cents = debit_cents + 1')).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from ledger_transaction')).rejects.toThrow(/append-only/);
    await expect(
      t.orm.em.fork().transactional(async (tx) => {
        const [row] = await tx.execute<{ id: string }[]>(
          `insert into ledger_transaction (kind, booked_on, recorded_at, description, source_type, source_id, idempotency_key)
           values ('unmatched_receipt', '2026-11-01', now(), 'test', 'manual', gen_random_uuid(), gen_random_uuid()::text) returning id`,
        );
        await tx.execute(`insert into ledger_line (transaction_id, account, book, debit_cents) values (?, 'client_funds_bank', 'client', 100)`, [row?.id]);
        await tx.execute(`insert into ledger_line (transaction_id, account, book, credit_cents) values (?, 'suspense', 'client', 90)`, [row?.id]);
      }),
    ).rejects.toThrow(/unbalanced/);
  });

  it('is read by the accountant and managers only', async () => {
    expect((await trialBalance(agentToken)).statusCode).toBe(403);
    expect((await trialBalance(creditorToken)).statusCode).toBe(403);
  });
});

describe('fee transfers', () => {
  it('refuses to take out more fees than the client account holds for the agency', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/ledger/fee-transfers', headers: bearer(accountantToken), payload: { amountCents: 1 } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'ledger_fees_exceed_held', details: { heldCents: 0 } });
  });

  it('moves the fees held to the agency’s account: the client account stays whole', async () => {
    const em = t.orm.em.fork();
    const { postTransaction } = await import('../src/features/ledger/journal.ts');
    const { commissionDeductedPostings, commissionInvoicedPostings } = await import('@relance/domain/ledger');
    const found = await makeCase(t, creditorId, [{ amountCents: 100_000 }]);
    await pay(found.id, 50_000);
    await em.transactional(async (tx) => {
      const exec = async <T>(sql: string, params: readonly unknown[] = []) => (await tx.execute(sql, [...params])) as T[];
      const id = crypto.randomUUID();
      await postTransaction(exec, t.clock, { kind: 'commission_invoiced', bookedOn: '2026-11-02', description: 'test', source: { type: 'manual', id }, idempotencyKey: `t:${id}:i`, postings: commissionInvoicedPostings(creditorId, { htCents: 5_000, vatCents: 1_000 }) });
      await postTransaction(exec, t.clock, { kind: 'commission_deducted', bookedOn: '2026-11-02', description: 'test', source: { type: 'manual', id }, idempotencyKey: `t:${id}:d`, postings: commissionDeductedPostings(creditorId, 6_000) });
    });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/ledger/fee-transfers', headers: bearer(accountantToken), payload: {} });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ amountCents: 6_000, heldAfterCents: 0 });
    const balance = (await trialBalance()).json();
    expect(balance.clientFunds).toMatchObject({ agencyFeesHeldCents: 0, differenceCents: 0 });
    expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/ledger/fee-transfers', headers: bearer(agentToken), payload: {} })).statusCode).toBe(403);
  });
});
