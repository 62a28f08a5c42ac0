import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { dunningRuns } from '../../../plugins/metrics.ts';
import { inJobTransaction, type SqlExec, withJobExec } from '../../../plugins/sql.ts';
import { requestPreview } from '../preview.ts';
import { recordQueuedRun, recordRunProgress, runDunning } from '../run.ts';

// The crontab's job has no runId (extra keys such as graphile-worker's _cron are ignored);
// POST /dunning/runs enqueues one with the run it recorded.
const payload = z.object({ runId: z.uuid().optional() }).loose();

/**
 * dunning__run: one decision pass, for a run recorded beforehand (POST /dunning/runs) or, from the
 * crontab (server/src/worker/runner.ts), for a run it records first. The pass is one transaction: a
 * crash before commit leaves nothing, a retry decides again and the unique (case, step) keeps it
 * exactly once; a job retried after its commit finds its run completed and does nothing. Progress
 * goes on the run's row from a second connection while the pass's transaction is open. The pass's
 * transaction also queues a fresh computation of tomorrow's preview (dunning__preview).
 */
export function runDunningTask(job: JobContext): Task {
  return async (raw, helpers) => {
    const { runId: requested } = payload.parse(raw ?? {});
    const withExec = <T>(fn: (exec: SqlExec) => Promise<T>) => withJobExec(helpers, fn);
    let runId: string;
    let trigger: 'cron' | 'manual' = 'cron';
    if (requested === undefined) {
      runId = await withExec((exec) => recordQueuedRun(exec, job.clock, 'cron', null));
    } else {
      runId = requested;
      const [run] = await withExec((exec) => exec<{ status: string; trigger: 'cron' | 'manual' }>('select status, trigger from dunning_run where id = ?', [runId]));
      if (!run || run.status === 'completed' || run.status === 'failed') {
        helpers.logger.info(`dunning run ${runId}: already ${run?.status ?? 'gone'}, nothing to do`);
        return;
      }
      trigger = run.trigger;
    }
    try {
      const outcome = await inJobTransaction(helpers, async (exec) => {
          const done = await runDunning(exec, job.clock, { trigger, runId, onProgress: (progress) => withExec((other) => recordRunProgress(other, runId, progress)) });
          // Tomorrow's preview changes with today's decisions: a fresh one is queued with them.
          await requestPreview(exec, job.clock, null, { afterRun: true });
          return done;
      });
      dunningRuns.inc({ trigger, outcome: 'completed' });
      helpers.logger.info(
        `dunning run ${outcome.runId}: ${outcome.decided} to send, ${outcome.deferred} deferred, ${outcome.paused} paused, ${outcome.skipped} skipped, ${outcome.jobs} job(s)`,
      );
    } catch (error) {
      // A manual run's job is retried with the same run (back to queued, the error kept until it
      // starts again); its last attempt marks it failed and ends, so no dead job stays in the queue.
      // A crontab job's retry records a run of its own: this one is failed for good.
      const final = requested === undefined || helpers.job.attempts >= helpers.job.max_attempts;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? 'unknown error';
      // What the attempt reported as found or decided was rolled back with it: not shown as done. A
      // failed run keeps the phase it stopped in; a queued retry starts from the beginning.
      await withExec((exec) =>
        exec(
          `update dunning_run set status = ?, error = ?, finished_at = case when ? then now() end, steps_due = null, decided = 0, cases_examined = 0,
                  phase = case when ? then phase else 'queued' end, phases_done = case when ? then phases_done else 0 end
            where id = ? and status <> 'completed'`,
          [final ? 'failed' : 'queued', reason, final, final, final, runId],
        ),
      );
      dunningRuns.inc({ trigger, outcome: final ? 'failed' : 'retried' });
      helpers.logger.error(`dunning run ${runId} failed (attempt ${helpers.job.attempts}/${helpers.job.max_attempts}): ${reason}`);
      if (requested !== undefined && final) return;
      throw error;
    }
  };
}
