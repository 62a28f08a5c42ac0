import { auditEvent, auditQuery } from '@relance/contracts/audit';
import { errorBody, pageOf } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { listAudit } from './service.ts';

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['audit'],
      summary: 'The audit trail, newest first: changes, reads of debtor files by staff, RGPD actions; filters by case, actor, action and days',
      description: '`from` and `to` are days in Europe/Paris, both included. Cursor-paginated (`nextCursor`).',
      querystring: auditQuery,
      response: { 200: pageOf(auditEvent), 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listAudit(actorContextOf(request), request.query),
  });
}
