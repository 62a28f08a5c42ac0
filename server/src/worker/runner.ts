import { EventEmitter } from 'node:events';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLetterRenderPool } from '@relance/templates/render-pool';
import { makeWorkerUtils, type Runner, run, type TaskList, type WorkerEvents, type WorkerPool } from 'graphile-worker';
import pg from 'pg';
import type { Config } from '../config.ts';
import { silentWorkerLogger } from '../db/migrate.ts';
import type { Secrets } from '../db/secrets.ts';
import { closeReportPrinter } from '../features/reports/printer.ts';
import { features, type TaskDeps } from '../features.ts';
import type { Clock } from '../plugins/context.ts';
import { instrumentWorkerEvents, unwatchPool, watchPool } from '../plugins/metrics.ts';

/** Every background task: each feature's tasks (server/src/features.ts), built from the same deps, named `feature__action`. */
export function taskList(deps: TaskDeps): TaskList {
  const tasks: TaskList = {};
  for (const feature of features) {
    for (const [name, task] of Object.entries(feature.tasks?.(deps) ?? {})) {
      // The prefix keeps job names unique across features (one could not replace another's job).
      if (!name.startsWith(`${feature.name}__`)) throw new Error(`task ${name} of feature ${feature.name} must be named ${feature.name}__<action>`);
      tasks[name] = task;
    }
  }
  return tasks;
}

/**
 * Recurring jobs (graphile-worker crontab). 03:00 is after midnight in Paris whether the crontab
 * is read in UTC or in Paris time, so each daily check sees the new business day.
 */
export const crontab = [
  '0 3 * * * promises__check',
  '5 3 * * * plans__check',
  // Prescription dates first (payments and acknowledgments of the day, imports' credit notes), so the
  // queue's ranks and the morning's dunning run read fresh dates.
  '15 3 * * * cases__refresh_prescriptions',
  '30 3 * * * queue__refresh',
  // R124-3: managers are told of mandates ending within 30 days or ended (once per mandate end).
  '40 3 * * * creditors__mandate_alerts',
  '50 3 * * * legal__deadlines',
  // R124-6: draft remittance runs on the mandates' days (weekly: Monday, monthly: the 1st) or before the
  // one-month limit, after the night's checks; managers and accountants told of overdue funds.
  '10 4 * * * money__remittance_runs',
  // The daily dunning run: graphile-worker reads the crontab in UTC, and 07:05 UTC is 08:05 in Paris in
  // winter and 09:05 in summer: a morning inside the 08:00-20:00 contact window all year, after the
  // night's promise and plan checks (so fresh pauses apply). On a Sunday or a holiday the run defers
  // what falls due to the next opening, with the reason on the case; the next morning's run sends it.
  // Its transaction queues tomorrow's preview (dunning__preview), so the screen's "Demain" is current.
  '5 7 * * * dunning__run',
  // RGPD retention: debtors of cases closed longer than their creditor's retention period are
  // anonymised at night, out of working hours.
  '45 2 * * * rgpd__anonymise',
  // Issue 19: on the 1st, the previous month's report of every active creditor, printed and e-mailed
  // to its users who opted in (after the night's checks, so the month's figures are settled).
  '0 5 1 * * reports__monthly_all',
  // Issue 23: every Monday night, the registry is asked again about every company with an open case
  // (status, address, new collective proceedings), before the morning's dunning run reads the gate.
  '20 2 * * 1 registry__refresh',
].join('\n');

export type RunningWorker = { stop: () => Promise<void> };

/**
 * How long running jobs get to finish when the worker stops (SIGTERM of a rolling deploy). Below
 * main.ts's 10 s per stop step, with room for the release that follows (graphile-worker's
 * forceful shutdown gives itself at most 5.5 s).
 */
export const WORKER_STOP_GRACE_MS = 4_000;

/**
 * Completions and failures go through graphile-worker's batchers (flushed at once: delay 0) rather
 * than fire-and-forget queries: its graceful stop waits for the batchers, so a job that finishes
 * while the worker stops is recorded before the pool closes (else it stayed locked and ran again).
 */
