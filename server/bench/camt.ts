// pnpm bench camt --entries N [--keep-file]
//
// A day's camt.053 of the client-funds account with N entries (seeds/src/camt053.ts writes it to a
// file, streamed, before anything is timed), imported end to end through the service the upload
// route calls (server/src/features/money/bank-statements.ts importBankStatement: streaming XML,
// entries stored in chunks, each settled: payments with their receipts and ledger postings,
// suspense, reversals, debits), in one transaction, as the agency. The mix, by entry index i (0-based),
// k = i % 100:
//   0-44  credit bearing a case's RF reference (RmtInf/Strd)                 -> matched
//   45-54 credit with the case's RF reference written in the free text        -> matched
//   55-84 credit without a reference (a name, a text)                        -> unmatched (suspense)
//   85-94 debit without a remittance or refund EndToEndId (bank fees)         -> debit_unmatched
//   95-97 credit bearing a valid RF reference of no case                     -> unmatched
//   98    reversal (RvslInd) of entry i - 98 (same EndToEndId and amount)    -> reversal_applied, the original reversed
//   99    pending credit (Sts PDNG)                                          -> not_booked
// Cases are seeded set-based (one claim each, large enough never to be paid in full), each receiving
// about two payments. Verifies every entry is stored with the status the rules give, counts
// payments and receipts, and samples the process's RSS during the import (the import runs in this
// process; the file is on disk, not in memory). Baseline in the same run: a plain COPY of the same
// entries into bank_entry (as the tables' owner), for another statement row. Prints one last JSON
// line; exits non-zero when an entry is missing or has another status than expected.
// BENCH_PROFILE=1: the statements the import sent, by total time (count, mean), on stderr.
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { type CamtEntry, camt053Chunks, closingOf } from '@relance/seeds/camt053';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Config } from '../src/config.ts';
import { initOrm } from '../src/db/orm.ts';
import type { Secrets } from '../src/db/secrets.ts';
import { importBankStatement } from '../src/features/money/bank-statements.ts';
import type { ActorContext } from '../src/plugins/context.ts';
import { benchDatabase } from './database.ts';

const TODAY = '2026-12-07';
const NOW = new Date(`${TODAY}T17:00:00Z`);
const IBAN = 'FR7630006000011234567890189';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

const caseReference = (n: number) => `DOS-${String(n).padStart(7, '0')}`;
const amountOf = (i: number) => 1_000 + ((i * 7919) % 19_000);

/** Entry i of the statement, by the rules above; `cases` cases exist, numbered 1..cases. */
export function benchEntry(i: number, cases: number): CamtEntry {
  const k = i % 100;
  const base = { amountCents: amountOf(i), bookedOn: TODAY, endToEndId: `E2E-${i}`, accountServicerReference: `BQ-${TODAY}-${i}` };
  const rf = creditorReferenceFor(caseReference(1 + (i % cases)));
  if (k < 45) return { ...base, direction: 'credit', creditorReference: rf, counterpartyName: `Débiteur ${i % cases}` };
  if (k < 55) return { ...base, direction: 'credit', text: `Reglement dossier ${rf}`, counterpartyName: `Débiteur ${i % cases}` };
  if (k < 85) return { ...base, direction: 'credit', text: `VIR SEPA ${i}`, counterpartyName: `Payeur inconnu ${i}` };
  if (k < 95) return { ...base, direction: 'debit', endToEndId: `FRAIS-${i}`, text: 'FRAIS BANCAIRES' };
  if (k < 98) return { ...base, direction: 'credit', creditorReference: creditorReferenceFor(caseReference(9_000_000 + i)) };
  if (k === 98) return { amountCents: amountOf(i - 98), bookedOn: TODAY, direction: 'debit', reversal: true, endToEndId: `E2E-${i - 98}`, accountServicerReference: `BQ-${TODAY}-${i}` };
  return { ...base, direction: 'credit', status: 'PDNG', text: `VIR SEPA ${i}` };
}

