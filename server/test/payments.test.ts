import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { SIGNATURE_HEADER } from '../src/features/payments/webhook-signature.ts';
import { signPayload } from '../src/plugins/signed-webhook.ts';
import { taskList } from '../src/worker/runner.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The debtor's payment through the LOCAL card provider: hosted checkout page, outcome by
 * test card, signed webhook delivered by the worker. Recorded exactly once whatever the
 * deliveries; a bad signature is refused; a decline records nothing.
 */
let t: TestApp;
let agentToken: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  creditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

async function portalLinkFor(caseId: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/portal-link`, headers: bearer(agentToken) });
  expect(response.statusCode).toBe(201);
  const url = new URL(response.json().url);
  return url.pathname.replace('/pay/', '');
}

async function startCheckout(token: string, body: Record<string, unknown> = {}) {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/checkout`, payload: body });
  return response;
}

async function submitCard(checkoutUrl: string, card: string) {
  const path = new URL(checkoutUrl).pathname;
  return await t.app.inject({
    method: 'POST',
    url: `${path}/submit`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `card=${encodeURIComponent(card)}&exp=12%2F30&cvc=123`,
  });
}

/** The webhook the provider queued for one session (graphile-worker deletes jobs once done;
 * its public jobs view has no payload, so the test reads the private table). */
async function queuedWebhookFor(sessionId: string): Promise<string> {
  const rows = await t.orm.em.fork().execute<{ payload: { body: string } }[]>(
    `select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'payments__deliver_local_card_webhook' and j.payload->>'body' like ?`,
    [`%${sessionId}%`],
  );
  expect(rows).toHaveLength(1);
  return (rows[0] as { payload: { body: string } }).payload.body;
}

async function deliverQueuedWebhooks() {
  await runOnce({ connectionString: t.databaseUrl, taskList: taskList({ secrets: t.secrets, clock: t.clock }), logger: silentWorkerLogger });
}

async function paymentsOf(caseId: string) {
  return await t.orm.em.fork().execute<{ amount_cents: string; method: string; provider_reference: string }[]>(
    'select amount_cents, method, provider_reference from payment where case_id = ?',
    [caseId],
  );
}

function signed(body: string, secret = t.secrets.localCardWebhookSecret, at = Math.floor(t.clock.now().getTime() / 1000)) {
  return { 'content-type': 'application/json', [SIGNATURE_HEADER]: signPayload(secret, body, at) };
}

/** The page as the verified debtor sees it (the check answered first). */
async function debtorView(token: string) {
  const { cookie } = await verifiedPortal(t, token);
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('debtor portal', () => {
  it("shows the debtor their case in the creditor's brand, invoice by invoice", async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 12_000, ref: 'INV-A' }, { amountCents: 3_050, ref: 'INV-B' }]);
    const token = await portalLinkFor(found.id);
    // Before the check: the brand and the balance, nothing about the debtor or the claims.
    const unverified = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}` });
    expect(unverified.statusCode).toBe(200);
    expect(unverified.json()).toMatchObject({ verified: false, balanceCents: 15_050, creditor: { brand: { primaryColor: '#123456' } } });
    expect(Object.keys(unverified.json())).not.toEqual(expect.arrayContaining(['claims']));
    expect(JSON.stringify(unverified.json())).not.toContain(found.reference);
    const body = await debtorView(token);
    expect(body.verified).toBe(true);
    expect(body.caseReference).toBe(found.reference);
    expect(body.creditor.brand.primaryColor).toBe('#123456');
    expect(body.claims.map((c: { invoiceRef: string; amountCents: number }) => [c.invoiceRef, c.amountCents])).toEqual([
      ['INV-A', 12_000],
      ['INV-B', 3_050],
    ]);
    expect(body.balanceCents).toBe(15_050);
  });

  it('refuses an unknown or expired link with the same message', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('portal_link_invalid');
    const found = await makeCase(t, creditorId);
    const token = await portalLinkFor(found.id);
    t.clock.advanceDays(31);
    try {
      const expired = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}` });
      expect(expired.statusCode).toBe(404);
      expect(expired.json()).toEqual(unknown.json());
    } finally {
      t.clock.advanceDays(-31);
    }
  });

  it('asks a professional debtor for the décompte balance, and only the principal while a rate is unpublished', async () => {
    // The test clock is 2026-11-23: penalties for 2026-H2 need that half-year's rates.
    const found = await makeCase(t, creditorId, [{ amountCents: 100_000, dueDate: '2026-10-23' }], { kind: 'company' });
    const token = await portalLinkFor(found.id);
    const before = await debtorView(token);
    expect(before).toMatchObject({ interestComplete: false, interestCents: 0, indemnityCents: 0, balanceCents: 100_000 });
    const admin = await login(t, await makeUser(t, 'admin'));
    const added = await t.app.inject({
      method: 'POST', url: '/api/v1/rates', headers: bearer(admin),
      payload: { halfYear: '2026-H2', ecbBasisPoints: 215, legalPrivateIndividualBasisPoints: 667, legalOtherBasisPoints: 262 },
    });
    expect(added.statusCode).toBe(201);
    const after = await debtorView(token);
    // 1 000,00 € x 12,15 % x 31 / 365 = 10,3191... -> 10,32 € (days 2026-10-24 .. 2026-11-23)
    // plus the 40 € indemnity (C. com. D441-5).
    expect(after).toMatchObject({ interestComplete: true, interestCents: 1_032, indemnityCents: 4_000, paidCents: 0 });
    expect(after.balanceCents).toBe(100_000 + 1_032 + 4_000);
    // Claim by claim, with the rule the interest is charged under, for the page's plain words.
    expect(after.claims).toMatchObject([
      { amountCents: 100_000, interestCents: 1_032, indemnityCents: 4_000, paidCents: 0, balanceCents: 105_032, interestRegime: 'late_payment_penalty' },
    ]);
    expect(after.claims[0].legalBasis).toContain('C. com. L441-10');
    const checkout = await startCheckout(token);
    expect(checkout.statusCode).toBe(201);
    const [session] = await t.orm.em.fork().execute<{ amount_cents: string }[]>('select amount_cents from checkout_session where case_id = ?', [found.id]);
    expect(Number(session?.amount_cents)).toBe(105_032);
  });

  it('refuses to charge more than the balance', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 5_000 }]);
    const token = await portalLinkFor(found.id);
    const response = await startCheckout(token, { amountCents: 5_001 });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('amount_too_high');
  });
});

