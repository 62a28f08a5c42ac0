import type { AuditEvent } from '@relance/contracts/audit';
import { auditExportQuery } from '@relance/contracts/audit';
import { errorBody, fileResponse } from '@relance/contracts/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ActorContext } from '../../plugins/context.ts';
import { CSV_CONTENT_TYPE } from '../../plugins/csv.ts';
import { actorContextOf } from '../../plugins/request-context.ts';
import { listAudit } from '../audit/service.ts';
import type { Column } from './columns.ts';
import { csvFile } from './writers.ts';

/** Records per batch: the audit list's largest page, read by its keyset cursor. */
const BATCH = 200;

/** The audit trail as read by the audit screen (audit/service.ts listAudit), page after page. */
export async function* auditBatches(ctx: ActorContext, query: Omit<Parameters<typeof listAudit>[1], 'limit' | 'cursor'>): AsyncGenerator<AuditEvent[]> {
  let cursor: string | undefined;
  do {
    const page = await listAudit(ctx, { ...query, limit: BATCH, ...(cursor ? { cursor } : {}) });
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Who, when, what, on which case, and the record's details (before/after) as JSON: typed text is escaped. */
export const auditColumns: readonly Column<AuditEvent>[] = [
  { fr: 'Date (UTC)', en: 'Date (UTC)', kind: 'code', width: 24, value: (row) => row.occurredAt },
  { fr: 'Auteur', en: 'Actor', kind: 'text', width: 22, value: (row) => row.actorName },
  { fr: 'Rôle', en: 'Role', kind: 'code', value: (row) => row.actorRole },
  { fr: 'Action', en: 'Action', kind: 'code', width: 24, value: (row) => row.action },
  { fr: 'Objet', en: 'Entity', kind: 'code', value: (row) => row.entity },
  { fr: "Id de l'objet", en: 'Entity id', kind: 'code', width: 36, value: (row) => row.entityId },
  { fr: 'Dossier', en: 'Case', kind: 'text', value: (row) => row.caseReference },
  { fr: 'Créancier', en: 'Creditor', kind: 'text', width: 22, value: (row) => row.creditorName },
  { fr: 'Détails (avant/après)', en: 'Details (before/after)', kind: 'text', width: 60, value: (row) => JSON.stringify(row.details) },
];

export async function auditExportRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit.csv', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['audit'],
      summary: 'The audit trail as CSV, newest first, with the filters of GET /audit',
      description:
        '`from` and `to` are days in Europe/Paris, both included. Streamed: records are read 200 at a time and written as they come. ' +
        'CSV: UTF-8 with BOM, `;`, headers in the caller\'s language, text cells (names, references, details) starting with =, +, -, @, tab or CR prefixed with a quote (formula injection). ' +
        '400 validation_failed when from is after to.',
      querystring: auditExportQuery,
      response: { 200: fileResponse('The file, streamed', ['text/csv']), 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      const batches = auditBatches(ctx, request.query);
      // The first batch before the status, so a bad period is still an error body.
      const first = await batches.next();
      const all = (async function* () {
        if (first.done) return;
        yield first.value;
        yield* batches;
      })();
      const name = request.query.caseId ? `journal-audit-${request.query.caseId}` : 'journal-audit';
      return reply
        .header('content-type', CSV_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .header('cache-control', 'no-store')
        .send(csvFile(auditColumns, all, ctx.locale === 'en' ? 'en' : 'fr'));
    },
  });
}
