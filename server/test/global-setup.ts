import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { initOrm } from '../src/db/orm.ts';

/**
 * One PostgreSQL for the whole run (embedded, or DATABASE_URL when set), a template database
 * migrated once, and each test file clones it (test/harness.ts). Real PostgreSQL, never an
 * in-memory imitation.
 */
export const TEMPLATE_DATABASE = 'relance_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
    /** relance_app's password on the test cluster: apps and jobs under test log in as it, like the product. */
    appDatabasePassword: string;
  }
}

/** Test cluster only (embedded, per run): the role is cluster-wide, so one password for every test database. */
const APP_PASSWORD = 'relance-app-test';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let postgres: RunningPostgres | null = null;
  let dataDir: string | null = null;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'relance-test-pg-'));
    chmodSync(dataDir, 0o755); // the postgres OS user must enter it (mkdtemp makes it root-only)
    postgres = await startEmbeddedPostgres({ dataDir });
    adminUrl = postgres.url('postgres');
  }
  const template = `${TEMPLATE_DATABASE}_${project.name}_${process.pid}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${template}"`);
  await admin.end();
  await ensureDatabase(adminUrl, template);
  const templateUrl = withDatabase(adminUrl, template);
  const orm = await initOrm(templateUrl, { poolMax: 2 });
  await migrateDatabase(orm, templateUrl, { appPassword: APP_PASSWORD });
  await orm.close(true);

  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('appDatabasePassword', APP_PASSWORD);

  return async () => {
    if (postgres) await postgres.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
