import { errorBody } from '@relance/contracts/common';
import { savedFilter, savedFilterInput, savedFilterList, savedFilterParams } from '@relance/contracts/saved-filters';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { createSavedFilter, deleteSavedFilter, listSavedFilters } from './service.ts';

/** Whoever may read the case list (GET /cases), as a person (an API key has no saved filters). */
const ACCESS = ['admin', 'manager', 'agent', 'accountant', 'creditor'] as const;

export async function savedFilterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/saved-filters', {
    config: { access: [...ACCESS] },
    schema: {
      tags: ['cases'],
      summary: "My saved filters of the case list, by name (each person sees only their own)",
      response: { 200: savedFilterList, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listSavedFilters(userContextOf(request)),
  });

  r.post('/api/v1/saved-filters', {
    config: { access: [...ACCESS], viewerMayCall: true },
    schema: {
      tags: ['cases'],
      summary: "Save the case list's current filters under a name",
      description: '409 saved_filter_name_taken when you already have a saved filter with that name.',
      body: savedFilterInput,
      response: { 201: savedFilter, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createSavedFilter(userContextOf(request), request.body)),
  });

  r.delete('/api/v1/saved-filters/:id', {
    config: { access: [...ACCESS], viewerMayCall: true },
    schema: {
      tags: ['cases'],
      summary: 'Delete one of my saved filters (another person\'s answers 404)',
      params: savedFilterParams,
      response: { 204: z.null(), 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      await deleteSavedFilter(userContextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
