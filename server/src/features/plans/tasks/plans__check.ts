import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { checkPlans } from '../service.ts';

// No caseId: the daily crontab run checks every active plan; with one: right after a payment.
const payload = z.object({ caseId: z.uuid().optional() });

/** plans__check: matches payments with installments, completes or breaks plans (set-based, idempotent). */
export function checkPlansTask(job: JobContext): Task {
  return async (raw, helpers) => {
    const { caseId } = payload.parse(raw ?? {});
    const outcome = await inJobTransaction(helpers, (exec) => checkPlans(exec, job.clock, caseId));
    helpers.logger.info(`plans checked: ${outcome.completed} completed, ${outcome.broken} broken`);
  };
}
