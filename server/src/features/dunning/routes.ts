import { idempotencyHeaders } from '@relance/contracts/cases';
import { errorBody, idParams, pageOf } from '@relance/contracts/common';
import {
  caseDunning,
  createStepBody,
  createStrategyBody,
  dunningPreviewComputation,
  dunningPreviewState,
  dunningRun,
  dunningStrategy,
  listRunsQuery,
  listStrategiesQuery,
  strategyStepParams,
  updateStepBody,
  updateStrategyBody,
} from '@relance/contracts/dunning';
import type { FastifyInstance, } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf, userContextOf } from '../../plugins/request-context.ts';
import {
  addStep,
  caseDunning as caseDunningOf,
  createStrategy,
  getPreview,
  getRun,
  getStrategy,
  listRuns,
  listStrategies,
  previewState,
  queuePreview,
  removeStep,
  startRun,
  updateStep,
  updateStrategy,
} from './service.ts';

const EDITORS = ['admin', 'manager'] as const;
const STAFF = ['admin', 'manager', 'agent'] as const;

export async function dunningRoutes(app: FastifyInstance) {
  strategyRoutes(app);
  stepRoutes(app);
  previewRoutes(app);
  runRoutes(app);
  caseDunningRoute(app);
}



function strategyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/dunning/strategies', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['dunning'],
      summary: 'Dunning strategies with their steps and the number of cases at each step',
      description: "A creditor user sees its own strategies and the agency's default ones, with its own cases counted only.",
      querystring: listStrategiesQuery,
      response: { 200: pageOf(dunningStrategy) },
    },
    handler: async (request) => listStrategies(actorContextOf(request), request.query),
  });

  r.get('/api/v1/dunning/strategies/:id', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: { tags: ['dunning'], summary: 'One dunning strategy', params: idParams, response: { 200: dunningStrategy, 404: errorBody } },
    handler: async (request) => getStrategy(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/dunning/strategies', {
    config: { access: EDITORS },
    schema: {
      tags: ['dunning'],
      summary: 'Create a strategy for a creditor (or the agency default) and a segment',
      description: 'One active strategy per creditor and segment (debtor kind, balance band); the most specific one applies to a case.',
      body: createStrategyBody,
      response: { 201: dunningStrategy, 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createStrategy(userContextOf(request), request.body)),
  });

  r.patch('/api/v1/dunning/strategies/:id', {
    config: { access: EDITORS },
    schema: { tags: ['dunning'], summary: 'Edit a strategy (name, segment, pause rules, active)', params: idParams, body: updateStrategyBody, response: { 200: dunningStrategy, 400: errorBody, 404: errorBody, 409: errorBody } },
    handler: async (request) => updateStrategy(userContextOf(request), request.params.id, request.body),
  });
}

function stepRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/dunning/strategies/:id/steps', {
    config: { access: EDITORS },
    schema: {
      tags: ['dunning'],
      summary: 'Add a step',
      description: 'The step applies to cases that have not reached its J+N yet; a case already past it never gets it.',
      params: idParams,
      body: createStepBody,
      response: { 201: dunningStrategy, 400: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await addStep(userContextOf(request), request.params.id, request.body)),
  });

  r.patch('/api/v1/dunning/strategies/:id/steps/:stepId', {
    config: { access: EDITORS },
    schema: {
      tags: ['dunning'],
      summary: 'Edit a step (offset, channel, template, conditions)',
      description: 'Edited in place: cases that already got this step never get it again.',
      params: strategyStepParams,
      body: updateStepBody,
      response: { 200: dunningStrategy, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => updateStep(userContextOf(request), request.params.id, request.params.stepId, request.body),
  });

  r.delete('/api/v1/dunning/strategies/:id/steps/:stepId', {
    config: { access: EDITORS },
    schema: { tags: ['dunning'], summary: 'Remove a step (archived; what was sent stays on record)', params: strategyStepParams, response: { 200: dunningStrategy, 404: errorBody } },
    handler: async (request) => removeStep(userContextOf(request), request.params.id, request.params.stepId),
  });
}

/** Tomorrow's preview, computed in the background. */
function previewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/dunning/preview', {
    config: { access: STAFF },
    schema: {
      tags: ['dunning'],
      summary: "What tomorrow's daily run would send, per channel, with example cases, as last computed",
      description:
        'Nothing is computed in the request: `latest` is the latest completed computation for tomorrow (its result and `computedAt`), ' +
        'null when none was computed yet; `pending` a newer one queued or running (poll it with GET dunning/previews/{id}); `failed` the ' +
        'last one when it failed after `latest`. A computation is queued by POST dunning/previews and after every run (daily or manual).',
      response: { 200: dunningPreviewState },
    },
    handler: async (request) => previewState(userContextOf(request)),
  });

  r.post('/api/v1/dunning/previews', {
    config: { access: EDITORS },
    schema: {
      tags: ['dunning'],
      summary: "Recompute tomorrow's preview, in the background",
      description:
        "Records a queued computation and enqueues its worker job, and answers 202 with it: follow it with GET dunning/previews/{id}. " +
        'The worker runs the real decision pass at tomorrow 07:05 UTC in a transaction rolled back (nothing is written, nothing queued), ' +
        'without the run lock: it never delays a run. While a computation is queued or running, the answer is that one. ' +
        'An `Idempotency-Key` header makes a retry return the first response.',
      headers: idempotencyHeaders,
      response: { 202: dunningPreviewComputation, 409: errorBody },
    },
    handler: async (request, reply) => {
      const result = await queuePreview(userContextOf(request), request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(202).send(result.body);
    },
  });

  r.get('/api/v1/dunning/previews/:id', {
    config: { access: STAFF },
    schema: {
      tags: ['dunning'],
      summary: "One computation of tomorrow's preview: status, progress while it runs, the result once completed, the reason when it failed",
      params: idParams,
      response: { 200: dunningPreviewComputation, 404: errorBody },
    },
    handler: async (request) => getPreview(userContextOf(request), request.params.id),
  });
}

/** Runs started now, in the background, and the run history. */
function runRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/dunning/runs', {
    config: { access: EDITORS },
    schema: {
      tags: ['dunning'],
      summary: 'Start the dunning decision pass now, in the background',
      description:
        'Records a queued run and enqueues its worker job, and answers 202 with the run: follow it with GET dunning/runs/{id} ' +
        '(status, progress, counts once completed). While a manual run is queued or running, the answer is that run: never two at once. ' +
        'An `Idempotency-Key` header makes a retry return the first response. Same guarantees as the daily run: exactly once per case ' +
        'and step, contact window and per-debtor cap, pauses; messages are queued by batched worker jobs.',
      headers: idempotencyHeaders,
      response: { 202: dunningRun, 409: errorBody },
    },
    handler: async (request, reply) => {
      const result = await startRun(userContextOf(request), request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(202).send(result.body);
    },
  });

  r.get('/api/v1/dunning/runs', {
    config: { access: STAFF },
    schema: { tags: ['dunning'], summary: 'Run history, latest requested first (queued and running runs included)', querystring: listRunsQuery, response: { 200: pageOf(dunningRun) } },
    handler: async (request) => listRuns(userContextOf(request), request.query),
  });

  r.get('/api/v1/dunning/runs/:id', {
    config: { access: STAFF },
    schema: {
      tags: ['dunning'],
      summary: 'One run: status, progress while it runs, counts once completed, the reason when it failed',
      params: idParams,
      response: { 200: dunningRun, 404: errorBody },
    },
    handler: async (request) => getRun(userContextOf(request), request.params.id),
  });
}

function caseDunningRoute(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/dunning/cases/:id', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['dunning'],
      summary: "A case's dunning: strategy, position, pause and every step decided (deferred until / why)",
      params: idParams,
      response: { 200: caseDunning, 404: errorBody },
    },
    handler: async (request) => caseDunningOf(actorContextOf(request), request.params.id),
  });
}
