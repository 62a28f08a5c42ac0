import { errorBody, fileResponse } from '@relance/contracts/common';
import { type ExportFormat, exportParams, exportQuery } from '@relance/contracts/exports';
import { kpisQuery } from '@relance/contracts/reports';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ActorContext } from '../../plugins/context.ts';
import { CSV_CONTENT_TYPE } from '../../plugins/csv.ts';
import { REPLICA_NOTE, readContextOf } from '../../plugins/request-context.ts';
import { emExec } from '../../plugins/sql.ts';
import { creditorKpis } from '../reports/kpis.ts';
import type { Column } from './columns.ts';
import { kpiPreamble, kpiSections } from './kpis.ts';
import { caseBatches, caseColumns, paymentBatches, paymentColumns } from './rows.ts';
import { csvFile, csvSectionsFile, XLSX_CONTENT_TYPE, xlsxFile, xlsxSectionsFile } from './writers.ts';

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
  '400 export_period_invalid when from is after to; 403 for the vulnerable flag asked by a creditor. ' +
  REPLICA_NOTE;

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
      const { ctx } = await readContextOf(request, reply);
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
      const { ctx } = await readContextOf(request, reply);
      return sendExport(reply, ctx, {
        name: 'paiements',
        sheet: ctx.locale === 'en' ? 'Payments' : 'Paiements',
        format: request.params.format,
        columns: paymentColumns,
        batches: paymentBatches(ctx, request.query),
      });
    },
  });

  kpiExportRoute(app);
}

const KPI_DESCRIPTION =
  'The same query, access and figures as GET /api/v1/reports/kpis (built by the same function, never recomputed): a creditor user gets their own ' +
  'creditor (another creditorId answers 404), staff one creditor or, without creditorId, every creditor. One section (CSV, separated by a blank ' +
  'line) or sheet (XLSX) per block: indicators (value, target, met), amounts, ageing, funnel, cohorts, collected and remitted per month. ' +
  'Rates in percent, delays in days, amounts in euros; the creditor’s name is a text cell (formula-safe in CSV). ' +
  '400 validation_failed or kpi_period_invalid as the KPI endpoint. ' +
  REPLICA_NOTE;

function kpiExportRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/exports/kpis.:format', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['exports'],
      summary: 'The KPIs of a period as CSV or XLSX, one section or sheet per block',
      description: KPI_DESCRIPTION,
      params: exportParams,
      querystring: kpisQuery,
      response: { 200: fileResponse('The file', [CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE]), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => {
      const { ctx, agencyEm } = await readContextOf(request, reply);
      // The journal is staff-only in PostgreSQL: read on the agency's connection, as the KPI endpoint does (reports/routes.ts).
      const kpis = await creditorKpis(ctx, request.query, emExec(agencyEm));
      const locale = ctx.locale === 'en' ? 'en' : 'fr';
      const sections = kpiSections(kpis, locale);
      const preamble = kpiPreamble(kpis, locale);
      const format = request.params.format;
      const stream =
        format === 'csv'
          ? csvSectionsFile(preamble, sections, locale)
          : xlsxSectionsFile({ sheet: locale === 'fr' ? 'Période' : 'Period', lines: preamble }, sections, locale);
      return reply
        .header('content-type', format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="indicateurs-${kpis.from}-${kpis.to}.${format}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  });
}
