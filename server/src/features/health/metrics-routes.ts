import type { FastifyInstance } from 'fastify';
import { AppError } from '../../plugins/errors.ts';
import { bearerMatches, scrape } from '../../plugins/metrics.ts';
import { contextOf } from '../../plugins/request-context.ts';

/**
 * GET /metrics: Prometheus' text exposition format (plugins/metrics.ts). With METRICS_TOKEN set, the
 * scraper sends `Authorization: Bearer <token>`; without it the endpoint is open, for a network where
 * only Prometheus reaches it (infra/k8s/network-policies.yaml). The queue gauges are read from
 * graphile_worker's tables now, on the agency's connection.
 */
export async function metricsRoutes(app: FastifyInstance) {
  app.get('/metrics', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Prometheus metrics (text exposition format, relance_ prefixed series)',
      description:
        'HTTP latency by route pattern and status, job durations, failures and retries by task, queue depth and oldest job age, dunning runs, import rows, messages by channel and outcome, database pools, process metrics. Requires `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set (401 otherwise).',
    },
    handler: async (request, reply) => {
      const token = contextOf(request).config.metricsToken;
      if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthenticated', 401);
      }
      const em = contextOf(request).em;
      const { contentType, body } = await scrape((sql) => em.execute(sql));
      return reply.type(contentType).send(body);
    },
  });
}
