import type { Task } from 'graphile-worker';
import { type JobContext, todayInParis } from '../../../plugins/context.ts';
import { withJobExec } from '../../../plugins/sql.ts';
import { queueWeeklyLookups } from '../lookup.ts';

/** registry__refresh (weekly crontab): one registry__lookup job per batch of SIRENs of open cases. */
export function refreshTask(job: JobContext): Task {
  return async (_raw, helpers) => {
    const jobs = await withJobExec(helpers, async (exec) => await queueWeeklyLookups(exec, todayInParis(job.clock)));
    helpers.logger.info(`registry refresh: ${jobs} lookup job(s) queued`);
  };
}
