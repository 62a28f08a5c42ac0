import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requireCreditorWriter } from './access.ts';
import { contextOf } from './request-context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A creditor's read-only user (creditor role 'viewer') may call this route although it is not a
     * GET: it changes nothing of the creditor's (a preview that saves nothing) or only the caller's
     * own account (their password, two-factor enrolment, their own session). Every other write
     * refuses them, so a route added later is closed to viewers unless it says otherwise here.
     */
    viewerMayCall?: true;
  }
  interface FastifyInstance {
    /** Every write route open to creditor users, and whether a viewer may call it (for review and the sweep test). */
    creditorWriteRoutes: readonly { method: string; url: string; viewerMayCall: boolean }[];
  }
}

/** Methods that read only: a viewer may call every one of them. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Applies the viewer rule (plugins/access.ts `requireCreditorWriter`: a creditor's 'viewer' reads
 * and never writes) to every write request, whatever the route: a write route forgetting a check
 * is refused to viewers anyway (fail closed). It runs after authentication (register this plugin
 * after the auth plugin).
 */
export const creditorRolesPlugin = fp(async (app: FastifyInstance) => {
  const creditorWriteRoutes: { method: string; url: string; viewerMayCall: boolean }[] = [];
  app.decorate('creditorWriteRoutes', creditorWriteRoutes);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!route.url.startsWith('/api/') || !Array.isArray(access) || !access.includes('creditor')) return;
    for (const method of [route.method].flat()) {
      if (!READ_METHODS.has(method)) creditorWriteRoutes.push({ method, url: route.url, viewerMayCall: route.config?.viewerMayCall === true });
    }
  });
  app.addHook('onRequest', async (request) => {
    if (READ_METHODS.has(request.method) || request.routeOptions.config?.viewerMayCall === true) return;
    await requireCreditorWriter(contextOf(request), request.actor);
  });
});
