import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../../plugins/context.ts';
import { inPgTransaction } from '../../../plugins/sql.ts';
import { runDunning } from '../run.ts';

// Extra keys (graphile-worker's _cron) are ignored.
const payload = z.object({}).loose();

/**
 * dunning__run: the daily decision pass (crontab, server/src/worker/runner.ts). One transaction: a crash
 * before commit leaves nothing, a retry decides again and the unique (case, step) keeps it exactly once.
 */
export function runDunningTask(deps: { clock: Clock }): Task {
  return async (raw, helpers) => {
    payload.parse(raw ?? {});
    const outcome = await helpers.withPgClient((client) =>
      inPgTransaction(client as unknown as pg.ClientBase, (exec) => runDunning(exec, deps.clock, { trigger: 'cron' })),
    );
    helpers.logger.info(
      `dunning run ${outcome.runId}: ${outcome.decided} to send, ${outcome.deferred} deferred, ${outcome.paused} paused, ${outcome.skipped} skipped, ${outcome.jobs} job(s)`,
    );
  };
}
