import { errorBody } from '@relance/contracts/common';
import { addRateBody, legalRate, rateTable } from '@relance/contracts/statements';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { addRate, listRates } from './service.ts';

export async function rateRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/rates', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Interest rates per half-year (built in and added), and the half-years missing up to today',
      response: { 200: rateTable, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listRates(contextOf(request)),
  });

  r.post('/api/v1/rates', {
    config: { access: ['admin'] },
    schema: {
      tags: ['legal'],
      summary: "Add a half-year's published rates (ECB main refinancing rate, taux légal of both categories)",
      body: addRateBody,
      response: { 201: legalRate, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await addRate(actorContextOf(request), request.body)),
  });
}
