import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './errors.ts';

/**
 * Serves the built web app from the same process: the staff app (index.html) and the debtor
 * portal (portal.html, its own light entry) for /pay/<token>. Unknown /api paths stay JSON 404s.
 */
export const webPlugin = fp(async (app: FastifyInstance, options: { distDir: string }) => {
  const hasDist = existsSync(join(options.distDir, 'index.html'));
  if (hasDist) {
    await app.register(fastifyStatic, { root: options.distDir, prefix: '/', wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/docs');
    if (hasDist && wantsPage) {
      if (path.startsWith('/assets/')) return sendError(request, reply, 'not_found', 404);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(path.startsWith('/pay/') ? 'portal.html' : 'index.html');
    }
    return sendError(request, reply, 'not_found', 404);
  });
});
