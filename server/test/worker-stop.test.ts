import { makeWorkerUtils, run } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { withStaffScope } from '../src/db/row-level-security.ts';
import { poolTracker, stopRunner, workerPreset } from '../src/worker/runner.ts';
import { createTestDatabase } from './harness.ts';

/**
 * Rolling deploys (issue 21 §3): a worker told to stop lets its running jobs finish within the
 * grace period, and releases those still running after it (another worker takes them) instead of
 * leaving them locked for graphile-worker's 4 hours. A real graphile-worker runner on a database
 * of its own, logged in as the app's role like `main.ts worker`.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let owner: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

type JobRow = { task_identifier: string; locked_at: Date | null; attempts: number; last_error: string | null };
async function jobs(): Promise<JobRow[]> {
  const { rows } = await owner.query<JobRow>('select task_identifier, locked_at, attempts, last_error from graphile_worker.jobs order by id');
  return rows;
}

/** A runner with one task (`slow` waits `ms`), once it has taken the job queued before it started. */
async function runnerWithStartedJob(ms: number) {
  const url = withStaffScope(database.appUrl);
  const utils = await makeWorkerUtils({ connectionString: url, logger: silentWorkerLogger });
  await utils.addJob('slow', { ms }, { maxAttempts: 5 });
  await utils.release();
  let started: () => void = () => {};
  const jobStarted = new Promise<void>((resolveStarted) => {
    started = resolveStarted;
  });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  const tracked = poolTracker();
  const runner = await run({
    pgPool: pool,
    events: tracked.events,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 100,
    logger: silentWorkerLogger,
    preset: workerPreset,
    taskList: {
      slow: async (payload) => {
        started();
        await new Promise((resolveWait) => setTimeout(resolveWait, (payload as { ms: number }).ms));
      },
    },
  });
  await jobStarted;
  return { runner, pools: tracked.pools, close: () => pool.end() };
}

describe('stopping a worker', () => {
  it('lets a running job finish within the grace period', async () => {
    const { runner, pools, close } = await runnerWithStartedJob(300);
    expect(await stopRunner(runner, pools, 5_000)).toBe('finished');
    await close();
    // Recorded as done before the pool closed: not left locked to run again.
    expect(await jobs()).toEqual([]);
  });

  it('releases a job still running after the grace period, for another worker to run again', async () => {
    const { runner, pools, close } = await runnerWithStartedJob(60_000);
    expect((await jobs())[0]?.locked_at).not.toBeNull();
    expect(await stopRunner(runner, pools, 500)).toBe('released');
    await close();
    const [job] = await jobs();
    expect(job).toMatchObject({ task_identifier: 'slow', locked_at: null, attempts: 1 });
    expect(job?.last_error).toBeTruthy();
  });
});
