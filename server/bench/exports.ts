// pnpm bench export --cases N [--format csv|xlsx] [--as agency|creditor]
//
// Generates N cases of one creditor set-based (generate_series, deterministic; a claim each, a
// payment on every other case) in its own embedded PostgreSQL, then exports them through the export
// feature's very functions (features/exports: the keyset batches with the case list's filter, then
// the CSV or XLSX writer) as that creditor's user would, into a sink that counts the bytes, sampling
// the process's RSS every 20 ms. Checks every case is in the file once (CSV: one line each) and
// that the export's own footprint (peak RSS less the RSS before it started: the process already
// holds the ORM, the drivers and the bench's generator, ~250 MB under node's type stripping) stays
// under 300 MB (the bound for 1M rows). The baseline in the same run:
// the same rows as a plain `copy (select ...) to stdout` of PostgreSQL, bytes counted and dropped.
// Prints one last JSON line; exits non-zero when a row is missing or the bound is passed.
// `--as agency` (default) reads on the agency's connection, as a manager's export does; `--as creditor`
// on the creditor user's own connection, under row-level security (relance_app, the creditor named in
// each transaction), as `GET /api/v1/exports/cases.csv` does for a creditor user. Another creditor
// holds a further 10 % of cases, so the planner's statistics see more than one creditor.
// V8 collects lazily: without a heap cap the RSS grows with garbage (not with what is kept); run it as
// the server runs (`NODE_OPTIONS=--max-old-space-size=384`, server/package.json "start") to measure that.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Config } from '../src/config.ts';
import { initOrm } from '../src/db/orm.ts';
import { CREDITOR_SETTING } from '../src/db/row-level-security.ts';
import type { Secrets } from '../src/db/secrets.ts';
import { caseBatches, caseColumns } from '../src/features/exports/rows.ts';
import { csvFile, xlsxFile } from '../src/features/exports/writers.ts';
import type { ActorContext } from '../src/plugins/context.ts';
import { benchDatabase } from './database.ts';

const TODAY = '2026-11-23';
const RSS_BOUND_MB = 300;

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** Counts bytes (and CSV lines) and drops them. */
function sink() {
  const counted = { bytes: 0, lines: 0 };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      counted.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) counted.lines += 1;
      done();
    },
  });
  return { stream, counted };
}

async function generate(ownerUrl: string, cases: number): Promise<string> {
  const setup = new pg.Client({ connectionString: ownerUrl });
  setup.on('error', () => {});
  await setup.connect();
  const { rows } = await setup.query<{ id: string }>(
    `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                           mandate_reference, mandate_signed_on, mandate_valid_until)
     values ('Créancier Bench Export', 'company', '732829320', '1 rue du Bench', '75001', 'Paris', 'Bench', '#123456', 'MANDAT-BENCH', '2026-01-01', '2027-12-31')
     returning id`,
  );
  const creditorId = (rows[0] as { id: string }).id;
  await setup.query(
    `insert into debtor (id, creditor_id, kind, display_name, match_key)
     select md5('d' || i)::uuid, $2, case when i % 3 = 0 then 'company' else 'person' end,
            case when i % 1000 = 7 then '=HYPERLINK("http://x";"' || i || '")' else 'Débiteur ' || i end, 'bench:' || i
       from generate_series(1, $1) i`,
    [cases, creditorId],
  );
  await setup.query(
    `insert into collection_case (id, creditor_id, debtor_id, opened_on, status)
     select md5('c' || i)::uuid, $2, md5('d' || i)::uuid, $3::date - (i % 700), 'amicable' from generate_series(1, $1) i`,
    [cases, creditorId, TODAY],
  );
  await setup.query(
    `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
     select md5('c' || i)::uuid, $2, 'FAC-' || i, $3::date - 800, $3::date - 750, 10000 + (i::bigint * 7919) % 500000
       from generate_series(1, $1) i`,
    [cases, creditorId, TODAY],
  );
  await setup.query(
    `insert into payment (case_id, amount_cents, received_on, method)
     select md5('c' || i)::uuid, 5000, $2::date - 1, 'transfer' from generate_series(1, $1) i where i % 2 = 0`,
    [cases, TODAY],
  );
  const { rows: others } = await setup.query<{ id: string }>(
    `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                           mandate_reference, mandate_signed_on, mandate_valid_until)
     values ('Autre Créancier', 'company', '732829320', '2 rue du Bench', '75001', 'Paris', 'Autre', '#654321', 'MANDAT-AUTRE', '2026-01-01', '2027-12-31')
     returning id`,
  );
  const otherId = (others[0] as { id: string }).id;
  const otherCases = Math.ceil(cases / 10);
  await setup.query(
    `insert into debtor (id, creditor_id, kind, display_name, match_key)
     select md5('od' || i)::uuid, $2, 'person', 'Autre débiteur ' || i, 'other:' || i from generate_series(1, $1) i`,
    [otherCases, otherId],
  );
  await setup.query(
    `insert into collection_case (id, creditor_id, debtor_id, opened_on, status)
     select md5('oc' || i)::uuid, $2, md5('od' || i)::uuid, $3::date - (i % 700), 'amicable' from generate_series(1, $1) i`,
    [otherCases, otherId, TODAY],
  );
  await setup.query(
    `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
     select md5('oc' || i)::uuid, $2, 'AUT-' || i, $3::date - 800, $3::date - 750, 20000 from generate_series(1, $1) i`,
    [otherCases, otherId, TODAY],
  );
  await setup.query('analyze');
  await setup.end();
  return creditorId;
}

