import { errorBody, pageOf } from '@relance/contracts/common';
import { caseIdParams, listQueueQuery, queueClaim, queueDoneBody, queueItem, queueLease, queueStats } from '@relance/contracts/queue';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInParis } from '../../plugins/context.ts';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import { claimNextCase, endLease, heartbeat, listQueue, refreshQueue, queueStats as statsOf } from './service.ts';

const staff = ['admin', 'manager', 'agent'] as const;

/** Claiming a case and holding it: next, heartbeat, release, done. */
async function leaseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/queue/next', {
    config: { access: [...staff] },
    schema: {
      tags: ['queue'],
      summary: 'Claim the next case: callbacks due, then promises due or broken, then the priority score (a lease of 10 minutes)',
      description:
        'Only a case the legal gate lets the caller work now: never one with an open dispute, a vulnerable debtor, a plan pending, ' +
        'awaiting the debtor or active, a promise not yet due, a mandate not in force, only prescribed claims, no contact point, ' +
        'or over the contact cap (such a case is skipped and the next one tried). 204 when nothing is left for the caller. ' +
        '409 agent_away while the caller is marked away. 422 contact_outside_hours / contact_closed_day / contact_public_holiday ' +
        'outside the contact window (details.until: when it opens).',
      response: { 200: queueClaim, 204: z.null(), 401: errorBody, 403: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const claim = await claimNextCase(actorContextOf(request), request.deps.pools.queue);
      if (!claim) return reply.code(204).send(null);
      return claim;
    },
  });

  r.post('/api/v1/queue/:caseId/heartbeat', {
    config: { access: [...staff] },
    schema: {
      tags: ['queue'],
      summary: 'Keep my lease on a case alive (another 10 minutes)',
      params: caseIdParams,
      response: { 200: queueLease, 409: errorBody },
    },
    handler: async (request) => heartbeat(actorContextOf(request), request.params.caseId),
  });

  r.post('/api/v1/queue/:caseId/release', {
    config: { access: [...staff] },
    schema: { tags: ['queue'], summary: 'Give the case back to the queue', params: caseIdParams, response: { 204: z.null(), 409: errorBody } },
    handler: async (request, reply) => {
      await endLease(actorContextOf(request), request.params.caseId, 'release');
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/queue/:caseId/done', {
    config: { access: [...staff] },
    schema: {
      tags: ['queue'],
      summary: 'Finish the case ("Terminé, dossier suivant"): counts as worked today; not offered again today',
      description:
        'Needs an outcome: a timeline entry of the caller on the case since the lease began (a call, a note, a promise, a plan, a ' +
        'message, a callback), or `outcome`: no_answer / voicemail / wrong_number (logged as a call, through the legal gate: 422 ' +
        'with its code when refused) or callback_scheduled (a callback must be due later). Otherwise 422 outcome_required. ' +
        "409 lease_lost when the lease expired or is someone else's.",
      params: caseIdParams,
      body: queueDoneBody,
      response: { 204: z.null(), 400: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      await endLease(actorContextOf(request), request.params.caseId, 'done', request.body?.outcome);
      return reply.code(204).send(null);
    },
  });

}

/** The queue as a list, the day's counts, the refresh. */
async function listRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/queue', {
    config: { access: [...staff] },
    schema: {
      tags: ['queue'],
      summary: 'The queue as a list, best first, within my portfolios (filters: creditor, segment, status, portfolio)',
      description: 'Without `status`: the cases the queue would serve now (the legal gate\'s conditions of the pick). With `status`: every case of that status in scope.',
      querystring: listQueueQuery,
      response: { 200: pageOf(queueItem), 400: errorBody },
    },
    handler: async (request) => listQueue(actorContextOf(request), request.query),
  });

  r.get('/api/v1/queue/stats', {
    config: { access: [...staff] },
    schema: { tags: ['queue'], summary: 'Cases worked today by me and by my team', response: { 200: queueStats } },
    handler: async (request) => statsOf(actorContextOf(request)),
  });

  r.post('/api/v1/queue/refresh', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['queue'],
      summary: 'Recompute every open case’s rank, département and portfolio (set-based)',
      response: { 200: z.object({ changed: z.number().int() }) },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      return { changed: await refreshQueue(emExec(ctx.em), { today: todayInParis(ctx.clock) }) };
    },
  });
}

export async function queueRoutes(app: FastifyInstance) {
  await leaseRoutes(app);
  await listRoutes(app);
}
