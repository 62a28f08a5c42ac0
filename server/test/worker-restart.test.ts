import { makeWorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { releaseJobsOfPreviousRun } from '../src/worker/runner.ts';
import { createTestDatabase } from './harness.ts';

describe('npm start after a run stopped mid-job', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('releases the jobs its previous run left locked, so they run now and not after the 4-hour lock timeout', async () => {
    const utils = await makeWorkerUtils({ connectionString: database.url, logger: silentWorkerLogger });
    await utils.addJob('messages__send', { messageIds: [] }, { jobKey: 'restart-test-1' });
    await utils.addJob('messages__send', { messageIds: [] }, { jobKey: 'restart-test-2' });
    await utils.release();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // What a worker stopped mid-job leaves behind: its jobs locked under its id (graphile-worker's
      // own table; the public view is read-only).
      await client.query(`update graphile_worker._private_jobs set locked_by = 'worker-of-the-previous-run', locked_at = now()`);
      const locked = await client.query<{ n: number }>('select count(*)::int as n from graphile_worker.jobs where locked_by is not null');
      expect(locked.rows[0]?.n).toBe(2);

      expect(await releaseJobsOfPreviousRun(database.url)).toBe(2);
      const after = await client.query<{ n: number; total: number }>(
        'select count(*) filter (where locked_by is not null)::int as n, count(*)::int as total from graphile_worker.jobs',
      );
      expect(after.rows[0]).toEqual({ n: 0, total: 2 });
      // Nothing left to release: a second start changes nothing.
      expect(await releaseJobsOfPreviousRun(database.url)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
