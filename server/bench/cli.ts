// pnpm bench import --rows N [--format csv|xlsx] [--keep-file] [--profile] [--explain] (server/bench/import-profile.ts)
// pnpm bench queue --cases N --agents M (server/bench/queue.ts)
// pnpm bench dunning --cases N (server/bench/dunning.ts)
// pnpm bench export --cases N [--format csv|xlsx] [--as agency|creditor] (server/bench/exports.ts)
// pnpm bench api --cases N [--connections C] [--seconds S] [--rate R] (server/bench/api.ts)
// pnpm bench kpis --cases N --payments P [--requests R] (server/bench/kpis.ts)
// pnpm bench sizes --cases N [--copies K] (server/bench/sizes.ts)
// pnpm bench camt --entries N [--keep-file] (server/bench/camt.ts)
//
// Generates a realistic creditor file (seeds/src/creditor-file.ts), imports it end to end
// through the importer's service (storage of the original with its SHA-256, streaming parse,
// staging COPY, set-based writes), verifies every row is accounted for, then runs the
// baseline in the same run: a plain COPY of the rows the import wrote into every table it wrote
// (server/bench/import-baseline.ts). Prints one last JSON line; exits non-zero when a row is lost or duplicated.

import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CREDITOR_FILE_HEADERS, type CreditorFileStats, creditorCsvChunks, creditorFileRows } from '@relance/seeds/creditor-file';
import { sirenFrom } from '@relance/seeds/random';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { suggestMapping } from '../src/features/imports/mapping.ts';
import { storeChunks } from '../src/features/imports/storage.ts';
import { benchDatabase } from './database.ts';
import { BASELINE_TABLES, rowCounts, runBaseline } from './import-baseline.ts';
import { explainSettings, resetExplain } from './import-profile.ts';


