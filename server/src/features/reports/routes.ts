import { errorBody } from '@relance/contracts/common';
import { creditorDashboard, creditorDashboardQuery, creditorKpis, kpisQuery } from '@relance/contracts/reports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf, REPLICA_NOTE, readContextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import { creditorKpis as buildKpis } from './kpis.ts';
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

  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/reports/kpis', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['reports'],
      summary: 'Creditor KPIs over a period, each against its target: recovery, delay, disputes, cost, ageing, funnel, cohorts, remittances',
      description:
        'A creditor user gets their own creditor (another creditorId answers 404); staff ask for one creditor or, without creditorId, every creditor. ' +
        '400 validation_failed for a malformed date, kpi_period_invalid when to is before from or the period exceeds about three years. ' +
        REPLICA_NOTE,
      querystring: kpisQuery,
      response: { 200: creditorKpis, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    // The journal is staff-only in PostgreSQL: read on the agency's connection for the creditor resolved by the access module.
    handler: async (request, reply) => {
      const { ctx, agencyEm, dataAsOf } = await readContextOf(request, reply);
      return { ...(await buildKpis(ctx, request.query, emExec(agencyEm))), dataAsOf: dataAsOf.toISOString() };
    },
  });
}
