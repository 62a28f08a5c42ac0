import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseBody, getStatement, postCase, postPayment, randomSiren, uniqueRef } from './case-factories.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** POST /api/v1/cases and POST /api/v1/cases/:id/payments: who may, what is checked, retries. */
let t: TestApp;
let mine: { id: string };
let theirs: { id: string };
let creditorToken: string;
let otherCreditorToken: string;
let managerToken: string;
let agentToken: string;

beforeAll(async () => {
  t = await createTestApp();
  mine = await makeCreditor(t);
  theirs = await makeCreditor(t);
  creditorToken = await login(t, await makeUser(t, 'creditor', mine.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', theirs.id));
  managerToken = await login(t, await makeUser(t, 'manager'));
  agentToken = await login(t, await makeUser(t, 'agent'));
});
afterAll(async () => t.close());

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await t.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from ${sql}`, params);
  return row?.n ?? 0;
}

const claim = (overrides: Partial<{ ref: string; dueDate: string; amountCents: number }> = {}) => ({
  dueDate: '2026-09-30',
  amountCents: 1_234_56,
  ...overrides,
});

describe('creating a case', () => {
  it('creates debtor, contacts, case and claims and answers with the case detail', async () => {
    const siren = randomSiren();
    const body = caseBody({
      externalRef: uniqueRef('EXT'),
      debtor: {
        type: 'company',
        name: 'Boulangerie API SARL',
        siren: `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`,
        email: 'Compta@Boulangerie-API.fr',
        phone: '01 42 68 53 00',
        address: { line1: '4 quai Est', postalCode: '44000', city: 'Nantes' },
      },
      claims: [
        { ref: uniqueRef('A'), issueDate: '2026-08-01', dueDate: '2026-08-31', amountCents: 500_00, contractRatePercent: 12.5 },
        { ref: uniqueRef('B'), issueDate: '2026-09-01', dueDate: '2026-09-30', amountCents: 99_99 },
      ],
      miseEnDemeureDate: '2026-10-15',
    });
    const response = await postCase(t, creditorToken, body);
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail).toMatchObject({
      creditorId: mine.id,
      debtorName: 'Boulangerie API SARL',
      debtorKind: 'company',
      status: 'new',
      claimCount: 2,
      principalCents: 599_99,
      balanceCents: 599_99,
      openedOn: '2026-11-23',
      externalRef: body.externalRef,
      miseEnDemeureOn: '2026-10-15',
      judgmentEnforceableOn: null,
    });
    expect(detail.debtor).toMatchObject({
      siren,
      emails: [expect.objectContaining({ email: 'compta@boulangerie-api.fr' })],
      phones: [expect.objectContaining({ phone: '+33142685300' })],
      addresses: [expect.objectContaining({ line1: '4 quai Est', postalCode: '44000', city: 'Nantes' })],
    });
    expect(detail.claims.map((c: { invoiceRef: string; contractRateBasisPoints: number | null }) => [c.invoiceRef, c.contractRateBasisPoints])).toEqual([
      [body.claims[0]?.ref, 1250],
      [body.claims[1]?.ref, null],
    ]);
    expect(detail.activities[0]).toMatchObject({ kind: 'import', authorName: 'Test creditor' });
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: bearer(creditorToken) })).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toContain(detail.id);
  });

  it('binds a creditor user to its own creditor; staff name the creditor', async () => {
    const forOther = await postCase(t, creditorToken, caseBody({ creditorId: theirs.id, claims: [claim()] }));
    expect(forOther.statusCode).toBe(201);
    expect(forOther.json().creditorId).toBe(mine.id);

    const staffWithout = await postCase(t, managerToken, caseBody({ claims: [claim()] }));
    expect([staffWithout.statusCode, staffWithout.json().code]).toEqual([400, 'validation_failed']);
    const staff = await postCase(t, managerToken, caseBody({ creditorId: theirs.id, claims: [claim()] }));
    expect([staff.statusCode, staff.json().creditorId]).toEqual([201, theirs.id]);
    const unknown = await postCase(t, managerToken, caseBody({ creditorId: '00000000-0000-4000-8000-000000000000', claims: [claim()] }));
    expect(unknown.statusCode).toBe(404);

    const agent = await postCase(t, agentToken, caseBody({ creditorId: mine.id, claims: [claim()] }));
    expect(agent.statusCode).toBe(403);
  });

  it('refuses when the creditor mandate is not valid today (R124-3)', async () => {
    const expired = await makeCreditor(t, { mandateValidUntil: '2026-06-30' });
    const notYet = await makeCreditor(t, { mandateSignedOn: '2026-12-01' });
    for (const creditor of [expired, notYet]) {
      const response = await postCase(t, managerToken, caseBody({ creditorId: creditor.id, claims: [claim()] }), { 'accept-language': 'en' });
      expect([response.statusCode, response.json().code]).toEqual([409, 'mandate_invalid']);
      expect(response.json().message).toMatch(/mandate is not valid/);
      expect(await count('collection_case where creditor_id = ?', [creditor.id])).toBe(0);
    }
  });

  it('validates SIREN, phone, dates and references, and writes nothing when it refuses', async () => {
    const before = await count('debtor where creditor_id = ?', [mine.id]);
    const refusals: [unknown, number, string][] = [
      [caseBody({ debtor: { type: 'company', siren: '123456789' }, claims: [claim()] }), 400, 'invalid_siren'],
      [caseBody({ debtor: { type: 'person', phone: '12' }, claims: [claim()] }), 400, 'invalid_phone'],
      [caseBody({ claims: [{ ...claim(), issueDate: '2026-10-01', dueDate: '2026-09-01' }] }), 400, 'claim_due_before_issue'],
      [caseBody({ claims: [claim({ dueDate: '2026-12-31' })] }), 400, 'claim_not_yet_due'],
      [caseBody({ claims: [claim({ ref: 'SAME' }), claim({ ref: 'SAME' })] }), 400, 'duplicate_claim_ref'],
      [caseBody({ claims: [claim(), { ...claim(), currency: 'USD' }] }), 400, 'mixed_currencies'],
      [caseBody({ claims: [claim()], miseEnDemeureDate: '2026-12-01' }), 400, 'date_in_future'],
      [{ ...caseBody({ claims: [claim()] }), claims: [] }, 400, 'validation_failed'],
      [caseBody({ claims: [{ ...claim(), contractRatePercent: 10.555 }] }), 400, 'validation_failed'],
      [caseBody({ claims: [claim({ amountCents: 0 })] }), 400, 'validation_failed'],
    ];
    for (const [body, status, code] of refusals) {
      const response = await postCase(t, creditorToken, body);
      expect([code, response.statusCode, response.json().code]).toEqual([code, status, code]);
    }
    expect(await count('debtor where creditor_id = ?', [mine.id])).toBe(before);
  });

  it('refuses a claim reference, external reference or debtor the creditor already has (409)', async () => {
    const ref = uniqueRef('DUP');
    const siren = randomSiren();
    const externalRef = uniqueRef('EXT');
    const first = await postCase(t, creditorToken, caseBody({ externalRef, debtor: { type: 'company', siren }, claims: [claim({ ref })] }));
    expect(first.statusCode).toBe(201);
    const sameRef = await postCase(t, creditorToken, caseBody({ claims: [claim(), claim({ ref })] }));
    expect(sameRef.statusCode).toBe(409);
    expect(sameRef.json()).toMatchObject({ code: 'claim_ref_exists', details: { refs: [ref] } });
    const sameExternal = await postCase(t, creditorToken, caseBody({ externalRef, claims: [claim()] }));
    expect([sameExternal.statusCode, sameExternal.json().code]).toEqual([409, 'external_ref_exists']);
    const sameDebtor = await postCase(t, creditorToken, caseBody({ debtor: { type: 'company', siren }, claims: [claim()] }));
    expect(sameDebtor.statusCode).toBe(409);
    expect(sameDebtor.json()).toMatchObject({ code: 'debtor_has_case', details: { caseId: first.json().id } });
    // The same references are free for another creditor.
    const elsewhere = await postCase(t, otherCreditorToken, caseBody({ externalRef, debtor: { type: 'company', siren }, claims: [claim({ ref })] }));
    expect(elsewhere.statusCode).toBe(201);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for a retry and creates one case', async () => {
    const key = uniqueRef('idem');
    const body = caseBody({ externalRef: uniqueRef('IDEM'), claims: [claim()] });
    const first = await postCase(t, creditorToken, body, { 'idempotency-key': key });
    const second = await postCase(t, creditorToken, body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count('collection_case where creditor_id = ? and external_ref = ?', [mine.id, body.externalRef])).toBe(1);
  });

  it('replays concurrent retries without a second case', async () => {
    const key = uniqueRef('idem');
    const body = caseBody({ claims: [claim()] });
    const responses = await Promise.all([1, 2, 3].map(() => postCase(t, creditorToken, body, { 'idempotency-key': key })));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await count('claim where invoice_ref = ?', [body.claims[0]?.ref])).toBe(1);
  });

  it('refuses the same key with a different body (409 idempotency_key_reused)', async () => {
    const key = uniqueRef('idem');
    expect((await postCase(t, creditorToken, caseBody({ claims: [claim()] }), { 'idempotency-key': key })).statusCode).toBe(201);
    const other = await postCase(t, creditorToken, caseBody({ claims: [claim()] }), { 'idempotency-key': key });
    expect([other.statusCode, other.json().code]).toEqual([409, 'idempotency_key_reused']);
  });

  it('scopes keys to the caller creditor, and runs a failed attempt again', async () => {
    const key = uniqueRef('idem');
    const mineCreated = await postCase(t, creditorToken, caseBody({ claims: [claim()] }), { 'idempotency-key': key });
    const theirsCreated = await postCase(t, otherCreditorToken, caseBody({ claims: [claim()] }), { 'idempotency-key': key });
    expect([mineCreated.statusCode, theirsCreated.statusCode]).toEqual([201, 201]);
    expect(theirsCreated.json().creditorId).toBe(theirs.id);

    const retryKey = uniqueRef('idem');
    const invalid = caseBody({ claims: [claim({ dueDate: '2026-12-31' })] });
    expect((await postCase(t, creditorToken, invalid, { 'idempotency-key': retryKey })).statusCode).toBe(400);
    const fixed = await postCase(t, creditorToken, caseBody({ claims: [claim()] }), { 'idempotency-key': retryKey });
    expect(fixed.statusCode).toBe(201);
  });
});

describe('recording a payment', () => {
  it('records it with the designated claim and writes the timeline', async () => {
    const ref = uniqueRef('P');
    const created = (await postCase(t, creditorToken, caseBody({ claims: [claim({ ref, amountCents: 300_00 })] }))).json();
    const response = await postPayment(t, agentToken, created.id, { date: '2026-11-20', amountCents: 120_50, method: 'cheque', claimRef: ref });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ amountCents: 120_50, currency: 'EUR', receivedOn: '2026-11-20', method: 'cheque', claimRef: ref, providerReference: null });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: bearer(creditorToken) })).json();
    expect(detail.paidCents).toBe(120_50);
    expect(detail.payments[0]).toMatchObject({ id: response.json().id, claimRef: ref });
    // The test clock stands still, so find the entry rather than rely on the order.
    const entry = detail.activities.find((a: { kind: string }) => a.kind === 'payment');
    expect(entry).toMatchObject({ kind: 'payment', authorName: 'Test agent' });
    expect(entry.text).toContain('120,50');
    expect(entry.text).toContain(ref);
  });

  it('refuses a claim that is not the case, a future date, and an unknown method', async () => {
    const created = (await postCase(t, creditorToken, caseBody({ claims: [claim()] }))).json();
    const unknownRef = await postPayment(t, agentToken, created.id, { date: '2026-11-20', amountCents: 10_00, claimRef: 'NOT-HERE' });
    expect([unknownRef.statusCode, unknownRef.json().code]).toEqual([400, 'unknown_claim_ref']);
    const future = await postPayment(t, agentToken, created.id, { date: '2026-11-24', amountCents: 10_00 });
    expect([future.statusCode, future.json().code]).toEqual([400, 'date_in_future']);
    const method = await postPayment(t, agentToken, created.id, { date: '2026-11-20', amountCents: 10_00, method: 'cash' });
    expect(method.statusCode).toBe(400);
    expect(await count('payment where case_id = ?', [created.id])).toBe(0);
  });

  it('replays a retried payment with the same Idempotency-Key', async () => {
    const created = (await postCase(t, creditorToken, caseBody({ claims: [claim()] }))).json();
    const key = uniqueRef('pay');
    const first = await postPayment(t, agentToken, created.id, { date: '2026-11-20', amountCents: 10_00 }, { 'idempotency-key': key });
    const second = await postPayment(t, agentToken, created.id, { date: '2026-11-20', amountCents: 10_00 }, { 'idempotency-key': key });
    expect(second.json()).toEqual(first.json());
    expect(await count('payment where case_id = ?', [created.id])).toBe(1);
  });
});

describe('creditor isolation on the new routes', () => {
  it('hides another creditor case from statement and list (404 / absent), and forbids payments to creditor users (403)', async () => {
    const theirCase = (await postCase(t, otherCreditorToken, caseBody({ claims: [claim()] }))).json();
    const myCase = (await postCase(t, creditorToken, caseBody({ claims: [claim()] }))).json();

    const foreign = await getStatement(t, creditorToken, theirCase.id, '2026-06-30');
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'not_found']);
    expect((await getStatement(t, creditorToken, myCase.id, '2026-06-30')).statusCode).toBe(200);
    const missing = await getStatement(t, agentToken, '00000000-0000-4000-8000-000000000000', '2026-06-30');
    expect(missing.statusCode).toBe(404);

    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/cases?limit=200&creditorId=${theirs.id}`, headers: bearer(creditorToken) })).json();
    const ids = list.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(myCase.id);
    expect(ids).not.toContain(theirCase.id);

    for (const caseId of [myCase.id, theirCase.id]) {
      const response = await postPayment(t, creditorToken, caseId, { date: '2026-11-20', amountCents: 10_00 });
      expect(response.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/rates', headers: bearer(creditorToken) })).statusCode).toBe(403);
    expect(await count('payment where case_id = any(array[?, ?]::uuid[])', [myCase.id, theirCase.id])).toBe(0);
  });

  it('needs a signed-in user', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: caseBody({ claims: [claim()] }) });
    expect(response.statusCode).toBe(401);
  });
});
