import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { checkPromises } from '../service.ts';

// No caseId: the daily crontab run checks every pending promise at once; with one: right after a
// payment on that case. Extra keys (graphile-worker's _cron) are ignored.
const payload = z.object({ caseId: z.uuid().optional() });

/** promises__check: keeps or breaks due promises (set-based, one transaction, idempotent). */
export function checkPromisesTask(job: JobContext): Task {
  return async (raw, helpers) => {
    const { caseId } = payload.parse(raw ?? {});
    const outcome = await inJobTransaction(helpers, (exec) => checkPromises(exec, job.clock, caseId));
    helpers.logger.info(`promises checked: ${outcome.kept} kept, ${outcome.broken} broken`);
  };
}
