import { errorBody, idParams } from '@relance/contracts/common';
import {
  agentAvailability,
  awayBody,
  bulkAssignBody,
  bulkAssignResult,
  capacityBody,
  createPortfolioBody,
  portfolio,
  rebalanceBody,
  rebalanceQuery,
  rebalanceResult,
  updatePortfolioBody,
  workload,
} from '@relance/contracts/portfolios';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { bulkAssign } from './assign.ts';
import {
  createPortfolio,
  deletePortfolio,
  listPortfolios,
  rebalance,
  setAway,
  setCapacity,
  updatePortfolio,
  workload as workloadOf,
} from './service.ts';

const managers = ['admin', 'manager'] as const;

export async function portfolioRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portfolios', {
    config: { access: [...managers] },
    schema: { tags: ['portfolios'], summary: 'Portfolios with their criteria, members and open cases', response: { 200: z.object({ items: z.array(portfolio) }) } },
    handler: async (request) => ({ items: await listPortfolios(actorContextOf(request)) }),
  });

  r.post('/api/v1/portfolios', {
    config: { access: [...managers] },
    schema: {
      tags: ['portfolios'],
      summary: 'Create a portfolio (creditor and/or segment: debtor kind, amount band, age band, départements) with its agents',
      body: createPortfolioBody,
      response: { 201: portfolio, 400: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createPortfolio(actorContextOf(request), request.body)),
  });

  r.get('/api/v1/portfolios/workload', {
    config: { access: [...managers] },
    schema: { tags: ['portfolios'], summary: 'Per agent: open cases assigned, capacity, over-loaded; unassigned open cases', response: { 200: workload } },
    handler: async (request) => workloadOf(actorContextOf(request)),
  });

  r.post('/api/v1/portfolios/rebalance', {
    config: { access: [...managers] },
    schema: {
      tags: ['portfolios'],
      summary: "Move cases from over-loaded agents to members with room, and deal out unassigned cases, within each portfolio",
      description: 'With `?dryRun=true` the answer lists the same moves (who gets what) and nothing is applied or audited.',
      querystring: rebalanceQuery,
      body: rebalanceBody,
      response: { 200: rebalanceResult, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => rebalance(actorContextOf(request), request.body?.portfolioId, { dryRun: request.query.dryRun === 'true' }),
  });

  r.patch('/api/v1/portfolios/:id', {
    config: { access: [...managers] },
    schema: { tags: ['portfolios'], summary: 'Change a portfolio’s criteria or members', params: idParams, body: updatePortfolioBody, response: { 200: portfolio, 400: errorBody, 404: errorBody } },
    handler: async (request) => updatePortfolio(actorContextOf(request), request.params.id, request.body),
  });

  r.delete('/api/v1/portfolios/:id', {
    config: { access: [...managers] },
    schema: { tags: ['portfolios'], summary: 'Delete a portfolio (its cases return to the pool of no portfolio)', params: idParams, response: { 204: z.null(), 404: errorBody } },
    handler: async (request, reply) => {
      await deletePortfolio(actorContextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

export async function agentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put('/api/v1/agents/:id/capacity', {
    config: { access: [...managers] },
    schema: { tags: ['portfolios'], summary: "Set an agent's capacity (max open cases)", params: idParams, body: capacityBody, response: { 200: agentAvailability, 400: errorBody, 404: errorBody } },
    handler: async (request) => setCapacity(actorContextOf(request), request.params.id, request.body.capacity),
  });

  r.post('/api/v1/agents/:id/away', {
    config: { access: [...managers] },
    schema: {
      tags: ['portfolios'],
      summary: 'Mark an agent away until a date: their leases are released and their cases claimable by others; they get none until back',
      params: idParams,
      body: awayBody,
      response: { 200: agentAvailability, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => setAway(actorContextOf(request), request.params.id, new Date(request.body.until)),
  });

  r.delete('/api/v1/agents/:id/away', {
    config: { access: [...managers] },
    schema: { tags: ['portfolios'], summary: 'The agent is back', params: idParams, response: { 200: agentAvailability, 404: errorBody } },
    handler: async (request) => setAway(actorContextOf(request), request.params.id, null),
  });
}

/** The case list's bulk action for managers: give up to 500 cases to one agent. */
export async function assignmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/bulk/assign', {
    config: { access: [...managers] },
    schema: {
      tags: ['portfolios'],
      summary: 'Assign up to 500 cases to one agent (or none), in one transaction, audited',
      description:
        'All or nothing: an unknown case id answers 404 `not_found` (details.missing) and nothing changes; the agent must be an ' +
        'active agent (400 `not_an_agent`, `agent_deactivated`). One audit entry `cases_bulk_assigned` lists each case\'s previous agent.',
      body: bulkAssignBody,
      response: { 200: bulkAssignResult, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => await bulkAssign(actorContextOf(request), request.body),
  });
}
