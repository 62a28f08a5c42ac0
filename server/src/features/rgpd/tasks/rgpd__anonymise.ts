import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { inPgTransaction, withJobClient } from '../../../plugins/sql.ts';
import { runRetention } from '../anonymise.ts';

// Queued by the crontab once a day; no payload (graphile-worker's _cron key is ignored).
const payload = z.object({}).loose();

/**
 * rgpd__anonymise: anonymises the debtors of cases closed longer than their creditor's retention
 * period, then deletes receipts past their 10 years and claims files past the retention period.
 * Set-based, in batches of 200 cases, each batch its own transaction; idempotent (what is done is
 * not found again), so a rerun or a retry after a crash does the rest and nothing twice.
 */
export function anonymiseTask(job: JobContext): Task {
  return async (raw, helpers) => {
    payload.parse(raw ?? {});
    const outcome = await withJobClient(helpers, (client) => runRetention((fn) => inPgTransaction(client, fn), job.clock));
    helpers.logger.info(
      `rgpd retention: ${outcome.cases} debtor(s) anonymised in ${outcome.batches} batch(es), ${outcome.receipts} receipt(s) and ${outcome.importFiles} claims file(s) deleted`,
    );
  };
}
