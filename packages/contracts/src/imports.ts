import { z } from 'zod';
import { instant, uuid } from './common.ts';

/**
 * The thin importer's fixed columns (the full importer with mapping is a later issue).
 * Separator `;` or `,`, UTF-8 (BOM allowed); amounts like `1 234,56` or `1234.56`; dates
 * DD/MM/YYYY or YYYY-MM-DD.
 */
export const fixedImportColumns = [
  'invoice_ref',
  'issue_date',
  'due_date',
  'amount',
  'debtor_type',
  'debtor_name',
  'siren',
  'email',
  'phone',
  'address',
  'postal_code',
  'city',
] as const;

export const importRejection = z.object({
  line: z.number().int().describe('Line in the file; the header is line 1'),
  column: z.string().nullable(),
  reason: z.string().describe('Stable code'),
  message: z.string().describe("Reason in the caller's language"),
});

export const importStatus = z.enum(['pending', 'running', 'completed', 'failed']);
export const importSummary = z
  .object({
    id: uuid,
    creditorId: uuid,
    fileName: z.string(),
    checksum: z.string().describe('SHA-256 of the original file'),
    status: importStatus,
    counts: z.object({
      rows: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    casesCreated: z.number().int(),
    rejections: z.array(importRejection),
    startedAt: instant,
    finishedAt: instant.nullable(),
  })
  .meta({ id: 'Import' });
export type ImportSummary = z.infer<typeof importSummary>;
