import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { inJobTransaction, inPgTransaction, type SqlExec, withJobClient, withJobExec } from '../../../plugins/sql.ts';
import { completePreview, recordPreviewProgress, simulatePreview, startPreview } from '../preview.ts';

const payload = z.object({ previewId: z.uuid() });

/**
 * dunning__preview: computes tomorrow's preview for a dunning_preview row (POST /dunning/previews, or
 * a run that completed). The simulation is a transaction rolled back (it writes nothing that lasts);
 * progress goes on the row from a second connection while it runs; the result is stored in a
 * transaction of its own. A job retried after the result was stored finds it completed and does
 * nothing. A failed attempt goes back to queued with its reason; the last one marks it failed.
 */
export function previewDunningTask(job: JobContext): Task {
  return async (raw, helpers) => {
    const { previewId } = payload.parse(raw);
    const withExec = <T>(fn: (exec: SqlExec) => Promise<T>) => withJobExec(helpers, fn);
    try {
      const at = await withExec((exec) => startPreview(exec, job.clock, previewId));
      if (at === null) {
        helpers.logger.info(`dunning preview ${previewId}: already completed, failed or gone, nothing to do`);
        return;
      }
      const preview = await withJobClient(helpers, (client) =>
        simulatePreview(
          (fn) => inPgTransaction(client, fn),
          at,
          (progress) => withExec((other) => recordPreviewProgress(other, previewId, progress)),
        ),
      );
      await inJobTransaction(helpers, (exec) => completePreview(exec, job.clock, previewId, preview));
      const total = preview.channels.reduce((sum, channel) => sum + channel.count, 0);
      helpers.logger.info(`dunning preview ${previewId} for ${preview.asOf}: ${total} to send, ${preview.paused} paused`);
    } catch (error) {
      const final = helpers.job.attempts >= helpers.job.max_attempts;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? 'unknown error';
      await withExec((exec) =>
        exec(
          `update dunning_preview set status = ?, error = ?, steps_due = null, cases_total = null,
                  phase = case when ? then phase else 'queued' end, phases_done = case when ? then phases_done else 0 end
            where id = ? and status in ('queued', 'running')`,
          [final ? 'failed' : 'queued', reason, final, final, previewId],
        ),
      );
      helpers.logger.error(`dunning preview ${previewId} failed (attempt ${helpers.job.attempts}/${helpers.job.max_attempts}): ${reason}`);
      if (final) return;
      throw error;
    }
  };
}
