import type { DunningRun } from '@relance/contracts/dunning';
import { nextAllowedInstant } from '@relance/domain/calendar';
import { DEFAULT_CONTACT_CAP } from '@relance/domain/contact-rules';
import { contactWindowIntervals, windowClosedReason } from '@relance/domain/dunning';
import { type Clock, todayInParis } from '../../plugins/context.ts';
import { type SqlExec, type SqlFragment, sql } from '../../plugins/sql.ts';
import { addEntriesFrom, clockAt } from '../cases/timeline.ts';
import { type MessageRequest, type MessageTemplate, queueCaseMessages } from '../messages/service.ts';
import {
  advanceCasesStatement,
  DEFERRAL_ENTRIES_SQL,
  decisionStatement,
  pauseReasonSql,
  retriedCasesStatement,
  selectionStatement,
  writeExecutionsStatement,
} from './sql.ts';

// The daily run (issue 6): one decision pass, set-based, in the caller's transaction, then batched
// dispatch jobs. Exactly once per (case, step): UNIQUE (case_id, step_id) on dunning_step_execution;
// a pending row becomes done only in the dispatch job's transaction that queues its message.

export const RUN_TASK = 'dunning__run';
export const DISPATCH_TASK = 'dunning__dispatch';
/** Executions per dispatch job: ~1,000 cases' messages per job keeps the jobs table small on a 1M-case day. */
export const DISPATCH_BATCH_SIZE = 1000;
export const DISPATCH_MAX_ATTEMPTS = 10;

export type RunTrigger = 'cron' | 'manual';

/** The application_name of a preview's simulation transaction (preview.ts), so a run can find it. */
export const PREVIEW_APPLICATION_NAME = 'relance:dunning__preview';

/**
 * The pass's phases, in order, as the run screen shows them. The decision is one set-based
 * transaction (exactly once, the per-debtor cap across cases and creditors rely on it), so progress
 * inside it is reported per phase, not per case: each phase is one or a few statements over every
 * open case at once.
 */