/** Entry statuses the rules give for N entries. */
export function expectedStatuses(entries: number): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (status: string) => {
    counts[status] = (counts[status] ?? 0) + 1;
  };
  const reversed = new Set<number>();
  for (let i = 0; i < entries; i += 1) if (i % 100 === 98) reversed.add(i - 98);
  for (let i = 0; i < entries; i += 1) {
    const k = i % 100;
    if (reversed.has(i)) add('reversed');
    else if (k < 55) add('matched');
    else if (k < 85 || (k >= 95 && k < 98)) add('unmatched');
    else if (k < 95) add('debit_unmatched');
    else if (k === 98) add('reversal_applied');
    else add('not_booked');
  }
  return counts;
}

async function seedCases(owner: pg.Client, cases: number): Promise<{ creditorId: string; userId: string }> {
  await owner.query(
    `insert into agency (name, siren, address_line1, postal_code, city, client_funds_iban) values ('Agence Bench', '732829320', '1 rue du Bench', '75001', 'Paris', $1)`,
    [IBAN],
  );
  const { rows: creditor } = await owner.query<{ id: string }>(
    `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color, mandate_reference, mandate_signed_on, mandate_valid_until)
     values ('Créancier Bench', 'company', '732829320', '1 rue du Bench', '75001', 'Paris', 'Bench', '#123456', 'MANDAT-BENCH', '2026-01-01', '2027-12-31') returning id`,
  );
  const creditorId = (creditor[0] as { id: string }).id;
  const { rows: user } = await owner.query<{ id: string }>(
    `insert into app_user (email, name, role, password_hash) values ('compta@bench.test', 'Comptable Bench', 'admin', 'x') returning id`,
  );
  await owner.query(
    `insert into debtor (id, creditor_id, kind, display_name, match_key)
     select md5('d' || n)::uuid, $2, 'person', 'Débiteur ' || n, 'bench:' || n from generate_series(1, $1) n`,
    [cases, creditorId],
  );
  await owner.query(
    `insert into collection_case (id, creditor_id, debtor_id, reference, opened_on, status)
     select md5('c' || n)::uuid, $2, md5('d' || n)::uuid, 'DOS-' || lpad(n::text, 7, '0'), $3::date - 60, 'amicable' from generate_series(1, $1) n`,
    [cases, creditorId, TODAY],
  );
  await owner.query(
    `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
     select md5('c' || n)::uuid, $2, 'FAC-' || n, $3::date - 120, $3::date - 90, 5000000 from generate_series(1, $1) n`,
    [cases, creditorId, TODAY],
  );
  for (const table of ['debtor', 'collection_case', 'claim']) await owner.query(`vacuum analyze ${table}`);
  return { creditorId, userId: (user[0] as { id: string }).id };
}

