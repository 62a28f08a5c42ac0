import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { systemClock, todayInParis } from '../plugins/context.ts';
import { takeBaseBackup } from './base-backup.ts';
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrateDatabase } from './migrate.ts';
import { initOrm } from './orm.ts';
import { closeDbPools, openDbPools } from './pools.ts';
import { appDatabaseUrl } from './row-level-security.ts';
import { loadOrCreateSecrets, type Secrets } from './secrets.ts';
import { seedDemoData } from './seed.ts';

/**
 * The restore drill (issue 21 §5; run by infra/restore-drill.ts and server/test/restore-drill.test.ts):
 * a cluster with the demo data and an uploaded document, a base backup of it taken while it runs
 * (base-backup.ts), the source stopped, the backup started as a fresh cluster on another port, the
 * application started on it, and the invariants compared with what the source said before:
 * - every table's row count and content hash (public schema and graphile_worker's jobs);
 * - every case's décompte computes (GET /cases/{id}/statement) and its balance is unchanged;
 * - the client-funds ledger's trial balance is zero (debits = credits, client account difference 0);
 * - every stored document (letters, uploads, receipts: bytea in case_document) downloads whole,
 *   its SHA-256 equal to the one recorded at upload.
 */

export type DrillSnapshot = {
  tables: Record<string, { rows: number; hash: string }>;
  statements: Record<string, number>;
  statementFailures: string[];
  trialBalance: { totalDebitCents: number; totalCreditCents: number; clientFundsDifferenceCents: number };
  documents: Record<string, { sha256: string; readable: boolean; kind: string }>;
};

export type DrillReport = {
  ok: boolean;
  problems: string[];
  measured: { tables: number; rows: number; cases: number; documents: number; documentKinds: Record<string, number>; dataBytes: number; walBytes: number; backupSeconds: number; restoreSeconds: number };
};

const DEMO_ADMIN = { email: 'admin@relance.test', password: 'demo' };
const DEMO_ACCOUNTANT = { email: 'compta@relance.test', password: 'demo' };

/** The application on a cluster (relance_app under row-level security, as in production), reached by inject. */
async function openApp(postgres: RunningPostgres, secrets: Secrets, dataDir: string) {
  const ownerUrl = postgres.url('relance');
  const appUrl = appDatabaseUrl(ownerUrl, undefined, secrets.databaseAppPassword);
  const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
  const orm = await initOrm(appUrl, { poolMax: 4, actingAs: 'agency' });
  const tenantOrm = await initOrm(appUrl, { poolMax: 2 });
  const pools = openDbPools(appUrl);
  const app = await buildApp({ config, orm, tenantOrm, pools, secrets, logger: false });
  await app.ready();
  return {
    app,
    ownerUrl,
    close: async () => {
      await app.close();
      await orm.close(true);
      await tenantOrm.close(true);
      await closeDbPools(pools);
    },
  };
}

async function login(app: FastifyInstance, user: { email: string; password: string }): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: user });
  if (response.statusCode !== 200) throw new Error(`login of ${user.email} failed: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().accessToken}` };
}

/** A real upload through the API, so the drill has an agent's file besides the demo's generated documents. */
async function uploadDocument(app: FastifyInstance, ownerUrl: string, headers: Record<string, string>): Promise<void> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const caseRow = await owner.query<{ id: string }>('select id from collection_case order by reference limit 1').finally(() => owner.end());
  const boundary = '----relance-restore-drill';
  const content = `Courrier du débiteur, reçu le ${todayInParis(systemClock)}: il conteste la facture.\n`;
  const payload = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="title"\r\n\r\nCourrier reçu\r\n` +
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="courrier.txt"\r\ncontent-type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseRow.rows[0]?.id}/documents`,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
}

/** Row count and an order-independent content hash of every table of ours and of the job queue. */
async function tableFingerprints(owner: pg.Client): Promise<DrillSnapshot['tables']> {
  const { rows: tables } = await owner.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
      where schemaname = 'public' or (schemaname = 'graphile_worker' and tablename like '\\_private\\_%') order by 1`,
  );
  const result: DrillSnapshot['tables'] = {};
  for (const { name } of tables) {
    const { rows } = await owner.query<{ rows: number; hash: string }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as hash from ${name} t`,
    );
    result[name] = rows[0] ?? { rows: 0, hash: '' };
  }
  return result;
}

