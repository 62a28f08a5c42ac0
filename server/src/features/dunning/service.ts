import type {
  CaseDunning,
  CreateStepBody,
  CreateStrategyBody,
  DunningPreviewComputation,
  DunningPreviewState,
  DunningRun,
  DunningStrategy,
  UpdateStepBody,
  UpdateStrategyBody,
} from '@relance/contracts/dunning';
import { InvalidDunningStepsError, type OffsetFrom, stepDays } from '@relance/domain/dunning';
import { creditorScope, findAccessible, seesVulnerability } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently } from '../../plugins/idempotency.ts';
import { emExec, type SqlExec, sql } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { CollectionCase } from '../cases/entities.ts';
import { nextDailyRunAt, type PreviewRow, previewDto, previewSelect, requestPreview } from './preview.ts';
import { type ProgressColumns, passProgress, RUN_TASK, recordQueuedRun } from './run.ts';
import { pauseFactsSql } from './sql.ts';

// Strategies (who gets which steps) and the screens around the daily run. Strategy edits are guarded
// rather than versioned copies: a step keeps its id when edited, and executions are unique per
// (case, step), so a case that already got a step never gets it again, whatever changes. Removing a
// step archives it. Each edit bumps the strategy's version, recorded on every execution.

type StrategyRow = {
  id: string;
  name: string;
  creditor_id: string | null;
  creditor_name: string | null;
  debtor_kind: 'company' | 'person' | null;
  min_balance_cents: string | null;
  max_balance_cents: string | null;
  pause_on_plan: boolean;
  pause_on_promise: boolean;
  pause_on_legal: boolean;
  active: boolean;
  version: number;
  updated_at: Date;
};
type StepRow = {
  id: string;
  strategy_id: string;
  position: number;
  offset_days: number;
  offset_from: OffsetFrom;
  day: number;
  channel: DunningStrategy['steps'][number]['channel'];
  template: DunningStrategy['steps'][number]['template'];
  task_label: string | null;
  min_balance_cents: string | null;
  debtor_kind: 'company' | 'person' | null;
};

const num = (value: string | null) => (value === null ? null : Number(value));