export const RUN_PHASES = ['selecting', 'deciding', 'writing', 'counting'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

/** The progress columns a run or a preview keeps on its row. */
export type ProgressColumns = {
  phase: DunningRun['progress']['phase'] | null;
  phases_done: number;
  phases_total: number;
  cases_total: number | null;
  cases_examined: number;
  steps_due: number | null;
};

/** The progress columns as the API shows them. */
export function passProgress(row: ProgressColumns): DunningRun['progress'] {
  return {
    phase: row.phase ?? 'queued',
    phasesDone: row.phases_done,
    phasesTotal: row.phases_total || RUN_PHASES.length,
    casesTotal: row.cases_total,
    casesExamined: row.cases_examined,
    stepsDue: row.steps_due,
  };
}

/** What the worker writes on the run's row while the pass's transaction is still open. */
export type RunProgress = {
  phase: RunPhase;
  startedAt?: Date;
  asOf?: string;
  casesTotal?: number;
  casesExamined?: number;
  stepsDue?: number;
  decided?: number;
};

export type RunOutcome = {
  runId: string;
  asOf: string;
  startedAt: Date;
  finishedAt: Date;
  decided: number;
  byChannel: Record<string, number>;
  deferred: number;
  deferredByReason: Record<string, number>;
  deferredByChannel: Record<string, number>;
  paused: number;
  pausedByReason: Record<string, number>;
  skipped: number;
  jobs: number;
  examples: ExampleRow[];
  /** Milliseconds per phase (selection, decision, writes, counts): the benchmark's breakdown. */
  timings: Record<string, number>;
};

export type ExampleRow = {
  channel: string;
  status: string;
  case_id: string;
  reference: string;
  debtor_name: string;
  creditor_name: string;
  day: number;
  template: MessageTemplate | null;
  task_label: string | null;
};

async function run<T>(exec: SqlExec, q: SqlFragment): Promise<T[]> {
  return await exec<T>(q.sql, q.params);
}

/**
 * The decision's inputs at `at` (packages/domain: why the contact window is closed, its next
 * opening, its openings over the next 30 days) with the agency's cap.
 */
export function decisionInput(at: Date, cap: number): Parameters<typeof decisionStatement>[0] {
  const closedReason = windowClosedReason(at);
  const intervals = contactWindowIntervals(at, 30);
  return {
    now: at,
    windowOpen: closedReason === null,
    nextOpening: nextAllowedInstant(at),
    closedReason,
    cap,
    openings: `{${intervals.map((i) => `"${i.opens.toISOString()}"`).join(',')}}`,
    closings: `{${intervals.map((i) => `"${i.closes.toISOString()}"`).join(',')}}`,
    batchSize: DISPATCH_BATCH_SIZE,
  };
}

/** The agency's cap per debtor over 7 days (agency.contact_cap_per_7_days, default 3). */
async function contactCap(exec: SqlExec): Promise<number> {
  const [row] = await exec<{ cap: number }>('select contact_cap_per_7_days as cap from agency order by created_at limit 1');
  return row?.cap ?? DEFAULT_CONTACT_CAP;
}

export type RunOptions = {
  trigger: RunTrigger;
  startedBy?: string | null;
  examples?: number;
  /** The run's row, written before the job (POST /dunning/runs, the crontab task); absent = insert one here. */
  runId?: string;
  /**
   * Called at each phase; must write on ANOTHER connection (autocommit), since this transaction's
   * writes are invisible until it commits. It may update the run's row: this transaction only
   * key-share locks it (foreign keys of the executions) until the final update.
   */
  onProgress?: (progress: RunProgress) => Promise<void>;
  /** false for the preview: it writes nothing that lasts, so it neither waits for nor blocks a real run. */
  lock?: boolean;
};

/** A run under way: its row, its instant and day, and the open cases' count when someone watches. */
type Pass = { exec: SqlExec; runId: string; startedAt: Date; today: string; casesTotal: number | undefined; lap: (name: string) => void };

/**
 * One decision pass at the clock's now. Serialised by an advisory lock (a second run waits, then finds
 * everything decided); the unique constraint is the guarantee either way. Must run in a transaction:
 * the temp tables live until commit.
 */
export async function runDunning(exec: SqlExec, clock: Clock, options: RunOptions): Promise<RunOutcome> {
  const { runId, startedAt, today, casesTotal } = await startRun(exec, clock, options);
  const report = options.onProgress ?? (async () => {});
  await report({ phase: 'selecting', startedAt, asOf: today, ...(casesTotal === undefined ? {} : { casesTotal }) });
  const { timings, lap } = stopwatch();
  const pass: Pass = { exec, runId, startedAt, today, casesTotal, lap };

  // 1. Selection: every due step and every deferred step whose time has come.
  await selectCandidates(pass);
  if (options.onProgress) {
    const [due] = await exec<{ n: number }>('select count(*)::int as n from dunning_candidate');
    await report({ phase: 'deciding', ...(casesTotal === undefined ? {} : { casesExamined: casesTotal }), stepsDue: due?.n ?? 0 });
  }

  // 2. Decisions: contact window and per-debtor cap.
  await run(exec, sql`create temp table dunning_decision on commit drop as ${decisionStatement(decisionInput(startedAt, await contactCap(exec)))}`);
  lap('decision');
  await report({ phase: 'writing' });

  // 3. Writes: executions (exactly once), case progress, timeline, batched jobs.
  if (options.lock !== false) await cancelPreviews(exec);
  const jobs = await writeDecisions(pass);
  lap('timeline_and_jobs');
  if (options.onProgress) {
    const [written] = await exec<{ n: number }>(`select count(*)::int as n from dunning_written where status = 'pending'`);
    await report({ phase: 'counting', decided: written?.n ?? 0 });
  }
  // 4. Counts.
  const { examples, ...counts } = await countDecisions(exec, options.examples ?? 0);
  lap('counts');
  const outcome: RunOutcome = { runId, asOf: today, startedAt, finishedAt: clock.now(), ...counts, jobs, examples, timings };
  await completeRun(pass, outcome);
  return outcome;
}

/** Takes the run's lock, and writes its row unless the caller did. */
async function startRun(exec: SqlExec, clock: Clock, options: RunOptions) {
  if (options.lock !== false) await exec(`select pg_advisory_xact_lock(hashtext('dunning__run'))`);
  const startedAt = clock.now();
  const today = todayInParis(clock);
  let runId = options.runId;
  if (runId === undefined) {
    const [runRow] = await exec<{ id: string }>(
      `insert into dunning_run (trigger, started_by, as_of, requested_at, started_at, status) values (?, ?, ?, ?, ?, 'running') returning id`,
      [options.trigger, options.startedBy ?? null, today, startedAt, startedAt],
    );
    runId = (runRow as { id: string }).id;
  }
  // The total is only worth its count(*) when someone watches the run.
  let casesTotal: number | undefined;
  if (options.onProgress) {
    const [open] = await exec<{ n: number }>(`select count(*)::int as n from collection_case where status <> 'closed'`);
    casesTotal = open?.n ?? 0;
  }
  return { runId, startedAt, today, casesTotal };
}

/** Milliseconds per phase: `lap(name)` records the time since the previous lap. */
function stopwatch() {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const at = performance.now();
    timings[name] = Math.round(at - mark);
    mark = at;
  };
  return { timings, lap };
}

