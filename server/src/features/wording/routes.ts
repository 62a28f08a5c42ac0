import { errorBody, idParams } from '@relance/contracts/common';
import { letterPreview, letterPreviewBody, letterWording } from '@relance/contracts/messages';
import { letterWordingSaved, refuseWordingProposalBody, wordingProposal, wordingProposalList, wordingProposalQuery } from '@relance/contracts/wording';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { previewLetter } from './preview.ts';
import { approveProposal, getLetterWording, listCreditorProposals, listProposals, refuseProposal, saveLetterWording } from './service.ts';

/** The creditor's wording in force, its edit (a proposal when a creditor makes it), and a letter previewed with it. */
async function creditorWordingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/creditors/:id/letter-wording', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['messages'],
      summary: "The creditor's own greeting, tone paragraph and closing in force, per language (inside the legal skeleton)",
      description: 'Only approved wording is in force; a pending proposal is at /creditors/{id}/wording-proposals.',
      params: idParams,
      response: { 200: letterWording, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => getLetterWording(actorContextOf(request), request.params.id),
  });

  r.put('/api/v1/creditors/:id/letter-wording', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['messages'],
      summary: "Edit the creditor's own wording: in force at once for an agency manager or administrator (200), a proposal awaiting a manager's approval for a creditor (202)",
      description:
        'Read by the wording checker against the steps the creditor’s dunning strategies plan: refused (400 letter_wording_not_allowed, `details.problems` naming each phrase, why and the article) when it threatens a step not planned, suggests a court document, penal consequences, a file of bad payers, publicity of the debt, contact with third parties or repeated calls, or claims fees. A new proposal replaces the pending one. A creditor’s read-only user (viewer) is refused (403 read_only_access).',
      params: idParams,
      body: letterWording,
      response: { 200: letterWordingSaved, 202: letterWordingSaved, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const saved = await saveLetterWording(actorContextOf(request), request.params.id, request.body);
      return reply.code(saved.outcome === 'applied' ? 200 : 202).send(saved);
    },
  });

  r.get('/api/v1/creditors/:id/wording-proposals', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['messages'],
      summary: "The creditor's wording proposals, newest first (20): the pending one, and the decisions with a refusal's reason",
      params: idParams,
      response: { 200: wordingProposalList, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => listCreditorProposals(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/creditors/:id/letter-preview', {
    // Saves nothing: a creditor's read-only user may preview the letters too.
    config: { access: ['admin', 'manager', 'creditor'], viewerMayCall: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['messages'],
      summary: "A letter (PDF) and its e-mail rendered on one of the creditor's real cases with the given wording (the wording in force when none is given); nothing is sent",
      description: 'A receipt is previewed on the case\'s latest payment, as of that payment: 422 missing_rate when a half-year rate its décompte needs is not recorded.',
      params: idParams,
      body: letterPreviewBody,
      response: { 200: letterPreview, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => previewLetter(actorContextOf(request), request.params.id, request.body),
  });
}

/** The managers' side: every creditor's proposals, approve or refuse. */
async function proposalDecisionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/wording-proposals', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['messages'],
      summary: "Creditors' wording proposals in one status (pending by default, oldest first), each with the wording in force before it and what the checker says now",
      querystring: wordingProposalQuery,
      response: { 200: wordingProposalList, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listProposals(actorContextOf(request), request.query),
  });

  r.post('/api/v1/wording-proposals/:id/approve', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['messages'],
      summary: 'Approve a pending proposal: it becomes the wording in force (audited)',
      description:
        'Checked again first: 409 letter_wording_not_allowed (with each phrase) when the steps the strategies plan changed since it was proposed; 409 wording_proposal_not_pending when it was already dealt with.',
      params: idParams,
      response: { 200: wordingProposal, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => approveProposal(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/wording-proposals/:id/refuse', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['messages'],
      summary: 'Refuse a pending proposal with a reason the creditor reads; the wording in force stays (audited)',
      params: idParams,
      body: refuseWordingProposalBody,
      response: { 200: wordingProposal, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => refuseProposal(actorContextOf(request), request.params.id, request.body.reason),
  });
}

export async function wordingRoutes(app: FastifyInstance) {
  await creditorWordingRoutes(app);
  await proposalDecisionRoutes(app);
}
