import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, parseConfig } from '../src/config.ts';
import { singleServerConnections } from '../src/db/connections.ts';
import { freePort } from '../src/db/embedded-postgres.ts';
import { initOrm } from '../src/db/orm.ts';
import { closeDbPools, openDbPools } from '../src/db/pools.ts';
import { appDatabaseUrl, withStaffScope } from '../src/db/row-level-security.ts';
import type { Secrets } from '../src/db/secrets.ts';
import type { Clock } from '../src/plugins/context.ts';

/** A clock the test moves by hand. */
export function testClock(start = '2026-11-23T10:00:00Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (instant: string | Date) => {
      now = new Date(instant);
    },
    advanceDays: (days: number) => {
      now = new Date(now.getTime() + days * 86_400_000);
    },
  } satisfies Clock & Record<string, unknown>;
}
export type TestClock = ReturnType<typeof testClock>;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A database of its own for one test file, cloned from the migrated template. `url` is the owner's
 * (superuser: set-up, DDL); `appUrl` is relance_app's, the login the product runs as, under
 * row-level security.
 */
export async function createTestDatabase(): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('databaseAdminUrl');
  const template = inject('templateDatabase');
  const name = `relance_test_${randomBytes(6).toString('hex')}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  return {
    url,
    appUrl: appDatabaseUrl(url, undefined, inject('appDatabasePassword')),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  orm: MikroORM;
  config: Config;
  secrets: Secrets;
  clock: TestClock;
  /** How the app's jobs connect: relance_app with the staff scope (run workers and raw SQL checks with it). */
  databaseUrl: string;
  /** The owner of the tables (superuser): for what the product itself never does (DDL, other roles). */
  ownerDatabaseUrl: string;
  /** Creditor users' and API keys' connections (row-level security confines them per transaction). */
  tenantOrm: MikroORM;
  close: () => Promise<void>;
};

/** The real application on its own database; `listen: true` also serves HTTP on a free port. */
export async function createTestApp(
  options: {
    listen?: boolean;
    env?: Record<string, string>;
    agency?: boolean;
    logStream?: { write: (line: string) => void };
    /**
     * Creditor users' and API keys' requests on the agency's connections, so row-level security
     * lets every row through: what the application's own checks (plugins/access.ts) do is then
     * tested alone (the isolation sweep runs both ways).
     */
    withoutRowLevelSecurity?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const port = options.listen ? await freePort() : 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-test-data-'));
  const config = parseConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port || 3000}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const secrets: Secrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    localCardWebhookSecret: `whsec_test_${randomBytes(16).toString('hex')}`,
    secretsKey: randomBytes(32).toString('base64'),
    previousSecretsKeys: [],
    databaseAppPassword: inject('appDatabasePassword'),
  };
  const clock = testClock();
  const orm = await initOrm(database.appUrl, { poolMax: 5, actingAs: 'agency' });
  const tenantOrm = await initOrm(database.appUrl, options.withoutRowLevelSecurity ? { poolMax: 3, actingAs: 'agency' } : { poolMax: 3 });
  const pools = openDbPools(singleServerConnections(database.appUrl));
  // An agency with its R124-2 records on file (insurance, client-funds account, declaration), so
  // intake is open as in a real agency; onboarding tests change or remove it (`agency: false`).
  if (options.agency !== false) {
    await orm.em.fork().execute(
      `insert into agency (name, siren, address_line1, postal_code, city, insurer, insurance_policy, insurance_expires_on,
                           client_funds_iban, procureur_declared_on, phone, email)
       values ('Agence de Test SAS', '732829320', '1 place de Test', '44000', 'Nantes', 'Assureur Test', 'RCP-TEST-1', '2099-12-31',
               'FR7630006000011234567890189', '2020-01-01', '02 40 00 00 00', 'contact@agence-test.fr')`,
    );
  }
  const app = await buildApp({ config, orm, tenantOrm, pools, secrets, clock, logger: Boolean(options.logStream), ...(options.logStream ? { logStream: options.logStream } : {}) });
  if (options.listen) await app.listen({ port, host: '127.0.0.1' });
  else await app.ready();
  return {
    app,
    orm,
    config,
    secrets,
    clock,
    databaseUrl: withStaffScope(database.appUrl),
    ownerDatabaseUrl: database.url,
    tenantOrm,
    close: async () => {
      await app.close();
      await orm.close(true);
      await tenantOrm.close(true);
      await closeDbPools(pools);
      await database.drop();
      // The documents the test kept (letters, e-mail sources): a thousand test apps a run otherwise
      // leave their folders behind in /tmp.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A connection as the tables' owner (superuser on the test cluster), for what a test does that the
 * product never does: watch or cancel another role's statements, DDL. Close it with `end()`.
 */
export async function ownerConnection(t: Pick<TestApp, 'ownerDatabaseUrl'>) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: t.ownerDatabaseUrl });
  await client.connect();
  return client;
}