describe('card payment through the local provider', () => {
  it('pays: hosted page, redirect back, signed webhook, one payment, balance drops', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 25_000 }]);
    const token = await portalLinkFor(found.id);
    const checkout = await startCheckout(token);
    expect(checkout.statusCode).toBe(201);
    const { checkoutUrl } = checkout.json();
    const page = await t.app.inject({ method: 'GET', url: new URL(checkoutUrl).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('250,00');
    const submitted = await submitCard(checkoutUrl, '4242 4242 4242 4242');
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`${t.config.publicUrl}/pay/${token}?checkout=success`);
    // Nothing is recorded until the provider's webhook arrives.
    expect(await paymentsOf(found.id)).toHaveLength(0);
    await deliverQueuedWebhooks();
    const payments = await paymentsOf(found.id);
    expect(payments).toHaveLength(1);
    expect(Number(payments[0]?.amount_cents)).toBe(25_000);
    expect(payments[0]?.method).toBe('card');
    const portal = await debtorView(token);
    expect(portal.balanceCents).toBe(0);
    expect(portal.paidCents).toBe(25_000);
    // Submitting the hosted form again does not charge twice.
    const again = await submitCard(checkoutUrl, '4242 4242 4242 4242');
    expect(again.statusCode).toBe(303);
    await deliverQueuedWebhooks();
    expect(await paymentsOf(found.id)).toHaveLength(1);
  });

  it('records one payment when the same webhook is delivered twice', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 9_900 }]);
    const token = await portalLinkFor(found.id);
    const { checkoutUrl, sessionId } = (await startCheckout(token)).json();
    await submitCard(checkoutUrl, '4242424242424242');
    const body = await queuedWebhookFor(sessionId);
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/local-card', headers: signed(body), payload: body });
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/local-card', headers: signed(body), payload: body });
    expect([first.statusCode, first.json().outcome]).toEqual([200, 'recorded']);
    expect([second.statusCode, second.json().outcome]).toEqual([200, 'duplicate']);
    // The worker then delivers it a third time: still one payment.
    await deliverQueuedWebhooks();
    expect(await paymentsOf(found.id)).toHaveLength(1);
  });

  it('refuses a wrong signature, a stale timestamp and an unsigned call, recording nothing', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 7_000 }]);
    const token = await portalLinkFor(found.id);
    const { checkoutUrl, sessionId } = (await startCheckout(token)).json();
    await submitCard(checkoutUrl, '4242424242424242');
    const body = await queuedWebhookFor(sessionId);
    const wrongSecret = await t.app.inject({
      method: 'POST', url: '/api/v1/payments/webhooks/local-card', headers: signed(body, 'whsec_not_the_secret'), payload: body,
    });
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json().code).toBe('invalid_signature');
    const stale = await t.app.inject({
      method: 'POST', url: '/api/v1/payments/webhooks/local-card',
      headers: signed(body, t.secrets.localCardWebhookSecret, Math.floor(t.clock.now().getTime() / 1000) - 3600), payload: body,
    });
    expect(stale.statusCode).toBe(401);
    const tampered = body.replace('"amountCents":7000', '"amountCents":1');
    const tamperedResponse = await t.app.inject({
      method: 'POST', url: '/api/v1/payments/webhooks/local-card',
      headers: { ...signed(body) }, payload: tampered,
    });
    expect(tamperedResponse.statusCode).toBe(401);
    const unsigned = await t.app.inject({
      method: 'POST', url: '/api/v1/payments/webhooks/local-card', headers: { 'content-type': 'application/json' }, payload: body,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(await paymentsOf(found.id)).toHaveLength(0);
  });

  it('records nothing when the card is declined, and says so on the timeline', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 4_000 }]);
    const token = await portalLinkFor(found.id);
    const { checkoutUrl } = (await startCheckout(token)).json();
    const submitted = await submitCard(checkoutUrl, '4000 0000 0000 0002');
    expect(submitted.headers.location).toBe(`${t.config.publicUrl}/pay/${token}?checkout=declined`);
    await deliverQueuedWebhooks();
    expect(await paymentsOf(found.id)).toHaveLength(0);
    const [session] = await t.orm.em.fork().execute<{ status: string }[]>('select status from checkout_session where case_id = ?', [found.id]);
    expect(session?.status).toBe('declined');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}`, headers: bearer(agentToken) })).json();
    expect(detail.activities.map((a: { text: string }) => a.text).join('\n')).toContain('refusé');
  });

  it('keeps a paid session paid when a late failure event arrives out of order', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 6_000 }]);
    const token = await portalLinkFor(found.id);
    const { checkoutUrl, sessionId } = (await startCheckout(token)).json();
    await submitCard(checkoutUrl, '4242424242424242');
    await deliverQueuedWebhooks();
    const late = JSON.stringify({
      id: 'evt_local_late_failure',
      type: 'checkout.session.payment_failed',
      created: Math.floor(t.clock.now().getTime() / 1000) - 60,
      data: { sessionId, amountCents: 6_000, currency: 'EUR', paymentReference: null, failureReason: 'card_declined', metadata: {} },
    });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/local-card', headers: signed(late), payload: late });
    expect(response.json().outcome).toBe('ignored');
    const [session] = await t.orm.em.fork().execute<{ status: string }[]>('select status from checkout_session where case_id = ?', [found.id]);
    expect(session?.status).toBe('paid');
    expect(await paymentsOf(found.id)).toHaveLength(1);
  });
});

describe('card events checked against their checkout session (anomalies, never payments)', () => {
  /** A session opened through the portal (not paid yet), and a completion event for it that the test may alter. */
  async function openSession(amountCents = 7_00) {
    const found = await makeCase(t, creditorId, [{ amountCents }]);
    const token = await portalLinkFor(found.id);
    const { sessionId } = (await startCheckout(token)).json();
    const completion = (overrides: Record<string, unknown> = {}, id = `evt_test_${Math.random().toString(36).slice(2)}`) =>
      JSON.stringify({
        id,
        type: 'checkout.session.completed',
        created: Math.floor(t.clock.now().getTime() / 1000),
        data: {
          sessionId,
          amountCents,
          currency: 'EUR',
          paymentReference: `pi_test_${Math.random().toString(36).slice(2)}`,
          failureReason: null,
          metadata: { caseId: found.id },
          ...overrides,
        },
      });
    return { found, sessionId, completion };
  }

  async function post(body: string) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/local-card', headers: signed(body), payload: body });
    expect(response.statusCode).toBe(200);
    return response.json().outcome as string;
  }

  async function anomaliesOf(providerEventId: string) {
    return await t.orm.em.fork().execute<{ kind: string; case_id: string | null; creditor_id: string | null; expected: unknown; received: unknown; raw_event: unknown }[]>(
      'select kind, case_id, creditor_id, expected, received, raw_event from payment_anomaly where provider_event_id = ?',
      [providerEventId],
    );
  }

  it('an amount of 999,999 cents on a 700-cent session is an anomaly, not a payment', async () => {
    const { found, completion } = await openSession(7_00);
    const body = completion({ amountCents: 999_999 }, 'evt_test_amount');
    expect(await post(body)).toBe('anomaly');
    expect(await paymentsOf(found.id)).toHaveLength(0);
    const [anomaly] = await anomaliesOf('evt_test_amount');
    expect(anomaly).toMatchObject({
      kind: 'amount_mismatch',
      case_id: found.id,
      creditor_id: creditorId,
      expected: { amountCents: 7_00, currency: 'EUR', caseId: found.id },
      received: { amountCents: 999_999, currency: 'EUR' },
      raw_event: JSON.parse(body),
    });
    // The same event again: answered as a duplicate, still one anomaly.
    expect(await post(body)).toBe('duplicate');
    expect(await anomaliesOf('evt_test_amount')).toHaveLength(1);
  });

  it('another currency is an anomaly', async () => {
    const { found, completion } = await openSession();
    expect(await post(completion({ currency: 'USD' }, 'evt_test_currency'))).toBe('anomaly');
    expect(await paymentsOf(found.id)).toHaveLength(0);
    expect((await anomaliesOf('evt_test_currency'))[0]?.kind).toBe('currency_mismatch');
  });

  it('an event naming another case than its session is an anomaly', async () => {
    const { found, completion } = await openSession();
    const other = await makeCase(t, creditorId);
    expect(await post(completion({ metadata: { caseId: other.id } }, 'evt_test_case'))).toBe('anomaly');
    expect(await paymentsOf(found.id)).toHaveLength(0);
    expect(await paymentsOf(other.id)).toHaveLength(0);
    expect((await anomaliesOf('evt_test_case'))[0]?.kind).toBe('case_mismatch');
  });

  it('a completion for a session we never opened is an anomaly (with the case it names, if any)', async () => {
    const found = await makeCase(t, creditorId);
    const body = JSON.stringify({
      id: 'evt_test_unknown',
      type: 'checkout.session.completed',
      created: Math.floor(t.clock.now().getTime() / 1000),
      data: { sessionId: 'cs_local_never_opened', amountCents: 1_00, currency: 'EUR', paymentReference: 'pi_x', failureReason: null, metadata: { caseId: found.id } },
    });
    expect(await post(body)).toBe('anomaly');
    expect(await paymentsOf(found.id)).toHaveLength(0);
    expect((await anomaliesOf('evt_test_unknown'))[0]).toMatchObject({ kind: 'unknown_session', case_id: found.id, expected: null });
    const garbage = body.replace('evt_test_unknown', 'evt_test_unknown_2').replace(found.id, 'not-a-case-id');
    expect(await post(garbage)).toBe('anomaly');
    expect((await anomaliesOf('evt_test_unknown_2'))[0]).toMatchObject({ kind: 'unknown_session', case_id: null, creditor_id: null });
  });

  it('a second signed completion of a paid session (another event id) is an anomaly; the same event twice is a no-op', async () => {
    const { found, completion } = await openSession(12_00);
    const first = completion({}, 'evt_test_first');
    expect(await post(first)).toBe('recorded');
    expect(await post(first)).toBe('duplicate');
    expect(await post(completion({}, 'evt_test_second'))).toBe('anomaly');
    const payments = await paymentsOf(found.id);
    expect(payments).toHaveLength(1);
    expect(Number(payments[0]?.amount_cents)).toBe(12_00);
    expect((await anomaliesOf('evt_test_second'))[0]?.kind).toBe('already_paid');
  });

  it('managers list and resolve anomalies once (audited); agents and creditors cannot', async () => {
    const { completion } = await openSession(3_00);
    await post(completion({ amountCents: 4_00 }, 'evt_test_listed'));
    const manager = await makeUser(t, 'manager');
    const managerToken = await login(t, manager);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/payment-anomalies', headers: bearer(managerToken) });
    expect(listed.statusCode).toBe(200);
    const item = listed.json().items.find((entry: { providerEventId: string }) => entry.providerEventId === 'evt_test_listed');
    expect(item).toMatchObject({ kind: 'amount_mismatch', expected: { amountCents: 3_00 }, received: { amountCents: 4_00 }, resolvedAt: null });
    expect(item.creditorName).toBeTruthy();

    const creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
    for (const token of [agentToken, creditorToken]) {
      const refused = await t.app.inject({ method: 'GET', url: '/api/v1/payment-anomalies', headers: bearer(token) });
      expect(refused.statusCode).toBe(403);
    }
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payment-anomalies/${item.id}/resolve`,
      headers: bearer(managerToken),
      payload: { note: 'Trop-perçu de 1,00 € remboursé au débiteur.' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolutionNote: 'Trop-perçu de 1,00 € remboursé au débiteur.', resolvedBy: { id: manager.id } });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payment-anomalies/${item.id}/resolve`,
      headers: bearer(managerToken),
      payload: { note: 'encore' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('payment_anomaly_already_resolved');
    const open = (await t.app.inject({ method: 'GET', url: '/api/v1/payment-anomalies?status=open', headers: bearer(managerToken) })).json();
    expect(open.items.map((entry: { id: string }) => entry.id)).not.toContain(item.id);
    const done = (await t.app.inject({ method: 'GET', url: '/api/v1/payment-anomalies?status=resolved', headers: bearer(managerToken) })).json();
    expect(done.items.map((entry: { id: string }) => entry.id)).toContain(item.id);
    const audit = await t.orm.em.fork().execute<{ actor_id: string }[]>(
      `select actor_id from audit_event where action = 'payment_anomaly_resolved' and entity_id = ?`,
      [item.id],
    );
    expect(audit).toEqual([{ actor_id: manager.id }]);
  });
});
