import { errorBody, fileResponse, idParams } from '@relance/contracts/common';
import { portalReceiptList, portalReceiptParams, receiptList, receiptPage, receiptParams, receiptRegisterQuery } from '@relance/contracts/money';
import { portalTokenParams } from '@relance/contracts/portal';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf, portalContextOf } from '../../plugins/request-context.ts';
import { FINANCE_ROLES } from '../ledger/routes.ts';
import { listCaseReceipts, listPortalReceipts, portalReceiptPdf, type ReceiptPdf, receiptPdf, receiptRegister } from './receipts.ts';

const pdfResponse = fileResponse('The PDF: the copy delivered, or rendered now from the receipt row when none was kept', ['application/pdf']);

function sendPdf(reply: FastifyReply, pdf: ReceiptPdf) {
  const asciiName = pdf.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', pdf.contentType)
    .header('content-disposition', `attachment; filename="${asciiName}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(pdf.content);
}

/** Receipts (CPCE R124-6): a case's, the register, each PDF, and the debtor's on the portal. */
export async function receiptRoutes(app: FastifyInstance) {
  await staffReceiptRoutes(app);
  await portalReceiptRoutes(app);
}

/** A case's receipts, the register and each PDF: staff, and a creditor for its own cases. */
async function staffReceiptRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/receipts', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['money'],
      summary: "A case's receipts and direct-payment acknowledgments, oldest first (CPCE R124-6)",
      description: 'One per payment: a receipt (numbered Q-<year>-<seq> without gaps) for money the agency received, an acknowledgment (unnumbered) for a payment made to the creditor; a reversed payment’s receipt is cancelled (cancelledAt, cancellationUrl). Another creditor’s case answers 404.',
      params: idParams,
      response: { 200: receiptList, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listCaseReceipts(actorContextOf(request), request.params.id),
  });

  r.get('/api/v1/receipts', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'The receipts register, newest first: filters by issue day (Europe/Paris), creditor and kind',
      querystring: receiptRegisterQuery,
      response: { 200: receiptPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => receiptRegister(actorContextOf(request), request.query),
  });

  r.get('/api/v1/receipts/:id/pdf', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['money'],
      summary: 'A receipt’s PDF (or the acknowledgment of a direct payment)',
      description: 'The copy kept when it was delivered; a receipt not delivered yet is rendered from its row (422 receipt_document_refused when it fails the compliance check, missing_rate when its décompte lacks a rate). Another creditor’s receipt answers 404.',
      params: receiptParams,
      response: { 200: pdfResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => sendPdf(reply, await receiptPdf(actorContextOf(request), request.params.id, false)),
  });

  r.get('/api/v1/receipts/:id/cancellation.pdf', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['money'],
      summary: 'The notice that a receipt is cancelled (its payment was reversed)',
      description: '404 receipt_not_cancelled for a receipt that stands.',
      params: receiptParams,
      response: { 200: pdfResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => sendPdf(reply, await receiptPdf(actorContextOf(request), request.params.id, true)),
  });

}

/** The debtor's receipts under the portal link (only that case's). */
async function portalReceiptRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portal/:token/receipts', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: "The debtor's receipts: number, date, amount, whether cancelled, and the PDF under the link",
      params: portalTokenParams,
      response: { 200: portalReceiptList, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => listPortalReceipts(portalContextOf(request)),
  });

  r.get('/api/v1/portal/:token/receipts/:id/pdf', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: "One of the debtor's receipts (only the link's case)",
      params: portalReceiptParams,
      response: { 200: pdfResponse, 401: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => sendPdf(reply, await portalReceiptPdf(portalContextOf(request), request.params.id, false)),
  });

  r.get('/api/v1/portal/:token/receipts/:id/cancellation.pdf', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: "The notice that one of the debtor's receipts is cancelled",
      params: portalReceiptParams,
      response: { 200: pdfResponse, 401: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => sendPdf(reply, await portalReceiptPdf(portalContextOf(request), request.params.id, true)),
  });
}
