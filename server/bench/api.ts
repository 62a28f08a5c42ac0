// pnpm bench api --cases N [--connections C] [--seconds S] [--rate R]
//
// Authenticated reads through the real application (buildApp: auth, row-level security, the ORM,
// validation, serialisation), at N cases (default 1,000,000, made set-based as the other benches do:
// a creditor with 90 % of them, another with 10 %, a claim each, a payment on every other case):
// `GET /api/v1/cases/{id}` (a random case of the creditor each request) and
// `GET /api/v1/cases?limit=50`, with an agent's token and with the creditor user's token.
// The baseline in the same run: a bare Fastify route per read and per audience that replays, on a
// plain `pg` pool logged in the same way, the very statements the real route sent for one request
// (recorded at the pg driver: the creditor's transaction and its set_config included), the case id
// swapped for the request's. Each read is driven by autocannon twice: as fast as it goes
// (C connections, S seconds: throughput, ratio to the bare route's) and at a fixed R req/s (p99).
// Load generator, app and bare routes share the process and its 2 cores, as they do the machine.
// Prints one last JSON line; exits non-zero when a request fails.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { singleServerConnections } from '../src/db/connections.ts';
import { freePort } from '../src/db/embedded-postgres.ts';
import { initOrm } from '../src/db/orm.ts';
import { closeDbPools, openDbPools } from '../src/db/pools.ts';
import { STAFF_SCOPE_OPTIONS } from '../src/db/row-level-security.ts';
import type { Secrets } from '../src/db/secrets.ts';
import { hashPassword } from '../src/features/users/passwords.ts';
import { benchDatabase } from './database.ts';

const TODAY = '2026-11-23';
const PASSWORD = 'bench password, long enough';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** A deterministic RFC 9562 version 4 UUID (the API validates ids) from a seed expression. */
const uid = (seed: string) => `overlay(overlay(md5(${seed}) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** `payments` (of every creditor) go round the cases, `payments / cases` each. */
export async function generate(ownerUrl: string, cases: number, payments: number): Promise<{ creditorId: string; caseIds: string[] }> {
  const setup = new pg.Client({ connectionString: ownerUrl });
  await setup.connect();
  const creditorIds: string[] = [];
  for (const [name, share, tag] of [
    ['Créancier Bench API', 0.9, 'a'],
    ['Autre Créancier', 0.1, 'b'],
  ] as const) {
    const { rows } = await setup.query<{ id: string }>(
      `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                             mandate_reference, mandate_signed_on, mandate_valid_until)
       values ($1, 'company', '732829320', '1 rue du Bench', '75001', 'Paris', $1, '#123456', 'MANDAT-BENCH', '2026-01-01', '2027-12-31') returning id`,
      [name],
    );
    const id = (rows[0] as { id: string }).id;
    creditorIds.push(id);
    const count = Math.round(cases * share);
    await setup.query(
      `insert into debtor (id, creditor_id, kind, display_name, match_key)
       select ${uid("$3 || 'd' || i")}, $2, case when i % 3 = 0 then 'company' else 'person' end, 'Débiteur ' || i, $3 || ':' || i
         from generate_series(1, $1) i`,
      [count, id, tag],
    );
    await setup.query(
      `insert into collection_case (id, creditor_id, debtor_id, opened_on, status, queue_rank)
       select ${uid("$3 || 'c' || i")}, $2, ${uid("$3 || 'd' || i")}, $4::date - (i % 700), 'amicable', (i::bigint * 7919) % 100000
         from generate_series(1, $1) i`,
      [count, id, tag, TODAY],
    );
    await setup.query(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents)
       select ${uid("$3 || 'c' || i")}, $2, 'FAC-' || i, $4::date - 800, $4::date - 750, 10000 + (i::bigint * 7919) % 500000
         from generate_series(1, $1) i`,
      [count, id, tag, TODAY],
    );
    await setup.query(
      `insert into payment_record (case_id, amount_cents, received_on, method)
       select ${uid("$2 || 'c' || (1 + j % $1)")}, 1000 + (j % 7) * 500, $3::date - (j % 600)::int, 'transfer' from generate_series(1, $4) j`,
      [count, tag, TODAY, Math.round(payments * share)],
    );
  }
  await setup.query('vacuum analyze');
  const creditorId = creditorIds[0] as string;
  const { rows: sample } = await setup.query<{ id: string }>(
    'select id from collection_case where creditor_id = $1 order by md5(id::text) limit 10000',
    [creditorId],
  );
  await setup.end();
  return { creditorId, caseIds: sample.map((row) => row.id) };
}

