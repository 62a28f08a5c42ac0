import { z } from 'zod';
import { businessDate, cents, countInput, instant, thresholdInput, uuid } from './common.ts';

// Relances automatiques (issue 6): strategies and their steps, the daily run, its preview and history.

export const dunningChannel = z.enum(['email', 'sms', 'letter', 'registered_letter', 'call_task']);
export type DunningChannel = z.infer<typeof dunningChannel>;
export const dunningTemplate = z.enum(['first_letter', 'firmer_reminder', 'mise_en_demeure', 'plan_agreement', 'receipt', 'dispute_acknowledgment']);
export type DunningTemplate = z.infer<typeof dunningTemplate>;
export const offsetFrom = z.enum(['placement', 'previous']);
export const debtorKind = z.enum(['company', 'person']);
export const pauseReason = z
  .enum(['closed', 'mandate', 'insolvency', 'prescribed', 'paid', 'dispute', 'vulnerability', 'legal', 'plan', 'promise', 'agency_hold'])
  .describe("agency_hold: held by the agency for a reason only its staff see (a creditor reads this instead of 'vulnerability')");
export type PauseReason = z.infer<typeof pauseReason>;
export const deferralReason = z.enum(['outside_hours', 'closed_day', 'public_holiday', 'contact_cap_reached', 'paused']);
export type DeferralReason = z.infer<typeof deferralReason>;

const stepFields = {
  offsetDays: z.number().int().min(0).max(3650).describe('Days after placement (J+N) or after the previous step'),
  offsetFrom: offsetFrom.default('placement'),
  channel: dunningChannel,
  template: dunningTemplate.nullable().optional().describe('Message template; none for a call task'),
  taskLabel: z.string().trim().min(1).max(200).nullable().optional().describe('What the agent must do (call tasks only)'),
  minBalanceCents: thresholdInput.nullable().optional().describe('Condition: only when the balance is at least this'),
  debtorKind: debtorKind.nullable().optional().describe('Condition: only for this kind of debtor'),
};

/** A call task has a label and no template; a message has a template and no label. */
function stepShapeOk(step: { channel?: DunningChannel | undefined; template?: DunningTemplate | null | undefined; taskLabel?: string | null | undefined }) {
  if (step.channel === undefined) return true;
  return step.channel === 'call_task' ? !step.template && !!step.taskLabel : !!step.template && !step.taskLabel;
}
const stepShapeMessage = { message: 'A call task needs a task label and no template; a message needs a template', path: ['template'] };

export const createStepBody = z
  .object({ ...stepFields, position: countInput.optional().describe('Where to insert (0 = first); at the end when absent') })
  .refine(stepShapeOk, stepShapeMessage)
  .meta({ id: 'CreateDunningStepBody', examples: [{ offsetDays: 10, offsetFrom: 'placement', channel: 'sms', template: 'firmer_reminder' }] });
export type CreateStepBody = z.infer<typeof createStepBody>;

export const updateStepBody = z
  .object({
    offsetDays: stepFields.offsetDays.optional(),
    offsetFrom: offsetFrom.optional(),
    channel: dunningChannel.optional(),
    template: stepFields.template,
    taskLabel: stepFields.taskLabel,
    minBalanceCents: stepFields.minBalanceCents,
    debtorKind: stepFields.debtorKind,
  })
  .refine(stepShapeOk, stepShapeMessage)
  .meta({
    id: 'UpdateDunningStepBody',
    description: 'Edits a step in place: cases that already got it never get it again (one execution per case and step).',
    examples: [{ offsetDays: 7 }, { channel: 'email', template: 'firmer_reminder' }],
  });
export type UpdateStepBody = z.infer<typeof updateStepBody>;

export const dunningStep = z
  .object({
    id: uuid,
    position: z.number().int(),
    offsetDays: z.number().int(),
    offsetFrom,
    day: z.number().int().describe('J+N from placement'),
    channel: dunningChannel,
    template: dunningTemplate.nullable(),
    taskLabel: z.string().nullable(),
    minBalanceCents: cents.nullable(),
    debtorKind: debtorKind.nullable(),
    casesAtStep: z.number().int().describe('Open cases whose last started step group is this J+N'),
  })
  .meta({ id: 'DunningStep' });
export type DunningStep = z.infer<typeof dunningStep>;

