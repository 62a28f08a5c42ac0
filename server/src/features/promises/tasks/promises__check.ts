import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../../plugins/context.ts';
import { inPgTransaction } from '../../../plugins/sql.ts';
import { checkPromises } from '../service.ts';

// No caseId: the daily crontab run checks every pending promise at once; with one: right after a
// payment on that case. Extra keys (graphile-worker's _cron) are ignored.
const payload = z.object({ caseId: z.uuid().optional() });

/** promises__check: keeps or breaks due promises (set-based, one transaction, idempotent). */
export function checkPromisesTask(deps: { clock: Clock }): Task {
  return async (raw, helpers) => {
    const { caseId } = payload.parse(raw ?? {});
    const outcome = await helpers.withPgClient((client) =>
      inPgTransaction(client as unknown as pg.ClientBase, (exec) => checkPromises(exec, deps.clock, caseId)),
    );
    helpers.logger.info(`promises checked: ${outcome.kept} kept, ${outcome.broken} broken`);
  };
}