async function selectCandidates({ exec, today, startedAt, lap }: Pass) {
  await exec('drop table if exists dunning_candidate, dunning_decision, dunning_written');
  await run(exec, sql`create temp table dunning_candidate on commit drop as ${selectionStatement(today, startedAt)}`);
  await exec('analyze dunning_candidate');
  lap('selection');
}

/**
 * A preview being computed (dunning__preview: its transaction carries this application_name) may
 * hold uncommitted rows for the same (case, step), and the run's writes would wait for its end (up to
 * its whole pass). Its statement is cancelled instead: its job is retried once this run is over
 * (it does not start while a run is deciding) and then sees these decisions.
 */
async function cancelPreviews(exec: SqlExec) {
  // PostgreSQL lets a role cancel the backends of its own login only: the worker acts as
  // relance_agency over the relance_app login (db/row-level-security.ts), so the cancel is sent as the
  // login itself for that one statement, then the transaction acts as before.
  const [acting] = await exec<{ role: string }>('select current_user::text as role');
  await exec(`select set_config('role', 'none', true)`);
  await exec('select pg_cancel_backend(pid) from pg_stat_activity where application_name = ? and datname = current_database() and pid <> pg_backend_pid()', [PREVIEW_APPLICATION_NAME]);
  await exec(`select set_config('role', ?, true)`, [(acting as { role: string }).role]);
}

/** Executions (exactly once), case progress, timeline and the dispatch jobs; answers the number of jobs added. */
async function writeDecisions({ exec, runId, startedAt, today, lap }: Pass): Promise<number> {
  await exec(`create temp table dunning_written (id uuid, case_id uuid, day int, channel text, template text, status text, batch int,
                deferred_until timestamptz, deferred_reason text, inserted boolean, old_reason text) on commit drop`);
  await run(exec, writeExecutionsStatement(startedAt, runId));
  lap('write_executions');
  await run(exec, advanceCasesStatement(today, startedAt));
  await run(exec, retriedCasesStatement(today, startedAt));
  lap('advance_cases');
  await addEntriesFrom(exec, clockAt(startedAt), DEFERRAL_ENTRIES_SQL);
  const [jobs] = await exec<{ n: number }>(
    `select count(graphile_worker.add_job(?, json_build_object('runId', ?::text, 'batch', b.batch),
              job_key => ? || ':' || ? || ':' || b.batch, max_attempts => ?))::int as n
       from (select distinct batch from dunning_written where status = 'pending') b`,
    [DISPATCH_TASK, runId, DISPATCH_TASK, runId, DISPATCH_MAX_ATTEMPTS],
  );
  // Safety net: pending rows of earlier runs whose dispatch job is gone (failed for good, or removed)
  // get their job again; dispatching is idempotent (row lock + status guard), so this never doubles a send.
  await exec(
    `select graphile_worker.add_job(?, json_build_object('runId', b.run_id::text, 'batch', b.batch),
              job_key => ? || ':' || b.run_id || ':' || b.batch, job_key_mode => 'preserve_run_at', max_attempts => ?)
       from (select distinct run_id, batch from dunning_step_execution
              where status = 'pending' and run_id <> ? and decided_at < ?::timestamptz - interval '15 minutes') b`,
    [DISPATCH_TASK, DISPATCH_TASK, DISPATCH_MAX_ATTEMPTS, runId, startedAt],
  );
  return jobs?.n ?? 0;
}

