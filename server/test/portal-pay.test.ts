import { creditorReferenceFor } from '@relance/domain/identifiers';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { taskList } from '../src/worker/runner.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The "Pay" section of the debtor's page (issue 18): an amount of the debtor's choice within the
 * creditor's floor (the balance and the next installment always accepted, never above the
 * balance), one checkout per Idempotency-Key, the payment options of a verified debtor (the
 * client-funds account, the case's RF reference, EPC QR codes), what became of the last card
 * attempt, and a partial card payment end to end.
 */
let t: TestApp;
let agentToken: string;
let creditorId: string;
const FLOOR = 50_00;
const IBAN = 'FR7630006000011234567890189';

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  creditorId = (await makeCreditor(t)).id;
  await sql('update creditor set portal_min_payment_cents = ? where id = ?', [FLOOR, creditorId]);
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-23T10:00:00Z'));

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}

async function portalLinkFor(caseId: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/portal-link`, headers: bearer(agentToken), payload: { keepPrevious: true } });
  expect(response.statusCode, response.body).toBe(201);
  return new URL(response.json().url).pathname.replace('/pay/', '');
}

function checkout(token: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/checkout`, payload: body, headers });
}

async function options(token: string, cookie: string | null) {
  return await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/payment-options`, headers: cookie ? { cookie } : {} });
}

async function verifiedOptions(token: string) {
  const { cookie } = await verifiedPortal(t, token);
  const response = await options(token, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function submitCard(checkoutUrl: string, card: string) {
  return await t.app.inject({
    method: 'POST',
    url: `${new URL(checkoutUrl).pathname}/submit`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `card=${encodeURIComponent(card)}&exp=12%2F30&cvc=123`,
  });
}

async function deliverQueuedWebhooks() {
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock }), logger: silentWorkerLogger });
}

async function sessionsOf(caseId: string) {
  return await sql<{ amount_cents: string; status: string; failure_reason: string | null }>(
    'select amount_cents, status, failure_reason from checkout_session where case_id = ? order by attempt_seq',
    [caseId],
  );
}

/**
 * An active plan of four monthly installments of 300 € on a 1 200 € case, the first one paid: the
 * rows the plans feature keeps (its own tests cover how they are made and matched).
 */
async function activePlan(caseId: string, paid: number[] = [300_00, 0, 0, 0]) {
  const [plan] = await sql<{ id: string }>(
    `insert into payment_plan (case_id, creditor_id, status, debt_cents, total_cents, frequency, grace_days, proposed_at, activated_on)
     values (?, ?, 'active', 120000, 120000, 'monthly', 3, now(), '2026-11-23') returning id`,
    [caseId, creditorId],
  );
  const planId = (plan as { id: string }).id;
  for (const [index, paidCents] of paid.entries()) {
    const due = ['2026-11-23', '2026-12-23', '2027-01-23', '2027-02-23'][index];
    await sql(
      `insert into payment_plan_installment (plan_id, creditor_id, index, kind, nominal_on, due_on, amount_cents, paid_cents)
       values (?, ?, ?, 'installment', ?, ?, 30000, ?)`,
      [planId, creditorId, index, due, due, paidCents],
    );
  }
  return planId;
}

describe("an amount of the debtor's choice", () => {
  it("refuses less than the creditor's floor (saying it), accepts the floor, and never more than the balance", async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 1_000_00 }]);
    const token = await portalLinkFor(found.id);
    const low = await checkout(token, { amountCents: FLOOR - 1 });
    expect(low.statusCode).toBe(400);
    // Before the check: the floor and the balance, nothing about a plan.
    expect(low.json()).toMatchObject({ code: 'amount_too_low', details: { minCents: FLOOR, balanceCents: 1_000_00 } });
    expect(low.json().details).not.toHaveProperty('nextInstallmentCents');
    expect(low.json().message).toContain('minimum');
    const atFloor = await checkout(token, { amountCents: FLOOR });
    expect(atFloor.statusCode, atFloor.body).toBe(201);
    const high = await checkout(token, { amountCents: 1_000_01 });
    expect(high.statusCode).toBe(400);
    expect(high.json()).toMatchObject({ code: 'amount_too_high', details: { balanceCents: 1_000_00 } });
    expect((await sessionsOf(found.id)).map((row) => Number(row.amount_cents))).toEqual([FLOOR]);
    // The agent sees the attempt on the timeline.
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}`, headers: bearer(agentToken) })).json();
    expect(detail.activities.map((a: { text: string }) => a.text).join('\n')).toContain('paiement par carte de 50,00');
  });

  it('accepts the whole balance below the floor, by default or named', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 30_00 }]);
    const token = await portalLinkFor(found.id);
    expect((await checkout(token, { amountCents: 29_99 })).json().code).toBe('amount_too_low');
    expect((await checkout(token, { amountCents: 30_00 })).statusCode).toBe(201);
    expect((await checkout(token)).statusCode).toBe(201);
    expect((await sessionsOf(found.id)).map((row) => Number(row.amount_cents))).toEqual([30_00, 30_00]);
  });

  it("accepts what is still due on the plan's next installment below the floor, and nothing else below it", async () => {
    await sql('update creditor set portal_min_payment_cents = ? where id = ?', [400_00, creditorId]);
    try {
      const found = await makeCase(t, creditorId, [{ amountCents: 1_200_00 }]);
      await activePlan(found.id, [300_00, 100_00, 0, 0]);
      const token = await portalLinkFor(found.id);
      // 300 € on the second installment, 100 € already received: 200 € still due.
      expect((await checkout(token, { amountCents: 200_00 })).statusCode).toBe(201);
      expect((await checkout(token, { amountCents: 300_00 })).json()).toMatchObject({ code: 'amount_too_low', details: { minCents: 400_00 } });
      const { cookie } = await verifiedPortal(t, token);
      const refused = await checkout(token, { amountCents: 150_00 }, { cookie });
      expect(refused.json()).toMatchObject({ code: 'amount_too_low', details: { minCents: 400_00, nextInstallmentCents: 200_00 } });
      const payOptions = await verifiedOptions(token);
      expect(payOptions).toMatchObject({ minPaymentCents: 400_00, nextInstallment: { number: 2, count: 4, dueOn: '2026-12-23', amountCents: 300_00, dueCents: 200_00 } });
    } finally {
      await sql('update creditor set portal_min_payment_cents = ? where id = ?', [FLOOR, creditorId]);
    }
  });

  it('opens one checkout session per Idempotency-Key (a double tap), and refuses the key for another amount', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 800_00 }]);
    const token = await portalLinkFor(found.id);
    const key = { 'idempotency-key': 'pay-form-1' };
    const [first, second] = await Promise.all([checkout(token, { amountCents: 120_00 }, key), checkout(token, { amountCents: 120_00 }, key)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']]).toContain('true');
    expect(await sessionsOf(found.id)).toHaveLength(1);
    const other = await checkout(token, { amountCents: 130_00 }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_key_reused');
    // A refused amount keeps nothing: the same key may then be sent with a right amount.
    const refusedKey = { 'idempotency-key': 'pay-form-2' };
    expect((await checkout(token, { amountCents: 1_00 }, refusedKey)).statusCode).toBe(400);
    expect((await checkout(token, { amountCents: 1_00 }, refusedKey)).statusCode).toBe(400);
    expect(await sessionsOf(found.id)).toHaveLength(1);
  });

  it('has nothing to take on a paid case', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 60_00 }]);
    const token = await portalLinkFor(found.id);
    const paid = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${found.id}/payments`, headers: bearer(agentToken),
      payload: { date: '2026-11-20', amountCents: 60_00, method: 'transfer' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const response = await checkout(token, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('nothing_to_pay');
  });
});

describe('payment options of a verified debtor', () => {
  it('answers 401 before the check and 404 for a dead link', async () => {
    const found = await makeCase(t, creditorId);
    const token = await portalLinkFor(found.id);
    const before = await options(token, null);
    expect(before.statusCode).toBe(401);
    expect(before.json().code).toBe('portal_verification_required');
    expect((await options('x'.repeat(43), null)).statusCode).toBe(404);
  });

  it("never shows another case's data: a session opens its own link only", async () => {
    const mine = await makeCase(t, creditorId, [{ amountCents: 700_00 }]);
    const theirs = await makeCase(t, creditorId, [{ amountCents: 900_00 }]);
    const myToken = await portalLinkFor(mine.id);
    const theirToken = await portalLinkFor(theirs.id);
    expect((await checkout(theirToken, { amountCents: 55_00 })).statusCode).toBe(201);
    const { cookie } = await verifiedPortal(t, myToken);
    expect((await options(theirToken, cookie)).statusCode).toBe(401);
    const body = (await options(myToken, cookie)).json();
    expect(body.balanceCents).toBe(700_00);
    expect(body.transfer.reference).toBe(creditorReferenceFor(mine.reference));
    expect(body.lastCheckout).toBeNull();
    expect(JSON.stringify(body)).not.toContain(theirs.reference);
  });

  it("gives the client-funds account, the case's RF reference and EPC QR codes (balance, next installment, open amount)", async () => {
    await sql(`update agency set client_funds_bic = 'AGRIFRPP'`);
    try {
      const found = await makeCase(t, creditorId, [{ amountCents: 1_200_00 }]);
      await activePlan(found.id);
      const token = await portalLinkFor(found.id);
      const body = await verifiedOptions(token);
      const reference = creditorReferenceFor(found.reference);
      expect(body).toMatchObject({
        currency: 'EUR',
        balanceCents: 1_200_00,
        minPaymentCents: FLOOR,
        nextInstallment: { number: 2, count: 4, dueCents: 300_00 },
        transfer: { beneficiaryName: 'Agence de Test SAS', iban: IBAN, bic: 'AGRIFRPP', reference },
      });
      expect(body.transfer.qrCodes.map((code: { purpose: string; amountCents: number | null }) => [code.purpose, code.amountCents])).toEqual([
        ['balance', 1_200_00],
        ['installment', 300_00],
        ['open', null],
      ]);
      const [balance, installment, open] = body.transfer.qrCodes;
      const head = ['BCD', '002', '1', 'SCT', 'AGRIFRPP', 'Agence de Test SAS', IBAN];
      expect(balance.payload.split('\n')).toEqual([...head, 'EUR1200.00', '', reference, '', `Dossier ${found.reference}`]);
      expect(installment.payload.split('\n')).toEqual([...head, 'EUR300.00', '', reference, '', `Dossier ${found.reference}`]);
      expect(open.payload.split('\n')).toEqual([...head, '', '', reference, '', `Dossier ${found.reference}`]);
      for (const code of body.transfer.qrCodes) expect(code.svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path[\s\S]*<\/svg>\s*$/);
      // The debtor's language for what the banking app shows them.
      const { cookie } = await verifiedPortal(t, token);
      const english = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/payment-options`, headers: { cookie, 'accept-language': 'en' } });
      expect(english.json().transfer.qrCodes[0].payload.split('\n').at(-1)).toBe(`File ${found.reference}`);
    } finally {
      await sql('update agency set client_funds_bic = null');
    }
  });

  it('leaves the BIC out (version 002) and says nothing of a transfer while no account is recorded', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 100_00 }]);
    const token = await portalLinkFor(found.id);
    const body = await verifiedOptions(token);
    expect(body.transfer.bic).toBeNull();
    expect(body.transfer.qrCodes[0].payload.split('\n').slice(0, 6)).toEqual(['BCD', '002', '1', 'SCT', '', 'Agence de Test SAS']);
    await sql('update agency set client_funds_iban = null');
    try {
      expect((await verifiedOptions(token)).transfer).toBeNull();
    } finally {
      await sql('update agency set client_funds_iban = ?', [IBAN]);
    }
  });
});

