import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { type JobContext, todayInParis } from '../../../plugins/context.ts';
import { importDuration, importRows } from '../../../plugins/metrics.ts';
import { pgExec, withJobClient } from '../../../plugins/sql.ts';
import type { WithClient } from '../commit.ts';
import { executeImport } from '../service.ts';

const payload = z.object({ importId: z.uuid() });

export type ImportRunHooks = { batchSize?: number; afterBatch?: (batch: number) => void | Promise<void> };

/**
 * imports__run: commits one import (set-based, one transaction; see commit.ts). Does nothing
 * unless the import is `running`; a failure marks it failed (nothing written) and returns, so
 * the jobs table keeps no dead jobs; a crashed worker's job is retried by graphile-worker and
 * runs the import again from the start.
 */
export function runImportTask(job: JobContext, options: { hooks?: ImportRunHooks } = {}): Task {
  return async (raw, helpers) => {
    const { importId } = payload.parse(raw);
    const withClient: WithClient = (fn) => withJobClient(helpers, fn);
    const stopTimer = importDuration.startTimer();
    const outcome = await executeImport(withClient, importId, { today: todayInParis(job.clock), now: job.clock.now, ...options.hooks });
    if (outcome !== 'skipped') stopTimer({ outcome });
    if (outcome === 'completed') {
      // Rows per second is the rate of relance_import_rows_total (plugins/metrics.ts).
      const [batch] = await withClient((client) => pgExec(client)<{ rows: number }>('select coalesce(rows_total, row_count)::int as rows from import_batch where id = ?', [importId]));
      importRows.inc(batch?.rows ?? 0);
    }
    helpers.logger.info(`import ${importId}: ${outcome}`);
  };
}
