import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { errorBody } from '@relance/contracts/common';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error statuses any /api route can answer whatever its handler does, derived from how it is
 * declared, so that the document lists every status a route really returns and each route lists
 * only its own (409, 422...):
 * - 400 validation_failed / text_contains_nul: it validates params, query, headers or a body, or
 *   accepts a body at all (malformed JSON);
 * - 401 and 403: a role list in `config.access` (no or bad token; a wrong role or an API key on a
 *   route keys may not call);
 * - 404: a path parameter (nothing there, or not visible to the caller);
 * - 413 and 415: a method with a body (over the body limit; a content type no parser takes);
 * - 429: a route rate limit (`config.rateLimit`), or a route API keys reach (per-key limit);
 * - 500 internal_error: anything unexpected (hidden details).
 * Every one of them answers `{ code, message, details }` (errorBody).
 */
export function commonErrorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>): number[] {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((method) => String(method).toUpperCase());
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const config = (route.config ?? {}) as { access?: unknown; apiKey?: unknown; rateLimit?: unknown };
  const statuses = new Set<number>([500]);
  const hasBody = methods.some((method) => BODY_METHODS.has(method));
  if (schema.body || schema.querystring || schema.params || schema.headers || hasBody) statuses.add(400);
  if (Array.isArray(config.access)) {
    statuses.add(401);
    statuses.add(403);
    if (config.access.includes('creditor') && config.apiKey !== false) statuses.add(429);
  }
  if (config.access === 'webhook') statuses.add(401);
  if (route.url.includes(':')) statuses.add(404);
  if (hasBody) {
    statuses.add(413);
    statuses.add(415);
  }
  if (config.rateLimit) statuses.add(429);
  return [...statuses].sort();
}

/**
 * OpenAPI 3.1 generated from the shared zod schemas: /docs/json and Swagger UI at /docs, unless
 * API_DOCS=false (`ui: false`): the document is still built (app.swagger()) but not served.
 */
export const openApiPlugin = fp(async (app: FastifyInstance, options: { ui?: boolean } = {}) => {
  // Before @fastify/swagger records the route: the document and the response serializers both
  // see the statuses added here.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    route.schema ??= {};
    const schema = route.schema as Record<string, unknown>;
    schema.response ??= {};
    const response = schema.response as Record<string, unknown>;
    for (const status of commonErrorStatuses(route)) {
      if (!(status in response) && !(String(status) in response)) response[status] = errorBody;
    }
    const access = route.config?.access;
    if (access !== undefined) {
      // Who may call it, for readers and for the schema-driven fuzzer (server/test/fuzz.test.ts).
      schema['x-access'] = access;
      if (typeof access === 'string') schema.security = [];
    }
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Relance API',
        version: '1.0.0',
        description: [
          'Back office for French debt-collection agencies working in white label.',
          '',
          'Conventions: prefix `/api/v1`; JSON in camelCase; money as integer cents in fields ending in `Cents` plus a `currency`;',
          'business dates `YYYY-MM-DD`; lists return `{ items, nextCursor }` (pass `cursor`, `limit`);',
          'errors return `{ code, message, details }` with a stable snake_case code and a message in the language of `Accept-Language` (fr by default, en).',
          '',
          'Authentication: `POST /api/v1/auth/login` returns an access token to send as `Authorization: Bearer <token>`.',
        ].join('\n'),
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
    hideUntagged: true,
  });
  if (options.ui !== false) await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
});