describe('what became of the last card attempt', () => {
  it('reports a declined card with its reason after the webhook, and says it on the timeline', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 400_00 }]);
    const token = await portalLinkFor(found.id);
    const { checkoutUrl } = (await checkout(token, { amountCents: 150_00 })).json();
    expect((await verifiedOptions(token)).lastCheckout).toMatchObject({ status: 'open', amountCents: 150_00, failureReason: null, endedAt: null });
    const submitted = await submitCard(checkoutUrl, '4000 0000 0000 9995');
    expect(submitted.headers.location).toBe(`${t.config.publicUrl}/pay/${token}?checkout=declined`);
    await deliverQueuedWebhooks();
    const after = await verifiedOptions(token);
    expect(after.lastCheckout).toMatchObject({ status: 'declined', amountCents: 150_00, currency: 'EUR', failureReason: 'insufficient_funds' });
    expect(after.lastCheckout.endedAt).not.toBeNull();
    expect(after.balanceCents).toBe(400_00);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}`, headers: bearer(agentToken) })).json();
    expect(detail.activities.map((a: { text: string }) => a.text).join('\n')).toContain('Paiement par carte refusé (provision insuffisante)');
    // The next attempt (at the same instant of the test clock) is the last one: an expired card.
    const again = (await checkout(token, { amountCents: 400_00 })).json();
    await submitCard(again.checkoutUrl, '4000000000000069');
    await deliverQueuedWebhooks();
    expect((await verifiedOptions(token)).lastCheckout).toMatchObject({ status: 'declined', amountCents: 400_00, failureReason: 'expired_card' });
    expect((await sessionsOf(found.id)).map((row) => row.failure_reason)).toEqual(['insufficient_funds', 'expired_card']);
  });

  it('calls an attempt left open for more than 30 minutes abandoned', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 400_00 }]);
    const token = await portalLinkFor(found.id);
    expect((await checkout(token)).statusCode).toBe(201);
    t.clock.set('2026-11-23T10:30:00Z');
    expect((await verifiedOptions(token)).lastCheckout.status).toBe('open');
    t.clock.set('2026-11-23T10:31:00Z');
    expect((await verifiedOptions(token)).lastCheckout).toMatchObject({ status: 'abandoned', amountCents: 400_00, startedAt: '2026-11-23T10:00:00.000Z' });
  });
});

describe('a partial card payment, end to end', () => {
  it('checkout of an amount of my choice, provider form, webhook: the balance drops by exactly that amount, with a receipt', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 1_000_00 }, { amountCents: 234_56 }]);
    const token = await portalLinkFor(found.id);
    const { cookie } = await verifiedPortal(t, token);
    const started = await checkout(token, { amountCents: 321_09 }, { cookie, 'idempotency-key': 'partial-1' });
    expect(started.statusCode, started.body).toBe(201);
    const page = await t.app.inject({ method: 'GET', url: new URL(started.json().checkoutUrl).pathname });
    expect(page.body).toContain('321,09');
    const submitted = await submitCard(started.json().checkoutUrl, '4242 4242 4242 4242');
    expect(submitted.headers.location).toBe(`${t.config.publicUrl}/pay/${token}?checkout=success`);
    await deliverQueuedWebhooks();
    const view = (await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}`, headers: { cookie } })).json();
    expect(view).toMatchObject({ balanceCents: 1_234_56 - 321_09, paidCents: 321_09 });
    const payOptions = (await options(token, cookie)).json();
    expect(payOptions.balanceCents).toBe(1_234_56 - 321_09);
    expect(payOptions.lastCheckout).toMatchObject({ status: 'paid', amountCents: 321_09 });
    const receipts = (await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/receipts`, headers: { cookie } })).json();
    expect(receipts.items.map((item: { amountCents: number; method: string }) => [item.amountCents, item.method])).toEqual([[321_09, 'card']]);
    const payments = await sql<{ amount_cents: string }>('select amount_cents from payment where case_id = ?', [found.id]);
    expect(payments.map((row) => Number(row.amount_cents))).toEqual([321_09]);
  });
});
