import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process (issue 21 §4), in the standard text exposition format, every
 * series prefixed `relance_`. One registry per process, like the process' own counters it reads
 * (CPU, heap, event loop): the API's /metrics and the worker's metrics server serve the same one,
 * so `npm start` (API and worker in one process) shows both. Labels carry route patterns, task
 * names, channels and outcomes, never an id or anything about a person (unbounded, and personal).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'relance_' });

const httpDuration = new Histogram({
  name: 'relance_http_request_duration_seconds',
  help: 'HTTP request duration, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const jobDuration = new Histogram({
  name: 'relance_job_duration_seconds',
  help: 'graphile-worker job duration, by task and outcome (success or error)',
  labelNames: ['task', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
  registers: [registry],
});
const jobFailures = new Counter({
  name: 'relance_job_failures_total',
  help: 'Job attempts that threw, by task (permanent = no attempt left)',
  labelNames: ['task', 'permanent'] as const,
  registers: [registry],
});
const jobRetries = new Counter({
  name: 'relance_job_retries_total',
  help: 'Job attempts after the first, by task',
  labelNames: ['task'] as const,
  registers: [registry],
});

const queueDepth = new Gauge({
  name: 'relance_job_queue_depth',
  help: 'Jobs waiting in graphile_worker (runnable now, not locked), by task, read at scrape time',
  labelNames: ['task'] as const,
  registers: [registry],
});
const queueOldestAge = new Gauge({
  name: 'relance_job_queue_oldest_age_seconds',
  help: 'Age of the oldest runnable job not yet taken (0 when none), read at scrape time',
  registers: [registry],
});
const queueLocked = new Gauge({
  name: 'relance_job_queue_locked',
  help: 'Jobs locked by a worker (running), read at scrape time',
  registers: [registry],
});

export const dunningRuns = new Counter({
  name: 'relance_dunning_runs_total',
  help: 'Dunning runs finished by this process, by trigger (cron, manual) and outcome (completed, failed, retried)',
  labelNames: ['trigger', 'outcome'] as const,
  registers: [registry],
});
export const importRows = new Counter({
  name: 'relance_import_rows_total',
  help: 'Rows read by committed imports (rows per second = rate of this series)',
  registers: [registry],
});
export const importDuration = new Histogram({
  name: 'relance_import_duration_seconds',
  help: 'Duration of an import commit job, by outcome',
  labelNames: ['outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [registry],
});
export const messagesOutcomes = new Counter({
  name: 'relance_messages_total',
  help: 'Messages to debtors handled by the sender, by channel and outcome (sent, blocked, deferred, failed, bounced, skipped)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [registry],
});

const dbPool = new Gauge({
  name: 'relance_db_pool_connections',
  help: 'Connections of each PostgreSQL pool of this process, by pool and state (total, idle, waiting clients)',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
});

/** The pools this process opened, read at each scrape (total, idle, waiting). */
const watchedPools = new Map<string, pg.Pool>();

/** Lists a pool in relance_db_pool_connections; a pool of the same name replaces it (a restarted app). */
export function watchPool(name: string, pool: pg.Pool): void {
  watchedPools.set(name, pool);
}
export function unwatchPool(name: string, pool: pg.Pool): void {
  if (watchedPools.get(name) === pool) watchedPools.delete(name);
}

function readPools() {
  dbPool.reset();
  for (const [name, pool] of watchedPools) {
    dbPool.set({ pool: name, state: 'total' }, pool.totalCount);
    dbPool.set({ pool: name, state: 'idle' }, pool.idleCount);
    dbPool.set({ pool: name, state: 'waiting' }, pool.waitingCount);
  }
}

type Query = <T extends object>(sql: string) => Promise<T[]>;

/**
 * The queue as PostgreSQL sees it, at scrape time: every worker of the cluster shares it, so any
 * process can tell. graphile_worker.jobs is kept small (one job per batch), so this is cheap.
 */
async function readQueue(query: Query) {
  const waiting = await query<{ task: string; jobs: number; oldest: number | null }>(
    `select task_identifier as task, count(*)::int as jobs, extract(epoch from now() - min(run_at))::float8 as oldest
       from graphile_worker.jobs
      where locked_at is null and run_at <= now() and attempts < max_attempts
      group by task_identifier`,
  );
  queueDepth.reset();
  let oldest = 0;
  for (const row of waiting) {
    queueDepth.set({ task: row.task }, row.jobs);
    oldest = Math.max(oldest, row.oldest ?? 0);
  }
  queueOldestAge.set(oldest);
  const [locked] = await query<{ jobs: number }>('select count(*)::int as jobs from graphile_worker.jobs where locked_at is not null');
  queueLocked.set(locked?.jobs ?? 0);
}

/** The exposition text, with the gauges read now (pools, and the queue when a query is given). */
export async function scrape(query?: Query): Promise<{ contentType: string; body: string }> {
  readPools();
  if (query) await readQueue(query);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Durations, failures and retries of graphile-worker's jobs, from its events. */
export function instrumentWorkerEvents(events: WorkerEvents): void {
  const started = new Map<string, bigint>();
  events.on('job:start', ({ job }) => {
    started.set(job.id, process.hrtime.bigint());
    if (job.attempts > 1) jobRetries.inc({ task: job.task_identifier });
  });
  events.on('job:error', ({ job }) => {
    jobFailures.inc({ task: job.task_identifier, permanent: job.attempts >= job.max_attempts ? 'true' : 'false' });
  });
  events.on('job:complete', ({ job, error }) => {
    const start = started.get(job.id);
    started.delete(job.id);
    if (start === undefined) return;
    jobDuration.observe({ task: job.task_identifier, outcome: error ? 'error' : 'success' }, Number(process.hrtime.bigint() - start) / 1e9);
  });
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Times every request by its route pattern (`/api/v1/cases/:id`, never the URL with its ids); a
 * request no route matched is `unmatched`, so scanners cannot blow up the label set.
 */
export const httpMetricsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
});

/**
 * The worker's own /metrics (the `worker` command serves no HTTP API): a bare node:http server,
 * with the same bearer token rule as the API's route. Everything else answers 404.
 */
export async function startMetricsServer(options: { port: number; host: string; token: string | undefined; query: Query }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' });
      response.end(JSON.stringify({ code: 'unauthenticated', message: 'Please sign in.', details: null }));
      return;
    }
    scrape(options.query).then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolveListen) => server.listen(options.port, options.host, resolveListen));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}/metrics`,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}
