import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 22: a creditor user's own case export runs on its row-level-security connection, where it
// was quadratic (5.7 s for the first batch at 5,000 cases: the planner ANDed the creditor's whole
// claim index into each case's claim lookup, and sorted every remaining case again for each batch).
// Thousands of cases of one creditor, plus another creditor's, exported by the creditor's user over
// HTTP: every case of its own once (several batches), none of the other's. No duration asserted:
// `pnpm bench export --as creditor` measures it.

const CASES = 4_500;
const OTHER_CASES = 3_000;
let t: TestApp;
let token: string;

async function seed(creditorId: string, count: number, tag: string) {
  const em = t.orm.em.fork();
  await em.execute(
    `insert into debtor (id, creditor_id, kind, display_name, match_key)
     select md5(? || 'd' || i)::uuid, ?, 'person', ? || ' débiteur ' || i, ? || ':' || i from generate_series(1, ?) i`,
    [tag, creditorId, tag, tag, count],
  );
  await em.execute(
    `insert into collection_case (id, creditor_id, debtor_id, opened_on)
     select md5(? || 'c' || i)::uuid, ?, md5(? || 'd' || i)::uuid, date '2026-11-01' - (i % 300) from generate_series(1, ?) i`,
    [tag, creditorId, tag, count],
  );
  await em.execute(
    `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
     select md5(? || 'c' || i)::uuid, ?, 'FAC-' || i, date '2026-01-01', date '2026-02-01', 10000 + i from generate_series(1, ?) i`,
    [tag, creditorId, count],
  );
  await em.execute(
    `insert into payment (case_id, amount_cents, received_on, method)
     select md5(? || 'c' || i)::uuid, 500, date '2026-10-01', 'transfer' from generate_series(1, ?) i where i % 3 = 0`,
    [tag, count],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const creditor = await makeCreditor(t);
  const other = await makeCreditor(t);
  token = await login(t, await makeUser(t, 'creditor', creditor.id));
  // No ANALYZE: as right after an import, before autovacuum (the planner's worst case here).
  await seed(creditor.id, CASES, 'mine');
  await seed(other.id, OTHER_CASES, 'theirs');
}, 120_000);
afterAll(async () => t?.close(), 60_000);

describe("a creditor user's case export under row-level security", () => {
  it('completes with each of its cases once and none of another creditor', async () => {
    const started = performance.now();
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/exports/cases.csv', headers: bearer(token) });
    process.stderr.write(`creditor export of ${CASES} cases: ${Math.round(performance.now() - started)} ms\n`);
    expect(response.statusCode).toBe(200);
    const lines = response.body.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBe(CASES + 1);
    const debtors = lines.slice(1).map((line) => line.split(';')[2]);
    expect(new Set(debtors).size).toBe(CASES);
    expect(debtors.every((name) => name?.includes('mine débiteur'))).toBe(true);
    expect(response.body).not.toContain('theirs');
  }, 120_000);
});