/** The run's figures by status, channel and reason, and up to `examples` rows per channel. */
async function countDecisions(exec: SqlExec, exampleCount: number) {
  const counts = await exec<{ kind: string; key: string; n: number }>(
    `select 'status' as kind, status as key, count(*)::int as n from dunning_written group by status
     union all select 'channel', channel, count(*)::int from dunning_written where status = 'pending' group by channel
     union all select 'deferred', deferred_reason, count(*)::int from dunning_written where status = 'deferred' group by deferred_reason
     union all select 'deferred_channel', channel, count(*)::int from dunning_written where status = 'deferred' group by channel
     union all select 'paused', pause_reason, count(distinct case_id)::int from dunning_candidate where pause_reason is not null group by pause_reason`,
  );
  const pick = (kind: string) => Object.fromEntries(counts.filter((c) => c.kind === kind).map((c) => [c.key, c.n]));
  const statuses = pick('status');
  const byChannel = pick('channel');
  const deferredByReason = pick('deferred');
  const pausedByReason = pick('paused');
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  const examples =
    exampleCount > 0
      ? await exec<ExampleRow>(
          `select e.channel, e.status, e.case_id, c.reference, d.display_name as debtor_name, cr.brand_display_name as creditor_name,
                  e.day, e.template, st.task_label
             from (select w.*, row_number() over (partition by w.channel order by w.case_id) as n from dunning_written w
                    where w.status in ('pending', 'deferred')) e
             join collection_case c on c.id = e.case_id join debtor d on d.id = c.debtor_id join creditor cr on cr.id = c.creditor_id
             join dunning_step_execution x on x.id = e.id join dunning_step st on st.id = x.step_id
            where e.n <= ? order by e.channel, e.n`,
          [exampleCount],
        )
      : [];
  return {
    decided: statuses.pending ?? 0,
    byChannel,
    deferred: statuses.deferred ?? 0,
    deferredByReason,
    deferredByChannel: pick('deferred_channel'),
    paused: sum(pausedByReason),
    pausedByReason,
    skipped: statuses.skipped ?? 0,
    examples,
  };
}

/** Completed in the transaction that writes the decisions: a run is never shown completed without them. */
async function completeRun({ exec, runId, startedAt, today, casesTotal }: Pass, outcome: RunOutcome) {
  const { finishedAt, byChannel, deferredByReason, pausedByReason } = outcome;
  await exec(
    `update dunning_run set status = 'completed', as_of = ?, started_at = coalesce(started_at, ?), finished_at = ?, phase = 'done',
            phases_done = ?, phases_total = ?, cases_total = coalesce(?, cases_total),
            cases_examined = coalesce(?, cases_total, cases_examined), steps_due = coalesce(steps_due, (select count(*)::int from dunning_candidate)),
            error = null, decided = ?, by_channel = ?::jsonb, deferred = ?, deferred_by_reason = ?::jsonb,
            paused = ?, paused_by_reason = ?::jsonb, skipped = ?, jobs = ? where id = ?`,
    [
      today,
      startedAt,
      finishedAt,
      RUN_PHASES.length,
      RUN_PHASES.length,
      casesTotal ?? null,
      casesTotal ?? null,
      outcome.decided,
      JSON.stringify(byChannel),
      outcome.deferred,
      JSON.stringify(deferredByReason),
      outcome.paused,
      JSON.stringify(pausedByReason),
      outcome.skipped,
      outcome.jobs,
      runId,
    ],
  );
}

/**
 * Writes a phase's progress on the run's row. Runs on its own connection, in autocommit, so the
 * screen sees it while the pass's transaction is open. A new attempt (phase `selecting`) clears
 * what a failed attempt reported.
 */
