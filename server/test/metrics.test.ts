import { EventEmitter } from 'node:events';
import { runOnce, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { runDunningTask } from '../src/features/dunning/tasks/dunning__run.ts';
import { instrumentWorkerEvents, startMetricsServer } from '../src/plugins/metrics.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 21 §4: /metrics in Prometheus' format with relance_ series that move (HTTP by route pattern,
 * jobs by task, the queue, dunning runs, database pools), its bearer token, liveness and readiness
 * (the database and the migrations), and logs with a request id and no password or token.
 */
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
let t: TestApp;
let open: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { METRICS_TOKEN, LOG_LEVEL: 'info' }, logStream: { write: (line) => logLines.push(line) } });
  open = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await open.close();
});

async function scrape(app: TestApp = t): Promise<string> {
  const response = await app.app.inject({ method: 'GET', url: '/metrics', headers: bearer(METRICS_TOKEN) });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
  return response.body;
}

/** The value of one sample, `name{labels} value`, labels in any order; 0 when absent. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of body.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return 0;
}

/** Runs the queued jobs once with graphile-worker's events instrumented, as the worker does. */
async function workOnce(taskList: TaskList) {
  const events: WorkerEvents = new EventEmitter();
  instrumentWorkerEvents(events);
  await runOnce({ connectionString: t.databaseUrl, taskList, logger: silentWorkerLogger, events });
}

async function addJob(task: string, payload: object, maxAttempts = 25) {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  await client.query('select graphile_worker.add_job($1, $2::json, max_attempts => $3)', [task, JSON.stringify(payload), maxAttempts]);
  await client.end();
}

describe('GET /metrics', () => {
  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('unauthenticated');
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer('scrape-token-0123456789abcdeX') });
    expect(wrong.statusCode).toBe(401);
    // Without METRICS_TOKEN the endpoint is open (a network only Prometheus reaches).
    expect((await open.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });

  it('counts HTTP requests by route pattern and status, never by URL', async () => {
    const creditor = await makeCreditor(t);
    const found = await makeCase(t, creditor.id);
    const token = await login(t, await makeUser(t, 'agent'));
    const before = await scrape();
    const route = { method: 'GET', route: '/api/v1/cases/:id', status: '200' };
    const countBefore = sample(before, 'relance_http_request_duration_seconds_count', route);
    for (let i = 0; i < 3; i += 1) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${found.id}`, headers: bearer(token) })).statusCode).toBe(200);
    }
    await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route/123' });
    const after = await scrape();
    expect(sample(after, 'relance_http_request_duration_seconds_count', route)).toBe(countBefore + 3);
    expect(sample(after, 'relance_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(countBefore + 3);
    expect(sample(after, 'relance_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain(found.id);
    // The process' own metrics and the pools, all prefixed.
    expect(sample(after, 'relance_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(after).toMatch(/^relance_db_pool_connections\{pool="agency",state="total"\} \d+$/m);
    expect(after).toMatch(/^relance_db_pool_connections\{pool="queue",state="waiting"\} \d+$/m);
    for (const line of after.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^relance_/);
  });

  it('shows the queue depth and the oldest job age, then job durations, failures, retries and dunning runs', async () => {
    await addJob('dunning__run', {});
    await addJob('health__always_fails', {}, 2);
    const queued = await scrape();
    expect(sample(queued, 'relance_job_queue_depth', { task: 'dunning__run' })).toBe(1);
    expect(sample(queued, 'relance_job_queue_depth', { task: 'health__always_fails' })).toBe(1);
    expect(queued).toMatch(/^relance_job_queue_oldest_age_seconds \d/m);

    const failing: TaskList = {
      health__always_fails: async () => {
        throw new Error('on purpose');
      },
    };
    await workOnce({ dunning__run: runDunningTask({ secrets: t.secrets, clock: t.clock }), ...failing });
    const ran = await scrape();
    expect(sample(ran, 'relance_job_duration_seconds_count', { task: 'dunning__run', outcome: 'success' })).toBe(1);
    expect(sample(ran, 'relance_dunning_runs_total', { trigger: 'cron', outcome: 'completed' })).toBe(1);
    expect(sample(ran, 'relance_job_failures_total', { task: 'health__always_fails', permanent: 'false' })).toBe(1);
    expect(sample(ran, 'relance_job_queue_depth', { task: 'dunning__run' })).toBe(0);

    // The failed job's second (last) attempt, brought forward: a retry, and a permanent failure.
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query(`update graphile_worker._private_jobs set run_at = now() where task_id = (select id from graphile_worker._private_tasks where identifier = 'health__always_fails')`);
    await client.end();
    await workOnce(failing);
    const retried = await scrape();
    expect(sample(retried, 'relance_job_retries_total', { task: 'health__always_fails' })).toBe(1);
    expect(sample(retried, 'relance_job_failures_total', { task: 'health__always_fails', permanent: 'true' })).toBe(1);
  });

  it("serves the worker's metrics on its own port, with the same token rule", async () => {
    const server = await startMetricsServer({ port: 0, host: '127.0.0.1', token: METRICS_TOKEN, query: (sql) => t.orm.em.fork().execute(sql) });
    try {
      expect((await fetch(server.url)).status).toBe(401);
      const response = await fetch(server.url, { headers: bearer(METRICS_TOKEN) });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('relance_job_queue_oldest_age_seconds');
    } finally {
      await server.close();
    }
  });
});

describe('liveness and readiness', () => {
  it('is live without asking the database, and ready when every migration of the code is applied', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'ok', pendingMigrations: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('is not ready while a migration of this release is missing, and ready on a newer schema', async () => {
    const owner = new pg.Client({ connectionString: open.ownerDatabaseUrl });
    await owner.connect();
    try {
      await owner.query(`update mikro_orm_migrations set name = 'Migration20991231000000_from_a_newer_release' where name = 'Migration20261214120000_readiness'`);
      const missing = await open.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(missing.statusCode).toBe(503);
      expect(missing.json()).toEqual({ status: 'unavailable', database: 'ok', pendingMigrations: ['Migration20261214120000_readiness'] });
      // The previous release keeps running during a roll-out: a migration it does not know is fine.
      await owner.query(`insert into mikro_orm_migrations (name) values ('Migration20261214120000_readiness')`);
      expect((await open.app.inject({ method: 'GET', url: '/api/v1/health/ready' })).statusCode).toBe(200);
    } finally {
      await owner.end();
    }
  });
});

describe('logs', () => {
  it('carry a request id, and neither the password nor the access token of a login', async () => {
    const user = await makeUser(t, 'manager');
    logLines.length = 0;
    const token = await login(t, user);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer(token) });
    expect(list.statusCode).toBe(200);
    const requests = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.req || entry.res);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const entry of requests) expect(entry.reqId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The id a user can quote: the answer's header, found on the request's log lines.
    expect(requests.filter((entry) => entry.reqId === list.headers['x-request-id'])).toHaveLength(2);
    const all = logLines.join('\n');
    expect(all).toContain('/api/v1/auth/login');
    expect(all).not.toContain(user.password);
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[2]);
    expect(all).not.toContain(user.email);
  });
});
