import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';
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
 * The viewer rule, in one place for every route (issue 13, item 12): inside a creditor, a
 * 'viewer' reads and never writes; an 'uploader' reads and writes what creditor users may write.
 * It runs after authentication (register this plugin after the auth plugin), on every request
 * whose actor is a signed-in creditor user, whatever the route: a write route forgetting a check
 * is refused to viewers anyway (fail closed). The role is read from the database, not from the
 * token, so a downgrade applies at once; and anything but 'uploader' (an unknown row, a null role)
 * counts as read-only. Staff are not creditor users. An API key passes: a key exists to push work
 * into the agency, and only an uploader can create one.
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
    if (READ_METHODS.has(request.method)) return;
    const actor = request.actor;
    if (actor?.role !== 'creditor' || actor.via === 'api_key') return;
    if (request.routeOptions.config?.viewerMayCall === true) return;
    const [row] = await contextOf(request).em.execute<{ creditor_role: string | null }[]>(
      'select creditor_role from app_user where id = ?',
      [actor.userId],
    );
    if (row?.creditor_role !== 'uploader') throw new AppError('read_only_access', 403);
  });
});
