import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction } from '../../../plugins/sql.ts';
import { dispatchBatch } from '../run.ts';

const payload = z.object({ runId: z.uuid(), batch: z.number().int().min(0) });

/** dunning__dispatch: queues the messages and sets the call tasks of one batch of a run (idempotent). */
export function dispatchDunningTask(job: JobContext): Task {
  return async (raw, helpers) => {
    const { runId, batch } = payload.parse(raw);
    const outcome = await inJobTransaction(helpers, (exec) => dispatchBatch(exec, job.clock, runId, batch));
    helpers.logger.info(`dunning batch ${runId}/${batch}: ${outcome.messages} message(s), ${outcome.tasks} call task(s), ${outcome.held} held back`);
  };
}
