import { MAX_AMOUNT_CENTS } from '@relance/contracts/common';
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorsPlugin } from '../src/plugins/errors.ts';
import { bearer, claimsCsv, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue #13, items 3 and 4: money bounds, overpayments, all-or-nothing creation, and the inputs that
 * answered 500 (NUL bytes, bad cursors, out-of-range numbers, unknown references, far dates). Each
 * must be a clear 4xx `{ code, message, details }`, and nothing may leave the API unusable for others.
 */
let t: TestApp;
let admin: string;
let creditorToken: string;
let creditorId: string;
const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 - 1

beforeAll(async () => {
  t = await createTestApp();
  const creditor = await makeCreditor(t);
  creditorId = creditor.id;
  admin = await login(t, await makeUser(t, 'admin'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());

const get = (url: string, token = admin) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, token = admin) =>
  t.app.inject({ method, url, headers: bearer(token), payload: payload as object });

function expectError(response: { statusCode: number; json: () => unknown; body: string }, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { code: string; message: string };
  expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(5);
}

function newCaseBody(amountCents: number, ref = `BIG-${Math.random().toString(36).slice(2, 8)}`) {
  return {
    creditorId,
    debtor: { type: 'person', name: `Débiteur ${ref}` },
    claims: [{ ref, issueDate: '2026-01-01', dueDate: '2026-02-01', amountCents }],
  };
}

async function countRows(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from (${sql}) x`, params);
  return (row as { n: number }).n;
}

describe('money: every amount is bounded, sums stay exact (item 3)', () => {
  it('refuses two direct payments of 2^53-1 cents, and the lists, detail, statement and dashboard keep answering', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 150_000 }]);
    for (const token of [admin, creditorToken]) {
      const paid = await send('POST', `/api/v1/cases/${found.id}/direct-payments`, { date: '2026-11-01', amountCents: MAX_SAFE }, token);
      expectError(paid, 400, 'validation_failed');
    }
    for (const url of ['/api/v1/cases', `/api/v1/cases/${found.id}`, `/api/v1/cases/${found.id}/statement`, `/api/v1/reports/creditor-dashboard?creditorId=${creditorId}`]) {
      const response = await get(url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  });

  it('refuses a claim of 2^53-1 cents on POST /cases and creates nothing; 1e11 cents (1 billion euros) is the largest amount accepted', async () => {
    const before = await countRows('select id from collection_case');
    expectError(await send('POST', '/api/v1/cases', newCaseBody(MAX_SAFE)), 400, 'validation_failed');
    expectError(await send('POST', '/api/v1/cases', newCaseBody(MAX_AMOUNT_CENTS + 1)), 400, 'validation_failed');
    expect(await countRows('select id from collection_case')).toBe(before);
    const largest = await send('POST', '/api/v1/cases', newCaseBody(MAX_AMOUNT_CENTS));
    expect(largest.statusCode, largest.body).toBe(201);
    expect(largest.json().principalCents).toBe(MAX_AMOUNT_CENTS);
  });

  it('bounds the amounts of promises, plans, portfolios and dunning strategies too', async () => {
    const found = await makeCase(t, creditorId);
    expectError(await send('POST', `/api/v1/cases/${found.id}/promises`, { amountCents: MAX_SAFE, dueOn: '2026-12-01' }), 400, 'validation_failed');
    expectError(
      await send('POST', `/api/v1/cases/${found.id}/plans/preview`, { totalCents: MAX_SAFE, installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' }),
      400,
      'validation_failed',
    );
    expectError(await send('POST', '/api/v1/portfolios', { name: 'Grands comptes', minBalanceCents: MAX_SAFE }), 400, 'validation_failed');
    expectError(await send('POST', '/api/v1/dunning/strategies', { name: 'S', creditorId, maxBalanceCents: MAX_SAFE, steps: [] }), 400, 'validation_failed');
  });

  it('keeps the database as the last wall: an amount above 1e11 cents is refused by a check constraint', async () => {
    const found = await makeCase(t, creditorId);
    await expect(
      t.orm.em.fork().execute(`insert into payment (case_id, amount_cents, received_on, method) values (?, ?, '2026-11-01', 'transfer')`, [found.id, MAX_AMOUNT_CENTS + 1]),
    ).rejects.toThrow(/payment_amount_within_bounds/);
    await expect(
      t.orm.em.fork().execute(`update claim set amount_cents = ? where case_id = ?`, [MAX_SAFE, found.id]),
    ).rejects.toThrow(/claim_amount_within_bounds/);
  });

  it('refuses an import row above 1e11 cents or dated before 1990', async () => {
    const upload = multipart({}, {
      name: 'big.csv',
      type: 'text/csv',
      content: claimsCsv([
        'IMP-BIG;01/01/2026;31/01/2026;1 000 000 001,00;particulier;Jean Grand;;;;;;',
        'IMP-OLD;01/01/1985;31/01/1985;100,00;particulier;Jean Ancien;;;;;;',
        'IMP-OK;01/01/2026;31/01/2026;100,00;particulier;Jean Juste;;;;;;',
      ]),
    });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(creditorToken), ...upload.headers }, payload: upload.payload });
    expect(created.statusCode, created.body).toBe(201);
    const rejections = await get(`/api/v1/imports/${created.json().id}/rejections`, creditorToken);
    expect(rejections.body).toMatch(/;amount;invalid_amount;/);
    expect(rejections.body).toMatch(/;(issue_date|due_date);invalid_date;/);
    expect(created.json().counts).toMatchObject({ created: 1, rejected: 2 });
  });
});

describe('overpayments: refused unless recorded as such, then shown as an amount to refund (item 3)', () => {
  it('refuses a direct payment above the balance due, records it with overpayment: true, and shows the refund due', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 100_00 }], { kind: 'person' });
    const url = `/api/v1/cases/${found.id}/direct-payments`;
    const refused = await send('POST', url, { date: '2026-11-01', amountCents: 1_000_00 }, creditorToken);
    expectError(refused, 422, 'payment_above_balance');
    const { balanceDueCents } = refused.json().details as { balanceDueCents: number };
    expect(balanceDueCents).toBeGreaterThanOrEqual(100_00);
    expect(balanceDueCents).toBeLessThan(1_000_00);
    expect(await countRows('select id from payment where case_id = ?', [found.id])).toBe(0);

    const recorded = await send('POST', url, { date: '2026-11-01', amountCents: 1_000_00, overpayment: true }, creditorToken);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ amountCents: 1_000_00, overpayment: true });

    const detail = (await get(`/api/v1/cases/${found.id}`)).json();
    expect(detail.payments[0]).toMatchObject({ amountCents: 1_000_00, overpayment: true });
    expect(detail.refundDueCents).toBe(1_000_00 - balanceDueCents);
    expect(detail.outstandingCents).toBe(0);
    const statement = (await get(`/api/v1/cases/${found.id}/statement`)).json();
    expect(statement.totals.creditCents).toBe(detail.refundDueCents);
    expect(statement.warnings).toContainEqual(expect.objectContaining({ code: 'overpayment', creditCents: detail.refundDueCents }));
    const timeline = detail.activities.find((activity: { kind: string }) => activity.kind === 'payment');
    expect(timeline.text).toMatch(/Trop-perçu de .* à rembourser/);
  });

  it('records a payment within the balance as a plain payment, and refuses the next one that would exceed it', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 100_00 }], { kind: 'person' });
    const first = await send('POST', `/api/v1/cases/${found.id}/payments`, { date: '2026-11-01', amountCents: 60_00, method: 'transfer' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().overpayment).toBe(false);
    const second = await send('POST', `/api/v1/cases/${found.id}/payments`, { date: '2026-11-02', amountCents: 60_00, method: 'cheque' });
    expectError(second, 422, 'payment_above_balance');
    const detail = (await get(`/api/v1/cases/${found.id}`)).json();
    expect(detail.refundDueCents).toBe(0);
  });
});

describe('POST /cases is all or nothing (item 3)', () => {
  it('rolls the case back when its answer cannot be produced, instead of answering 500 after creating it', async () => {
    // A case the database accepts but the answer cannot show (an opening date in year 10000 is not
    // an ISO date, and nothing but the answer reads it): the detail fails its schema, which Fastify
    // used to find out only while serializing, after the commit.
    // DDL as the cluster's superuser on this file's database (the app's own login may not create functions).
    const url = new URL(inject('databaseAdminUrl'));
    url.pathname = new URL(t.databaseUrl).pathname;
    const owner = new pg.Client({ connectionString: url.toString() });
    await owner.connect();
    const em = { execute: (sql: string) => owner.query(sql) };
    await em.execute(`create function test_unanswerable_case() returns trigger language plpgsql as $$
      begin if new.external_ref like 'ROLLBACK-%' then new.opened_on := '10000-01-01'; end if; return new; end $$`);
    await em.execute('create trigger test_unanswerable_case before insert on collection_case for each row execute function test_unanswerable_case()');
    try {
      const before = await countRows('select id from collection_case');
      const debtorsBefore = await countRows('select id from debtor');
      const response = await send('POST', '/api/v1/cases', { ...newCaseBody(100_00, 'ROLLBACK-1'), externalRef: 'ROLLBACK-1' });
      expectError(response, 500, 'internal_error');
      expect(await countRows('select id from collection_case')).toBe(before);
      expect(await countRows('select id from debtor')).toBe(debtorsBefore);
      expect(await countRows(`select id from claim where invoice_ref = 'ROLLBACK-1'`)).toBe(0);
    } finally {
      await em.execute('drop trigger test_unanswerable_case on collection_case');
      await em.execute('drop function test_unanswerable_case()');
      await owner.end();
    }
  });
});

describe('inputs that answered 500 now answer a clear 4xx (item 4)', () => {
  it('refuses a NUL byte in any text field, search or parameter with text_contains_nul', async () => {
    const found = await makeCase(t, creditorId);
    const nul = 'Dupont\u0000';
    const attempts = [
      send('POST', '/api/v1/cases', { ...newCaseBody(100_00), debtor: { type: 'person', name: nul } }),
      get(`/api/v1/cases?q=${encodeURIComponent(nul)}`),
      send('POST', `/api/v1/cases/${found.id}/activities`, { kind: 'note', text: nul }),
      send('PATCH', `/api/v1/creditors/${creditorId}`, { legalName: nul }),
      send('POST', '/api/v1/portfolios', { name: nul }),
      send('POST', '/api/v1/auth/login', { email: 'a@b.fr', password: nul }),
      send('POST', `/api/v1/cases/${found.id}/disputes`, { reason: `Contesté ${nul}` }),
    ];
    for (const response of await Promise.all(attempts)) {
      expectError(response, 400, 'text_contains_nul');
      expect(response.json().details).toMatchObject({ location: expect.any(String), path: expect.any(String) });
    }
  });

  it('answers 400 to a malformed pagination cursor on every list', async () => {
    for (const url of ['/api/v1/imports?cursor=jtp', '/api/v1/cases?cursor=jtp', '/api/v1/messages?cursor=jtp', '/api/v1/creditors?cursor=AA', '/api/v1/queue?cursor=jtp']) {
      expectError(await get(url), 400, 'validation_failed');
    }
    const forged = Buffer.from(JSON.stringify(['not-a-rank', 'not-a-uuid'])).toString('base64url');
    expectError(await get(`/api/v1/cases?cursor=${forged}`), 400, 'validation_failed');
  });

  it('refuses out-of-range numbers and an unknown creditor on POST and PATCH /portfolios', async () => {
    expectError(await send('POST', '/api/v1/portfolios', { name: 'P', minDaysPastDue: 2 ** 31 }), 400, 'validation_failed');
    expectError(await send('POST', '/api/v1/portfolios', { name: 'P', creditorId: '00000000-0000-4000-8000-000000000000' }), 400, 'unknown_creditor');
    const created = await send('POST', '/api/v1/portfolios', { name: 'Portefeuille borné' });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/portfolios/${created.json().id}`;
    expectError(await send('PATCH', url, { maxDaysPastDue: 1e12 }), 400, 'validation_failed');
    expectError(await send('PATCH', url, { creditorId: '00000000-0000-4000-8000-000000000000' }), 400, 'unknown_creditor');
  });

  it('answers 409 to a plan agreement letter preview on a case without a plan, instead of failing to render it', async () => {
    const found = await makeCase(t, creditorId);
    for (const template of ['plan_agreement', 'receipt', 'dispute_acknowledgment']) {
      const response = await send('POST', `/api/v1/creditors/${creditorId}/letter-preview`, { template, caseId: found.id });
      expectError(response, 409, 'letter_preview_needs_details');
    }
    const first = await send('POST', `/api/v1/creditors/${creditorId}/letter-preview`, { template: 'first_letter', caseId: found.id });
    expect(first.statusCode, first.body).toBe(200);
  });

  it('bounds business dates: 1990-01-01 to today + 10 years', async () => {
    const found = await makeCase(t, creditorId);
    expectError(await get(`/api/v1/cases/${found.id}/statement?asOf=9999-12-31`), 400, 'validation_failed');
    expectError(await get(`/api/v1/cases/${found.id}/statement?asOf=1989-12-31`), 400, 'validation_failed');
    expect((await get(`/api/v1/cases/${found.id}/statement?asOf=2030-01-01`)).statusCode).toBe(200);
    expectError(await get('/api/v1/team/board?from=1926-01-01&to=2026-01-01'), 400, 'validation_failed');
    expectError(await send('POST', `/api/v1/cases/${found.id}/payments`, { date: '0001-01-01', amountCents: 10_00, method: 'transfer' }), 400, 'validation_failed');
    expectError(await send('POST', '/api/v1/cases', { ...newCaseBody(100_00), claims: [{ ref: 'OLD-1', issueDate: '1989-12-31', dueDate: '1990-01-31', amountCents: 100_00 }] }), 400, 'validation_failed');
    expectError(await send('POST', `/api/v1/cases/${found.id}/promises`, { amountCents: 10_00, dueOn: '2099-01-01' }), 400, 'validation_failed');
    const widest = await get('/api/v1/team/board?from=1990-01-01&to=2035-12-31');
    expect(widest.statusCode, widest.body).toBe(200);
  });

  it('answers router errors in the same shape: an overlong id is 404, a malformed path 400', async () => {
    expectError(await get(`/api/v1/cases/${'x'.repeat(300)}`), 404, 'not_found');
    expectError(await get('/api/v1/cases/%E9'), 400, 'validation_failed');
  });

  it('answers 415 to a file route called without multipart/form-data', async () => {
    const found = await makeCase(t, creditorId);
    expectError(await send('POST', `/api/v1/cases/${found.id}/documents`, { title: 'x' }), 415, 'unsupported_media_type');
    expectError(await send('POST', '/api/v1/imports', {}, creditorToken), 415, 'unsupported_media_type');
  });
});

