import { createPortalLinkBody, portalLink } from '@relance/contracts/cases';
import { errorBody, idParams } from '@relance/contracts/common';
import { GATE_REFUSAL_DESCRIPTION } from '@relance/contracts/contact-rules';
import { portalCase, portalTokenParams, portalVerifyBody, portalVerifyResponse } from '@relance/contracts/portal';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf, PORTAL_SESSION_COOKIE, portalContextOf, portalRateLimit } from '../../plugins/request-context.ts';
import { createPortalLinkForStaff, getPortalCase } from './service.ts';
import { MAX_VERIFY_FAILURES, verifyDebtor } from './verification.ts';

export async function portalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/portal-link', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['portal'],
      summary: "Create the debtor's personal link (unguessable, expiring); the case's earlier links stop working unless keepPrevious",
      description:
        'By default a new link revokes every earlier live link of the case (they then answer 404 portal_link_invalid): ' +
        'send `{ "keepPrevious": true }` to keep them working. Links printed in letters and e-mails keep the earlier ones. ' +
        'A link is for the debtor: the legal gate decides first, as for a message (no link on a prescribed case, under a dispute, ' +
        `a vulnerability flag or a mandate not in force; outside the window or over the cap it is deferred). ${GATE_REFUSAL_DESCRIPTION}`,
      params: idParams,
      body: createPortalLinkBody,
      response: { 201: portalLink, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const link = await createPortalLinkForStaff(actorContextOf(request), request.params.id, {
        keepPrevious: request.body?.keepPrevious ?? false,
        ...(request.body?.override ? { override: request.body.override } : {}),
      });
      return reply.code(201).send({ url: link.url, expiresAt: link.expiresAt.toISOString() });
    },
  });

  r.get('/api/v1/portal/:token', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: "The debtor's view of their own case, in the creditor's brand",
      description:
        'Before the debtor answers the check (`POST .../verify`), only the brand, the agency and the balance (`verified: false`); ' +
        'with the session cookie the check sets, the claims, payments and figures of the décompte (`verified: true`).',
      params: portalTokenParams,
      response: { 200: portalCase, 404: errorBody },
    },
    handler: async (request) => getPortalCase(portalContextOf(request)),
  });

  r.post('/api/v1/portal/:token/verify', {
    config: { access: 'portal', rateLimit: portalRateLimit(20) },
    schema: {
      tags: ['portal'],
      summary: 'The debtor confirms who they are: the postcode of the address the letter went to, or its reference',
      description:
        `Right: sets the httpOnly session cookie \`${PORTAL_SESSION_COOKIE}\` (scoped to this link, two hours) that every other debtor route asks for ` +
        `(401 portal_verification_required without it). Wrong: 422 portal_verification_failed with \`details.attemptsLeft\`; ` +
        `the ${MAX_VERIFY_FAILURES}th wrong answer locks the link for an hour (429 portal_locked with \`details.until\`).`,
      params: portalTokenParams,
      body: portalVerifyBody,
      response: { 200: portalVerifyResponse, 400: errorBody, 404: errorBody, 422: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const session = await verifyDebtor(portalContextOf(request), request.body.answer);
      reply.setCookie(PORTAL_SESSION_COOKIE, session.secret, {
        path: `/api/v1/portal/${request.params.token}`,
        httpOnly: true,
        sameSite: 'strict',
        secure: request.deps.config.publicUrl.startsWith('https:'),
        expires: session.expiresAt,
      });
      return { verified: true as const, expiresAt: session.expiresAt.toISOString() };
    },
  });
}
