import type { MikroORM } from '@mikro-orm/postgresql';
import { buildApp } from './app.ts';
import { type Config, parseConfig } from './config.ts';
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { migrateDatabase } from './db/migrate.ts';
import { initOrm } from './db/orm.ts';
import { closeDbPools, openDbPools } from './db/pools.ts';
import { appDatabaseUrl, assertAppRoleIsConfined, withStaffScope } from './db/row-level-security.ts';
import { keyringOf } from './db/secret-box.ts';
import { loadOrCreateSecrets } from './db/secrets.ts';
import { demoPortalLink, isDatabaseEmpty, seedDemoData } from './db/seed.ts';
import { resealTotpSecrets } from './features/auth/totp.ts';
import { keepInDemoMailbox, startDemoSmtpServer } from './features/messages/demo-smtp.ts';
import { bounceMailRecorder } from './features/messages/dsn.ts';
import { bookUnbookedPayments } from './features/payments/book.ts';
import { sealWebhookSecretsAtRest } from './features/webhooks/service.ts';
import { systemClock } from './plugins/context.ts';
import { startMetricsServer } from './plugins/metrics.ts';
import { emExec } from './plugins/sql.ts';
import { releaseJobsOfPreviousRun, startWorker } from './worker/runner.ts';

/**
 * Command line: `node src/main.ts <start | api | worker | migrate | seed>`.
 * - start: everything in one process (embedded PostgreSQL when DATABASE_URL is unset,
 *   migrations, demo data on an empty database, API + web app + worker).
 * - api / worker / migrate / seed: the pieces, for a real deployment (DATABASE_URL set).
 */
const command = process.argv[2] ?? 'start';
const commands = ['start', 'api', 'worker', 'migrate', 'seed'];
if (!commands.includes(command)) {
  console.error(`usage: node src/main.ts <${commands.join(' | ')}>`);
  process.exit(2);
}

const config = parseConfig();
const secrets = loadOrCreateSecrets(config.dataDir, { jwtSecret: config.jwtSecret, secretsKey: config.secretsKey });
const stops: (() => Promise<unknown>)[] = [];

/** The owner's URL: DATABASE_URL, else the embedded PostgreSQL (started here). */
async function database(config: Config): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  const postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (m) => console.error(m) });
  stops.push(() => postgres.stop());
  await ensureDatabase(postgres.url('postgres'), 'relance');
  return postgres.url('relance');
}

/**
 * Each stop step (API, worker, SMTP server, ORM, PostgreSQL: the reverse of starting) gets this
 * long. A step waiting on a PostgreSQL that is already gone (Ctrl-C reaches it too) would otherwise
 * never settle, and Node would end silently once nothing else is pending. The worker's running jobs
 * are transactional: one abandoned here rolls back and runs again after the restart.
 */
const STOP_STEP_LIMIT_MS = 10_000;

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`a stop step did not finish in ${STOP_STEP_LIMIT_MS / 1000} s: abandoned`)), STOP_STEP_LIMIT_MS);
    });
    try {
      await Promise.race([stop(), limit]);
    } catch (error) {
      console.error('error while stopping:', error instanceof Error ? error.message : error);
    } finally {
      clearTimeout(timer);
    }
  }
  if (command === 'start' || command === 'api' || command === 'worker') console.log('Relance stopped.');
  process.exit(code);
}
// The process owns its signals (db/embedded-postgres.ts takes off the package's own exit hook):
// PostgreSQL is stopped last, by its entry in `stops`.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// While stopping after a Ctrl-C, PostgreSQL (which got the signal too) may already be gone, and
// graphile-worker's last bookkeeping (releasing the jobs it was running) fails in the background:
// those jobs are released at the next start (releaseJobsOfPreviousRun). Any other unhandled
// rejection still ends the process, as Node would, but through the orderly stop.
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? reason.message : String(reason);
  if (stopping) {
    console.error(`while stopping: ${message}`);
    return;
  }
  console.error(describeFailure(reason));
  void shutdown(1);
});

