import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../../plugins/context.ts';
import { inPgTransaction } from '../../../plugins/sql.ts';
import { checkPlans } from '../service.ts';

// No caseId: the daily crontab run checks every active plan; with one: right after a payment.
const payload = z.object({ caseId: z.uuid().optional() });

/** plans__check: matches payments with installments, completes or breaks plans (set-based, idempotent). */
export function checkPlansTask(deps: { clock: Clock }): Task {
  return async (raw, helpers) => {
    const { caseId } = payload.parse(raw ?? {});
    const outcome = await helpers.withPgClient((client) =>
      inPgTransaction(client as unknown as pg.ClientBase, (exec) => checkPlans(exec, deps.clock, caseId)),
    );
    helpers.logger.info(`plans checked: ${outcome.completed} completed, ${outcome.broken} broken`);
  };
}
