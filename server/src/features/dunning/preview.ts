import type { DunningPreview, DunningPreviewComputation } from '@relance/contracts/dunning';
import { addDays } from '@relance/domain/dates';
import { type Clock, todayInParis } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { PREVIEW_APPLICATION_NAME, passProgress, RUN_PHASES, type RunOutcome, type RunProgress, runDunning } from './run.ts';

// Tomorrow's preview as a background computation (dunning__preview): the very decision pass at
// tomorrow's run time, in a transaction rolled back, run by the worker (the pass takes ~25 s at
// 1,000,000 open cases, too long for a request). Each computation and its result is a
// dunning_preview row; the screen shows the latest completed one with the time it was computed.

export const PREVIEW_TASK = 'dunning__preview';
/**
 * Attempts of a preview's job. The simulation gives up on a lock after 2 s (it never blocks a real
 * run's writes); graphile-worker's backoff between attempts (~3 s, 7 s, 20 s, 55 s) outlasts a run.
 */
export const PREVIEW_JOB_MAX_ATTEMPTS = 5;
const PREVIEW_LOCK_TIMEOUT_MS = 2_000;
/** Completed and failed computations older than this are deleted when a new one completes. */
export const PREVIEW_RETENTION_DAYS = 3;
const CHANNELS = ['letter', 'email', 'sms', 'registered_letter', 'call_task'] as const;

/** The graphile-worker job key of a preview: one job per computation, whatever retries the request. */
export const previewJobKey = (previewId: string) => `${PREVIEW_TASK}:${previewId}`;

/** The instant of tomorrow's daily run: 07:05 UTC (worker crontab), i.e. 08:05 or 09:05 in Paris. */
export function nextDailyRunAt(now: Date): Date {
  const today = todayInParis({ now: () => now });
  return new Date(`${addDays(today, 1)}T07:05:00Z`);
}

export type PreviewRow = {
  id: string;
  status: DunningPreviewComputation['status'];
  as_of: string;
  at: Date;
  requested_by: string | null;
  requested_at: Date;
  started_at: Date | null;
  computed_at: Date | null;
  phase: DunningPreviewComputation['progress']['phase'] | null;
  phases_done: number;
  phases_total: number;
  cases_total: number | null;
  steps_due: number | null;
  result: DunningPreview | null;
  error: string | null;
};

export const previewSelect = `select id, status, as_of::text as as_of, at, requested_by, requested_at, started_at, computed_at, phase, phases_done,
  phases_total, cases_total, steps_due, result, error from dunning_preview`;

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function previewDto(row: PreviewRow): DunningPreviewComputation {
  return {
    id: row.id,
    status: row.status,
    asOf: row.as_of,
    at: new Date(row.at).toISOString(),
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    startedAt: iso(row.started_at),
    computedAt: iso(row.computed_at),
    // The selection examines every open case at once: all of them once it is done.
    progress: passProgress({ ...row, cases_examined: row.phases_done >= 1 ? (row.cases_total ?? 0) : 0 }),
    error: row.error,
    preview: row.status === 'completed' ? row.result : null,
  };
}

/**
 * Records a queued preview for tomorrow and enqueues its dunning__preview job in the caller's
 * transaction, or returns the one already queued or running (requests are serialised by an advisory
 * lock; the partial unique index dunning_preview_one_active is the wall behind it). A computation
 * whose job is gone or failed for good without the task recording it no longer counts: it is
 * marked failed.
 *
 * `afterRun`: called by a run in the transaction that commits its decisions. A computation under way
 * may have started before them (its snapshot does not see them): it is marked stale, so it queues a
 * fresh one when it ends; a queued one starts after this commit (its start waits on the row lock
 * taken here, and clears the mark), so it sees them.
 */
export async function requestPreview(exec: SqlExec, clock: Clock, requestedBy: string | null, options: { afterRun?: boolean } = {}): Promise<string> {
  await exec(`select pg_advisory_xact_lock(hashtext('dunning__preview:request'))`);
  await exec(
    `update dunning_preview p set status = 'failed', error = 'job lost', stale = false
      where p.status in ('queued', 'running')
        and not exists (select 1 from graphile_worker.jobs j where j.key = ? || ':' || p.id
                          and (j.attempts < j.max_attempts or j.locked_at is not null))`,
    [PREVIEW_TASK],
  );
  const [active] = options.afterRun
    ? await exec<{ id: string }>(`update dunning_preview set stale = true where status in ('queued', 'running') returning id`)
    : await exec<{ id: string }>(`select id from dunning_preview where status in ('queued', 'running') limit 1`);
  if (active) return active.id;
  const now = clock.now();
  const at = nextDailyRunAt(now);
  const [row] = await exec<{ id: string }>(
    `insert into dunning_preview (status, as_of, at, requested_by, requested_at, phases_total) values ('queued', ?, ?, ?, ?, ?) returning id`,
    [todayInParis({ now: () => at }), at, requestedBy, now, RUN_PHASES.length],
  );
  const id = (row as { id: string }).id;
  await exec(`select graphile_worker.add_job(?, json_build_object('previewId', ?::text), job_key => ?, max_attempts => ?)`, [
    PREVIEW_TASK,
    id,
    previewJobKey(id),
    PREVIEW_JOB_MAX_ATTEMPTS,
  ]);
  return id;
}

/**
 * Starts a computation (autocommit, on the worker's connection): running, at tomorrow's run time as
 * of now, progress cleared, the stale mark cleared (this attempt sees everything committed so far).
 * Returns the instant to simulate, or null when there is nothing to do (completed, failed, gone).
 */