async function statements(app: FastifyInstance, owner: pg.Client, headers: Record<string, string>, asOf: string) {
  const { rows } = await owner.query<{ id: string; reference: string }>('select id, reference from collection_case order by reference');
  const balances: Record<string, number> = {};
  const failures: string[] = [];
  for (const row of rows) {
    const response = await app.inject({ method: 'GET', url: `/api/v1/cases/${row.id}/statement?asOf=${asOf}`, headers });
    if (response.statusCode === 200) balances[row.reference] = response.json().balanceCents;
    else failures.push(`${row.reference}: ${response.statusCode} ${response.json().code ?? ''}`);
  }
  return { balances, failures };
}

async function documents(app: FastifyInstance, owner: pg.Client, headers: Record<string, string>): Promise<DrillSnapshot['documents']> {
  const { rows } = await owner.query<{ id: string; case_id: string; sha256: string; kind: string }>('select id, case_id, sha256, kind from case_document order by id');
  const result: DrillSnapshot['documents'] = {};
  for (const row of rows) {
    const response = await app.inject({ method: 'GET', url: `/api/v1/cases/${row.case_id}/documents/${row.id}/download`, headers });
    const sha256 = createHash('sha256').update(response.rawPayload).digest('hex');
    result[row.id] = { sha256, kind: row.kind, readable: response.statusCode === 200 && sha256 === row.sha256.trim() };
  }
  return result;
}

/** What the application and the database say, read the same way before the backup and after the restore. */
export async function snapshot(app: FastifyInstance, ownerUrl: string, asOf: string): Promise<DrillSnapshot> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const admin = await login(app, DEMO_ADMIN);
    const accountant = await login(app, DEMO_ACCOUNTANT);
    const balance = await app.inject({ method: 'GET', url: `/api/v1/ledger/trial-balance?asOf=${asOf}`, headers: accountant });
    if (balance.statusCode !== 200) throw new Error(`trial balance: ${balance.statusCode} ${balance.body}`);
    const trial = balance.json();
    const cases = await statements(app, owner, admin, asOf);
    return {
      tables: await tableFingerprints(owner),
      statements: cases.balances,
      statementFailures: cases.failures,
      trialBalance: { totalDebitCents: trial.totalDebitCents, totalCreditCents: trial.totalCreditCents, clientFundsDifferenceCents: trial.clientFunds.differenceCents },
      documents: await documents(app, owner, admin),
    };
  } finally {
    await owner.end();
  }
}

/** Every difference between the source before the backup and the restored cluster, in words. */
export function compareSnapshots(before: DrillSnapshot, after: DrillSnapshot): string[] {
  const problems: string[] = [];
  // The drill's own logins, reads and downloads write sessions, the audit trail and last-login
  // times: those tables only grow (every row before is still counted), the others are equal.
  const moving = new Set(['public.refresh_token', 'public.login_throttle', 'public.audit_event', 'public.app_user']);
  for (const [name, table] of Object.entries(before.tables)) {
    const restored = after.tables[name];
    if (!restored) problems.push(`table ${name} missing after restore`);
    else if (moving.has(name) ? restored.rows < table.rows : restored.rows !== table.rows || restored.hash !== table.hash) {
      problems.push(`table ${name}: ${table.rows} rows before, ${restored.rows} after, content ${restored.hash === table.hash ? 'equal' : 'different'}`);
    }
  }
  for (const failure of after.statementFailures) problems.push(`décompte does not compute after restore: ${failure}`);
  for (const [reference, balance] of Object.entries(before.statements)) {
    if (after.statements[reference] !== balance) problems.push(`case ${reference}: balance ${balance} before, ${after.statements[reference]} after`);
  }
  const trial = after.trialBalance;
  if (trial.totalDebitCents !== trial.totalCreditCents) problems.push(`trial balance not zero: debits ${trial.totalDebitCents}, credits ${trial.totalCreditCents}`);
  if (trial.clientFundsDifferenceCents !== 0) problems.push(`client funds difference ${trial.clientFundsDifferenceCents} (R124-2)`);
  for (const [id, document] of Object.entries(before.documents)) {
    const restored = after.documents[id];
    if (!restored?.readable || restored.sha256 !== document.sha256) problems.push(`document ${id} (${document.kind}) not readable whole after restore`);
  }
  return problems;
}

