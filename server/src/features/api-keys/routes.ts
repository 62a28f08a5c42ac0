import { apiKey, apiKeyParams, createApiKeyBody, createdApiKey } from '@relance/contracts/api-keys';
import { errorBody, idParams } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './service.ts';

/**
 * A creditor's API keys, managed by staff (admin, manager) or that creditor's own users. A key
 * cannot manage keys (`apiKey: false`): a leaked key must not be able to mint itself successors.
 */
export async function apiKeyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = ['admin', 'manager', 'creditor'] as const;

  r.post('/api/v1/creditors/:id/api-keys', {
    config: { access, apiKey: false },
    schema: {
      tags: ['api-keys'],
      summary: 'Create an API key for a creditor: the secret is in this answer only',
      description:
        'Send the key as `Authorization: Bearer rk_live_…` or `X-Api-Key: rk_live_…`. A key acts as a creditor user of ' +
        'its creditor: it reaches the routes open to creditors, never staff routes, and is rate-limited per key.',
      params: idParams,
      body: createApiKeyBody,
      response: { 201: createdApiKey, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createApiKey(userContextOf(request), request.params.id, request.body)),
  });

  r.get('/api/v1/creditors/:id/api-keys', {
    config: { access, apiKey: false },
    schema: {
      tags: ['api-keys'],
      summary: "A creditor's API keys (name, prefix, created, last used, revoked), never their secret",
      params: idParams,
      response: { 200: z.object({ items: z.array(apiKey) }), 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listApiKeys(userContextOf(request), request.params.id),
  });

  r.delete('/api/v1/creditors/:id/api-keys/:keyId', {
    config: { access, apiKey: false },
    schema: {
      tags: ['api-keys'],
      summary: 'Revoke an API key: requests with it are refused (401) from now on',
      params: apiKeyParams,
      response: { 200: apiKey, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) =>
      revokeApiKey(userContextOf(request), request.params.id, request.params.keyId),
  });
}
