import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyInstant } from '../../web/test/journey-instant.ts';

/**
 * Issue 21 §2: the local cluster of infra/cluster/cluster.mjs, started for real (PostgreSQL primary
 * and streaming replica, PgBouncer in transaction pooling, 2 APIs behind the balancer, 2 workers,
 * the demo data) and driven over HTTP and SQL as an operator would. No test database of the harness:
 * the cluster's own. When PgBouncer is missing the script installs it from Debian's packages, and
 * fails this file with its reason if it cannot.
 *
 * The clock of the cluster's processes starts inside the agents' contact window (CLOCK_START), so
 * the queue serves whatever the hour of the run; each worker takes one job at a time
 * (WORKER_CONCURRENCY=1), so two jobs added at once go one to each.
 */
const root = resolve(import.meta.dirname, '..', '..');
const script = join(root, 'infra', 'cluster', 'cluster.mjs');
const dir = mkdtempSync(join(tmpdir(), 'relance-cluster-test-'));
chmodSync(dir, 0o755);

type ClusterState = {
  ports: { primary: number; replica: number; pgbouncer: number; balancer: number; apis: number[] };
  passwords: { owner: string };
  processes: Record<string, number>;
  logs: string;
};
let state: ClusterState;
let primary: pg.Client;
let replica: pg.Client;
let balancer: string;

function cluster(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args, '--dir', dir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => (code === 0 ? done(output) : fail(new Error(`cluster ${args[0]} failed (exit ${code}):\n${output}`))));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
  });
}

