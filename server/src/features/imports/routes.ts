import { errorBody, idParams, pageOf, paginationQuery, uuid } from '@relance/contracts/common';
import { importSummary } from '@relance/contracts/imports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../plugins/auth.ts';
import { AppError } from '../../plugins/errors.ts';
import { contextOf } from '../../plugins/request-context.ts';
import { getImport, importFile, listImports, MAX_IMPORT_BYTES, toImportDto } from './service.ts';

export async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/imports', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['imports'],
      summary: 'Import a CSV of claims (fixed columns); bad rows are reported by line, good rows go in',
      description:
        'multipart/form-data: field `file` (CSV, `;` or `,`), and `creditorId` (staff only, before the file). ' +
        'A creditor user always imports for their own creditor.',
      consumes: ['multipart/form-data'],
      response: { 201: importSummary, 400: errorBody, 404: errorBody, 409: errorBody, 413: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = { ...contextOf(request), actor: requireActor(request) };
      const file = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (!file) throw new AppError('file_required', 400);
      const bytes = await file.toBuffer();
      const field = file.fields.creditorId;
      const creditorValue = field && !Array.isArray(field) && 'value' in field ? String(field.value) : undefined;
      const creditorId = creditorValue ? uuid.parse(creditorValue) : undefined;
      const batch = await importFile(ctx, { creditorId, fileName: file.filename, bytes });
      return reply.code(201).send(toImportDto(batch, ctx.locale));
    },
  });

  r.get('/api/v1/imports', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: {
      tags: ['imports'],
      summary: 'Imports, newest first (a creditor user sees only their own)',
      querystring: paginationQuery.extend({ creditorId: uuid.optional() }),
      response: { 200: pageOf(importSummary) },
    },
    handler: async (request) => {
      const ctx = { ...contextOf(request), actor: requireActor(request) };
      const page = await listImports(ctx, request.query);
      return { items: page.items.map((b) => toImportDto(b, ctx.locale)), nextCursor: page.nextCursor };
    },
  });

  r.get('/api/v1/imports/:id', {
    config: { access: ['admin', 'manager', 'creditor'] },
    schema: { tags: ['imports'], summary: 'One import with its counts and rejected rows', params: idParams, response: { 200: importSummary, 404: errorBody } },
    handler: async (request) => {
      const ctx = { ...contextOf(request), actor: requireActor(request) };
      return toImportDto(await getImport(ctx, request.params.id), ctx.locale);
    },
  });
}