export async function makeUsers(ownerUrl: string, creditorId: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const hash = await hashPassword(PASSWORD);
  await client.query(
    `insert into app_user (email, name, role, creditor_id, creditor_role, password_hash)
     values ('agent@bench.relance', 'Agent Bench', 'agent', null, null, $1),
            ('creditor@bench.relance', 'Créancier Bench', 'creditor', $2, 'uploader', $1)`,
    [hash, creditorId],
  );
  await client.end();
}

type Recorded = { text: string; values: unknown[] };

/** Records the statements the pg driver sends while `fn` runs (every pg client of the process). */
export async function recordStatements(fn: () => Promise<void>): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') recorded.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[] };
      recorded.push({ text: config.text, values: Array.isArray(second) ? second : (config.values ?? []) });
    }
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return recorded;
}

/** Replays recorded statements on one pooled client, `from` (a case id) swapped for `to`. */
export async function replay(pool: pg.Pool, statements: Recorded[], from: string | null, to: string | null): Promise<number> {
  const client = await pool.connect();
  let rows = 0;
  try {
    for (const { text, values } of statements) {
      const swap = (value: unknown) => (from && to && typeof value === 'string' ? value.replaceAll(from, to) : value);
      const result = await client.query(swap(text) as string, values.map(swap));
      rows += result.rowCount ?? 0;
    }
  } finally {
    client.release();
  }
  return rows;
}

/** BENCH_PROFILE=1: each recorded statement's time, the slowest first (where a read spends its time). */
export async function profile(pool: pg.Pool, statements: Recorded[]) {
  const client = await pool.connect();
  const timed: [number, string][] = [];
  try {
    for (const { text, values } of statements) {
      const started = performance.now();
      await client.query(text, values);
      timed.push([performance.now() - started, text.replace(/\s+/g, ' ').slice(0, 400)]);
    }
  } finally {
    client.release();
  }
  for (const [ms, text] of timed.sort((a, b) => b[0] - a[0]).slice(0, 4)) log(`  ${ms.toFixed(1)} ms ${text}`);
  const slowest = statements.find((s) => s.text.includes('with summary'));
  if (slowest && process.env.BENCH_PROFILE === 'explain') {
    const { rows } = await pool.query(`explain (analyze, costs off) ${slowest.text}`, slowest.values);
    log(rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
}

type Load = { requests_per_s: number; p50_ms: number; p99_ms: number; errors: number };

async function drive(url: string, headers: Record<string, string>, paths: () => string, options: { connections: number; seconds: number; rate?: number }): Promise<Load> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths() }) }],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { requests_per_s: Math.round(result.requests.average), p50_ms: result.latency.p50, p99_ms: result.latency.p99, errors };
}

export async function benchApi(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string', default: '1000000' },
      connections: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '2000' },
    },
  });
  const cases = Number(values.cases);
  const load = { connections: Number(values.connections), seconds: Number(values.seconds) };
  const rate = Number(values.rate);
  const { databaseUrl, ownerUrl, dispose } = await benchDatabase('api');
  try {
    log(`generating ${cases} cases...`);
    const { creditorId, caseIds } = await generate(ownerUrl, cases, Math.round(cases / 2));
    await makeUsers(ownerUrl, creditorId);
    const report = await runLoads(databaseUrl, caseIds, load, rate);
    process.stdout.write(`${JSON.stringify({ bench: 'api', cases, ...report })}\n`);
    if (report.errors > 0) process.exitCode = 1;
  } finally {
    await dispose();
  }
}

type Reads = { name: string; audience: 'agent' | 'creditor'; path: (id: string) => string };

const READS: Reads[] = [
  { name: 'case_agent', audience: 'agent', path: (id) => `/api/v1/cases/${id}` },
  { name: 'case_creditor', audience: 'creditor', path: (id) => `/api/v1/cases/${id}` },
  { name: 'list_agent', audience: 'agent', path: () => '/api/v1/cases?limit=50' },
  { name: 'list_creditor', audience: 'creditor', path: () => '/api/v1/cases?limit=50' },
];