// Closing an ORM's pool waits for ever once PostgreSQL is gone (Ctrl-C reaches it first): there is
// nothing left to flush by then, so two seconds is plenty.
function closeOrm(orm: MikroORM) {
  return Promise.race([orm.close(true), new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())]);
}

try {
  // `api` and `worker` with APP_DATABASE_URL need no owner's URL: they never change the schema.
  const appOnly = (command === 'api' || command === 'worker') && config.appDatabaseUrl && !config.databaseUrl;
  const ownerUrl = appOnly ? null : await database(config);

  // Migrations and demo data run as the owner of the tables; the rest of the program logs in as
  // relance_app, to which row-level security applies (db/row-level-security.ts).
  if (ownerUrl && (command === 'migrate' || command === 'start' || command === 'seed')) {
    const ownerOrm = await initOrm(ownerUrl, { poolMax: 4 });
    try {
      if (command !== 'seed') {
        await migrateDatabase(ownerOrm, ownerUrl, { appPassword: config.appDatabaseUrl ? null : secrets.databaseAppPassword });
        // Payments recorded before the client-funds ledger (issue 17) are booked once, with their receipt numbers.
        const booked = await ownerOrm.em.fork().transactional(async (em) => bookUnbookedPayments({ em, clock: systemClock }));
        if (booked > 0) console.log(`Client-funds ledger: ${booked} earlier payment(s) booked.`);
      }
      if (command !== 'migrate') {
        if (await isDatabaseEmpty(ownerOrm)) {
          console.log('Empty database: loading the demo data...');
          await seedDemoData(ownerOrm, { clock: systemClock, config, secrets });
        } else if (command === 'seed') {
          console.log('The database already holds data: nothing seeded.');
        }
      }
    } finally {
      await closeOrm(ownerOrm);
    }
  }
  const appUrl = appDatabaseUrl(ownerUrl ?? '', config.appDatabaseUrl, secrets.databaseAppPassword);
  const orm: MikroORM = await initOrm(appUrl, { actingAs: 'agency' });
  stops.push(() => closeOrm(orm));
  await assertAppRoleIsConfined({ query: async (sql) => ({ rows: await orm.em.fork().execute(sql) }) });

  // Secrets written in clear before encryption at rest, or sealed with a replaced key, are sealed
  // with the current key before anything serves or signs (idempotent; the key never goes to the
  // database, hence here and not in the SQL migration). Every command but seed needs a migrated database.
  if (command !== 'seed') {
    const sealed = await sealWebhookSecretsAtRest(emExec(orm.em.fork()), keyringOf(secrets));
    if (sealed > 0) console.error(`Sealed ${sealed} webhook secret(s) with the current secrets key.`);
    const resealed = await resealTotpSecrets(emExec(orm.em.fork()), keyringOf(secrets));
    if (resealed > 0) console.error(`Re-sealed ${resealed} two-factor secret(s) with the current secrets key.`);
  }
  // Demo mode: without SMTP_URL, `start` runs an SMTP server inside the app that plays the
  // debtors' mailbox, so messages to debtors really go over SMTP and show in the outbox.
  let messagesSmtpUrl = config.smtpUrl;
  if (command === 'start' && !config.smtpUrl) {
    const keep = keepInDemoMailbox(orm);
    const recordBounce = bounceMailRecorder({ orm, clock: systemClock, config, secrets });
    const demoSmtp = await startDemoSmtpServer({
      onMail: keep,
      // The same server receives the bounce reports (DSN) mailed to our BOUNCE_ADDRESS: kept in the
      // mailbox as evidence, then read and recorded like a signed bounce callback.
      bounceMailbox: {
        address: config.bounceAddress,
        onMail: async (mail) => {
          await keep(mail);
          await recordBounce(mail.raw);
        },
      },
      log: (m) => console.error(m),
    });
    stops.push(() => demoSmtp.close());
    messagesSmtpUrl = demoSmtp.url;
  }
  if (command === 'start' && !config.databaseUrl) {
    // `start` on its own embedded database is the only worker there: a job still locked now was
    // locked by this program's previous run, stopped mid-job (a crash, or Ctrl-C, which PostgreSQL
    // receives as well). It is released now instead of after graphile-worker's 4-hour lock timeout;
    // the jobs are idempotent (exactly once is enforced by the database, not by the lock).
    const released = await releaseJobsOfPreviousRun(withStaffScope(appUrl));
    if (released > 0) console.error(`Released ${released} job(s) left locked by the previous run.`);
  }
  if (command === 'worker' || command === 'start') {
    const runner = await startWorker({
      databaseUrl: withStaffScope(appUrl),
      concurrency: config.workerConcurrency,
      secrets,
      clock: systemClock,
      config,
      orm,
      quiet: command === 'start',
      messagesSmtpUrl,
      letterRenderThreads: config.letterRenderThreads,
    });
    stops.push(() => runner.stop());
    if (command === 'worker' && config.metricsPort !== undefined) {
      const metricsServer = await startMetricsServer({
        port: config.metricsPort,
        host: config.host,
        token: config.metricsToken,
        query: (sql) => orm.em.fork().execute(sql),
      });
      stops.push(() => metricsServer.close());
    }
  }
  if (command === 'api' || command === 'start') {
    const tenantOrm = await initOrm(appUrl);
    stops.push(() => closeOrm(tenantOrm));
    await assertAppRoleIsConfined({ query: async (sql) => ({ rows: await tenantOrm.em.fork().execute(sql) }) });
    const pools = openDbPools(appUrl);
    stops.push(() => closeDbPools(pools));
    const app = await buildApp({ config, orm, tenantOrm, pools, secrets });
    stops.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    if (command === 'start') await printBanner(orm, config.smtpUrl ? null : (messagesSmtpUrl ?? null));
  }
  if (command === 'migrate' || command === 'seed') {
    await shutdown(0);
  }
} catch (error) {
  console.error(describeFailure(error));
  await shutdown(1);
}