const strategyFields = {
  name: z.string().trim().min(1).max(100),
  creditorId: uuid.nullable().default(null).describe("null = the agency's default"),
  debtorKind: debtorKind.nullable().default(null).describe('Segment: professional (company) or consumer (person) debtors'),
  minBalanceCents: thresholdInput.nullable().default(null).describe('Segment: balance band, inclusive'),
  maxBalanceCents: thresholdInput.nullable().default(null),
  pauseOnPlan: z.boolean().default(true),
  pauseOnPromise: z.boolean().default(true),
  pauseOnLegal: z.boolean().default(true),
};

export const createStrategyBody = z
  .object({
    ...strategyFields,
    steps: z.array(createStepBody).max(50).default([]).describe('Initial steps, in order'),
  })
  .meta({
    id: 'CreateDunningStrategyBody',
    examples: [
      {
        name: 'Grands comptes professionnels',
        creditorId: null,
        debtorKind: 'company',
        minBalanceCents: 500_000,
        maxBalanceCents: null,
        steps: [
          { offsetDays: 0, offsetFrom: 'placement', channel: 'letter', template: 'first_letter' },
          { offsetDays: 0, offsetFrom: 'placement', channel: 'email', template: 'first_letter' },
          { offsetDays: 10, offsetFrom: 'previous', channel: 'call_task', taskLabel: 'Appel de courtoisie' },
        ],
      },
    ],
  });
export type CreateStrategyBody = z.infer<typeof createStrategyBody>;

export const updateStrategyBody = z
  .object({
    name: strategyFields.name.optional(),
    debtorKind: debtorKind.nullable().optional(),
    minBalanceCents: thresholdInput.nullable().optional(),
    maxBalanceCents: thresholdInput.nullable().optional(),
    pauseOnPlan: z.boolean().optional(),
    pauseOnPromise: z.boolean().optional(),
    pauseOnLegal: z.boolean().optional(),
    active: z.boolean().optional().describe('An inactive strategy is not used; its cases move to the next matching one, keeping their progress'),
  })
  .meta({ id: 'UpdateDunningStrategyBody', examples: [{ name: 'Défaut France', pauseOnPromise: false }] });
export type UpdateStrategyBody = z.infer<typeof updateStrategyBody>;

export const dunningStrategy = z
  .object({
    id: uuid,
    name: z.string(),
    creditorId: uuid.nullable(),
    creditorName: z.string().nullable(),
    debtorKind: debtorKind.nullable(),
    minBalanceCents: cents.nullable(),
    maxBalanceCents: cents.nullable(),
    pauseOnPlan: z.boolean(),
    pauseOnPromise: z.boolean(),
    pauseOnLegal: z.boolean(),
    active: z.boolean(),
    version: z.number().int(),
    updatedAt: instant,
    steps: z.array(dunningStep),
    casesNotStarted: z.number().int().describe('Open cases on this strategy with no step yet (not counted for other creditors)'),
  })
  .meta({ id: 'DunningStrategy' });
export type DunningStrategy = z.infer<typeof dunningStrategy>;

export const channelCounts = z.record(z.string(), z.number().int()).describe('Count per channel (email, sms, letter, registered_letter, call_task)');

export const dunningRunStatus = z.enum(['queued', 'running', 'completed', 'failed']);
export type DunningRunStatus = z.infer<typeof dunningRunStatus>;
export const dunningRunPhase = z.enum(['queued', 'selecting', 'deciding', 'writing', 'counting', 'done']);
export type DunningRunPhase = z.infer<typeof dunningRunPhase>;

export const dunningRunProgress = z
  .object({
    phase: dunningRunPhase.describe('selecting due steps, deciding (window, cap), writing the decisions, counting'),
    phasesDone: z.number().int(),
    phasesTotal: z.number().int(),
    casesTotal: z.number().int().nullable().describe('Open cases the pass examines (known once it starts)'),
    casesExamined: z.number().int().describe('Open cases examined so far: the selection examines them all at once'),
    stepsDue: z.number().int().nullable().describe('Steps found due (or deferred and due again) by the selection'),
  })
  .meta({ id: 'DunningRunProgress' });

