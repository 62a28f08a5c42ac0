import { errorBody } from '@relance/contracts/common';
import { legalSettings } from '@relance/contracts/legal-actions';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { getLegalSettings, updateLegalSettings } from './settings.ts';

export async function legalSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/agency/legal-settings', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'The agency’s judicial setting: days between the mise en demeure’s presentation and a judicial step',
      response: { 200: legalSettings, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => getLegalSettings(contextOf(request)),
  });

  r.put('/api/v1/agency/legal-settings', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['legal'],
      summary: 'Change the days between the mise en demeure’s presentation and a judicial step (audit trail)',
      body: legalSettings,
      response: { 200: legalSettings, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
    handler: async (request) => updateLegalSettings(actorContextOf(request), request.body),
  });
}
