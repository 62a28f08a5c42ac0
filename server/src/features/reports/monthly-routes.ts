import { errorBody, fileResponse, idParams } from '@relance/contracts/common';
import {
  monthlyReport,
  monthlyReportEmail,
  monthlyReportEmailBody,
  monthlyReportList,
  monthlyReportListQuery,
  monthlyReportRequest,
  monthlyReportRequestQuery,
} from '@relance/contracts/reports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { getMonthlyReport, listMonthlyReports, monthlyReportPdf, requestMonthlyReport, setMonthlyReportEmail } from './monthly.ts';

const access = ['admin', 'manager', 'creditor'] as const;

/** The monthly PDF report (issue 19): request, list, status, download, and a creditor user's e-mail choice. */
export async function monthlyReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/reports/monthly', {
    config: { access: [...access] },
    schema: {
      tags: ['reports'],
      summary: 'Print the monthly report of a finished month: queued (202), or the one already there (200)',
      description:
        'One report per creditor and month: a retried request answers the same report and queues no second job. A creditor user gets their own creditor; staff must give creditorId and may print again with ?force=true (403 for a creditor user). ' +
        '400 report_month_invalid for a malformed month or one not finished yet; validation_failed when staff give no creditorId.',
      body: monthlyReportRequest,
      querystring: monthlyReportRequestQuery,
      response: { 200: monthlyReport, 202: monthlyReport, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { report, created } = await requestMonthlyReport(actorContextOf(request), request.body, request.query.force === 'true');
      return reply.code(created ? 202 : 200).send(report);
    },
  });

  r.get('/api/v1/reports/monthly', {
    config: { access: [...access] },
    schema: {
      tags: ['reports'],
      summary: 'The monthly reports, newest month first (a creditor user: their own, with their e-mail choice)',
      querystring: monthlyReportListQuery,
      response: { 200: monthlyReportList, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listMonthlyReports(actorContextOf(request), request.query.creditorId),
  });

  r.patch('/api/v1/reports/monthly/email', {
    // The caller's own account, not the creditor's data: a viewer may choose too; a person only.
    config: { access: ['creditor'], apiKey: false, viewerMayCall: true },
    schema: {
      tags: ['reports'],
      summary: 'A creditor user chooses to receive each month’s report by e-mail (sent on the 1st from the agency)',
      body: monthlyReportEmailBody,
      response: { 200: monthlyReportEmail, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => setMonthlyReportEmail(actorContextOf(request), request.body.enabled),
  });

  r.get('/api/v1/reports/monthly/:id', {
    config: { access: [...access] },
    schema: {
      tags: ['reports'],
      summary: 'A monthly report’s status: queued, ready (pdfUrl) or failed (error); another creditor’s answers 404',
      params: idParams,
      response: { 200: monthlyReport, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getMonthlyReport(actorContextOf(request), request.params.id),
  });

  r.get('/api/v1/reports/monthly/:id/pdf', {
    config: { access: [...access] },
    schema: {
      tags: ['reports'],
      summary: 'The monthly report’s PDF (409 report_not_ready while queued or failed; another creditor’s answers 404)',
      params: idParams,
      response: { 200: fileResponse('The report, A4', ['application/pdf']), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      const { pdf, fileName } = await monthlyReportPdf(actorContextOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(pdf);
    },
  });
}
