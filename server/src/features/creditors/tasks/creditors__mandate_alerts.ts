import type { Task } from 'graphile-worker';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { alertMandateEnds } from '../mandate.ts';

/** creditors__mandate_alerts (daily crontab): managers told of mandates ending within 30 days or ended, once per mandate end. */
export function mandateAlertsTask(job: JobContext): Task {
  return async (_raw, helpers) => {
    const written = await inJobTransaction(helpers, (exec) => alertMandateEnds(exec, job.clock));
    helpers.logger.info(`mandate alerts: ${written} notification(s)`);
  };
}