async function writeStatement(path: string, entries: number, cases: number): Promise<void> {
  const list = Array.from({ length: entries }, (_, i) => benchEntry(i, cases));
  const statement = { messageId: `MSG-BENCH-${TODAY}`, statementId: `STMT-BENCH-${TODAY}`, iban: IBAN, openingCents: 100_000_000, fromDate: TODAY, toDate: TODAY, entries: list };
  const out = createWriteStream(path);
  for (const chunk of camt053Chunks({ ...statement, closingCents: closingOf(statement) })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

/** The same entries as bank_entry rows (COPY text format), for the baseline. */
function baselineLines(entries: number, cases: number, statementId: string): string[] {
  const lines: string[] = [];
  const now = NOW.toISOString();
  for (let i = 0; i < entries; i += 1) {
    const e = benchEntry(i, cases);
    const text = e.text ?? '\\N';
    lines.push(
      [statementId, i + 1, e.accountServicerReference, e.accountServicerReference, e.endToEndId ?? '\\N', e.bookedOn, e.bookedOn, e.direction, e.amountCents, 'EUR',
        e.reversal ? 't' : 'f', e.status ?? 'BOOK', e.creditorReference ?? '\\N', text, e.counterpartyName ?? '\\N', 'unmatched', now].join('\t'),
    );
  }
  return lines;
}

async function baseline(ownerUrl: string, entries: number, cases: number): Promise<number> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string }>(
      `insert into bank_statement (message_identifier, statement_identifier, schema_version, account_iban, currency, opening_balance_cents, closing_balance_cents,
                                   file_name, file_sha256, imported_at)
       values ('MSG-BASELINE', 'STMT-BASELINE', 'camt.053.001.08', $1, 'EUR', 0, 0, 'baseline.xml', 'baseline', now()) returning id`,
      [IBAN],
    );
    const lines = baselineLines(entries, cases, (rows[0] as { id: string }).id);
    const started = performance.now();
    await owner.query('begin');
    const stream = owner.query(
      copyFrom(`copy bank_entry (statement_id, position, entry_reference, account_servicer_reference, end_to_end_id, booked_on, value_on, direction, amount_cents, currency,
                                 reversal, entry_status, structured_reference, unstructured_text, counterparty_name, status, updated_at) from stdin`),
    );
    for (let i = 0; i < lines.length; i += 5000) {
      if (!stream.write(`${lines.slice(i, i + 5000).join('\n')}\n`)) await once(stream, 'drain');
    }
    stream.end();
    await finished(stream);
    await owner.query('commit');
    return (performance.now() - started) / 1000;
  } finally {
    await owner.end();
  }
}

type Verified = { lost: number; stored: number; byStatus: Record<string, number>; payments: number; receipts: number };

async function verify(ownerUrl: string, statementId: string, entries: number): Promise<Verified> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ status: string; n: number }>('select status, count(*)::int as n from bank_entry where statement_id = $1 group by status', [statementId]);
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
    const { rows: money } = await owner.query<{ payments: number; receipts: number }>(
      `select (select count(*) from payment_record where provider = 'camt053')::int as payments,
              (select count(*) from receipt r join payment_record p on p.id = r.payment_id where p.provider = 'camt053')::int as receipts`,
    );
    const expected = expectedStatuses(entries);
    const statuses = new Set([...Object.keys(expected), ...Object.keys(byStatus)]);
    let lost = 0;
    for (const status of statuses) lost += Math.abs((byStatus[status] ?? 0) - (expected[status] ?? 0));
    const stored = rows.reduce((sum, row) => sum + row.n, 0);
    const m = money[0] as { payments: number; receipts: number };
    // Every matched credit is a payment with its receipt (a reversed one too: its receipt is cancelled, not deleted).
    const payments = (expected.matched ?? 0) + (expected.reversed ?? 0);
    lost += Math.abs(m.payments - payments) + Math.abs(m.receipts - payments) + Math.abs(stored - entries);
    log(`verify: ${stored} entries stored ${JSON.stringify(byStatus)}; expected ${JSON.stringify(expected)}; ${m.payments} payments, ${m.receipts} receipts`);
    return { lost, stored, byStatus, payments: m.payments, receipts: m.receipts };
  } finally {
    await owner.end();
  }
}

/**
 * Times every statement sent through pg while on (BENCH_PROFILE=1): where the import's time goes.
 * Statements are keyed by their first 110 characters, the values the ORM inlines replaced by `?`.
 */
function profileStatements(): () => void {
  const stats = new Map<string, { n: number; ms: number }>();
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as { text?: string } | string;
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const key = text.slice(0, 2000).replace(/'(?:[^']|'')*'/g, '?').replace(/\s+/g, ' ').slice(0, 110);
    const started = performance.now();
    const done = () => {
      const s = stats.get(key) ?? { n: 0, ms: 0 };
      s.n += 1;
      s.ms += performance.now() - started;
      stats.set(key, s);
    };
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
  return () => {
    prototype.query = original;
    const total = [...stats.values()].reduce((sum, s) => sum + s.ms, 0);
    log(`profile: ${[...stats.values()].reduce((sum, s) => sum + s.n, 0)} statements, ${(total / 1000).toFixed(1)} s waited on`);
    for (const [key, s] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) {
      log(`${s.ms.toFixed(0).padStart(8)} ms ${String(s.n).padStart(7)}x ${(s.ms / s.n).toFixed(2).padStart(7)} ms  ${key}`);
    }
  };
}

