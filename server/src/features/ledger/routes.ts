import { errorBody } from '@relance/contracts/common';
import { feeTransfer, feeTransferBody, journalPage as journalPageSchema, journalQuery, trialBalance, trialBalanceQuery } from '@relance/contracts/money';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userContextOf } from '../../plugins/request-context.ts';
import { transferFees } from './fee-transfers.ts';
import { journalPage, trialBalanceAt } from './read.ts';

/** Who reads the books: the agency's accountant, its managers and administrators. */
export const FINANCE_ROLES = ['admin', 'manager', 'accountant'] as const;

/** The client-funds ledger, read only: every write goes through the operations that cause it. */
export async function ledgerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/ledger/trial-balance', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Trial balance at a date: every account’s debits, credits and balance, the client account’s check (R124-2), each creditor’s position',
      description:
        'Computed from the journal at the end of `asOf` (booking date, default today): totalDebitCents always equals totalCreditCents. ' +
        'clientFunds.differenceCents is 0 when the client-funds account holds exactly what is owed to creditors and debtors, the suspense and the agency’s fees not yet transferred.',
      querystring: trialBalanceQuery,
      response: { 200: trialBalance, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => trialBalanceAt(userContextOf(request), request.query.asOf),
  });

  r.get('/api/v1/ledger/journal', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'The journal, newest first: each balanced transaction with its lines, its source and its reversal',
      description: 'Filters: booking dates, kind, account, creditor, case. Append-only: a correction is a reversing entry (reversesId / reversedById).',
      querystring: journalQuery,
      response: { 200: journalPageSchema, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => journalPage(userContextOf(request), request.query),
  });

  r.post('/api/v1/ledger/fee-transfers', {
    config: { access: ['admin', 'accountant'] },
    schema: {
      tags: ['money'],
      summary: 'Transfer the fees the agency earned out of the client-funds account into its own (fees_transferred)',
      description: 'Default amount: every fee held (agency_fees_held). More than is held: 422 ledger_fees_exceed_held. Audited.',
      body: feeTransferBody,
      response: { 201: feeTransfer, 400: errorBody, 401: errorBody, 403: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await transferFees(userContextOf(request), request.body)),
  });
}
