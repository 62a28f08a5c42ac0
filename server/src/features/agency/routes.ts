import { agencyBrand, agencyResponse, updateAgencyBody } from '@relance/contracts/agency';
import { securitySettings } from '@relance/contracts/auth';
import { errorBody, fileResponse } from '@relance/contracts/common';
import { contactSettings } from '@relance/contracts/contact-rules';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../plugins/errors.ts';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { readLogoUpload } from '../creditors/logo.ts';
import { getAgencyBrand, getAgencyLogo, removeAgencyLogo, setAgencyLogo } from './brand.ts';
import { getContactSettings, updateContactSettings } from './contact-settings.ts';
import { getSecuritySettings, updateSecuritySettings } from './security-settings.ts';
import { getAgency, updateAgency } from './service.ts';

export async function agencyRoutes(app: FastifyInstance) {
  await profileRoutes(app);
  await brandRoutes(app);
}

async function profileRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/agency', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['agency'],
      summary: 'The agency profile and the status of its R124-2 records today',
      description:
        '`status.compliant` false means intake is refused (POST /imports, POST /cases answer 409 agency_records_invalid); ' +
        '`status.warnings` lists records expiring within 30 days.',
      response: { 200: agencyResponse, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await getAgency(contextOf(request)),
  });

  r.put('/api/v1/agency', {
    config: { access: ['admin'] },
    schema: {
      tags: ['agency'],
      summary: 'Create or replace the agency profile (identity, insurance, client-funds account, declaration to the procureur, brand)',
      body: updateAgencyBody,
      response: { 200: agencyResponse, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await updateAgency(contextOf(request), request.body),
  });

  r.get('/api/v1/agency/contact-settings', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['agency'],
      summary: 'Contact policy: the cap of contacts per debtor over 7 days and whether breaking a rule when calling warns or blocks',
      response: { 200: contactSettings, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await getContactSettings(contextOf(request)),
  });

  r.put('/api/v1/agency/contact-settings', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['agency'],
      summary: "Set the contact policy (a manager's setting; recorded in the audit trail)",
      body: contactSettings,
      response: { 200: contactSettings, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request) => await updateContactSettings(actorContextOf(request), request.body),
  });

  r.get('/api/v1/agency/security-settings', {
    config: { access: ['admin'], apiKey: false },
    schema: {
      tags: ['agency'],
      summary: 'Security settings: whether staff must use two-factor authentication (TOTP)',
      response: { 200: securitySettings, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await getSecuritySettings(contextOf(request)),
  });

  r.put('/api/v1/agency/security-settings', {
    config: { access: ['admin'], apiKey: false },
    schema: {
      tags: ['agency'],
      summary: 'Require two-factor authentication from staff (from their next login); the admin must use it first (409 totp_enrol_first)',
      body: securitySettings,
      response: { 200: securitySettings, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request) => await updateSecuritySettings(actorContextOf(request), request.body),
  });
}

/** Issue 19, white label: the agency's brand, public (the sign-in page shows it before a session). */
async function brandRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/agency/brand', {
    config: { access: 'public' },
    schema: {
      tags: ['agency'],
      summary: "The agency's brand for the staff app and the creditors' area: name, colour, logo URL, whether the \"propulsé par\" line shows (public, nothing else of the profile)",
      response: { 200: agencyBrand },
    },
    // Not cached by browsers: the screens re-read it right after an administrator changes it.
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-cache');
      return await getAgencyBrand(contextOf(request));
    },
  });

  r.put('/api/v1/agency/logo', {
    config: { access: ['admin'] },
    schema: {
      tags: ['agency'],
      summary: "Upload the agency's logo (multipart field `file`: PNG, JPEG, WebP or SVG, 512 KB and 4000 x 4000 pixels at most; stored re-encoded as PNG, as a creditor's)",
      consumes: ['multipart/form-data'],
      response: { 200: agencyBrand, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      await setAgencyLogo(ctx, await readLogoUpload(request, ctx.locale));
      return await getAgencyBrand(ctx);
    },
  });

  r.delete('/api/v1/agency/logo', {
    config: { access: ['admin'] },
    schema: {
      tags: ['agency'],
      summary: "Remove the agency's logo (the screens show its name alone)",
      response: { 200: agencyBrand, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      await removeAgencyLogo(ctx);
      return await getAgencyBrand(ctx);
    },
  });

  r.get('/api/v1/agency/logo', {
    config: { access: 'public' },
    schema: {
      tags: ['agency'],
      summary: "The agency's logo (public brand asset)",
      response: { 200: fileResponse('The logo', ['image/png']), 404: errorBody },
    },
    handler: async (request, reply) => {
      const logo = await getAgencyLogo(contextOf(request));
      if (!logo) throw new AppError('not_found', 404);
      return reply
        .header('content-type', 'image/png')
        .header('cache-control', 'public, max-age=86400')
        .header('content-security-policy', "default-src 'none'")
        .send(logo);
    },
  });
}