/**
 * Why the command cannot go on, in words: never "undefined" (a library rejecting with nothing).
 * Our own explanations (configuration, PostgreSQL's start) are printed as they are; anything else
 * keeps its stack for whoever reports it.
 */
function describeFailure(error: unknown): string {
  const action = `Relance could not ${command === 'migrate' || command === 'seed' ? command : 'start'}`;
  if (error instanceof Error) {
    const known = error.message.startsWith('PostgreSQL did not start') || error.message.startsWith('Invalid configuration');
    return `${action}: ${known ? error.message : (error.stack ?? error.message)}`;
  }
  if (error === undefined || error === null) return `${action}: a component failed without saying why.`;
  return `${action}: ${String(error)}`;
}

async function printBanner(orm: MikroORM, demoMailbox: string | null) {
  const portal = await demoPortalLink(orm, config, systemClock, secrets);
  const lines = [
    '',
    `  Relance is running at ${config.publicUrl}`,
    `  API documentation:    ${config.publicUrl}/docs`,
    '',
    '  Demo logins (password: demo)',
    '    admin@relance.test      administrator',
    '    manager@relance.test    manager',
    '    agent1@relance.test     agent',
    '    agent2@relance.test     agent',
    '    compta@relance.test     accountant (bank statements, ledger, remittances)',
    '    creditor1@relance.test  creditor user (company)',
    '    creditor2@relance.test  creditor user (company)',
    '    creditor3@relance.test  creditor user (private landlord)',
    '',
    `  Debtor portal (case ${portal.caseReference}):`,
    `    ${portal.url}`,
    `    the page asks the debtor to confirm: postcode ${portal.postcode ?? '-'} or reference ${portal.caseReference}`,
    '    test card 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined',
    ...(demoMailbox ? ['', `  E-mails to debtors go to the demo mailbox (${demoMailbox}): see them in the Outbox`] : []),
    '',
    `  Ctrl-C stops everything (PostgreSQL included); data is kept in ${config.dataDir}`,
    '',
  ];
  console.log(lines.join('\n'));
}