/** The real application on the bench database, listening, with the agent's and the creditor user's tokens and plain pg pools logged in as each. */
export async function startApp(databaseUrl: string) {
  const appUrl = new URL(databaseUrl);
  appUrl.searchParams.delete('options'); // relance_app as itself: the creditor's login
  const port = await freePort();
  const config = parseConfig({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: '/tmp', LOG_LEVEL: 'silent' });
  const secrets = { jwtSecret: 'bench-jwt-secret-bench-jwt-secret-0123456789', secretsKey: Buffer.alloc(32, 7).toString('base64'), previousSecretsKeys: [] } as unknown as Secrets;
  const orm = await initOrm(appUrl.toString(), { poolMax: 10, actingAs: 'agency' });
  const tenantOrm = await initOrm(appUrl.toString(), { poolMax: 10 });
  const pools = openDbPools(singleServerConnections(appUrl.toString()));
  const app = await buildApp({ config, orm, tenantOrm, pools, secrets });
  await app.listen({ port, host: '127.0.0.1' });
  const pgPools = {
    agent: new pg.Pool({ connectionString: appUrl.toString(), options: STAFF_SCOPE_OPTIONS, max: 10 }),
    creditor: new pg.Pool({ connectionString: appUrl.toString(), max: 10 }),
  };
  const tokens: Record<'agent' | 'creditor', string> = { agent: '', creditor: '' };
  for (const audience of ['agent', 'creditor'] as const) {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `${audience}@bench.relance`, password: PASSWORD } });
    if (response.statusCode !== 200) throw new Error(`login of ${audience} failed: ${response.statusCode} ${response.body}`);
    tokens[audience] = response.json().accessToken as string;
  }
  const close = async () => {
    await app.close();
    await Promise.all([pgPools.agent.end(), pgPools.creditor.end(), closeDbPools(pools), orm.close(true), tenantOrm.close(true)]);
  };
  return { app, port, tokens, pgPools, close };
}

async function runLoads(databaseUrl: string, caseIds: string[], load: { connections: number; seconds: number }, rate: number) {
  const { app, port, tokens, pgPools, close } = await startApp(databaseUrl);
  const bare = Fastify({ logger: false });
  const recordedId = caseIds[0] as string;
  for (const read of READS) {
    const headers = { authorization: `Bearer ${tokens[read.audience]}` };
    await app.inject({ method: 'GET', url: read.path(caseIds[1] as string), headers }); // warm: caches, prepared paths
    const statements = await recordStatements(async () => {
      const response = await app.inject({ method: 'GET', url: read.path(recordedId), headers });
      if (response.statusCode !== 200) throw new Error(`${read.name}: ${response.statusCode} ${response.body}`);
    });
    log(`${read.name}: ${statements.length} statements per request`);
    if (process.env.BENCH_PROFILE) await profile(pgPools[read.audience], statements);
    const pool = pgPools[read.audience];
    bare.get(`/bare/${read.name}/:id`, async (request) => ({ rows: await replay(pool, statements, recordedId, (request.params as { id: string }).id) }));
  }
  const barePort = await freePort();
  await bare.listen({ port: barePort, host: '127.0.0.1' });
  const results: Record<string, unknown> = {};
  let errors = 0;
  let worstRatio = Number.POSITIVE_INFINITY;
  let worstP99 = 0;
  for (const read of READS) {
    let i = 0;
    const nextId = () => caseIds[i++ % caseIds.length] as string;
    const headers = { authorization: `Bearer ${tokens[read.audience]}` };
    const real = await drive(`http://127.0.0.1:${port}`, headers, () => read.path(nextId()), load);
    const baseline = await drive(`http://127.0.0.1:${barePort}`, {}, () => `/bare/${read.name}/${nextId()}`, load);
    const atRate = await drive(`http://127.0.0.1:${port}`, headers, () => read.path(nextId()), { ...load, rate });
    const ratio = Number((real.requests_per_s / Math.max(1, baseline.requests_per_s)).toFixed(3));
    log(`${read.name}: ${JSON.stringify({ real, baseline, atRate })}`);
    results[read.name] = { requests_per_s: real.requests_per_s, p99_ms: real.p99_ms, baseline_requests_per_s: baseline.requests_per_s, ratio, [`p99_ms_at_${rate}_per_s`]: atRate.p99_ms, achieved_at_rate: atRate.requests_per_s };
    errors += real.errors + baseline.errors + atRate.errors;
    worstRatio = Math.min(worstRatio, ratio);
    worstP99 = Math.max(worstP99, atRate.p99_ms);
  }
  await bare.close();
  await close();
  return { ...results, baseline: 'bare Fastify route replaying the same statements on pg', ratio: worstRatio, [`p99_ms_at_${rate}_per_s`]: worstP99, errors, connections: load.connections, seconds: load.seconds };
}
