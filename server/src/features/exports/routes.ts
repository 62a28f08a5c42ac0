import { errorBody, fileResponse } from '@relance/contracts/common';
import { type ExportFormat, exportParams, exportQuery } from '@relance/contracts/exports';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ActorContext } from '../../plugins/context.ts';
import { CSV_CONTENT_TYPE } from '../../plugins/csv.ts';
import { actorContextOf } from '../../plugins/request-context.ts';
import type { Column } from './columns.ts';
import { caseBatches, caseColumns, paymentBatches, paymentColumns } from './rows.ts';
import { csvFile, XLSX_CONTENT_TYPE, xlsxFile } from './writers.ts';

const ACCESS = ['admin', 'manager', 'agent', 'accountant', 'creditor'] as const;

/**
 * The first batch is read before anything is sent, so a refused filter (403: the vulnerable flag
 * for a creditor) or a bad period (400) answers with its error body; the rest streams.
 */
async function primed<Row>(batches: AsyncGenerator<Row[]>): Promise<AsyncIterable<Row[]>> {
  const first = await batches.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* batches;
  })();
}

async function sendExport<Row>(
  reply: FastifyReply,
  ctx: ActorContext,
  file: { name: string; sheet: string; format: ExportFormat; columns: readonly Column<Row>[]; batches: AsyncGenerator<Row[]> },
) {
  const batches = await primed(file.batches);
  const locale = ctx.locale === 'en' ? 'en' : 'fr';
  const stream =
    file.format === 'csv' ? csvFile(file.columns, batches, locale) : xlsxFile(file.sheet, file.columns, batches, locale);
  return reply
    .header('content-type', file.format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${file.name}.${file.format}"`)
    .header('cache-control', 'no-store')
    .send(stream);
}

const DESCRIPTION =
  "Takes the case list's filters (GET /api/v1/cases) and a period `from`/`to` (Paris days, included); rows in the order they were recorded. A creditor user (or API key) " +
  'gets its own creditor only, whatever creditorId says; staff any creditor or all. Streamed: rows are read by batches and written ' +
  'as they come. CSV: UTF-8 with BOM, `;`, amounts in euros with a decimal comma (a decimal point for Accept-Language en), ' +
  'a text cell starting with =, +, -, @, tab or CR prefixed with a quote (formula injection). XLSX: one sheet, amounts as numbers. ' +
  '400 export_period_invalid when from is after to; 403 for the vulnerable flag asked by a creditor.';

export async function exportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const response = {
    200: fileResponse('The file, streamed', [CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE]),
    400: errorBody,
    401: errorBody,
    403: errorBody,
  };

  r.get('/api/v1/exports/cases.:format', {
    config: { access: [...ACCESS] },
    schema: {
      tags: ['exports'],
      summary: 'The case list as CSV or XLSX (cases placed in the period), one line per case',
      description: DESCRIPTION,
      params: exportParams,
      querystring: exportQuery,
      response,
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      return sendExport(reply, ctx, {
        name: 'dossiers',
        sheet: ctx.locale === 'en' ? 'Cases' : 'Dossiers',
        format: request.params.format,
        columns: caseColumns,
        batches: caseBatches(ctx, request.query),
      });
    },
  });

  r.get('/api/v1/exports/payments.:format', {
    config: { access: [...ACCESS] },
    schema: {
      tags: ['exports'],
      summary: 'The payments standing on the filtered cases, received in the period, as CSV or XLSX',
      description: DESCRIPTION,
      params: exportParams,
      querystring: exportQuery,
      response,
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      return sendExport(reply, ctx, {
        name: 'paiements',
        sheet: ctx.locale === 'en' ? 'Payments' : 'Paiements',
        format: request.params.format,
        columns: paymentColumns,
        batches: paymentBatches(ctx, request.query),
      });
    },
  });
}
