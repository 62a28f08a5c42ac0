import { errorBody } from '@relance/contracts/common';
import { creditorDashboard, creditorDashboardQuery } from '@relance/contracts/reports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { creditorDashboard as buildDashboard } from './service.ts';

export async function reportRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/reports/creditor-dashboard', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['reports'],
      summary: 'Cases placed, amounts placed and collected, recovery rate (a creditor user gets their own)',
      querystring: creditorDashboardQuery,
      response: { 200: creditorDashboard, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => buildDashboard(actorContextOf(request), request.query.creditorId),
  });
}
