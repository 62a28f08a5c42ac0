import type { MultipartFile } from '@fastify/multipart';
import { errorBody, fileResponse, idParams, pageOf, paginationQuery, uuid } from '@relance/contracts/common';
import { importCommitBody, importCreated, importMapping, importPreview, importSummary, savedImportMapping } from '@relance/contracts/imports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSV_CONTENT_TYPE } from '../../plugins/csv.ts';
import { AppError } from '../../plugins/errors.ts';
import { actorContextOf } from '../../plugins/request-context.ts';
import {
  cancelImport,
  commitImport,
  createImport,
  getImport,
  importNow,
  listImports,
  listMappings,
  MAX_IMPORT_BYTES,
  previewImport,
  rejectionsCsv,
} from './service.ts';

const access = { access: ['admin', 'manager', 'creditor'] as const };

function fieldValue(fields: Record<string, unknown>, name: string): string | undefined {
  const field = fields[name];
  if (!field || Array.isArray(field) || typeof field !== 'object' || !('value' in field)) return undefined;
  const value = String((field as { value: unknown }).value).trim();
  return value === '' ? undefined : value;
}

export async function importRoutes(app: FastifyInstance) {
  uploadRoute(app);
  importReadRoutes(app);
  importRunRoutes(app);
  rejectionsRoute(app);
}

/** The upload's form fields (sent before the file) as the service's input. */
function uploadInput(file: MultipartFile) {
  const fields = file.fields as Record<string, unknown>;
  const creditorText = fieldValue(fields, 'creditorId');
  const mappingIdText = fieldValue(fields, 'mappingId');
  const mappingText = fieldValue(fields, 'mapping');
  let mapping = null;
  if (mappingText) {
    try {
      mapping = importMapping.parse(JSON.parse(mappingText));
    } catch {
      throw new AppError('validation_failed', 400, { issues: [{ path: 'mapping', message: 'invalid mapping JSON' }] });
    }
  }
  return {
    creditorId: creditorText ? uuid.parse(creditorText) : undefined,
    mappingId: mappingIdText ? uuid.parse(mappingIdText) : null,
    mapping,
    sheet: fieldValue(fields, 'sheet') ?? null,
    fileName: file.filename,
    stream: file.file,
  };
}

function uploadRoute(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/imports', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'Upload a creditor file (CSV or XLSX); creates a pending import to preview and commit',
      description:
        'multipart/form-data, fields before the file: `creditorId` (staff only), optional `mappingId` (a saved mapping), ' +
        'optional `mapping` (JSON: field -> header), optional `sheet` (XLSX sheet name; default the first), then `file`. ' +
        'The file is streamed into storage with its SHA-256. Returns the mapping that will be used (explicit, saved for these ' +
        'headers, or suggested when every required field matches unambiguously) or what is missing/ambiguous. ' +
        'With `?commit=true` the import is also run in the request (small files) and the finished import is returned; ' +
        'an incomplete mapping then fails with `import_mapping_incomplete` listing what is missing.',
      consumes: ['multipart/form-data'],
      querystring: z.object({ commit: z.enum(['true', 'false']).optional() }),
      response: { 201: z.union([importSummary, importCreated]), 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      const file = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (!file) throw new AppError('file_required', 400);
      const input = uploadInput(file);
      try {
        if (request.query.commit === 'true') return reply.code(201).send(await importNow(ctx, request.deps.pools.imports, input));
        return reply.code(201).send(await createImport(ctx, request.deps.pools.imports, input));
      } finally {
        // Whatever happened, leave no half-read upload behind.
        file.file.resume();
      }
    },
  });
}

/** The list, the saved mappings and one import. */
function importReadRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/imports', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'Imports, newest first (a creditor user sees only their own)',
      querystring: paginationQuery.extend({ creditorId: uuid.optional() }),
      response: { 200: pageOf(importSummary) },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return await listImports(ctx, request.query);
    },
  });

  r.get('/api/v1/imports/mappings', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: "A creditor's saved column mappings (staff pass creditorId)",
      querystring: z.object({ creditorId: uuid.optional() }),
      response: { 200: z.object({ items: z.array(savedImportMapping) }), 400: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return { items: await listMappings(ctx, request.query.creditorId) };
    },
  });

  r.get('/api/v1/imports/:id', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'One import: status, counts, progress (rows done of total, rate, time left), the first rejected rows',
      params: idParams,
      response: { 200: importSummary, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return await getImport(ctx, request.params.id);
    },
  });
}

/** Preview, commit and cancel. */
function importRunRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/imports/:id/preview', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'Preview with the mapping in use: first rows as parsed, and counts a commit would give (dry run)',
      params: idParams,
      response: { 200: importPreview, 400: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return await previewImport(ctx, request.deps.pools.imports, request.params.id, null);
    },
  });

  r.post('/api/v1/imports/:id/preview', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'Preview with a corrected mapping (not saved until commit)',
      params: idParams,
      body: importCommitBody,
      response: { 200: importPreview, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return await previewImport(ctx, request.deps.pools.imports, request.params.id, request.body.mapping ?? null);
    },
  });

  r.post('/api/v1/imports/:id/commit', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'Run the import in the background (job imports__run); optionally with a corrected mapping, saved for the creditor',
      description: 'Allowed when pending or failed (a failed import wrote nothing and can run again). Poll GET /imports/{id} for progress.',
      params: idParams,
      body: importCommitBody.optional(),
      response: { 202: importSummary, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      return reply.code(202).send(await commitImport(ctx, request.params.id, request.body?.mapping ?? null));
    },
  });

  r.post('/api/v1/imports/:id/cancel', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary: 'Cancel a pending or running import (a running one stops between two batches; nothing is kept)',
      params: idParams,
      response: { 200: importSummary, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return await cancelImport(ctx, request.params.id);
    },
  });
}

function rejectionsRoute(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/imports/:id/rejections', {
    config: { access: [...access.access] },
    schema: {
      tags: ['imports'],
      summary:
        "Rejected rows as CSV: file line (the header is line 1), column, reason code and message in the caller's language; a cell starting with =, +, -, @, tab or CR gets a leading ' (formula injection)",
      params: idParams,
      response: { 200: fileResponse('One line per rejected row', ['text/csv']), 404: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      const chunks: string[] = [];
      // The scope check runs on the first pull, so a foreign id answers 404 before any byte is sent.
      const csv = rejectionsCsv(ctx, request.params.id);
      const first = await csv.next();
      if (!first.done) chunks.push(first.value);
      for await (const chunk of csv) chunks.push(chunk);
      return reply
        .header('content-type', CSV_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="rejets-${request.params.id}.csv"`)
        .send(chunks.join(''));
    },
  });
}
