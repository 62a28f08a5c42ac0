import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../plugins/request-context.ts';
import { missingMigrations } from './service.ts';

const unavailable = z.object({ status: z.literal('unavailable'), database: z.enum(['ok', 'unreachable']), pendingMigrations: z.array(z.string()).optional() });

export async function healthRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get('/api/v1/health', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database check (kept for existing probes; prefer /health/live and /health/ready)',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.literal('ok') }),
        503: z.object({ status: z.literal('unavailable'), database: z.literal('unreachable') }),
      },
    },
    handler: async (request, reply) => {
      try {
        await contextOf(request).em.execute('select 1');
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        return reply.code(503).send({ status: 'unavailable' as const, database: 'unreachable' as const });
      }
    },
  });

  // Liveness asks nothing of the database: a database outage must take pods out of the Service
  // (readiness), not restart every one of them in a loop.
  routes.get('/api/v1/health/live', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness: the process is up and its event loop answers (no database access)',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  routes.get('/api/v1/health/ready', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Readiness: the database answers and every migration this code lists is applied',
      description:
        'Answers 503 while the database is unreachable, or while a migration of this release is not applied yet (the release runs `migrate` before the new code; an older process stays ready on a newer schema, expand/contract).',
      response: {
        200: z.object({ status: z.literal('ready'), database: z.literal('ok'), pendingMigrations: z.array(z.string()).length(0) }),
        503: unavailable,
      },
    },
    handler: async (request, reply) => {
      let pending: string[];
      try {
        pending = await missingMigrations(contextOf(request).em);
      } catch (error) {
        request.log.error({ err: error }, 'readiness: database unreachable');
        return reply.code(503).send({ status: 'unavailable' as const, database: 'unreachable' as const });
      }
      if (pending.length > 0) return reply.code(503).send({ status: 'unavailable' as const, database: 'ok' as const, pendingMigrations: pending });
      return { status: 'ready' as const, database: 'ok' as const, pendingMigrations: [] };
    },
  });
}
