import { defineEntity, p } from '@mikro-orm/core';
import type { ImportMapping } from '@relance/contracts/imports';
import { creationTime, generatedId } from '../../db/columns.ts';

/**
 * One uploaded file and what became of every row. The original bytes live in
 * `import_file_chunk` (streamed in and out, see storage.ts), rejected rows in
 * `import_rejection`. Bulk paths use SQL; this entity serves the interactive reads.
 */
export const ImportBatchSchema = defineEntity({
  name: 'ImportBatch',
  tableName: 'import_batch',
  properties: {
    id: generatedId(),
    creditorId: p.uuid(),
    uploadedBy: p.uuid().nullable(),
    fileName: p.text(),
    checksum: p.text(),
    sizeBytes: p.integer(),
    format: p.enum(['csv', 'xlsx'] as const).default('csv'),
    sheet: p.text().nullable(),
    encoding: p.text().nullable(),
    delimiter: p.text().nullable(),
    headers: p.json<string[]>().nullable(),
    mapping: p.json<ImportMapping>().nullable(),
    mappingSource: p.enum(['explicit', 'saved', 'suggested'] as const).nullable(),
    status: p.enum(['pending', 'running', 'completed', 'failed', 'cancelled'] as const),
    phase: p.enum(['queued', 'reading', 'writing', 'done'] as const).default('queued'),
    rowsDone: p.integer().default(0),
    rowsTotal: p.integer().nullable(),
    progressAt: p.datetime().nullable(),
    phaseStartedAt: p.datetime().nullable(),
    error: p.text().nullable(),
    rowCount: p.integer().default(0),
    createdCount: p.integer().default(0),
    updatedCount: p.integer().default(0),
    unchangedCount: p.integer().default(0),
    rejectedCount: p.integer().default(0),
    casesCreated: p.integer().default(0),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    createdAt: creationTime(),
  },
});
export class ImportBatch extends ImportBatchSchema.class {}
ImportBatchSchema.setClass(ImportBatch);