export async function recordRunProgress(exec: SqlExec, runId: string, progress: RunProgress): Promise<void> {
  const restart = progress.phase === 'selecting';
  await exec(
    `update dunning_run set status = 'running', phase = ?, phases_done = ?, phases_total = ?,
            started_at = coalesce(?::timestamptz, started_at), as_of = coalesce(?::date, as_of),
            cases_total = coalesce(?::int, cases_total), cases_examined = case when ? then 0 else coalesce(?::int, cases_examined) end,
            steps_due = case when ? then null else coalesce(?::int, steps_due) end,
            decided = case when ? then 0 else coalesce(?::int, decided) end
      where id = ? and status in ('queued', 'running')`,
    [
      progress.phase,
      RUN_PHASES.indexOf(progress.phase),
      RUN_PHASES.length,
      progress.startedAt ?? null,
      progress.asOf ?? null,
      progress.casesTotal ?? null,
      restart,
      progress.casesExamined ?? null,
      restart,
      progress.stepsDue ?? null,
      restart,
      progress.decided ?? null,
      runId,
    ],
  );
}

/** A run recorded before its pass (the crontab's): queued, like a manual one, until the pass starts. */
export async function recordQueuedRun(exec: SqlExec, clock: Clock, trigger: RunTrigger, startedBy: string | null): Promise<string> {
  const [row] = await exec<{ id: string }>(
    `insert into dunning_run (trigger, started_by, as_of, requested_at, status, phases_total) values (?, ?, ?, ?, 'queued', ?) returning id`,
    [trigger, startedBy, todayInParis(clock), clock.now(), RUN_PHASES.length],
  );
  return (row as { id: string }).id;
}

/** The selection alone, as one statement (the benchmark's baseline): due steps that may go, not paused. */
export function baselineSelection(today: string, now: Date): SqlFragment {
  return sql`select count(*)::int as n from (${selectionStatement(today, now)}) s where s.pause_reason is null`;
}

type DispatchRow = {
  id: string;
  case_id: string;
  channel: 'email' | 'sms' | 'letter' | 'registered_letter' | 'call_task';
  template: MessageTemplate | null;
  day: number;
  task_label: string | null;
  pause_reason: string | null;
  pause_on_plan: boolean;
  pause_on_promise: boolean;
  pause_on_legal: boolean;
};

/**
 * Executions whose case was paused since the decision are held back (deferred, reason 'paused': the
 * next run looks again), and the case says why, once per case and batch.
 */
async function holdPaused(exec: SqlExec, now: Date, held: DispatchRow[]): Promise<void> {
  await exec(
    `update dunning_step_execution set status = 'deferred', deferred_until = ?, deferred_reason = 'paused', batch = null
      where id = any(?::uuid[])`,
    [now, `{${held.map((row) => row.id).join(',')}}`],
  );
  // The case says why (once per case and batch). A hold for vulnerability is a 'vulnerability'
  // entry: the timeline shows those to agency staff only (cases/activities.ts listActivities).
  await addEntriesFrom(
    exec,
    clockAt(now),
    `select distinct h.case_id, case h.reason when 'vulnerability' then 'vulnerability' else 'note' end as kind, 'Relances suspendues avant envoi (' || case h.reason when 'dispute' then 'contestation' when 'vulnerability' then 'vulnérabilité'
               when 'plan' then 'échéancier' when 'promise' then 'promesse en cours' when 'legal' then 'phase judiciaire'
               when 'paid' then 'dette soldée' when 'closed' then 'dossier clos' when 'prescribed' then 'créances prescrites'
               when 'mandate' then 'mandat du créancier hors vigueur' when 'insolvency' then 'procédure collective' else h.reason end || ') : reprise automatique à la fin de la pause.' as text
       from unnest(?::uuid[], ?::text[]) as h(case_id, reason)`,
    [`{${held.map((row) => row.case_id).join(',')}}`, `{${held.map((row) => row.pause_reason).join(',')}}`],
  );
}

