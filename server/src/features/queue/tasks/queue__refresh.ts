import type { Task } from 'graphile-worker';
import { type JobContext, todayInParis } from '../../../plugins/context.ts';
import { withJobExec } from '../../../plugins/sql.ts';
import { refreshQueue } from '../service.ts';

/**
 * queue__refresh: recomputes every open case's stored queue rank, département and portfolio
 * (set-based). Runs nightly from the crontab so ages move on and new or imported cases get
 * their place; idempotent, so a retry or a second run the same night changes nothing more.
 */
export function refreshQueueTask(job: JobContext): Task {
  return async (_payload, helpers) => {
    const changed = await withJobExec(helpers, (exec) => refreshQueue(exec, { today: todayInParis(job.clock) }));
    helpers.logger.info(`queue refreshed: ${changed} case(s)`);
  };
}
