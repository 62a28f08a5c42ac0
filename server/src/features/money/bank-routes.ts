import { errorBody, idParams, paginationQuery } from '@relance/contracts/common';
import { bankEntriesQuery, bankEntry, bankEntryPage, bankStatement, bankStatementPage, matchBankEntryBody, unmatchBankEntryBody } from '@relance/contracts/money';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../plugins/errors.ts';
import { userContextOf } from '../../plugins/request-context.ts';
import { FINANCE_ROLES } from '../ledger/routes.ts';
import { getBankEntry, getBankStatement, listBankEntries, listBankStatements } from './bank-read.ts';
import { importBankStatement } from './bank-statements.ts';
import { matchBankEntry, unmatchBankEntry } from './manual-match.ts';

/** Bank statements in (camt.053) and the reconciliation queue: the agency's finance staff only. */
export async function bankRoutes(app: FastifyInstance) {
  statementRoutes(app);
  entryRoutes(app);
}

function statementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/bank-statements', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Import a camt.053 bank statement of the client-funds account: credits matched to cases by their RF reference, the rest queued',
      description:
        'multipart/form-data with one `file` (camt.053.001.02 to .001.08, at most 50 MB unless BANK_STATEMENT_MAX_BYTES says otherwise (413 `file_too_large`), read as a stream). Refused whole (422) when the XML is not a ' +
        'camt.053 (`bank_statement_invalid`), its version is not read (`bank_statement_unsupported_version`), opening + credits − debits ≠ closing ' +
        '(`bank_statement_unbalanced`, with the figures) or the account is not the agency’s client-funds account (`bank_statement_wrong_account`). ' +
        'In one transaction: each credit bearing a case’s ISO 11649 reference becomes that case’s payment (ledger posting, numbered receipt); ' +
        'other credits wait in suspense (status unmatched); reversals and returns take back the entry they name; debits confirm remittances (EndToEndId R…) ' +
        'and refunds (D…). 201 with the statement; the same statement again (MsgId + Stmt/Id, or the same file) creates nothing: 200 with alreadyImported true.',
      consumes: ['multipart/form-data'],
      response: { 200: bankStatement, 201: bankStatement, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody, 415: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = userContextOf(request);
      const maxBytes = request.deps.config.bankStatementMaxBytes;
      const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
      if (!file) throw new AppError('file_required', 400);
      try {
        const imported = await importBankStatement(ctx, { fileName: file.filename || 'camt053.xml', stream: file.file });
        if (file.file.truncated) throw new AppError('file_too_large', 413, { maxBytes });
        const statement = await getBankStatement(ctx, imported.statementId, !imported.created);
        return reply.code(imported.created ? 201 : 200).send(statement);
      } finally {
        // Whatever happened, leave no half-read upload behind.
        file.file.resume();
      }
    },
  });

  r.get('/api/v1/bank-statements', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Imported bank statements, most recent first, with their entries counted by status',
      querystring: paginationQuery,
      response: { 200: bankStatementPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listBankStatements(userContextOf(request), request.query),
  });

  r.get('/api/v1/bank-statements/:id', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'One bank statement with every entry and what it became (unmatched credits with suggestions)',
      params: idParams,
      response: { 200: bankStatement, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getBankStatement(userContextOf(request), request.params.id),
  });
}

function entryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/bank-entries', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'The reconciliation queue: bank entries by status (e.g. unmatched, reversal_unmatched, debit_unmatched, foreign_currency), oldest first',
      description: 'An unmatched credit comes with the cases it may pay, best first (amount, payer’s name, references in the text).',
      querystring: bankEntriesQuery,
      response: { 200: bankEntryPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listBankEntries(userContextOf(request), request.query),
  });

  r.post('/api/v1/bank-entries/:id/match', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Attribute an unmatched credit to a case: its payment (with a receipt) is recorded and the suspense cleared',
      description: '409 `bank_entry_already_matched` when it is matched already, `bank_entry_not_matchable` when it is not a waiting credit. Audited.',
      params: idParams,
      body: matchBankEntryBody,
      response: { 200: bankEntry, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = userContextOf(request);
      await matchBankEntry(ctx, request.params.id, request.body.caseId);
      return await getBankEntry(ctx, request.params.id);
    },
  });

  r.post('/api/v1/bank-entries/:id/unmatch', {
    config: { access: [...FINANCE_ROLES] },
    schema: {
      tags: ['money'],
      summary: 'Undo a match (manual or by reference): the payment is reversed, its receipt cancelled, the credit waits in suspense again',
      description: 'Reversing entries, never an edit. 409 `bank_entry_not_matched` when the entry is not matched. Audited.',
      params: idParams,
      body: unmatchBankEntryBody,
      response: { 200: bankEntry, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = userContextOf(request);
      await unmatchBankEntry(ctx, request.params.id, request.body.reason);
      return await getBankEntry(ctx, request.params.id);
    },
  });
}