/** Six free ports in a row (the cluster's layout: primary, replica, PgBouncer, balancer, 2 APIs). */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all([0, 1, 2, 3, 4, 5].map((offset) => portIsFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no six free ports in a row on 127.0.0.1');
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function one<T>(client: pg.Client, sql: string, params: unknown[] = []): Promise<T> {
  return (await client.query(sql, params)).rows[0] as T;
}

async function login(email: string): Promise<string> {
  const response = await fetch(`${balancer}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const post = (path: string, token: string, body?: unknown) =>
  fetch(`${balancer}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

/** Jobs due now that no worker has finished: 0 once the workers are idle. */
const dueJobs = async () =>
  (await one<{ n: number }>(primary, 'select count(*)::int as n from graphile_worker.jobs where run_at <= now() and attempts < max_attempts')).n;

beforeAll(async () => {
  const base = await freeBasePort();
  await cluster(['start', '--port', String(base), '--ephemeral'], {
    CLOCK_START: journeyInstant(new Date()).toISOString(),
    WORKER_CONCURRENCY: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    REPLICA_MAX_LAG_SECONDS: '2',
    LOG_LEVEL: 'warn',
  });
  state = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as ClusterState;
  balancer = `http://127.0.0.1:${state.ports.balancer}`;
  const owner = { host: '127.0.0.1', user: 'relance', password: state.passwords.owner, database: 'relance' };
  primary = new pg.Client({ ...owner, port: state.ports.primary });
  replica = new pg.Client({ ...owner, port: state.ports.replica });
  await primary.connect();
  await replica.connect();
}, 300_000);

afterAll(async () => {
  await primary?.end();
  await replica?.end();
  await cluster(['stop', '--purge']);
}, 120_000);

describe('the local cluster (infra/cluster)', () => {
  let agents: { id: string; token: string; caseId: string }[] = [];

  it('gives 50 agents asking at once, over both APIs and PgBouncer, 50 different cases', { timeout: 120_000 }, async () => {
    // 50 agents with the demo password (its hash copied from a demo agent): the demo has two.
    const { hash } = await one<{ hash: string }>(primary, `select password_hash as hash from app_user where email = 'agent1@relance.test'`);
    const { rows } = await primary.query<{ id: string; email: string }>(
      `insert into app_user (email, name, role, password_hash)
       select 'cluster-agent-' || i || '@relance.test', 'Agent ' || i, 'agent', $1 from generate_series(1, 50) i returning id, email`,
      [hash],
    );
    const tokens = await Promise.all(rows.map((row) => login(row.email)));
    const responses = await Promise.all(tokens.map((token) => post('/api/v1/queue/next', token)));
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, upstream: r.headers.get('x-relance-upstream'), body: (await r.json()) as { case?: { id: string } } })));
    for (const answer of bodies) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const ids = bodies.map((answer) => answer.body.case?.id as string);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(50);
    expect(new Set(bodies.map((answer) => answer.upstream))).toEqual(new Set(state.ports.apis.map(String)));
    // The database agrees: each case is leased to the agent it was given to.
    agents = rows.map((row, i) => ({ id: row.id, token: tokens[i] as string, caseId: ids[i] as string }));
    const leases = await primary.query<{ id: string; leased_by: string }>('select id, leased_by from collection_case where id = any($1::uuid[])', [ids]);
    expect(new Map(leases.rows.map((lease) => [lease.id, lease.leased_by]))).toEqual(new Map(agents.map((agent) => [agent.caseId, agent.id])));
  });

  it('decides each (case, step) once when a dunning pass is triggered on both workers at once', { timeout: 120_000 }, async () => {
    await until('the workers to be idle', async () => (await dueJobs()) === 0);
    const { before } = await one<{ before: number }>(primary, `select count(*)::int as before from dunning_run where status = 'completed'`);
    await primary.query(`select graphile_worker.add_job('dunning__run', '{}'::json), graphile_worker.add_job('dunning__run', '{}'::json)`);
    await until('both runs', async () => (await one<{ n: number }>(primary, `select count(*)::int as n from dunning_run where status = 'completed'`)).n >= before + 2);
    // One run decided, the other (serialised by the advisory lock, then finding it all decided) nothing.
    const runs = await primary.query<{ decided: number }>(`select decided from dunning_run where status = 'completed' order by finished_at desc limit 2`);
    const decided = runs.rows.map((run) => run.decided).sort((a, b) => a - b);
    expect(decided[0]).toBe(0);
    expect(decided[1]).toBeGreaterThan(0);
    const executions = await one<{ n: number; pairs: number }>(primary, 'select count(*)::int as n, count(distinct (case_id, step_id))::int as pairs from dunning_step_execution');
    expect(executions.n).toBe(executions.pairs);
    expect(executions.n).toBeGreaterThanOrEqual(decided[1] as number);
    // Each worker took one of the two jobs.
    for (const worker of ['worker1', 'worker2']) expect(readFileSync(join(state.logs, `${worker}.log`), 'utf8'), worker).toMatch(/dunning run [0-9a-f-]+: \d+ to send/);
  });

  it('loses no acknowledged request and no job when an API is killed and a worker stopped mid-load', { timeout: 180_000 }, async () => {
    // The sends of the pass above are still being worked through by the workers.
    expect(await dueJobs()).toBeGreaterThan(0);
    const outcomes: { batch: number; status: number; id?: string }[] = [];
    const load = async (i: number) => {
      const agent = agents[i % agents.length] as (typeof agents)[number];
      try {
        const response = await post(`/api/v1/cases/${agent.caseId}/activities`, agent.token, { kind: 'note', text: `cluster load ${i}` });
        outcomes.push({ batch: Math.floor(i / 8), status: response.status, ...(response.status === 201 ? { id: ((await response.json()) as { id: string }).id } : {}) });
      } catch {
        outcomes.push({ batch: Math.floor(i / 8), status: 0 });
      }
    };
    for (let batch = 0; batch < 10; batch++) {
      if (batch === 3) {
        process.kill(state.processes.api1 as number, 'SIGKILL');
        process.kill(state.processes.worker1 as number, 'SIGTERM');
      }
      await Promise.all(Array.from({ length: 8 }, (_, k) => load(batch * 8 + k)));
    }
    // Only requests the killed API had accepted while dying (the batch sent at the kill) may fail, with
    // a 502 (the balancer cannot know whether it acted); once it is gone, every request goes to the other.
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.id as string);
    for (const o of outcomes) expect([0, 201, 502]).toContain(o.status);
    expect(outcomes.filter((o) => o.batch !== 3 && o.status !== 201)).toEqual([]);
    const stored = await one<{ n: number }>(primary, 'select count(*)::int as n from activity where id = any($1::uuid[])', [acknowledged]);
    expect(stored.n).toBe(acknowledged.length);

    // The stopped worker gave back what it held; the other one finishes everything.
    await until('worker1 to stop', async () => !isAlive(state.processes.worker1 as number), 30_000);
    expect(readFileSync(join(state.logs, 'worker1.log'), 'utf8')).toContain('Relance stopped.');
    await until('the sends to be done', async () => (await dueJobs()) === 0, 150_000);
    const { locked } = await one<{ locked: number }>(primary, 'select count(*)::int as locked from graphile_worker.jobs where locked_at is not null');
    expect(locked).toBe(0);
    const sends = await one<{ waiting: number; linked: number; messages: number; rows: number }>(
      primary,
      `select count(*) filter (where x.status = 'pending')::int as waiting, count(x.message_id)::int as linked,
              count(distinct x.message_id)::int as messages, count(m.id)::int as rows
         from dunning_step_execution x left join outbound_message m on m.id = x.message_id`,
    );
    expect(sends.waiting).toBe(0);
    expect(sends.linked).toBeGreaterThan(0);
    expect(sends.messages).toBe(sends.linked);
    expect(sends.rows).toBe(sends.linked);
    console.log(
      `cluster: ${acknowledged.length}/80 writes acknowledged across the kill (${outcomes.length - acknowledged.length} failed in flight), all stored; ` +
        `${sends.linked} dunning messages, each once`,
    );
  });

  it('reads the KPIs from the replica, and from the primary while the replica lags', { timeout: 60_000 }, async () => {
    const token = await login('manager@relance.test');
    const kpis = () => fetch(`${balancer}/api/v1/reports/kpis?from=2026-01-01&to=2026-12-31`, { headers: { authorization: `Bearer ${token}` } });
    const fresh = await kpis();
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-data-source')).toBe('replica');
    expect(Math.abs(Date.now() - Date.parse(fresh.headers.get('x-data-as-of') ?? ''))).toBeLessThan(10_000);
    // The page shows it from the body (web KpiSection: "Données à jour au ...").
    expect(((await fresh.json()) as { dataAsOf?: string }).dataAsOf).toBe(fresh.headers.get('x-data-as-of'));

    // Replay stopped, a write on the primary: past the bound (2 s here), the KPIs read the primary.
    await replica.query('select pg_wal_replay_pause()');
    try {
      await primary.query('update agency set phone = phone');
      await new Promise((r) => setTimeout(r, 3_500));
      const stale = await kpis();
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-data-source')).toBe('primary');
    } finally {
      await replica.query('select pg_wal_replay_resume()');
    }
    await until('the replica to serve again', async () => (await kpis()).headers.get('x-data-source') === 'replica', 30_000);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
