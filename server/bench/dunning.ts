// pnpm bench dunning --cases N [--letters L] [--threads T]
//
// Generates N open cases set-based (generate_series, deterministic) in its own embedded PostgreSQL, in
// the steady state of the seeded default strategy (J+0 letter + email, J+5 SMS, J+15 letter + email,
// J+30 registered letter, J+40 and J+45 call tasks): cases placed over the last 60 days, each having
// gone through every step group before today; 5 % never started (a backlog to catch up: the first
// group only); pauses (dispute, vulnerability, promise, plan, paid in full), closed cases, and 3 % of
// debtors already called 3 times this week (the cap defers their messages). Then times the daily
// decision pass, the worker's very function (server/src/features/dunning/run.ts runDunning: select,
// decide, write one execution per (case, step), advance the cases, enqueue the batched jobs), and the
// baseline in the same run on the same data: the selection alone as one SQL statement. Checks every
// due step was decided exactly once against an independent count from the generator's rules, and that
// a second run decides nothing. letters_per_s: first letters, each for its own case, rendered to PDF
// through the worker's letter render pool (templates/src/render-pool.ts), --threads threads. Prints one last JSON line; exits non-zero when a step is missing or doubled.
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { LetterCommonProps } from '../../templates/src/letter-model.ts';
import { createLetterRenderPool } from '../../templates/src/render-pool.ts';
import { caseLetterProps } from '../../templates/test/fixtures.ts';
import { baselineSelection, runDunning } from '../src/features/dunning/run.ts';
import { inPgTransaction, pgExec } from '../src/plugins/sql.ts';
import { benchDatabase } from './database.ts';

const TODAY = '2026-11-23';
/** Monday 23 November 2026, 10:00 in Paris: inside the contact window. */
const NOW = new Date('2026-11-23T09:00:00Z');
const GROUPS: Record<number, number> = { 0: 2, 5: 1, 15: 2, 30: 1, 40: 1, 45: 1 };

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** The generator's rules for case i (1-based), shared by the SQL that writes the data and the expected count. */
const rules = {
  ageDays: (i: number) => i % 60,
  closed: (i: number) => i % 100 === 6,
  paused: (i: number) => i % 200 === 15 || i % 200 === 30 || i % 100 === 40 || i % 100 === 45 || i % 100 === 5,
  notStarted: (i: number) => i % 20 === 7,
};

/** Steps due today by the rules: a backlog case gets its first group; a started one the group of its age, if any. */
function expectedSteps(cases: number): number {
  let total = 0;
  for (let i = 1; i <= cases; i += 1) {
    if (rules.closed(i) || rules.paused(i)) continue;
    total += rules.notStarted(i) ? 2 : (GROUPS[rules.ageDays(i)] ?? 0);
  }
  return total;
}

/**
 * Letters per second through the pool the worker renders letters with (templates/render-pool.ts),
 * `threads` threads kept busy: first letters (R124-4, branded, décompte table, QR code), each for its
 * own case (templates tests' caseLetterProps: debtor, address, references, portal link, invoices and
 * amounts all differ, as in a real run; the agency's and creditor's paragraphs are the same, as in a
 * real run). The `baseline` variant is performance.md's baseline: the same letters without the
 * décompte lines and without the brand (no logo, black instead of the creditor's colour).
 */
async function renderRate(letters: number, threads: number, variant: 'letter' | 'baseline'): Promise<number> {
  const letterFor = (n: number): LetterCommonProps => {
    const full = caseLetterProps(n, 'fr');
    if (variant === 'letter') return full;
    return {
      ...full,
      statement: { ...full.statement, lines: [] },
      creditor: { ...full.creditor, brand: { displayName: full.creditor.brand.displayName, primaryColor: '#000000' } },
    };
  };
  const pool = createLetterRenderPool({ threads });
  try {
    const renderAll = async (count: number, firstCase: number): Promise<void> => {
      let next = 0;
      // Two letters in flight per thread, so a thread never waits for the next one.
      const lanes = Array.from({ length: threads * 2 }, async () => {
        while (next < count) {
          next += 1;
          await pool.render('first', letterFor(firstCase + next));
        }
      });
      await Promise.all(lanes);
    };
    // Warm-up: every thread started, its modules loaded and its hot code optimised.
    await renderAll(threads * 15, 1_000_000);
    const started = performance.now();
    await renderAll(letters, 0);
    return letters / ((performance.now() - started) / 1000);
  } finally {
    await pool.close();
  }
}

