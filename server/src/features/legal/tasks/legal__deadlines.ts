import type { Task } from 'graphile-worker';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { checkLegalDeadlines } from '../deadlines.ts';

/** legal__deadlines (daily crontab): orders not served in six months lapse (CPC 1411); managers alerted 30 and 7 days before each deadline. */
export function legalDeadlinesTask(job: JobContext): Task {
  return async (_raw, helpers) => {
    const result = await inJobTransaction(helpers, (exec) => checkLegalDeadlines(exec, job.clock));
    helpers.logger.info(`legal deadlines: ${result.lapsed} lapsed, ${result.alerts} alert(s)`);
  };
}