export async function startPreview(exec: SqlExec, clock: Clock, previewId: string): Promise<Date | null> {
  const now = clock.now();
  // A run deciding right now: the simulation would insert the same (case, step) rows, and whichever
  // inserts second waits for the other's transaction to end. The preview waits (its job is retried,
  // and the run's commit marks it stale) rather than have a run wait behind it. A run left 'running'
  // by a crash is not waited for past a few minutes.
  const [busy] = await exec<{ id: string }>(
    `select id from dunning_run where status = 'running' and started_at > ?::timestamptz - interval '5 minutes' limit 1`,
    [now],
  );
  if (busy) throw new RunUnderwayError();
  const at = nextDailyRunAt(now);
  const [row] = await exec<{ id: string }>(
    `update dunning_preview set status = 'running', stale = false, started_at = ?, at = ?, as_of = ?, phase = 'selecting', phases_done = 0,
            phases_total = ?, cases_total = null, steps_due = null
      where id = ? and status in ('queued', 'running') returning id`,
    [now, at, todayInParis({ now: () => at }), RUN_PHASES.length, previewId],
  );
  return row ? at : null;
}

/** Writes a phase's progress on the preview's row (its own connection, autocommit: visible at once). */
export async function recordPreviewProgress(exec: SqlExec, previewId: string, progress: RunProgress): Promise<void> {
  await exec(
    `update dunning_preview set phase = ?, phases_done = ?, cases_total = coalesce(?::int, cases_total), steps_due = coalesce(?::int, steps_due)
      where id = ? and status = 'running'`,
    [progress.phase, RUN_PHASES.indexOf(progress.phase), progress.casesTotal ?? null, progress.stepsDue ?? null, previewId],
  );
}

/** The attempt gives way to a run that is deciding: its job is retried after graphile-worker's backoff. */
export class RunUnderwayError extends Error {
  constructor() {
    super('a dunning run is deciding: the preview is computed after it');
  }
}

class PreviewRollback extends Error {
  readonly outcome: RunOutcome;
  constructor(outcome: RunOutcome) {
    super('preview rollback');
    this.outcome = outcome;
  }
}

/**
 * The simulation, in the caller's transaction, which it always rolls back: runDunning at `at`, so the
 * preview obeys the same rules (catch-up, pauses, window, cap) as the run itself; nothing is written,
 * nothing queued. No statement timeout (it runs in the worker, not in a request), but a short wait on
 * locks: its inserts would otherwise queue behind a real run's uncommitted rows for the same case and
 * step; past 2 s the attempt fails and graphile-worker retries it later. It takes no advisory lock, and
 * a run that reaches its writes while it computes cancels it (run.ts): it never delays a real run.
 */
export async function simulatePreview(
  begin: <T>(fn: (exec: SqlExec) => Promise<T>) => Promise<T>,
  at: Date,
  onProgress?: (progress: RunProgress) => Promise<void>,
): Promise<DunningPreview> {
  let outcome: RunOutcome;
  try {
    await begin(async (exec) => {
      await exec(`set local statement_timeout = 0`);
      await exec(`set local application_name = '${PREVIEW_APPLICATION_NAME}'`);
      await exec(`set local lock_timeout = '${PREVIEW_LOCK_TIMEOUT_MS}ms'`);
      const result = await runDunning(exec, { now: () => at }, { trigger: 'cron', examples: 3, lock: false, ...(onProgress ? { onProgress } : {}) });
      throw new PreviewRollback(result);
    });
    throw new Error('the preview transaction was not rolled back');
  } catch (error) {
    if (!(error instanceof PreviewRollback)) throw error;
    outcome = error.outcome;
  }
  return {
    at: at.toISOString(),
    asOf: outcome.asOf,
    channels: CHANNELS.map((channel) => ({
      channel,
      count: outcome.byChannel[channel] ?? 0,
      deferred: outcome.deferredByChannel[channel] ?? 0,
      examples: outcome.examples
        .filter((e) => e.channel === channel)
        .map((e) => ({
          caseId: e.case_id,
          reference: e.reference,
          debtorName: e.debtor_name,
          creditorName: e.creditor_name,
          day: e.day,
          template: e.template,
          taskLabel: e.task_label,
        })),
    })),
    paused: outcome.paused,
    pausedByReason: outcome.pausedByReason,
  };
}

/**
 * Stores a completed computation, in one transaction: its result, the old computations deleted, and a
 * fresh one queued when a run committed its decisions meanwhile (stale). Nothing when the row moved
 * on (marked failed as lost, or gone).
 */
export async function completePreview(exec: SqlExec, clock: Clock, previewId: string, preview: DunningPreview): Promise<boolean> {
  const now = clock.now();
  const [row] = await exec<{ stale: boolean }>(
    `update dunning_preview set status = 'completed', computed_at = ?, result = ?::jsonb, error = null, phase = 'done', phases_done = phases_total
      where id = ? and status = 'running' returning stale`,
    [now, JSON.stringify(preview), previewId],
  );
  if (!row) return false;
  await exec(
    `delete from dunning_preview where status in ('completed', 'failed') and id <> ? and requested_at < ?::timestamptz - make_interval(days => ?)`,
    [previewId, now, PREVIEW_RETENTION_DAYS],
  );
  if (row.stale) await requestPreview(exec, clock, null);
  return true;
}
