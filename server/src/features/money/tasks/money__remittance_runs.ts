import type { Task } from 'graphile-worker';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { runDailyRemittances } from '../held-funds.ts';

/** money__remittance_runs (daily crontab): draft runs per the mandates' frequency and the R124-6 deadline; managers and accountants told of overdue funds. */
export function remittanceRunsTask(job: JobContext): Task {
  return async (_raw, helpers) => {
    const result = await inJobTransaction(helpers, (exec) => runDailyRemittances(exec, job.clock));
    helpers.logger.info(`remittance runs: ${result.runs} drafted, ${result.skipped} skipped, ${result.notified} notification(s)`);
  };
}