export const dunningRun = z
  .object({
    id: uuid,
    trigger: z.enum(['cron', 'manual']),
    status: dunningRunStatus.describe('queued (job enqueued), running, completed (decisions committed), failed (after the last attempt)'),
    startedBy: uuid.nullable(),
    startedByName: z.string().nullable(),
    asOf: businessDate,
    requestedAt: instant,
    startedAt: instant.nullable().describe('null while queued'),
    finishedAt: instant.nullable(),
    progress: dunningRunProgress,
    error: z.string().nullable().describe('Why the last attempt failed (kept while a retry is queued)'),
    decided: z.number().int().describe('Steps that go now (queued for their batch job); so far, while running'),
    byChannel: channelCounts,
    deferred: z.number().int(),
    deferredByReason: z.record(z.string(), z.number().int()),
    paused: z.number().int().describe('Cases with a due step held by a pause (dispute, plan, …)'),
    pausedByReason: z.record(z.string(), z.number().int()),
    skipped: z.number().int().describe("Steps whose conditions did not hold for the case (minimum balance, debtor kind)"),
    jobs: z.number().int().describe('Batched send jobs enqueued'),
  })
  .meta({
    id: 'DunningRun',
    examples: [
      {
        id: '019a0000-0000-7000-8000-000000000001',
        trigger: 'manual',
        status: 'completed',
        startedBy: '019a0000-0000-7000-8000-000000000002',
        startedByName: 'Marie Responsable',
        asOf: '2026-11-23',
        requestedAt: '2026-11-23T08:04:59.000Z',
        startedAt: '2026-11-23T08:05:00.000Z',
        finishedAt: '2026-11-23T08:05:03.000Z',
        progress: { phase: 'done', phasesDone: 4, phasesTotal: 4, casesTotal: 5200, casesExamined: 5200, stepsDue: 1289 },
        error: null,
        decided: 1240,
        byChannel: { letter: 400, email: 610, sms: 200, call_task: 30 },
        deferred: 12,
        deferredByReason: { contact_cap_reached: 12 },
        paused: 37,
        pausedByReason: { plan: 20, dispute: 5, promise: 12 },
        skipped: 0,
        jobs: 3,
      },
    ],
  });
export type DunningRun = z.infer<typeof dunningRun>;

export const previewExample = z.object({
  caseId: uuid,
  reference: z.string(),
  debtorName: z.string(),
  creditorName: z.string(),
  day: z.number().int(),
  template: dunningTemplate.nullable(),
  taskLabel: z.string().nullable(),
});

export const dunningPreview = z
  .object({
    at: instant.describe("When the preview is for (tomorrow's daily run)"),
    asOf: businessDate,
    channels: z.array(
      z.object({ channel: dunningChannel, count: z.number().int(), deferred: z.number().int(), examples: z.array(previewExample) }),
    ),
    paused: z.number().int(),
    pausedByReason: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'DunningPreview' });
export type DunningPreview = z.infer<typeof dunningPreview>;

const previewResultExample: DunningPreview = {
  at: '2026-11-24T07:05:00.000Z',
  asOf: '2026-11-24',
  channels: [
    {
      channel: 'letter',
      count: 412,
      deferred: 0,
      examples: [
        {
          caseId: '019a0000-0000-7000-8000-000000000010',
          reference: 'FIB-2026-000123',
          debtorName: 'Jean Dupont',
          creditorName: 'Fibrea Télécom',
          day: 0,
          template: 'first_letter',
          taskLabel: null,
        },
      ],
    },
    { channel: 'email', count: 618, deferred: 3, examples: [] },
    { channel: 'sms', count: 205, deferred: 0, examples: [] },
    { channel: 'registered_letter', count: 40, deferred: 0, examples: [] },
    { channel: 'call_task', count: 12, deferred: 0, examples: [] },
  ],
  paused: 37,
  pausedByReason: { plan: 20, dispute: 5, promise: 12 },
};

/**
 * One computation of tomorrow's preview, done by the worker (dunning__preview): the decision pass
 * simulated at tomorrow's run time in a transaction rolled back. Queued, running (with the run's
 * phases), completed with its result, or failed after its last attempt.
 */
