import { defineEntity, p } from '@mikro-orm/core';

export type StoredRejection = { line: number; column: string | null; reason: string };

/** One uploaded file: the original bytes with their checksum, and what became of every row. */
export const ImportBatchSchema = defineEntity({
  name: 'ImportBatch',
  tableName: 'import_batch',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    creditorId: p.uuid(),
    uploadedBy: p.uuid().nullable(),
    fileName: p.text(),
    checksum: p.text(),
    sizeBytes: p.integer(),
    original: p.blob().lazy(),
    status: p.enum(['pending', 'running', 'completed', 'failed'] as const),
    rowCount: p.integer().default(0),
    createdCount: p.integer().default(0),
    updatedCount: p.integer().default(0),
    unchangedCount: p.integer().default(0),
    rejectedCount: p.integer().default(0),
    casesCreated: p.integer().default(0),
    rejections: p.json<StoredRejection[]>(),
    startedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
  },
});
export class ImportBatch extends ImportBatchSchema.class {}
ImportBatchSchema.setClass(ImportBatch);
