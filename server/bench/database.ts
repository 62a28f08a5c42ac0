import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { initOrm } from '../src/db/orm.ts';
import { appDatabaseUrl, withStaffScope } from '../src/db/row-level-security.ts';

/** The bench cluster's relance_app password (a scratch cluster, dropped after the run). */
const BENCH_APP_PASSWORD = 'relance-app-bench';

export type BenchDatabase = {
  /** A scratch folder for the run (files, the embedded cluster). */
  work: string;
  /** How the product connects: relance_app (row-level security applies) with the staff scope, as its jobs do. */
  databaseUrl: string;
  /** The owner of the tables (superuser on the embedded cluster): set-up, baselines, DDL. */
  ownerUrl: string;
  /** Drops the database, stops the embedded cluster, removes the scratch folder unless kept. */
  dispose: (options?: { keepWork?: boolean }) => Promise<void>;
};

/**
 * A migrated database of its own for one benchmark run: on DATABASE_URL's server when set,
 * else on an embedded PostgreSQL started for the run.
 */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const work = mkdtempSync(join(tmpdir(), `relance-bench-${name}-`));
  chmodSync(work, 0o755); // the embedded cluster runs as the `postgres` OS user
  let postgres: RunningPostgres | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    postgres = await startEmbeddedPostgres({ dataDir: join(work, 'pg') });
    adminUrl = postgres.url('postgres');
  }
  const database = `relance_bench_${name}_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const admin = adminUrl;
  const dispose = async (options: { keepWork?: boolean } = {}) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`drop database if exists "${database}" with (force)`).catch(() => {});
    await client.end();
    if (postgres) await postgres.stop();
    if (!options.keepWork) rmSync(work, { recursive: true, force: true });
  };
  try {
    await ensureDatabase(adminUrl, database);
    const orm = await initOrm(databaseUrl, { poolMax: 2 });
    await migrateDatabase(orm, databaseUrl, { appPassword: BENCH_APP_PASSWORD });
    await orm.close(true);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { work, databaseUrl: withStaffScope(appDatabaseUrl(databaseUrl, undefined, BENCH_APP_PASSWORD)), ownerUrl: databaseUrl, dispose };
}
