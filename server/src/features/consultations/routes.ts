import { disputeParams } from '@relance/contracts/case-work';
import { errorBody } from '@relance/contracts/common';
import { answerConsultationBody, askConsultationBody, consultation, consultationList, consultationListQuery, consultationParams } from '@relance/contracts/consultations';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { answerConsultation, askConsultation, listConsultations } from './service.ts';

export async function consultationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/cases/:id/disputes/:disputeId/consultations', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['consultations'],
      summary: 'Ask the creditor a question about an open dispute (the creditor hears of it: dispute.consultation_requested)',
      description:
        '201 with the new consultation; the same question still unanswered on the same dispute answers 200 with it (a retry asks nothing twice). 409 dispute_not_open once the dispute is resolved.',
      params: disputeParams,
      body: askConsultationBody,
      response: { 200: consultation, 201: consultation, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      const asked = await askConsultation(actorContextOf(request), request.params.id, request.params.disputeId, request.body.question);
      return reply.code(asked.created ? 201 : 200).send(asked.consultation);
    },
  });

  r.get('/api/v1/consultations', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['consultations'],
      summary: "Consultations about disputes, newest first (a creditor's user sees its own creditor's only; staff may filter by creditor)",
      description: 'status: open (awaits the creditor), answered, closed (the dispute was resolved before an answer). 200 at most.',
      querystring: consultationListQuery,
      response: { 200: consultationList, 400: errorBody, 401: errorBody },
    },
    handler: async (request) => await listConsultations(actorContextOf(request), request.query),
  });

  r.post('/api/v1/consultations/:id/answer', {
    config: { access: ['creditor'] },
    schema: {
      tags: ['consultations'],
      summary: "The creditor's answer, once, with files of the case uploaded first (POST /cases/{id}/documents)",
      description:
        'The same answer again (same text, same files) returns the consultation as it is; another answer once answered is 409 consultation_already_answered; after the dispute was resolved, 409 consultation_closed. A file that is not of this case: 422 consultation_document_not_in_case.',
      params: consultationParams,
      body: answerConsultationBody,
      response: { 200: consultation, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => await answerConsultation(actorContextOf(request), request.params.id, request.body),
  });
}