/** Strategies the caller may read: staff all; a creditor user its own and the agency's default ones. */
async function loadStrategies(ctx: ActorContext, filter: { id?: string; creditorId?: string }): Promise<DunningStrategy[]> {
  const scope = creditorScope(ctx.actor);
  const exec = emExec(ctx.em);
  const strategies = await exec<StrategyRow>(
    `select s.*, c.brand_display_name as creditor_name from dunning_strategy s left join creditor c on c.id = s.creditor_id
      where (?::uuid is null or s.creditor_id is null or s.creditor_id = ?::uuid)
        and (?::uuid is null or s.id = ?::uuid)
        and (?::uuid is null or s.creditor_id = ?::uuid or s.creditor_id is null)
      order by s.active desc, s.creditor_id nulls first, s.debtor_kind nulls first, s.min_balance_cents nulls first, s.created_at`,
    [scope, scope, filter.id ?? null, filter.id ?? null, filter.creditorId ?? null, filter.creditorId ?? null],
  );
  if (strategies.length === 0) return [];
  const ids = `{${strategies.map((s) => s.id).join(',')}}`;
  const steps = await exec<StepRow>(
    `select * from dunning_step where strategy_id = any(?::uuid[]) and archived_at is null order by strategy_id, position`,
    [ids],
  );
  // Cases at each step: open cases whose last started group is that J+N (a creditor counts its own only).
  const counts = await exec<{ strategy_id: string; cursor_day: number; n: number }>(
    `select dc.strategy_id, dc.cursor_day, count(*)::int as n from dunning_case dc join collection_case c on c.id = dc.case_id
      where dc.strategy_id = any(?::uuid[]) and c.status <> 'closed' and (?::uuid is null or dc.creditor_id = ?::uuid)
      group by 1, 2`,
    [ids, scope, scope],
  );
  // Not started yet: open cases with no step so far whose strategy (same choice as the daily run) is this one.
  const notStarted = await exec<{ strategy_id: string; n: number }>(
    `with claimed as (select case_id, sum(amount_cents) as total from claim group by case_id),
          paid as (select case_id, sum(amount_cents) as total from payment group by case_id)
     select r.id as strategy_id, count(*)::int as n
       from collection_case c
       join debtor d on d.id = c.debtor_id
       left join claimed cl on cl.case_id = c.id
       left join paid p on p.case_id = c.id
       cross join lateral (select coalesce(cl.total, 0) - coalesce(p.total, 0) as balance) b
       cross join lateral (
         select s.id from dunning_strategy s
          where s.active and (s.creditor_id is null or s.creditor_id = c.creditor_id) and (s.debtor_kind is null or s.debtor_kind = d.kind)
            and (s.min_balance_cents is null or b.balance >= s.min_balance_cents) and (s.max_balance_cents is null or b.balance <= s.max_balance_cents)
          order by (case when s.creditor_id is not null then 4 else 0 end) + (case when s.debtor_kind is not null then 2 else 0 end)
                   + (case when s.min_balance_cents is not null or s.max_balance_cents is not null then 1 else 0 end) desc, s.id
          limit 1) r
      where c.status <> 'closed' and (?::uuid is null or c.creditor_id = ?::uuid)
        and not exists (select 1 from dunning_case dc where dc.case_id = c.id) and r.id = any(?::uuid[])
      group by r.id`,
    [scope, scope, ids],
  );
  return strategies.map((s) => ({
    id: s.id,
    name: s.name,
    creditorId: s.creditor_id,
    creditorName: s.creditor_name,
    debtorKind: s.debtor_kind,
    minBalanceCents: num(s.min_balance_cents),
    maxBalanceCents: num(s.max_balance_cents),
    pauseOnPlan: s.pause_on_plan,
    pauseOnPromise: s.pause_on_promise,
    pauseOnLegal: s.pause_on_legal,
    active: s.active,
    version: s.version,
    updatedAt: new Date(s.updated_at).toISOString(),
    casesNotStarted: notStarted.find((n) => n.strategy_id === s.id)?.n ?? 0,
    steps: steps
      .filter((st) => st.strategy_id === s.id)
      .map((st) => ({
        id: st.id,
        position: st.position,
        offsetDays: st.offset_days,
        offsetFrom: st.offset_from,
        day: st.day,
        channel: st.channel,
        template: st.template,
        taskLabel: st.task_label,
        minBalanceCents: num(st.min_balance_cents),
        debtorKind: st.debtor_kind,
        casesAtStep: counts.find((c) => c.strategy_id === s.id && c.cursor_day === st.day)?.n ?? 0,
      })),
  }));
}

export async function listStrategies(ctx: ActorContext, query: { creditorId?: string | undefined }) {
  return { items: await loadStrategies(ctx, query.creditorId ? { creditorId: query.creditorId } : {}), nextCursor: null };
}

export async function getStrategy(ctx: ActorContext, id: string): Promise<DunningStrategy> {
  const [found] = await loadStrategies(ctx, { id });
  if (!found) throw new AppError('not_found', 404);
  return found;
}

function validationError(details: Record<string, unknown>): AppError {
  return new AppError('validation_failed', 400, details);
}