const TODAY = '2026-11-23';
// The import process gets the worker's own V8 flags (server/package.json, script "worker"); IMPORT_NODE_FLAGS
// overrides them for experiments.
const WORKER_SCRIPT = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.worker ?? '';
const IMPORT_PROCESS_FLAGS = (process.env.IMPORT_NODE_FLAGS ?? WORKER_SCRIPT).split(' ').filter((word) => word.startsWith('--'));

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function writeCsv(path: string, rows: number, stats: CreditorFileStats) {
  const out = createWriteStream(path);
  for (const chunk of creditorCsvChunks({ rows, today: TODAY }, stats)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

async function writeXlsx(path: string, rows: number, stats: CreditorFileStats) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Factures');
  sheet.addRow([...CREDITOR_FILE_HEADERS]).commit();
  for (const row of creditorFileRows({ rows, today: TODAY }, stats)) {
    sheet.addRow(row.cells).commit();
  }
  sheet.commit();
  await workbook.commit();
}

type ImportRun = { importId: string; outcome: string; seconds: number; storingSeconds: number; peakRssMb: number };

/**
 * One import end to end, timed: the original is stored (chunks + SHA-256) and the import marked
 * running, as the upload route does; then the commit runs in a process of its own, as in the worker
 * (server/bench/import-child.ts, with the worker's V8 flags), so its peak resident memory is the
 * import's and not the bench's (file generator, baseline rows).
 */
type ProfileMode = { profile: boolean; explain: boolean; ownerUrl: string };

async function importFile(pool: pg.Pool, databaseUrl: string, creditorId: string, path: string, format: 'csv' | 'xlsx', mode?: ProfileMode): Promise<ImportRun> {
  const started = performance.now();
  const client = await pool.connect();
  let importId: string;
  try {
    await client.query('begin');
    const { rows: batch } = await client.query<{ id: string }>(
      `insert into import_batch (creditor_id, file_name, checksum, size_bytes, status, format) values ($1, $2, '', 0, 'pending', $3) returning id`,
      [creditorId, `creances.${format}`, format],
    );
    importId = (batch[0] as { id: string }).id;
    const stored = await storeChunks(client, importId, createReadStream(path, { highWaterMark: 1024 * 1024 }), Number.MAX_SAFE_INTEGER);
    const mapping = suggestMapping([...CREDITOR_FILE_HEADERS]);
    if (mapping.missing.length || mapping.ambiguous.length) throw new Error(`headers not recognised: ${JSON.stringify(mapping)}`);
    await client.query(
      `update import_batch set checksum = $2, size_bytes = $3, mapping = $4, mapping_source = 'suggested', headers = $5,
              status = 'running', started_at = now() where id = $1`,
      [importId, stored.checksum, stored.sizeBytes, JSON.stringify(mapping.mapping), JSON.stringify(CREDITOR_FILE_HEADERS)],
    );
    await client.query('commit');
  } finally {
    client.release();
  }
  const storedAt = performance.now();
  if (mode?.explain) await ownerStatements(mode.ownerUrl, explainSettings(new URL(mode.ownerUrl).pathname.slice(1)));
  const childArgs = [databaseUrl, importId, TODAY, ...(mode?.profile || mode?.explain ? ['--profile'] : [])];
  const child = spawnSync(process.execPath, [...IMPORT_PROCESS_FLAGS, fileURLToPath(new URL('./import-child.ts', import.meta.url)), ...childArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (mode?.explain) await ownerStatements(mode.ownerUrl, resetExplain(new URL(mode.ownerUrl).pathname.slice(1)));
  if (child.status !== 0) throw new Error(`the import process failed (exit ${child.status})`);
  const report = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as { outcome: string; seconds: number; rssAtStartMb: number; peakRssMb: number };
  const storingSeconds = (storedAt - started) / 1000;
  // The import's time: storing the original, then the commit as timed inside the import process (a
  // running worker has its modules loaded already: the child's start-up is not the import's).
  const seconds = storingSeconds + report.seconds;
  log(`import ${format}: ${report.outcome} in ${seconds.toFixed(2)} s (storing the original ${storingSeconds.toFixed(2)} s); import process ${report.rssAtStartMb} MB at start, ${report.peakRssMb} MB peak`);
  return { importId, outcome: report.outcome, seconds, storingSeconds, peakRssMb: report.peakRssMb };
}

async function ownerStatements(ownerUrl: string, statements: readonly string[]) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (const statement of statements) await owner.query(statement);
  } finally {
    await owner.end();
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      rows: { type: 'string', default: '100000' },
      format: { type: 'string', default: 'csv' },
      'keep-file': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
    },
  });
  if (positionals[0] !== 'import') {
    log('usage: pnpm bench import --rows N [--format csv|xlsx] | pnpm bench queue --cases N --agents M');
    process.exit(2);
  }
  const rows = Number(values.rows);
  const format = values.format === 'xlsx' ? 'xlsx' : 'csv';
  const { work, databaseUrl, ownerUrl, dispose } = await benchDatabase('import');
  try {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });

    const creditorFor = async (name: string) => {
      const { rows: created } = await pool.query<{ id: string }>(
        `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                               mandate_reference, mandate_signed_on, mandate_valid_until)
         values ($1, 'company', $2, '1 rue du Bench', '75001', 'Paris', $1, '#123456', 'MANDAT-BENCH', '2026-01-01', '2027-12-31') returning id`,
        [name, sirenFrom(String(10_000_000 + Math.floor(Math.random() * 80_000_000)))],
      );
      return (created[0] as { id: string }).id;
    };

    // ---- The file (not timed).
    const stats: CreditorFileStats = { rows: 0, bad: 0, creditNotes: 0, claims: 0, debtors: 0 };
    const path = join(work, `creances.${format}`);
    const generatedAt = performance.now();
    if (format === 'xlsx') await writeXlsx(path, rows, stats);
    else await writeCsv(path, rows, stats);
    log(`file: ${path} ${(statSync(path).size / 1e6).toFixed(1)} MB, ${rows} rows (${stats.bad} bad, ${stats.creditNotes} credit notes) in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

    // ---- The import, end to end through the service (timed): store the original, then commit.
    const creditorId = await creditorFor('Créancier Bench');
    const imported = await importFile(pool, databaseUrl, creditorId, path, format, { profile: values.profile, explain: values.explain, ownerUrl });
    const { importId, outcome, seconds, peakRssMb } = imported;
    // The machine is shared (2 cores, other sessions' tests): the 1-minute load average at the end of
    // each timed phase says whether the import and its baseline ran in the same conditions.
    const loadAfterImport = loadavg()[0] as number;

    // ---- Verification.
    const { rows: result } = await pool.query<{
      status: string; row_count: number; created_count: number; updated_count: number; unchanged_count: number; rejected_count: number; error: string | null;
    }>('select status, row_count, created_count, updated_count, unchanged_count, rejected_count, error from import_batch where id = $1', [importId]);
    const r = result[0];
    if (!r) throw new Error('import row missing');
    const { rows: db } = await pool.query<{ claims: number; distinct_refs: number; notes: number }>(
      `select (select count(*) from claim where creditor_id = $1)::int as claims,
              (select count(distinct invoice_ref) from claim where creditor_id = $1)::int as distinct_refs,
              (select count(*) from payment p join collection_case c on c.id = p.case_id where c.creditor_id = $1 and p.method = 'credit_note')::int as notes`,
      [creditorId],
    );
    const d = db[0] as { claims: number; distinct_refs: number; notes: number };
    const accounted = r.created_count + r.updated_count + r.unchanged_count + r.rejected_count;
    const lost = Math.abs(rows - accounted) + Math.abs(r.row_count - rows) + Math.abs(d.claims + d.notes - r.created_count) + (d.claims - d.distinct_refs);
    log(`counts: ${JSON.stringify(r)}; claims in db ${d.claims}, credit notes ${d.notes}; generator: ${JSON.stringify(stats)}`);
    if (r.rejected_count < stats.bad) log(`WARNING: ${stats.bad} bad rows generated, only ${r.rejected_count} rejected`);

    // ---- Baseline: plain COPY of the rows the import wrote, into every table it wrote (import-baseline.ts).
    const baselineCreditor = await creditorFor('Créancier Baseline');
    const baseline = await runBaseline(ownerUrl, creditorId, baselineCreditor);
    const baselineSeconds = baseline.seconds;
    const loadAfterBaseline = loadavg()[0] as number;
    const importedCounts = await rowCounts(pool, creditorId);
    const baselineCounts = await rowCounts(pool, baselineCreditor);
    log(`baseline: COPY of ${baseline.rows} rows into ${BASELINE_TABLES.join(', ')} in ${baselineSeconds.toFixed(2)} s`);
    log(`rows per table    ${'import'.padStart(9)} ${'baseline'.padStart(9)}  baseline COPY s`);
    for (const table of BASELINE_TABLES) {
      const copySeconds = (baseline.secondsPerTable[table] ?? 0).toFixed(2);
      log(`  ${table.padEnd(16)}${String(importedCounts[table]).padStart(9)} ${String(baselineCounts[table]).padStart(9)}  ${copySeconds.padStart(8)}`);
    }
    const mismatched = BASELINE_TABLES.filter((table) => importedCounts[table] !== baselineCounts[table]);
    if (mismatched.length) throw new Error(`the baseline did not write the same rows as the import: ${mismatched.join(', ')}`);

    // ---- For an XLSX file, performance.md's own baseline too: the same rows imported as CSV.
    let csvRowsPerSecond: number | null = null;
    if (format === 'xlsx') {
      const csvPath = join(work, 'creances.csv');
      await writeCsv(csvPath, rows, { rows: 0, bad: 0, creditNotes: 0, claims: 0, debtors: 0 });
      const csvRun = await importFile(pool, databaseUrl, await creditorFor('Créancier Bench CSV'), csvPath, 'csv');
      if (csvRun.outcome !== 'completed') throw new Error(`the CSV import of the same rows ended ${csvRun.outcome}`);
      csvRowsPerSecond = Math.round(rows / csvRun.seconds);
    }
    await pool.end();

    const rowsPerSecond = Math.round(rows / seconds);
    const baselineRowsPerSecond = Math.round(rows / baselineSeconds);
    const report = {
      bench: 'import',
      format,
      rows,
      seconds: Number(seconds.toFixed(2)),
      rows_per_s: rowsPerSecond,
      baseline: `plain COPY (as owner, one transaction) of the rows the import wrote into ${BASELINE_TABLES.join(', ')}`,
      rows_written: baseline.rows,
      baseline_rows_per_s: baselineRowsPerSecond,
      ratio: Number((rowsPerSecond / baselineRowsPerSecond).toFixed(3)),
      lost,
      peak_rss_mb: peakRssMb,
      ...(csvRowsPerSecond !== null
        ? { csv_baseline: 'the same rows imported as CSV', csv_rows_per_s: csvRowsPerSecond, ratio_to_csv: Number((rowsPerSecond / csvRowsPerSecond).toFixed(3)) }
        : {}),
      seconds_storing_original: Number(imported.storingSeconds.toFixed(2)),
      load_after_import: Number(loadAfterImport.toFixed(2)),
      load_after_baseline: Number(loadAfterBaseline.toFixed(2)),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (lost !== 0 || outcome !== 'completed') process.exitCode = 1;
  } finally {
    await dispose({ keepWork: values['keep-file'] });
  }
}

if (process.argv[2] === 'queue') {
  const { benchQueue } = await import('./queue.ts');
  await benchQueue(process.argv.slice(3));
} else if (process.argv[2] === 'dunning') {
  const { benchDunning } = await import('./dunning.ts');
  await benchDunning(process.argv.slice(3));
} else if (process.argv[2] === 'api') {
  const { benchApi } = await import('./api.ts');
  await benchApi(process.argv.slice(3));
} else if (process.argv[2] === 'sizes') {
  const { benchSizes } = await import('./sizes.ts');
  await benchSizes(process.argv.slice(3));
} else if (process.argv[2] === 'kpis') {
  const { benchKpis } = await import('./kpis.ts');
  await benchKpis(process.argv.slice(3));
} else if (process.argv[2] === 'camt') {
  const { benchCamt } = await import('./camt.ts');
  await benchCamt(process.argv.slice(3));
} else if (process.argv[2] === 'export') {
  const { benchExport } = await import('./exports.ts');
  await benchExport(process.argv.slice(3));
} else {
  await main();
}
