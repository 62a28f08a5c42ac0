import { errorBody, fileResponse, idParams, paginationQuery } from '@relance/contracts/common';
import {
  commissionInvoice,
  commissionInvoicePage,
  commissionInvoiceQuery,
  createRemittanceRunBody,
  debtorRefund,
  heldFunds as heldFundsSchema,
  invoicePaymentBody,
  refundPaidByHandBody,
  remittancePage,
  remittanceQuery,
  remittanceRun,
  remittanceRunPage,
} from '@relance/contracts/money';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInParis } from '../../plugins/context.ts';
import { actorContextOf, userContextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import { FINANCE_ROLES } from '../ledger/routes.ts';
import { heldFunds } from './held-funds.ts';
import { recordInvoicePayment } from './invoice-payments.ts';
import { recordRefundPaidByHand } from './refunds.ts';
import { getRun, invoicePdf, listInvoices, listRemittances, listRuns, runPain001, statementPdf } from './remittance-read.ts';
import { startRemittanceRun } from './remittance-runs.ts';
import { sendRemittanceRun } from './remittance-sent.ts';

/** Finance staff, and a creditor's users and keys for their own statements and invoices. */
const FINANCE_AND_CREDITORS = [...FINANCE_ROLES, 'creditor'] as const;

function attachment(reply: FastifyReply, fileName: string, contentType: string) {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store');
}

/** Remittance runs (CPCE R124-6): draft, documents, sent to the bank; the funds held per creditor; each creditor's remittances. */
export async function remittanceRoutes(app: FastifyInstance) {
  await runRoutes(app);
  await heldAndRemittanceRoutes(app);
}

async function runRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/remittances/runs', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Prepare a remittance run (draft): per creditor, its payments, commission invoice, statement; refunds to debtors; one pain.001',
      description:
        'For one creditor, or every creditor holding funds: the payments received up to `through` and not yet remitted, the commission per the mandate ' +
        '(percent, tiers, fixed fee once per case, direct payments if the mandate says so), VAT 20 % on the invoice total, the invoice numbered F-<year>-<seq> ' +
        'and posted, deducted from the funds on the net basis. 409 remittance_run_in_progress while a draft is pending for the creditor (details.runId); ' +
        '422 remittance_nothing_to_remit, remittance_creditor_without_iban, remittance_agency_without_iban.',
      body: createRemittanceRunBody,
      response: { 201: remittanceRun, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = userContextOf(request);
      const runId = await startRemittanceRun(ctx, request.body);
      return reply.code(201).send(await getRun(ctx, runId));
    },
  });

  r.get('/api/v1/remittances/runs', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Remittance runs, newest first, with their remittances, refunds and files',
      querystring: paginationQuery,
      response: { 200: remittanceRunPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listRuns(userContextOf(request), request.query),
  });

  r.get('/api/v1/remittances/runs/:id', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'A remittance run: each remittance, refund and document with its download URL (statement PDF, invoice PDF, pain.001)',
      params: idParams,
      response: { 200: remittanceRun, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getRun(userContextOf(request), request.params.id),
  });

  r.get('/api/v1/remittances/runs/:id/pain001', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'The run’s SEPA credit-transfer file (pain.001.001.09) for the bank',
      description: 'Debits the agency’s client-funds account; one transfer per remittance (EndToEndId R + id) and per refund with an IBAN (D + id). 404 when the run has no transfer.',
      params: idParams,
      response: { 200: fileResponse('The pain.001 XML, as an attachment', ['application/xml']), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { fileName, xml } = await runPain001(userContextOf(request), request.params.id);
      return attachment(reply, fileName, 'application/xml; charset=utf-8').send(xml);
    },
  });

  r.post('/api/v1/remittances/runs/:id/sent', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Mark a run sent to the bank: books each transfer (remittance_sent, refund_sent), tells each creditor (webhook remittance.sent)',
      description: 'Once: 409 remittance_run_already_sent the second time; 409 remittance_funds_changed when a payment was reversed since the run was prepared.',
      params: idParams,
      response: { 200: remittanceRun, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = userContextOf(request);
      await sendRemittanceRun(ctx, request.params.id);
      return getRun(ctx, request.params.id);
    },
  });

}

async function heldAndRemittanceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/remittances/held', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Funds held per creditor against the R124-6 deadline (one month from receipt unless stipulated), most urgent first',
      response: { 200: heldFundsSchema, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => {
      const ctx = userContextOf(request);
      return heldFunds(emExec(ctx.em), todayInParis(ctx.clock));
    },
  });

  r.get('/api/v1/remittances', {
    config: { access: [...FINANCE_AND_CREDITORS] },
    schema: {
      tags: ['money'],
      summary: 'Remittances, newest first (a creditor sees its own), each with its statement and invoice URLs',
      querystring: remittanceQuery,
      response: { 200: remittancePage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listRemittances(actorContextOf(request), request.query),
  });

  r.get('/api/v1/remittances/:id/statement.pdf', {
    config: { access: [...FINANCE_AND_CREDITORS] },
    schema: {
      tags: ['money'],
      summary: 'The remittance statement (relevé de reversement) PDF: each payment, case, debtor, amount, commission, net',
      params: idParams,
      response: { 200: fileResponse('The PDF, as an attachment', ['application/pdf']), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { fileName, pdf } = await statementPdf(actorContextOf(request), request.params.id);
      return attachment(reply, fileName, 'application/pdf').send(pdf);
    },
  });
}

/** Commission invoices (CGI 242 nonies A; C. com. L441-9, L441-10). */
export async function commissionInvoiceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/commission-invoices', {
    config: { access: [...FINANCE_AND_CREDITORS] },
    schema: {
      tags: ['money'],
      summary: 'Commission invoices, newest number first (a creditor sees its own)',
      querystring: commissionInvoiceQuery,
      response: { 200: commissionInvoicePage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listInvoices(actorContextOf(request), request.query),
  });

  r.get('/api/v1/commission-invoices/:id/pdf', {
    config: { access: [...FINANCE_AND_CREDITORS] },
    schema: {
      tags: ['money'],
      summary: 'The commission invoice PDF, with the mentions of an invoice between professionals',
      params: idParams,
      response: { 200: fileResponse('The PDF, as an attachment', ['application/pdf']), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { fileName, pdf } = await invoicePdf(actorContextOf(request), request.params.id);
      return attachment(reply, fileName, 'application/pdf').send(pdf);
    },
  });

  r.post('/api/v1/debtor-refunds/:id/paid', {
    config: { access: ['admin', 'accountant'] },
    schema: {
      tags: ['money'],
      summary: 'Record an overpayment refunded by hand (card refund, cheque, transfer outside the run): it leaves the client account (refund_sent)',
      description: 'Only a refund waiting as manual (no IBAN to send it to): 409 refund_not_manual otherwise. Timeline and audit entries.',
      params: idParams,
      body: refundPaidByHandBody,
      response: { 200: debtorRefund, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => recordRefundPaidByHand(userContextOf(request), request.params.id, request.body),
  });

  r.post('/api/v1/commission-invoices/:id/payments', {
    config: { access: ['admin', 'manager', 'accountant'] },
    schema: {
      tags: ['money'],
      summary: 'Record the creditor’s payment of a commission invoice to the agency’s own account (invoice_paid)',
      description: 'At most what the invoice still owes (total − deducted − paid): 422 commission_invoice_overpaid. Audited. Answers the invoice with paidCents and outstandingCents.',
      params: idParams,
      body: invoicePaymentBody,
      response: { 201: commissionInvoice, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await recordInvoicePayment(userContextOf(request), request.params.id, request.body)),
  });
}
