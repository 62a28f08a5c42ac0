import { errorBody, fileResponse, idParams, pageOf } from '@relance/contracts/common';
import { createRgpdRequestBody, debtorDataExport, decideRgpdRequestBody, listRgpdRequestsQuery, rgpdRequest } from '@relance/contracts/rgpd';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { exportDebtorData, exportDebtorDataPdf } from './export.ts';
import { createRgpdRequest, decideRgpdRequest, listRgpdRequests } from './requests.ts';

/** Managers and admins answer the people's requests (the agency as its creditors' processor, RGPD art. 28(3)(e)). */
const managers = ['admin', 'manager'] as const;

function attachment(reply: FastifyReply, fileName: string, contentType: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store');
}

export async function rgpdRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/debtor-data', {
    config: { access: managers },
    schema: {
      tags: ['rgpd'],
      summary: "Everything held on the case's debtor (RGPD art. 15), as a JSON file; recorded in the audit trail",
      description: 'Vulnerability notes are left out, as for everyone outside the agency staff.',
      params: idParams,
      response: { 200: debtorDataExport, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { data, fileName } = await exportDebtorData(userContextOf(request), request.params.id);
      return attachment(reply, fileName, 'application/json; charset=utf-8').send(data);
    },
  });

  r.get('/api/v1/cases/:id/debtor-data/pdf', {
    config: { access: managers },
    schema: {
      tags: ['rgpd'],
      summary: "A PDF summary of the debtor's data for the person (RGPD art. 15); recorded in the audit trail",
      params: idParams,
      response: { 200: fileResponse('The PDF, as an attachment', ['application/pdf']), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { pdf, fileName } = await exportDebtorDataPdf(userContextOf(request), request.params.id);
      return attachment(reply, fileName, 'application/pdf').send(pdf);
    },
  });

  r.post('/api/v1/cases/:id/rgpd-requests', {
    config: { access: managers },
    schema: {
      tags: ['rgpd'],
      summary: "Record a request of the case's debtor: access, rectification or erasure (who asked, when, what, how); due one month after receipt",
      params: idParams,
      body: createRgpdRequestBody,
      response: { 201: rgpdRequest, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createRgpdRequest(userContextOf(request), request.params.id, request.body)),
  });

  r.get('/api/v1/rgpd-requests', {
    config: { access: managers },
    schema: {
      tags: ['rgpd'],
      summary: 'RGPD requests with their status and due date: pending ones first, the most urgent first',
      querystring: listRgpdRequestsQuery,
      response: { 200: pageOf(rgpdRequest), 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listRgpdRequests(userContextOf(request), request.query),
  });

  r.post('/api/v1/rgpd-requests/:id/decision', {
    config: { access: managers },
    schema: {
      tags: ['rgpd'],
      summary: 'Decide a request: answer (access), rectify, erase, or refuse with a reason',
      description:
        'An erasure while the case is being collected is refused and the request says why (RGPD art. 17(3)(e), 6(1)(b) and (f)): 200 with status refused. ' +
        'An erasure on a closed case anonymises the debtor at once, keeping amounts, dates and the evidence the law requires.',
      params: idParams,
      body: decideRgpdRequestBody,
      response: { 200: rgpdRequest, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => decideRgpdRequest(userContextOf(request), request.params.id, request.body),
  });
}
