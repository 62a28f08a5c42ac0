import { errorBody, pageOf, paginationQuery } from '@relance/contracts/common';
import { closureProposal, imminentPrescription } from '@relance/contracts/prescription';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { closureProposals, imminentPrescriptions } from './service.ts';

const managers = ['admin', 'manager'] as const;

/** The managers' prescription lists: cases to close, claims to act on before they prescribe. */
export async function prescriptionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/prescription/closure-proposals', {
    config: { access: managers },
    schema: {
      tags: ['prescription'],
      summary: 'Open cases whose every claim is prescribed: proposed for closure',
      description:
        'Nothing may be demanded on them any more (C. civ. 2219; C. conso. L121-2): they have left the queue and dunning. ' +
        'Close one with POST /cases/{id}/status (status closed, the suggested outcome and reason "Prescription acquise"). ' +
        'The longest prescribed first; what was paid stays paid (C. civ. 2249).',
      querystring: paginationQuery,
      response: { 200: pageOf(closureProposal), 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => closureProposals(actorContextOf(request), request.query),
  });

  r.get('/api/v1/prescription/imminent', {
    config: { access: managers },
    schema: {
      tags: ['prescription'],
      summary: 'Claims that prescribe within 90 days, with the action that would interrupt each',
      description:
        'Nearest first. Actions: obtain a payment or a written or electronic acknowledgment (C. civ. 2240), file an injonction de payer ' +
        '(C. civ. 2241); a consumer-credit forclusion (C. conso. R312-35) is kept only by a court claim.',
      querystring: paginationQuery,
      response: { 200: pageOf(imminentPrescription), 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => imminentPrescriptions(actorContextOf(request), request.query),
  });
}
