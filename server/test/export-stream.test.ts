import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 19, "Done when": CSV exports of 100k cases stream. 100,000 cases of one creditor, made
// set-based (as server/bench/exports.ts does), exported over real HTTP by a manager asking for that
// creditor: every case is a line, and the first bytes reach the client while the rest is still being
// written (no duration asserted; `pnpm bench export --cases 1000000` measures speed and memory).
// The same export by the creditor's own user, under row-level security, was quadratic (issue 19);
// linear since issue 22: server/test/creditor-export-rls.test.ts, `pnpm bench export --as creditor`.

const CASES = 100_000;
let t: TestApp;
let token: string;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  const creditor = await makeCreditor(t);
  const other = await makeCreditor(t);
  token = await login(t, await makeUser(t, 'manager'));
  creditorId = creditor.id;
  const em = t.orm.em.fork();
  for (const [id, count, tag] of [
    [creditor.id, CASES, 'a'],
    [other.id, 10, 'b'],
  ] as const) {
    await em.execute(
      `insert into debtor (id, creditor_id, kind, display_name, match_key)
       select md5(? || 'd' || i)::uuid, ?, 'person', 'Débiteur ' || i, ? || ':' || i from generate_series(1, ?) i`,
      [tag, id, tag, count],
    );
    await em.execute(
      `insert into collection_case (id, creditor_id, debtor_id, opened_on)
       select md5(? || 'c' || i)::uuid, ?, md5(? || 'd' || i)::uuid, date '2026-11-01' - (i % 300) from generate_series(1, ?) i`,
      [tag, id, tag, count],
    );
    await em.execute(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
       select md5(? || 'c' || i)::uuid, ?, 'FAC-' || i, date '2026-01-01', date '2026-02-01', 10000 + i from generate_series(1, ?) i`,
      [tag, id, count],
    );
  }
  // As after a real import: the planner knows the tables' sizes (the bench does the same).
  await em.execute('analyze debtor, collection_case, claim');
}, 180_000);
afterAll(async () => t?.close(), 60_000);

describe('a 100k-case CSV export', () => {
  it('streams: the first bytes arrive before the last, every case once, no other creditor', async () => {
    const started = performance.now();
    const response = await fetch(`${t.config.publicUrl}/api/v1/exports/cases.csv?creditorId=${creditorId}`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let chunks = 0;
    let bytesAtFirstChunk = 0;
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      bytes += value.length;
      if (chunks === 1) bytesAtFirstChunk = value.length;
      for (const byte of value) if (byte === 10) lines += 1;
    }
    process.stderr.write(`100k-case CSV export: ${bytes} bytes in ${chunks} chunks, ${Math.round(performance.now() - started)} ms\n`);
    expect(lines).toBe(CASES + 1);
    expect(chunks).toBeGreaterThan(10);
    expect(bytesAtFirstChunk).toBeLessThan(bytes / 10);
  }, 180_000);
});
