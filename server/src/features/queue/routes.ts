import { errorBody, pageOf } from '@relance/contracts/common';
import { caseIdParams, listQueueQuery, queueClaim, queueItem, queueLease, queueStats } from '@relance/contracts/queue';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInParis } from '../../plugins/context.ts';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import { claimNextCase, endLease, heartbeat, listQueue, refreshQueue, queueStats as statsOf } from './service.ts';

const staff = ['admin', 'manager', 'agent'] as const;

export async function queueRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/queue/next', {
    config: { access: [...staff] },
    schema: {
      tags: ['queue'],
      summary: 'Claim the next case: callbacks due, then promises due or broken, then the priority score (a lease of 10 minutes)',
      description: '204 when nothing is left for the caller. 409 agent_away while the caller is marked away.',
      response: { 200: queueClaim, 204: z.null(), 401: errorBody, 403: errorBody, 409: errorBody },
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

  for (const kind of ['release', 'done'] as const) {
    r.post(`/api/v1/queue/:caseId/${kind}`, {
      config: { access: [...staff] },
      schema: {
        tags: ['queue'],
        summary: kind === 'release' ? 'Give the case back to the queue' : 'Finish the case: counts as worked today; not offered again today',
        params: caseIdParams,
        response: { 204: z.null(), 409: errorBody },
      },
      handler: async (request, reply) => {
        await endLease(actorContextOf(request), request.params.caseId, kind);
        return reply.code(204).send(null);
      },
    });
  }

  r.get('/api/v1/queue', {
    config: { access: [...staff] },
    schema: {
      tags: ['queue'],
      summary: 'The queue as a list, best first, within my portfolios (filters: creditor, segment, status, portfolio)',
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