export const workerPreset = { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } };

/** graphile-worker's events for run(), keeping its worker pools (stopRunner releases their jobs). */
export function poolTracker(): { events: WorkerEvents; pools: WorkerPool[] } {
  const events: WorkerEvents = new EventEmitter();
  const pools: WorkerPool[] = [];
  events.on('pool:create', ({ workerPool }) => pools.push(workerPool));
  return { events, pools };
}

/**
 * Stops taking jobs and waits for the running ones up to `graceMs`; those still running then are
 * released (failed with a retry: another worker runs them again) instead of staying locked until
 * graphile-worker's 4-hour lock timeout. The jobs are transactional: one cut short rolls back.
 */
export async function stopRunner(runner: Pick<Runner, 'stop'>, pools: WorkerPool[], graceMs = WORKER_STOP_GRACE_MS): Promise<'finished' | 'released'> {
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'released'>((resolveGrace) => {
    timer = setTimeout(() => resolveGrace('released'), graceMs);
  });
  const stopped = runner.stop().then(() => 'finished' as const);
  const outcome = await Promise.race([stopped, graceOver]);
  clearTimeout(timer);
  if (outcome === 'released') {
    await Promise.all(pools.map((pool) => pool.forcefulShutdown('the worker is stopping: job released for another worker')));
  }
  return outcome;
}

/**
 * Releases every job still locked by a worker, through graphile-worker's own forceUnlockWorkers.
 * Only for a database this program is the sole worker of (`start` on its embedded PostgreSQL),
 * before its worker starts: such a lock can only be left by its previous run, stopped mid-job.
 * Returns how many jobs were released.
 */
export async function releaseJobsOfPreviousRun(databaseUrl: string): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: silentWorkerLogger });
  try {
    const { rows } = await utils.withPgClient((client) =>
      client.query<{ worker: string; jobs: number }>(
        'select locked_by as worker, count(*)::int as jobs from graphile_worker.jobs where locked_by is not null group by locked_by',
      ),
    );
    if (rows.length === 0) return 0;
    await utils.forceUnlockWorkers(rows.map((row) => row.worker));
    return rows.reduce((total, row) => total + row.jobs, 0);
  } finally {
    await utils.release();
  }
}

export async function startWorker(options: {
  databaseUrl: string;
  concurrency: number;
  secrets: Secrets;
  clock: Clock;
  config?: Pick<Config, 'webhookAllowPrivateUrls' | 'registry'>;
  orm: MikroORM;
  quiet?: boolean;
  messagesSmtpUrl?: string | undefined;
  /** Threads of the letter render pool; undefined = one per core. */
  letterRenderThreads?: number | undefined;
}): Promise<RunningWorker> {
  // Our own pool, with an error listener that outlives the runner: on Ctrl-C the embedded
  // PostgreSQL gets the signal too and drops idle connections while the runner is stopping;
  // without a listener, that drop would crash the process instead of a clean stop.
  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: options.concurrency + 2 });
  pgPool.on('error', () => {});
  // The same for a client checked out of the pool (graphile-worker asks for both listeners).
  pgPool.on('connect', (client) => {
    client.on('error', () => {});
  });
  // Letters are rendered on threads of their own: rendering is CPU-bound, and on the jobs' thread it
  // would use one core and hold up every other job while it runs.
  const letterRenderPool = createLetterRenderPool({ threads: options.letterRenderThreads });
  const tracked = poolTracker();
  instrumentWorkerEvents(tracked.events);
  watchPool('worker', pgPool);
  const runner = await run({
    pgPool,
    events: tracked.events,
    concurrency: options.concurrency,
    noHandleSignals: true,
    preset: workerPreset,
    pollInterval: 1000,
    taskList: taskList({ ...options, renderLetter: letterRenderPool.render }),
    crontab,
    ...(options.quiet ? { logger: silentWorkerLogger } : {}),
  });
  return {
    stop: async () => {
      await stopRunner(runner, tracked.pools);
      await letterRenderPool.close();
      await closeReportPrinter();
      unwatchPool('worker', pgPool);
      await pgPool.end();
    },
  };
}