async function baseline(ownerUrl: string, creditorId: string): Promise<{ seconds: number; bytes: number }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  // A uuid literal (COPY takes no bind parameters), ours.
  if (!/^[0-9a-f-]{36}$/.test(creditorId)) throw new Error('creditor id is not a uuid');
  const started = performance.now();
  const { stream, counted } = sink();
  await pipeline(
    client.query(
      copyTo(`copy (select c.reference, cr.legal_name, d.display_name, d.kind, c.status, c.opened_on, cl.due_date, cl.amount_cents,
                           coalesce((select sum(amount_cents) from payment p where p.case_id = c.id), 0)
                      from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id
                      join claim cl on cl.case_id = c.id where c.creditor_id = '${creditorId}' order by c.opened_on, c.id) to stdout with (format csv, delimiter ';')`),
    ),
    stream,
  );
  await client.end();
  return { seconds: (performance.now() - started) / 1000, bytes: counted.bytes };
}

export async function benchExport(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { cases: { type: 'string', default: '100000' }, format: { type: 'string', default: 'csv' }, as: { type: 'string', default: 'agency' } },
  });
  const as = values.as === 'creditor' ? 'creditor' : 'agency';
  const cases = Number(values.cases);
  const format = values.format === 'xlsx' ? 'xlsx' : 'csv';
  const { databaseUrl, ownerUrl, dispose } = await benchDatabase('export');
  try {
    log(`generating ${cases} cases...`);
    const creditorId = await generate(ownerUrl, cases);
    // The creditor's connection: relance_app as itself (no staff scope), its creditor named in each
    // transaction by the entity manager's session context, as plugins/request-context.ts does.
    const creditorUrl = new URL(databaseUrl);
    creditorUrl.searchParams.delete('options');
    const orm = as === 'agency' ? await initOrm(databaseUrl, { poolMax: 2, actingAs: 'agency' }) : await initOrm(creditorUrl.toString(), { poolMax: 2 });
    const ctx: ActorContext = {
      em: as === 'agency' ? orm.em.fork() : orm.em.fork({ session: { variables: { [CREDITOR_SETTING]: creditorId } } }),
      clock: { now: () => new Date(`${TODAY}T10:00:00Z`) },
      config: {} as Config,
      secrets: {} as Secrets,
      locale: 'fr',
      actor: { via: 'user', userId: '00000000-0000-0000-0000-000000000000', role: 'creditor', creditorId, name: 'Bench' },
    };
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    log(`exporting as ${format} on the ${as}'s connection...`);
    const started = performance.now();
    const { stream, counted } = sink();
    const batches = caseBatches(ctx, {});
    await pipeline(format === 'csv' ? csvFile(caseColumns, batches, 'fr') : xlsxFile('Dossiers', caseColumns, batches, 'fr'), stream);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    await orm.close(true);
    const base = await baseline(ownerUrl, creditorId);
    const peakRssMb = Math.round(peak / 1024 / 1024);
    const growthMb = Math.round((peak - rssBefore) / 1024 / 1024);
    const complete = format === 'xlsx' || counted.lines === cases + 1;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'export',
        format,
        as,
        rows: cases,
        lines: format === 'csv' ? counted.lines - 1 : null,
        bytes: counted.bytes,
        seconds: Number(seconds.toFixed(2)),
        rows_per_s: Math.round(cases / seconds),
        peak_rss_mb: peakRssMb,
        rss_before_mb: Math.round(rssBefore / 1024 / 1024),
        export_rss_mb: growthMb,
        rss_bound_mb: RSS_BOUND_MB,
        baseline: 'copy (select ...) to stdout of the same rows, PostgreSQL CSV',
        baseline_seconds: Number(base.seconds.toFixed(2)),
        baseline_bytes: base.bytes,
        ratio: Number((base.seconds / seconds).toFixed(3)),
      })}\n`,
    );
    if (!complete || growthMb > RSS_BOUND_MB) process.exitCode = 1;
  } finally {
    await dispose();
  }
}