async function timedImport(databaseUrl: string, userId: string, path: string, maxBytes: number) {
  const orm = await initOrm(databaseUrl, { poolMax: 2, actingAs: 'agency' });
  const ctx: ActorContext = {
    em: orm.em.fork(),
    clock: { now: () => NOW },
    config: { bankStatementMaxBytes: maxBytes } as Config,
    secrets: {} as Secrets,
    locale: 'fr',
    actor: { via: 'user', userId, role: 'admin', creditorId: null, name: 'Comptable Bench' },
  };
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const stopProfile = process.env.BENCH_PROFILE ? profileStatements() : null;
  const started = performance.now();
  try {
    const imported = await importBankStatement(ctx, { fileName: 'releve-bench.xml', stream: createReadStream(path, { highWaterMark: 256 * 1024 }) });
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ...imported, seconds, rssBeforeMb: Math.round(rssBefore / 1048576), peakRssMb: Math.round(peak / 1048576) };
  } finally {
    clearInterval(sampler);
    stopProfile?.();
    await orm.close(true);
  }
}

export async function benchCamt(argv: string[]) {
  const { values } = parseArgs({ args: argv, allowPositionals: true, options: { entries: { type: 'string', default: '100000' }, 'keep-file': { type: 'boolean', default: false } } });
  const entries = Number(values.entries);
  if (!Number.isInteger(entries) || entries < 1) throw new Error('--entries must be a positive integer');
  // About two payments per case.
  const cases = Math.max(1, Math.ceil((entries * 0.55) / 2));
  const { work, databaseUrl, ownerUrl, dispose } = await benchDatabase('camt');
  try {
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    const seededAt = performance.now();
    const { userId } = await seedCases(owner, cases);
    await owner.end();
    const path = join(work, 'releve.xml');
    await writeStatement(path, entries, cases);
    const bytes = statSync(path).size;
    log(`data: ${cases} cases, file ${(bytes / 1e6).toFixed(1)} MB for ${entries} entries, in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);

    // ---- The import (timed): the service, with the file's size allowed (BANK_STATEMENT_MAX_BYTES).
    const run = await timedImport(databaseUrl, userId, path, Math.max(bytes, 50 * 1024 * 1024));
    if (!run.created) throw new Error('the statement was not created');
    log(`import: ${entries} entries in ${run.seconds.toFixed(2)} s; RSS ${run.rssBeforeMb} MB before, ${run.peakRssMb} MB peak`);
    const checked = await verify(ownerUrl, run.statementId, entries);

    // ---- Baseline: plain COPY of the same entries into bank_entry.
    const baselineSeconds = await baseline(ownerUrl, entries, cases);
    log(`baseline: COPY of ${entries} entries into bank_entry in ${baselineSeconds.toFixed(2)} s`);
    const entriesPerSecond = Math.round(entries / run.seconds);
    const baselinePerSecond = Math.round(entries / baselineSeconds);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'camt',
        entries,
        cases,
        fileMb: Number((bytes / 1e6).toFixed(1)),
        matched: checked.byStatus.matched ?? 0,
        payments: checked.payments,
        lost: checked.lost,
        seconds: Number(run.seconds.toFixed(2)),
        entriesPerSecond,
        rssBeforeMb: run.rssBeforeMb,
        peakRssMb: run.peakRssMb,
        baseline: { what: 'plain COPY of the same entries into bank_entry', seconds: Number(baselineSeconds.toFixed(2)), entriesPerSecond: baselinePerSecond },
        ratio: Number((entriesPerSecond / baselinePerSecond).toFixed(4)),
      })}\n`,
    );
    if (checked.lost !== 0) process.exitCode = 1;
  } finally {
    await dispose({ keepWork: values['keep-file'] });
  }
}
