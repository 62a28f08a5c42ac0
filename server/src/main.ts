import type { MikroORM } from '@mikro-orm/postgresql';
import { buildApp } from './app.ts';
import { type Config, parseConfig } from './config.ts';
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { migrateDatabase } from './db/migrate.ts';
import { initOrm } from './db/orm.ts';
import { keyringOf } from './db/secret-box.ts';
import { loadOrCreateSecrets } from './db/secrets.ts';
import { demoPortalLink, isDatabaseEmpty, seedDemoData } from './db/seed.ts';
import { keepInDemoMailbox, startDemoSmtpServer } from './features/messages/demo-smtp.ts';
import { bounceMailRecorder } from './features/messages/dsn.ts';
import { sealWebhookSecretsAtRest } from './features/webhooks/service.ts';
import { systemClock } from './plugins/context.ts';
import { emExec } from './plugins/sql.ts';
import { startWorker } from './worker/runner.ts';

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

async function database(config: Config): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  const postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (m) => console.error(m) });
  stops.push(() => postgres.stop());
  await ensureDatabase(postgres.url('postgres'), 'relance');
  return postgres.url('relance');
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('error while stopping:', error);
    }
  }
  if (command === 'start' || command === 'api' || command === 'worker') console.log('Relance stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const databaseUrl = await database(config);
  const orm: MikroORM = await initOrm(databaseUrl);
  stops.push(() => orm.close(true));

  if (command === 'migrate' || command === 'start') {
    await migrateDatabase(orm, databaseUrl);
  }
  // Secrets written in clear before encryption at rest, or sealed with a replaced key, are sealed
  // with the current key before anything serves or signs (idempotent; the key never goes to the
  // database, hence here and not in the SQL migration). Every command but seed needs a migrated database.
  if (command !== 'seed') {
    const sealed = await sealWebhookSecretsAtRest(emExec(orm.em.fork()), keyringOf(secrets));
    if (sealed > 0) console.error(`Sealed ${sealed} webhook secret(s) with the current secrets key.`);
  }
  if (command === 'seed' || command === 'start') {
    if (await isDatabaseEmpty(orm)) {
      console.log('Empty database: loading the demo data...');
      await seedDemoData(orm, { clock: systemClock });
    } else if (command === 'seed') {
      console.log('The database already holds data: nothing seeded.');
    }
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
  if (command === 'worker' || command === 'start') {
    const runner = await startWorker({
      databaseUrl,
      concurrency: config.workerConcurrency,
      secrets,
      clock: systemClock,
      config,
      orm,
      quiet: command === 'start',
      messagesSmtpUrl,
    });
    stops.push(() => runner.stop());
  }
  if (command === 'api' || command === 'start') {
    const app = await buildApp({ config, orm, secrets });
    stops.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    if (command === 'start') await printBanner(orm, config.smtpUrl ? null : (messagesSmtpUrl ?? null));
  }
  if (command === 'migrate' || command === 'seed') {
    await shutdown(0);
  }
} catch (error) {
  console.error(error);
  await shutdown(1);
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
    '    creditor1@relance.test  creditor user (company)',
    '    creditor2@relance.test  creditor user (company)',
    '    creditor3@relance.test  creditor user (private landlord)',
    '',
    `  Debtor portal (case ${portal.caseReference}):`,
    `    ${portal.url}`,
    '    test card 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined',
    ...(demoMailbox ? ['', `  E-mails to debtors go to the demo mailbox (${demoMailbox}): see them in the Outbox`] : []),
    '',
    `  Ctrl-C stops everything (PostgreSQL included); data is kept in ${config.dataDir}`,
    '',
  ];
  console.log(lines.join('\n'));
}