/** Recomputes every live step's J+N from its offset (packages/domain stepDays); refuses steps that go back in time. */
async function recomputeDays(exec: SqlExec, strategyId: string): Promise<void> {
  const steps = await exec<{ id: string; offset_days: number; offset_from: OffsetFrom }>(
    'select id, offset_days, offset_from from dunning_step where strategy_id = ? and archived_at is null order by position, created_at for update',
    [strategyId],
  );
  let days: number[];
  try {
    days = stepDays(steps.map((s) => ({ offsetDays: s.offset_days, offsetFrom: s.offset_from })));
  } catch (error) {
    if (error instanceof InvalidDunningStepsError) throw validationError({ reason: 'steps_out_of_order', position: error.position, message: error.message });
    throw error;
  }
  if (steps.length === 0) return;
  await exec(
    `update dunning_step s set day = v.day, position = v.position, updated_at = now()
       from unnest(?::uuid[], ?::int[], ?::int[]) as v(id, day, position) where s.id = v.id`,
    [`{${steps.map((s) => s.id).join(',')}}`, `{${days.join(',')}}`, `{${steps.map((_, i) => i).join(',')}}`],
  );
}

function checkBand(min: number | null | undefined, max: number | null | undefined) {
  if (min !== null && min !== undefined && max !== null && max !== undefined && min > max) throw new AppError('invalid_band', 400);
}

function requireStaffEditor(ctx: ActorContext) {
  if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'manager') throw new AppError('forbidden', 403);
}

async function bumpVersion(exec: SqlExec, strategyId: string) {
  await exec('update dunning_strategy set version = version + 1, updated_at = now() where id = ?', [strategyId]);
}

/** The unique index allows one active strategy per (creditor, segment). */
function isSegmentTaken(error: unknown): boolean {
  return error instanceof Error && /dunning_strategy_segment_key/.test(error.message);
}

function segmentTaken(): AppError {
  return new AppError('dunning_segment_taken', 409, { reason: 'segment_taken' });
}

