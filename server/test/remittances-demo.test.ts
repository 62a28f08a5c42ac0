import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { seedDemoData } from '../src/db/seed.ts';
import { bearer, login } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 17's "done when" on the demo data, through the API, as the demo accountant: a remittance
 * run for one demo creditor lists its statement, its invoice and a pain.001 that validates against
 * the SEPA schema; every creditor can then be remitted in one run; the books stay whole.
 */
let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp({ agency: false });
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  await seedDemoData(t.orm, { clock: t.clock, config: t.config, secrets: t.secrets });
  token = await login(t, { email: 'compta@relance.test', password: 'demo' });
});
afterAll(async () => t.close());

describe('remittance runs on the demo data', () => {
  it('remits one creditor with its statement, invoice and a valid pain.001, then the others in one run; the books stay whole', async () => {
    const held = await t.app.inject({ method: 'GET', url: '/api/v1/remittances/held', headers: bearer(token) });
    expect(held.statusCode).toBe(200);
    const holding = held.json().items.filter((item: { paymentCount: number }) => item.paymentCount > 0);
    expect(holding.length).toBeGreaterThan(1);

    const one = await t.app.inject({ method: 'POST', url: '/api/v1/remittances/runs', headers: bearer(token), payload: { creditorId: holding[0].creditorId } });
    expect(one.statusCode, one.body).toBe(201);
    const kinds = one.json().files.map((file: { kind: string }) => file.kind);
    expect(kinds).toEqual(expect.arrayContaining(['statement', 'invoice', 'pain001']));
    const pain = await t.app.inject({ method: 'GET', url: one.json().files.find((file: { kind: string }) => file.kind === 'pain001').url, headers: bearer(token) });
    const xsd = readFileSync(new URL('./fixtures/pain.001.001.09.xsd', import.meta.url), 'utf8');
    const validation = await validateXML({ xml: [{ fileName: 'pain001.xml', contents: pain.body }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: xsd }] });
    expect(validation.errors).toEqual([]);

    const all = await t.app.inject({ method: 'POST', url: '/api/v1/remittances/runs', headers: bearer(token), payload: {} });
    expect(all.statusCode, all.body).toBe(201);
    const remitted = all.json().remittances.map((remittance: { creditorId: string }) => remittance.creditorId);
    expect(remitted).not.toContain(holding[0].creditorId);
    expect(remitted.length).toBeGreaterThan(0);

    for (const run of [one.json(), all.json()]) {
      const sent = await t.app.inject({ method: 'POST', url: `/api/v1/remittances/runs/${run.id}/sent`, headers: bearer(token) });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const balance = (await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: bearer(token) })).json();
    expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
    expect(balance.clientFunds.differenceCents).toBe(0);
    for (const creditor of balance.creditors) expect(creditor.payableCents).toBeGreaterThanOrEqual(0);
  });
});
