import { errorBody, idParams } from '@relance/contracts/common';
import { caseRegistry, declarationParams, markDeclaredBody } from '@relance/contracts/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { adoptRegisteredAddress, markClaimDeclared } from './actions.ts';
import { getCaseRegistry } from './read.ts';

export async function registryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/registry', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['cases'],
      summary: 'What the company registry says of the debtor company, the collective proceedings and the claim declarations',
      description:
        'Looked up at intake and weekly (REGISTRY_PROVIDER: local, pappers or sirene+bodacc). differences: the name and address the creditor sent ' +
        'that the registry says otherwise. paused: collective proceedings stop individual collection (C. com. L622-21): every door answers 422 ' +
        'insolvency_proceedings. declarations: the claim to declare to the mandataire judiciaire within two months of the BODACC publication ' +
        '(L622-24, R622-24), with its generated déclaration de créance (a case document). flag company_ceased: closed without proceedings, for a manager.',
      params: idParams,
      response: { 200: caseRegistry, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => await getCaseRegistry(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/cases/:id/registry/adopt-address', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: "Take the registered office's address from the registry as the debtor's postal address (audit trail)",
      description: 'The addresses on file stay, no longer valid. 409 registry_address_unavailable when the registry gives no address other than those on file.',
      params: idParams,
      response: { 200: caseRegistry, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => await adoptRegisteredAddress(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/cases/:id/claim-declarations/:declarationId/declared', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['cases'],
      summary: 'Record that the claim was declared to the mandataire judiciaire, on a day (the task is done)',
      description: '400 date_in_future; 409 claim_declaration_already_declared. A day after the deadline is recorded with a note: a relevé de forclusion is needed (C. com. L622-26).',
      params: declarationParams,
      body: markDeclaredBody,
      response: { 200: caseRegistry, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => await markClaimDeclared(actorContextOf(request), request.params.id, request.params.declarationId, request.body.declaredOn),
  });
}