export const dunningPreviewComputation = z
  .object({
    id: uuid,
    status: dunningRunStatus.describe('queued (job enqueued), running, completed (result stored), failed (after the last attempt)'),
    asOf: businessDate.describe('The business day of the daily run it previews'),
    at: instant.describe('The instant of that daily run (07:05 UTC)'),
    requestedBy: uuid.nullable().describe('null when enqueued after a run (daily or manual)'),
    requestedAt: instant,
    startedAt: instant.nullable().describe('null while queued'),
    computedAt: instant.nullable().describe('When the result was computed (completed only)'),
    progress: dunningRunProgress,
    error: z.string().nullable().describe('Why the last attempt failed (kept while a retry is queued)'),
    preview: dunningPreview.nullable().describe('The result, once completed'),
  })
  .meta({
    id: 'DunningPreviewComputation',
    examples: [
      {
        id: '019a0000-0000-7000-8000-000000000020',
        status: 'completed',
        asOf: '2026-11-24',
        at: '2026-11-24T07:05:00.000Z',
        requestedBy: '019a0000-0000-7000-8000-000000000002',
        requestedAt: '2026-11-23T14:31:58.000Z',
        startedAt: '2026-11-23T14:31:59.000Z',
        computedAt: '2026-11-23T14:32:24.000Z',
        progress: { phase: 'done', phasesDone: 4, phasesTotal: 4, casesTotal: 1_000_000, casesExamined: 1_000_000, stepsDue: 205_000 },
        error: null,
        preview: previewResultExample,
      },
    ],
  });
export type DunningPreviewComputation = z.infer<typeof dunningPreviewComputation>;

/** GET /dunning/preview: the stored preview of tomorrow's run, and the computation under way if any. */
export const dunningPreviewState = z
  .object({
    asOf: businessDate.describe("Tomorrow's business day"),
    at: instant.describe("Tomorrow's daily run (07:05 UTC)"),
    latest: dunningPreviewComputation.nullable().describe('The latest completed preview for tomorrow; null when none was computed yet'),
    pending: dunningPreviewComputation.nullable().describe('A computation queued or running (newer than `latest`), to poll with GET dunning/previews/{id}'),
    failed: dunningPreviewComputation
      .nullable()
      .describe('The last computation when it failed after the latest completed one (and none is under way): why'),
  })
  .meta({
    id: 'DunningPreviewState',
    examples: [
      {
        asOf: '2026-11-24',
        at: '2026-11-24T07:05:00.000Z',
        latest: {
          id: '019a0000-0000-7000-8000-000000000020',
          status: 'completed',
          asOf: '2026-11-24',
          at: '2026-11-24T07:05:00.000Z',
          requestedBy: null,
          requestedAt: '2026-11-23T07:05:31.000Z',
          startedAt: '2026-11-23T07:05:32.000Z',
          computedAt: '2026-11-23T07:05:57.000Z',
          progress: { phase: 'done', phasesDone: 4, phasesTotal: 4, casesTotal: 1_000_000, casesExamined: 1_000_000, stepsDue: 205_000 },
          error: null,
          preview: previewResultExample,
        },
        pending: null,
        failed: null,
      },
    ],
  });
export type DunningPreviewState = z.infer<typeof dunningPreviewState>;

export const dunningExecution = z
  .object({
    id: uuid,
    stepId: uuid,
    day: z.number().int(),
    channel: dunningChannel,
    template: dunningTemplate.nullable(),
    status: z.enum(['pending', 'deferred', 'done', 'skipped']),
    dueOn: businessDate,
    decidedAt: instant,
    deferredUntil: instant.nullable(),
    deferredReason: z.string().nullable(),
    skipReason: z
      .enum(['conditions', 'no_valid_email', 'no_valid_phone', 'no_valid_address'])
      .nullable()
      .describe('Why a skipped step did not go: its conditions (balance, debtor kind) or no valid contact on its channel'),
    messageId: uuid.nullable(),
    doneAt: instant.nullable(),
  })
  .meta({ id: 'DunningExecution' });

export const caseDunning = z
  .object({
    caseId: uuid,
    strategyId: uuid.nullable(),
    strategyName: z.string().nullable(),
    cursorDay: z.number().int().nullable(),
    lastDoneOn: businessDate.nullable(),
    pausedBy: pauseReason.nullable(),
    executions: z.array(dunningExecution),
  })
  .meta({ id: 'CaseDunning' });
export type CaseDunning = z.infer<typeof caseDunning>;

export const strategyStepParams = z.object({ id: uuid, stepId: uuid });
export const listStrategiesQuery = z.object({ creditorId: uuid.optional() });
export const listRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) });