describe('the error handler maps database refusals that are the caller’s fault to 4xx (item 4, safety net)', () => {
  it('turns invalid syntax, out-of-range and constraint errors from PostgreSQL into 400/409, and anything else into 500', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    const em = t.orm.em.fork();
    const cases: [string, number, string][] = [
      [`select 'jtp'::uuid`, 400, 'invalid_value'],
      [`select 99999999999::int`, 400, 'value_out_of_range'],
      [`select '9999-99-99'::date`, 400, 'value_out_of_range'],
      [`select convert_from('\\xff'::bytea, 'UTF8')`, 400, 'invalid_value'],
      [`insert into payment (case_id, amount_cents, received_on, method) values (gen_random_uuid(), 1, '2026-01-01', 'transfer')`, 409, 'reference_conflict'],
      [`insert into payment (case_id, amount_cents, received_on, method) values (gen_random_uuid(), -1, '2026-01-01', 'transfer')`, 400, 'value_out_of_range'],
      [`select * from no_such_table`, 500, 'internal_error'],
    ];
    cases.forEach(([sql], index) => {
      app.get(`/sql/${index}`, async () => em.execute(sql));
    });
    app.get('/unique', async () => {
      await em.execute(`insert into idempotency_key (scope, key, request_hash) values ('t', 'dup', 'h')`);
      return em.execute(`insert into idempotency_key (scope, key, request_hash) values ('t', 'dup', 'h')`);
    });
    for (const [index, [sql, status, code]] of cases.entries()) {
      const response = await app.inject({ method: 'GET', url: `/sql/${index}` });
      expect(response.statusCode, `${sql}: ${response.body}`).toBe(status);
      expect(response.json().code).toBe(code);
      expect(response.body).not.toMatch(/no_such_table|syntax|relation/);
    }
    expectError(await app.inject({ method: 'GET', url: '/unique' }), 409, 'already_exists');
    await app.close();
  });
});
