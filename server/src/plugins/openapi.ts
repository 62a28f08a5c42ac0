import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3.1 generated from the shared zod schemas: /docs/json and Swagger UI at /docs, unless
 * API_DOCS=false (`ui: false`): the document is still built (app.swagger()) but not served.
 */
export const openApiPlugin = fp(async (app: FastifyInstance, options: { ui?: boolean } = {}) => {
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