export async function createStrategy(ctx: ActorContext, body: CreateStrategyBody): Promise<DunningStrategy> {
  requireStaffEditor(ctx);
  checkBand(body.minBalanceCents, body.maxBalanceCents);
  if (body.creditorId) {
    const [creditor] = await ctx.em.execute<{ id: string }[]>('select id from creditor where id = ?', [body.creditorId]);
    if (!creditor) throw new AppError('not_found', 404, { field: 'creditorId' });
  }
  let id: string;
  try {
    id = await ctx.em.transactional(async (em) => {
      const exec = emExec(em);
      const [row] = await exec<{ id: string }>(
        `insert into dunning_strategy (name, creditor_id, debtor_kind, min_balance_cents, max_balance_cents, pause_on_plan, pause_on_promise,
                                       pause_on_legal, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [
          body.name,
          body.creditorId,
          body.debtorKind,
          body.minBalanceCents,
          body.maxBalanceCents,
          body.pauseOnPlan,
          body.pauseOnPromise,
          body.pauseOnLegal,
          ctx.actor.userId,
          ctx.clock.now(),
          ctx.clock.now(),
        ],
      );
      const strategyId = (row as { id: string }).id;
      for (const [index, step] of body.steps.entries()) await insertStep(exec, strategyId, step, index);
      await recomputeDays(exec, strategyId);
      await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'dunning_strategy_created', entity: 'dunning_strategy', entityId: strategyId, details: { name: body.name } });
      return strategyId;
    });
  } catch (error) {
    if (isSegmentTaken(error)) throw segmentTaken();
    throw error;
  }
  return await getStrategy(ctx, id);
}

export async function updateStrategy(ctx: ActorContext, id: string, body: UpdateStrategyBody): Promise<DunningStrategy> {
  requireStaffEditor(ctx);
  const current = await getStrategy(ctx, id);
  checkBand(body.minBalanceCents === undefined ? current.minBalanceCents : body.minBalanceCents, body.maxBalanceCents === undefined ? current.maxBalanceCents : body.maxBalanceCents);
  const sets: string[] = [];
  const params: unknown[] = [];
  const columns: [keyof UpdateStrategyBody, string][] = [
    ['name', 'name'],
    ['debtorKind', 'debtor_kind'],
    ['minBalanceCents', 'min_balance_cents'],
    ['maxBalanceCents', 'max_balance_cents'],
    ['pauseOnPlan', 'pause_on_plan'],
    ['pauseOnPromise', 'pause_on_promise'],
    ['pauseOnLegal', 'pause_on_legal'],
    ['active', 'active'],
  ];
  for (const [key, column] of columns) {
    if (body[key] !== undefined) {
      sets.push(`${column} = ?`);
      params.push(body[key]);
    }
  }
  if (sets.length > 0) {
    try {
      await ctx.em.transactional(async (em) => {
        await em.execute(`update dunning_strategy set ${sets.join(', ')}, version = version + 1, updated_at = ? where id = ?`, [...params, ctx.clock.now(), id]);
        await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'dunning_strategy_updated', entity: 'dunning_strategy', entityId: id, details: body });
      });
    } catch (error) {
      if (isSegmentTaken(error)) throw segmentTaken();
      throw error;
    }
  }
  return await getStrategy(ctx, id);
}

async function insertStep(exec: SqlExec, strategyId: string, step: CreateStepBody, position: number): Promise<string> {
  const [row] = await exec<{ id: string }>(
    `insert into dunning_step (strategy_id, position, offset_days, offset_from, day, channel, template, task_label, min_balance_cents, debtor_kind)
     values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?) returning id`,
    [
      strategyId,
      position,
      step.offsetDays,
      step.offsetFrom,
      step.channel,
      step.channel === 'call_task' ? null : (step.template ?? null),
      step.channel === 'call_task' ? (step.taskLabel ?? null) : null,
      step.minBalanceCents ?? null,
      step.debtorKind ?? null,
    ],
  );
  return (row as { id: string }).id;
}

/** Adds a step; it applies to cases that have not reached its J+N yet (never to a case already past it). */
export async function addStep(ctx: ActorContext, strategyId: string, body: CreateStepBody): Promise<DunningStrategy> {
  requireStaffEditor(ctx);
  const strategy = await getStrategy(ctx, strategyId);
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const position = Math.min(body.position ?? strategy.steps.length, strategy.steps.length);
    // Make room: positions are recomputed 0..n-1 after the insert, in (position, created_at) order.
    await exec('update dunning_step set position = position + 1 where strategy_id = ? and archived_at is null and position >= ?', [strategyId, position]);
    await insertStep(exec, strategyId, body, position);
    await recomputeDays(exec, strategyId);
    await bumpVersion(exec, strategyId);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'dunning_step_added', entity: 'dunning_strategy', entityId: strategyId, details: body });
  });
  return await getStrategy(ctx, strategyId);
}

/**
 * Edits a step in place (offset, channel, template, conditions). The step keeps its id, so every case
 * that already has an execution for it (sent, deferred or skipped) is never sent it again.
 */
export async function updateStep(ctx: ActorContext, strategyId: string, stepId: string, body: UpdateStepBody): Promise<DunningStrategy> {
  requireStaffEditor(ctx);
  const strategy = await getStrategy(ctx, strategyId);
  const step = strategy.steps.find((s) => s.id === stepId);
  if (!step) throw new AppError('not_found', 404);
  const channel = body.channel ?? step.channel;
  const template = body.template !== undefined ? body.template : channel === 'call_task' ? null : step.template;
  const taskLabel = body.taskLabel !== undefined ? body.taskLabel : channel === 'call_task' ? step.taskLabel : null;
  if (channel === 'call_task' ? !taskLabel || template : !template || taskLabel) {
    throw validationError({ reason: 'step_shape', message: 'A call task needs a task label and no template; a message needs a template' });
  }
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    await exec(
      `update dunning_step set offset_days = ?, offset_from = ?, channel = ?, template = ?, task_label = ?, min_balance_cents = ?, debtor_kind = ?, updated_at = ?
        where id = ? and strategy_id = ?`,
      [
        body.offsetDays ?? step.offsetDays,
        body.offsetFrom ?? step.offsetFrom,
        channel,
        template,
        taskLabel,
        body.minBalanceCents !== undefined ? body.minBalanceCents : step.minBalanceCents,
        body.debtorKind !== undefined ? body.debtorKind : step.debtorKind,
        ctx.clock.now(),
        stepId,
        strategyId,
      ],
    );
    await recomputeDays(exec, strategyId);
    await bumpVersion(exec, strategyId);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'dunning_step_updated', entity: 'dunning_step', entityId: stepId, details: body });
  });
  return await getStrategy(ctx, strategyId);
}

/** Removes a step from the strategy (archived: its executions stay, pending ones still go). */
export async function removeStep(ctx: ActorContext, strategyId: string, stepId: string): Promise<DunningStrategy> {
  requireStaffEditor(ctx);
  const strategy = await getStrategy(ctx, strategyId);
  if (!strategy.steps.some((s) => s.id === stepId)) throw new AppError('not_found', 404);
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    await exec('update dunning_step set archived_at = ? where id = ?', [ctx.clock.now(), stepId]);
    await recomputeDays(exec, strategyId);
    await bumpVersion(exec, strategyId);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'dunning_step_removed', entity: 'dunning_step', entityId: stepId });
  });
  return await getStrategy(ctx, strategyId);
}

type RunRow = ProgressColumns & {
  id: string;
  trigger: 'cron' | 'manual';
  status: DunningRun['status'];
  started_by: string | null;
  started_by_name: string | null;
  as_of: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  decided: number;
  by_channel: Record<string, number>;
  deferred: number;
  deferred_by_reason: Record<string, number>;
  paused: number;
  paused_by_reason: Record<string, number>;
  skipped: number;
  jobs: number;
};

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function runDto(row: RunRow): DunningRun {
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    startedBy: row.started_by,
    startedByName: row.started_by_name,
    asOf: row.as_of,
    requestedAt: new Date(row.requested_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    progress: passProgress(row),
    error: row.error,
    decided: row.decided,
    byChannel: row.by_channel,
    deferred: row.deferred,
    deferredByReason: row.deferred_by_reason,
    paused: row.paused,
    pausedByReason: row.paused_by_reason,
    skipped: row.skipped,
    jobs: row.jobs,
  };
}

const runSelect = `select r.id, r.trigger, r.status, r.started_by, u.name as started_by_name, r.as_of::text as as_of, r.requested_at, r.started_at,
  r.finished_at, r.phase, r.phases_done, r.phases_total, r.cases_total, r.cases_examined, r.steps_due, r.error, r.decided,
  r.by_channel, r.deferred, r.deferred_by_reason, r.paused, r.paused_by_reason, r.skipped, r.jobs
  from dunning_run r left join app_user u on u.id = r.started_by`;

export async function listRuns(ctx: ActorContext, query: { limit: number }) {
  // requested_at: a queued run has no start yet and still belongs at the top.
  const rows = await ctx.em.execute<RunRow[]>(`${runSelect} order by r.requested_at desc, r.id desc limit ?`, [query.limit]);
  return { items: rows.map(runDto), nextCursor: null };
}

export async function getRun(ctx: ActorContext, id: string): Promise<DunningRun> {
  const [row] = await ctx.em.execute<RunRow[]>(`${runSelect} where r.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return runDto(row);
}

/** The graphile-worker job key of a manual run: one job per run, whatever retries the request. */
const runJobKey = (runId: string) => `${RUN_TASK}:${runId}`;
/** Attempts of a manual run's job; the last failed one marks the run failed (tasks/dunning__run.ts). */
const RUN_JOB_MAX_ATTEMPTS = 3;

/**
 * POST /dunning/runs: records a queued run and enqueues its dunning__run job in one transaction, and
 * answers at once (the pass takes ~25 s at 1,000,000 cases). While a manual run is queued or running,
 * another request gets that run back instead of a second one (requests are serialised by an advisory
 * lock; the partial unique index dunning_run_one_active_manual is the wall behind it). A run whose job
 * is gone or failed for good without the task recording it (removed by hand, a crash in its last
 * attempt, database restored) no longer counts as active: it is marked failed. With
 * an Idempotency-Key, a retried request replays the first answer.
 */
export async function startRun(ctx: ActorContext, idempotencyKey: string | undefined): Promise<{ body: DunningRun; replayed: boolean }> {
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, 'POST /api/v1/dunning/runs', {});
  const stored = await runIdempotently(ctx.em, guard, async (em) => {
    const exec = emExec(em);
    await exec(`select pg_advisory_xact_lock(hashtext('dunning__run:request'))`);
    await exec(
      `update dunning_run r set status = 'failed', error = 'job lost', finished_at = now()
        where r.trigger = 'manual' and r.status in ('queued', 'running')
          and not exists (select 1 from graphile_worker.jobs j where j.key = ? || ':' || r.id
                            and (j.attempts < j.max_attempts or j.locked_at is not null))`,
      [RUN_TASK],
    );
    const [active] = await exec<{ id: string }>(`select id from dunning_run where trigger = 'manual' and status in ('queued', 'running') limit 1`);
    let runId = active?.id;
    if (!runId) {
      runId = await recordQueuedRun(exec, ctx.clock, 'manual', ctx.actor.userId);
      await exec(`select graphile_worker.add_job(?, json_build_object('runId', ?::text), job_key => ?, max_attempts => ?)`, [
        RUN_TASK,
        runId,
        runJobKey(runId),
        RUN_JOB_MAX_ATTEMPTS,
      ]);
    }
    const [row] = await exec<RunRow>(`${runSelect} where r.id = ?`, [runId]);
    return { status: 202 as const, body: runDto(row as RunRow) };
  });
  return { body: stored.body, replayed: stored.replayed };
}

/**
 * POST /dunning/previews: records a queued computation of tomorrow's preview and enqueues its
 * dunning__preview job in one transaction, and answers at once; while one is queued or running,
 * another request gets that one back (preview.ts requestPreview). With an Idempotency-Key, a retried
 * request replays the first answer.
 */
export async function queuePreview(ctx: ActorContext, idempotencyKey: string | undefined): Promise<{ body: DunningPreviewComputation; replayed: boolean }> {
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, 'POST /api/v1/dunning/previews', {});
  const stored = await runIdempotently(ctx.em, guard, async (em) => {
    const exec = emExec(em);
    const id = await requestPreview(exec, ctx.clock, ctx.actor.userId);
    const [row] = await exec<PreviewRow>(`${previewSelect} where id = ?`, [id]);
    return { status: 202 as const, body: previewDto(row as PreviewRow) };
  });
  return { body: stored.body, replayed: stored.replayed };
}

export async function getPreview(ctx: ActorContext, id: string): Promise<DunningPreviewComputation> {
  const [row] = await emExec(ctx.em)<PreviewRow>(`${previewSelect} where id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return previewDto(row);
}

/**
 * GET /dunning/preview: what tomorrow's daily run would send, as last computed in the background
 * (the latest completed computation for tomorrow, with when it was computed), the computation under
 * way if any, and the last one when it failed after it. Nothing is computed in the request.
 */
export async function previewState(ctx: ActorContext): Promise<DunningPreviewState> {
  const exec = emExec(ctx.em);
  const at = nextDailyRunAt(ctx.clock.now());
  const asOf = todayInParis({ now: () => at });
  const [latest] = await exec<PreviewRow>(`${previewSelect} where status = 'completed' and as_of = ? order by computed_at desc, id desc limit 1`, [asOf]);
  const [pending] = await exec<PreviewRow>(`${previewSelect} where status in ('queued', 'running') order by requested_at desc limit 1`);
  // The last computation that ended, when it failed: the screen says why (ids are time-ordered: the tie-break).
  const [ended] = pending
    ? []
    : await exec<PreviewRow>(`${previewSelect} where status in ('completed', 'failed') and as_of = ? order by requested_at desc, id desc limit 1`, [asOf]);
  const failed = ended?.status === 'failed' ? ended : undefined;
  return {
    asOf,
    at: at.toISOString(),
    latest: latest ? previewDto(latest) : null,
    pending: pending ? previewDto(pending) : null,
    failed: failed ? previewDto(failed) : null,
  };
}

/** A vulnerability hold is told to agency staff; anyone else reads that the agency holds the case, not why. */
function pausedByFor(actor: ActorContext['actor'], pause: CaseDunning['pausedBy']): CaseDunning['pausedBy'] {
  return pause === 'vulnerability' && !seesVulnerability(actor) ? 'agency_hold' : pause;
}

/** A case's dunning: its strategy, position, current pause and every execution with its reason. */
export async function caseDunning(ctx: ActorContext, caseId: string): Promise<CaseDunning> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const exec = emExec(ctx.em);
  const facts = pauseFactsSql('c', todayInParis(ctx.clock), ctx.clock.now());
  // The pause the case is under now: the reasons that stop any contact (legal-gate facts, dunning/sql.ts), then its status.
  const stateQuery = sql`select dc.strategy_id, s.name as strategy_name, dc.cursor_day, dc.last_done_on::text as last_done_on,
            case when c.status = 'closed' then 'closed'
                 when ${facts.mandateNotInForce} then 'mandate'
                 when ${facts.insolvencyOpen} then 'insolvency'
                 when ${facts.everyClaimPrescribed} then 'prescribed'
                 when c.status = 'disputed' or exists (select 1 from case_dispute x where x.case_id = c.id and x.resolved_at is null) then 'dispute'
                 when c.vulnerable_since is not null then 'vulnerability'
                 when c.status in ('legal', 'bailiff') then 'legal'
                 when c.status = 'payment_plan' then 'plan'
                 when c.status = 'promise' then 'promise' end as pause
       from (select cc.*, cc.id as case_id from collection_case cc) c left join dunning_case dc on dc.case_id = c.id left join dunning_strategy s on s.id = dc.strategy_id
      where c.id = ${found.id}`;
  const [state] = await exec<{ strategy_id: string | null; strategy_name: string | null; cursor_day: number | null; last_done_on: string | null; pause: string | null }>(
    stateQuery.sql,
    stateQuery.params,
  );
  const executions = await exec<{
    id: string; step_id: string; day: number; channel: CaseDunning['executions'][number]['channel']; template: CaseDunning['executions'][number]['template'];
    status: CaseDunning['executions'][number]['status']; due_on: string; decided_at: Date; deferred_until: Date | null; deferred_reason: string | null;
    skip_reason: CaseDunning['executions'][number]['skipReason']; message_id: string | null; done_at: Date | null;
  }>(
    `select id, step_id, day, channel, template, status, due_on::text as due_on, decided_at, deferred_until, deferred_reason, skip_reason, message_id, done_at
       from dunning_step_execution where case_id = ? order by day, decided_at, id`,
    [found.id],
  );
  return {
    caseId: found.id,
    strategyId: state?.strategy_id ?? null,
    strategyName: state?.strategy_name ?? null,
    cursorDay: state?.cursor_day ?? null,
    lastDoneOn: state?.last_done_on ?? null,
    pausedBy: pausedByFor(ctx.actor, (state?.pause ?? null) as CaseDunning['pausedBy']),
    executions: executions.map((x) => ({
      id: x.id,
      stepId: x.step_id,
      day: x.day,
      channel: x.channel,
      template: x.template,
      status: x.status,
      dueOn: x.due_on,
      decidedAt: new Date(x.decided_at).toISOString(),
      deferredUntil: iso(x.deferred_until),
      deferredReason: x.deferred_reason,
      skipReason: x.skip_reason,
      messageId: x.message_id,
      doneAt: iso(x.done_at),
    })),
  };
}
