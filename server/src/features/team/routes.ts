import { errorBody } from '@relance/contracts/common';
import { queueHealth, teamBoard, teamBoardQuery } from '@relance/contracts/team';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { REPLICA_NOTE, readContextOf, userContextOf } from '../../plugins/request-context.ts';
import { teamBoard as boardOf, queueHealth as queueHealthOf } from './service.ts';

export async function teamRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/team/board', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['team'],
      summary: 'Per agent over a period: cases worked, calls, right-party contacts, promises and plans, amounts collected',
      description: REPLICA_NOTE,
      querystring: teamBoardQuery,
      response: { 200: teamBoard, 400: errorBody },
    },
    handler: async (request, reply) => {
      const { ctx } = await readContextOf(request, reply);
      return boardOf({ ...ctx, actor: userContextOf(request).actor }, request.query.from, request.query.to);
    },
  });

  r.get('/api/v1/team/queue-health', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['team'],
      summary: 'Open cases by days since the agency last acted on them, with the unpaid principal, and stale cases per creditor',
      response: { 200: queueHealth },
    },
    handler: async (request) => queueHealthOf(userContextOf(request)),
  });
}
