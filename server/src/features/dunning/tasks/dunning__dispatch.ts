import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../../plugins/context.ts';
import { inPgTransaction } from '../../../plugins/sql.ts';
import { dispatchBatch } from '../run.ts';

const payload = z.object({ runId: z.uuid(), batch: z.number().int().min(0) });

/** dunning__dispatch: queues the messages and sets the call tasks of one batch of a run (idempotent). */
export function dispatchDunningTask(deps: { clock: Clock }): Task {
  return async (raw, helpers) => {
    const { runId, batch } = payload.parse(raw);
    const outcome = await helpers.withPgClient((client) =>
      inPgTransaction(client as unknown as pg.ClientBase, (exec) => dispatchBatch(exec, deps.clock, runId, batch)),
    );
    helpers.logger.info(`dunning batch ${runId}/${batch}: ${outcome.messages} message(s), ${outcome.tasks} call task(s), ${outcome.held} held back`);
  };
}