/**
 * dunning__dispatch for one batch of one run, in one transaction: locks its pending executions, holds
 * back those whose case was paused since the decision (deferred, reason 'paused': the next run looks
 * again), queues the messages through the messages feature, sets the call tasks (callback due now, so
 * the queue offers the case first; timeline 'callback'), and marks them done. A retry after a crash
 * finds them done (or rolled back and still pending): never twice.
 */
export async function dispatchBatch(exec: SqlExec, clock: Clock, runId: string, batch: number): Promise<{ messages: number; tasks: number; held: number }> {
  const now = clock.now();
  const rows = await run<DispatchRow>(
    exec,
    sql`with locked as (
       select x.id, x.case_id, x.channel, x.template, x.day, x.step_id, x.strategy_id from dunning_step_execution x
        where x.run_id = ${runId} and x.batch = ${batch} and x.status = 'pending' order by x.id for update
     ), facts as (
       select l.*, c.creditor_id, c.status, c.vulnerable_since,
              coalesce((select sum(amount_cents) from claim where case_id = l.case_id), 0)
                - coalesce((select sum(amount_cents) from payment where case_id = l.case_id), 0) as balance,
              s.pause_on_plan, s.pause_on_promise, s.pause_on_legal
         from locked l join collection_case c on c.id = l.case_id join dunning_strategy s on s.id = l.strategy_id
     )
     select f.id, f.case_id, f.channel, f.template, f.day, st.task_label, f.pause_on_plan, f.pause_on_promise, f.pause_on_legal,
            ${pauseReasonSql('f', todayInParis(clock), now)} as pause_reason
       from facts f join dunning_step st on st.id = f.step_id`,
  );
  if (rows.length === 0) return { messages: 0, tasks: 0, held: 0 };
  const held = rows.filter((row) => row.pause_reason !== null);
  const messages = rows.filter((row) => row.pause_reason === null && row.channel !== 'call_task');
  const tasks = rows.filter((row) => row.pause_reason === null && row.channel === 'call_task');
  if (held.length > 0) await holdPaused(exec, now, held);
  if (messages.length > 0) {
    const requests: MessageRequest[] = messages.map((row) => ({
      caseId: row.case_id,
      channel: row.channel as MessageRequest['channel'],
      template: row.template as MessageTemplate,
      locale: 'fr',
      createdBy: null,
      // The send job asks the legal gate again, as the daily run, with this strategy's switches.
      origin: 'automatic',
      pauseRules: { pauseOnPlan: row.pause_on_plan, pauseOnPromise: row.pause_on_promise, pauseOnLegal: row.pause_on_legal },
    }));
    const ids = await queueCaseMessages(exec, clock, requests);
    await exec(
      `update dunning_step_execution x set status = 'done', done_at = ?, message_id = m.message_id
         from unnest(?::uuid[], ?::uuid[]) as m(id, message_id) where x.id = m.id`,
      [now, `{${messages.map((row) => row.id).join(',')}}`, `{${ids.join(',')}}`],
    );
  }
  if (tasks.length > 0) {
    const caseIds = `{${tasks.map((row) => row.case_id).join(',')}}`;
    await exec(
      `update collection_case set callback_due_at = ?::timestamptz
        where id = any(?::uuid[]) and (callback_due_at is null or callback_due_at > ?::timestamptz)`,
      [now, caseIds, now],
    );
    await addEntriesFrom(
      exec,
      clockAt(now),
      `select t.case_id, 'callback' as kind, 'Tâche de relance J+' || t.day || ' : ' || t.label || '.' as text
         from unnest(?::uuid[], ?::int[], ?::text[]) as t(case_id, day, label)`,
      [
        caseIds,
        `{${tasks.map((row) => row.day).join(',')}}`,
        `{${tasks.map((row) => `"${(row.task_label ?? '').replace(/["\\]/g, (m) => `\\${m}`)}"`).join(',')}}`,
      ],
    );
    await exec(`update dunning_step_execution set status = 'done', done_at = ? where id = any(?::uuid[])`, [
      now,
      `{${tasks.map((row) => row.id).join(',')}}`,
    ]);
  }
  return { messages: messages.length, tasks: tasks.length, held: held.length };
}