export async function benchDunning(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { cases: { type: 'string', default: '100000' }, letters: { type: 'string', default: '200' }, threads: { type: 'string', default: '2' } },
  });
  const cases = Number(values.cases);
  // ---- Letters rendered per second, through the worker's render pool. First, before the database
  // exists: after a million-case pass its autovacuum and checkpoints would share the two cores.
  const letters = Number(values.letters);
  const lettersPerSecond = letters > 0 ? await renderRate(letters, Number(values.threads), 'letter') : 0;
  const baselineLettersPerSecond = letters > 0 ? await renderRate(letters, Number(values.threads), 'baseline') : 0;
  log(`render: ${letters} first letters on ${values.threads} threads at ${lettersPerSecond.toFixed(1)} letters/s (without décompte and brand: ${baselineLettersPerSecond.toFixed(1)}/s)`);

  const { databaseUrl, ownerUrl, dispose } = await benchDatabase('dunning');
  try {
    // The data is written (and vacuumed) as the tables' owner; the baseline and the pass run as the
    // worker does, as relance_app under row-level security (its staff scope sees every creditor).
    const setup = new pg.Client({ connectionString: ownerUrl });
    const app = new pg.Client({ connectionString: databaseUrl });
    app.on('error', (error) => log(`app connection: ${error.message}`));
    // The database is dropped on failure (dispose): that kills this connection, which must not hide the real error.
    setup.on('error', () => {});
    await setup.connect();
    await app.connect();

    // ---- Data, set-based and deterministic (not timed).
    const generatedAt = performance.now();
    await setup.query(
      `insert into agency (name, siren, address_line1, postal_code, city) values ('Agence Bench', '732829320', '1 rue du Bench', '75001', 'Paris')`,
    );
    const { rows: creditorRows } = await setup.query<{ id: string }>(
      `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                             mandate_reference, mandate_signed_on, mandate_valid_until)
       select 'Créancier Bench ' || n, 'company', '732829320', '1 rue du Bench', '75001', 'Paris', 'Bench ' || n, '#123456', 'MANDAT-BENCH', '2026-01-01', '2027-12-31'
         from generate_series(1, 2) n returning id`,
    );
    const creditors = `{${creditorRows.map((r) => r.id).join(',')}}`;
    await setup.query(
      `insert into debtor (id, creditor_id, kind, display_name, match_key)
       select md5('d' || i)::uuid, ($2::uuid[])[1 + i % 2], case when i % 3 = 0 then 'company' else 'person' end, 'Débiteur ' || i, 'bench:' || i
         from generate_series(1, $1) i`,
      [cases, creditors],
    );
    // Every debtor is reachable on every channel (a step with no valid contact is skipped, which
    // the expected counts below do not model).
    await setup.query(
      `insert into debtor_email (debtor_id, email) select md5('d' || i)::uuid, 'debiteur' || i || '@example.fr' from generate_series(1, $1) i`,
      [cases],
    );
    await setup.query(
      `insert into debtor_phone (debtor_id, phone) select md5('d' || i)::uuid, '+336' || lpad(i::text, 8, '0') from generate_series(1, $1) i`,
      [cases],
    );
    await setup.query(
      `insert into debtor_address (debtor_id, line1, postal_code, city)
       select md5('d' || i)::uuid, i || ' rue du Bench', '75001', 'Paris' from generate_series(1, $1) i`,
      [cases],
    );
    await setup.query(
      `insert into collection_case (id, creditor_id, debtor_id, opened_on, status, vulnerable_since)
       select md5('c' || i)::uuid, ($2::uuid[])[1 + i % 2], md5('d' || i)::uuid, $3::date - (i % 60),
              case when i % 100 = 6 then 'closed' when i % 100 = 40 then 'promise' when i % 100 = 45 then 'payment_plan' else 'amicable' end,
              case when i % 200 = 30 then $4::timestamptz end
         from generate_series(1, $1) i`,
      [cases, creditors, TODAY, NOW],
    );
    await setup.query(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
       select md5('c' || i)::uuid, ($2::uuid[])[1 + i % 2], 'FAC-' || i, $3::date - 120, $3::date - 90, 10000 + (i::bigint * 7919) % 500000
         from generate_series(1, $1) i`,
      [cases, creditors, TODAY],
    );
    await setup.query(
      `insert into payment (case_id, amount_cents, received_on, method)
       select md5('c' || i)::uuid, 10000 + (i::bigint * 7919) % 500000, $2::date - 1, 'transfer' from generate_series(1, $1) i where i % 100 = 5`,
      [cases, TODAY],
    );
    await setup.query(
      `insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before)
       select md5('c' || i)::uuid, ($2::uuid[])[1 + i % 2], 'Contestation', $3::timestamptz, 'amicable' from generate_series(1, $1) i where i % 200 = 15`,
      [cases, creditors, NOW],
    );
    // Steady state: every group before today's age already went (on its day).
    const { rows: strategy } = await setup.query<{ id: string }>(`select id from dunning_strategy where creditor_id is null and debtor_kind is null`);
    await setup.query(
      `insert into dunning_case (case_id, creditor_id, strategy_id, cursor_day, last_done_on)
       select md5('c' || i)::uuid, ($2::uuid[])[1 + i % 2], $3::uuid, g.cursor, $4::date - (i % 60) + g.cursor
         from generate_series(1, $1) i
         cross join lateral (select max(d) as cursor from unnest(array[0, 5, 15, 30, 40, 45]) d where d < i % 60) g
        where i % 20 <> 7 and i % 60 > 0`,
      [cases, creditors, strategy[0]?.id, TODAY],
    );
    // 3 % of debtors were called three times this week: the cap (3 per 7 days) defers their messages.
    await setup.query(
      `insert into activity (case_id, kind, text, occurred_at)
       select md5('c' || i)::uuid, 'call', 'Appel', $2::timestamptz - (k || ' days')::interval
         from generate_series(1, $1) i, generate_series(1, 3) k where i % 33 = 0`,
      [cases, NOW],
    );
    for (const table of ['collection_case', 'debtor', 'claim', 'payment', 'dunning_case', 'activity', 'case_dispute']) await setup.query(`vacuum analyze ${table}`);
    log(`data: ${cases} cases in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

    // ---- Baseline: the selection alone, one SQL statement, same data, same run.
    const baseline = baselineSelection(TODAY, NOW);
    // BENCH_EXPLAIN=1: the baseline's plan as the tables' owner and as the worker's role, side by side
    // (row-level security must not change it: db/row-level-security.ts).
    if (process.env.BENCH_EXPLAIN) {
      for (const [who, client] of [['owner', setup], ['app', app]] as const) {
        const plan = await pgExec(client)(`explain (analyze, buffers) ${baseline.sql}`, baseline.params);
        log(`---- ${who}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
      }
    }
    const baselineStarted = performance.now();
    const baselineRows = await pgExec(app)<{ n: number }>(baseline.sql, baseline.params);
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    log(`baseline (selection, one statement): ${baselineRows[0]?.n} steps in ${baselineSeconds.toFixed(2)} s`);

    // ---- The decision pass, as the worker runs it (timed).
    const clock = { now: () => NOW };
    const started = performance.now();
    const outcome = await inPgTransaction(app, (exec) => runDunning(exec, clock, { trigger: 'cron' }));
    const seconds = (performance.now() - started) / 1000;
    log(`decision pass: ${JSON.stringify({ ...outcome, examples: undefined })} in ${seconds.toFixed(2)} s`);

    // ---- Checks: exactly once, nothing missing, a second run decides nothing.
    const rerun = await inPgTransaction(app, (exec) => runDunning(exec, clock, { trigger: 'cron' }));
    const { rows: check } = await setup.query<{ rows: number; distinct_pairs: number; jobs: number }>(
      `select count(*)::int as rows, count(distinct (case_id, step_id))::int as distinct_pairs,
              (select count(*)::int from graphile_worker.jobs where task_identifier = 'dunning__dispatch') as jobs
         from dunning_step_execution`,
    );
    const c = check[0] as { rows: number; distinct_pairs: number; jobs: number };
    const expected = expectedSteps(cases);
    const written = outcome.decided + outcome.deferred + outcome.skipped;
    const duplicated = c.rows - c.distinct_pairs + rerun.decided + rerun.skipped + (Math.max(rerun.deferred , 0));
    const missing = Math.abs(expected - written) + Math.abs(expected - (baselineRows[0]?.n ?? 0)) + Math.abs(c.rows - written);
    log(`check: expected ${expected}, written ${written} (rows ${c.rows}, distinct ${c.distinct_pairs}), jobs ${c.jobs}, rerun ${JSON.stringify({ decided: rerun.decided, deferred: rerun.deferred })}`);
    await setup.end();
    await app.end();


    const report = {
      bench: 'dunning',
      cases,
      seconds: Number(seconds.toFixed(2)),
      steps_due: written,
      baseline_seconds: Number(baselineSeconds.toFixed(2)),
      ratio: Number((seconds / baselineSeconds).toFixed(2)),
      letters_per_s: Number(lettersPerSecond.toFixed(1)),
      letters_baseline: 'the same letter without the décompte and the brand',
      letters_baseline_per_s: Number(baselineLettersPerSecond.toFixed(1)),
      letters_ratio: baselineLettersPerSecond > 0 ? Number((lettersPerSecond / baselineLettersPerSecond).toFixed(2)) : null,
      baseline: 'the selection alone (due steps, pauses) as one SQL statement',
      decided: outcome.decided,
      deferred: outcome.deferred,
      paused: outcome.paused,
      jobs: outcome.jobs,
      duplicated,
      missing,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (duplicated !== 0 || missing !== 0) process.exitCode = 1;
  } finally {
    await dispose();
  }
}
