import type { Task } from 'graphile-worker';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { queueMonthlyReports } from '../monthly-print.ts';

/** reports__monthly_all (crontab, the 1st of each month): the previous month's report of every active creditor, to be e-mailed. */
export function monthlyReportsCronTask(job: JobContext): Task {
  return async (_raw, helpers) => {
    const queued = await inJobTransaction(helpers, (exec) => queueMonthlyReports(exec, job.clock));
    helpers.logger.info(`reports__monthly_all: ${queued} report(s) queued`);
  };
}