/** A cluster with the demo data (migrations, roles, seed), as `npm start` makes it. */
async function sourceCluster(work: string, secrets: Secrets): Promise<RunningPostgres> {
  const postgres = await startEmbeddedPostgres({ dataDir: join(work, 'source') });
  await ensureDatabase(postgres.url('postgres'), 'relance');
  const ownerOrm = await initOrm(postgres.url('relance'), { poolMax: 4 });
  try {
    await migrateDatabase(ownerOrm, postgres.url('relance'), { appPassword: secrets.databaseAppPassword });
    await seedDemoData(ownerOrm, { clock: systemClock, config: parseConfig({ DATA_DIR: join(work, 'data') }), secrets });
  } finally {
    await ownerOrm.close(true);
  }
  return postgres;
}

async function withApp<T>(postgres: RunningPostgres, secrets: Secrets, work: string, fn: (app: FastifyInstance, ownerUrl: string) => Promise<T>): Promise<T> {
  const opened = await openApp(postgres, secrets, join(work, 'data'));
  try {
    return await fn(opened.app, opened.ownerUrl);
  } finally {
    await opened.close();
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Runs the whole drill in a folder of its own (removed at the end unless `keep`). */
export async function runRestoreDrill(options: { keep?: boolean; log?: (message: string) => void } = {}): Promise<DrillReport> {
  const log = options.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'relance-restore-drill-'));
  chmodSync(work, 0o755); // the postgres OS user must enter it (embedded-postgres as root)
  // The same secrets on both sides, as a real restore needs SECRETS_KEY (or DATA_DIR/secrets.json) back.
  const secrets = loadOrCreateSecrets(join(work, 'data'));
  const asOf = todayInParis(systemClock);
  let source: RunningPostgres | null = null;
  let restored: RunningPostgres | null = null;
  try {
    log('source: migrating and loading the demo data');
    source = await sourceCluster(work, secrets);
    const running = source;
    const before = await withApp(running, secrets, work, async (app, ownerUrl) => {
      await uploadDocument(app, ownerUrl, await login(app, DEMO_ADMIN));
      return await snapshot(app, ownerUrl, asOf);
    });
    log('base backup of the running source');
    const backupStarted = process.hrtime.bigint();
    const backup = await takeBaseBackup(running.url('postgres'), join(work, 'source', 'postgres'), join(work, 'restored', 'postgres'));
    const backupSeconds = Number(process.hrtime.bigint() - backupStarted) / 1e9;
    await running.stop();
    source = null;
    log('restore: starting the backup as a fresh cluster');
    const restoreStarted = process.hrtime.bigint();
    restored = await startEmbeddedPostgres({ dataDir: join(work, 'restored') });
    const restoreSeconds = Number(process.hrtime.bigint() - restoreStarted) / 1e9;
    const after = await withApp(restored, secrets, work, (app, ownerUrl) => snapshot(app, ownerUrl, asOf));
    const problems = compareSnapshots(before, after);
    const rows = Object.values(before.tables).reduce((sum, table) => sum + table.rows, 0);
    return {
      ok: problems.length === 0,
      problems,
      measured: {
        tables: Object.keys(before.tables).length,
        rows,
        cases: Object.keys(before.statements).length,
        documents: Object.keys(before.documents).length,
        documentKinds: countBy(Object.values(before.documents).map((document) => document.kind)),
        dataBytes: backup.dataBytes,
        walBytes: backup.walBytes,
        backupSeconds,
        restoreSeconds,
      },
    };
  } finally {
    if (source) await source.stop();
    if (restored) await restored.stop();
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}
