import { z } from 'zod';
import { instant, uuid } from './common.ts';

/**
 * The foundation's fixed columns. A file with exactly these headers still imports: they are
 * synonyms of the mapping fields below (see `importFieldSynonyms` on the server).
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

/** What a column of a creditor's file can mean. One row is one claim. */
export const importFields = [
  'invoiceRef',
  'issueDate',
  'dueDate',
  'amount',
  'debtorName',
  'debtorType',
  'siren',
  'siret',
  'email',
  'phone',
  'address',
  'postalCode',
  'city',
  'miseEnDemeureDate',
  'contractRate',
  'nature',
  'prescribedAtIntake',
] as const;
export type ImportField = (typeof importFields)[number];

/** The issue date is optional (it defaults to the due date); these four are not. */
export const requiredImportFields = ['invoiceRef', 'dueDate', 'amount', 'debtorName'] as const satisfies readonly ImportField[];

/** Field -> the file's header text (exactly as written in the file), or absent when not mapped. */
export const importMapping = z
  .partialRecord(z.enum(importFields), z.string().min(1))
  .describe("Field -> the file's header text; unmapped fields are left out")
  .meta({ id: 'ImportMapping' });
export type ImportMapping = z.infer<typeof importMapping>;

export const importStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']);
export type ImportStatus = z.infer<typeof importStatus>;

export const importCounts = z.object({
  rows: z.number().int().describe("The file's data rows (the header and empty lines are not rows)"),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const importRejection = z.object({
  line: z.number().int().describe('Line in the file; the header is line 1'),
  column: z.string().nullable(),
  reason: z.string().describe('Stable code'),
  message: z.string().describe("Reason in the caller's language"),
});

export const importProgress = z.object({
  phase: z.enum(['queued', 'reading', 'writing', 'done']),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable().describe('Known once the file has been read'),
  rowsPerSecond: z.number().nullable(),
  secondsLeft: z.number().nullable(),
});

export const importSummary = z
  .object({
    id: uuid,
    creditorId: uuid,
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    checksum: z.string().describe('SHA-256 of the original file'),
    sizeBytes: z.number().int(),
    status: importStatus,
    counts: importCounts,
    casesCreated: z.number().int(),
    progress: importProgress,
    /** The first rejected rows (at most 100); the full list is GET /imports/{id}/rejections (CSV). */
    rejections: z.array(importRejection),
    error: z.string().nullable().describe('Why a failed import failed (a code)'),
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'Import' });
export type ImportSummary = z.infer<typeof importSummary>;

export const importCreated = z
  .object({
    id: uuid,
    creditorId: uuid,
    status: importStatus,
    mapping: importMapping.nullable().describe('The mapping that will be used, when every required field is matched'),
    mappingSource: z.enum(['explicit', 'saved', 'suggested']).nullable(),
    missing: z.array(z.enum(importFields)).describe('Required fields no column matches'),
    ambiguous: z.array(z.object({ field: z.enum(importFields), headers: z.array(z.string()) })),
  })
  .meta({ id: 'ImportCreated' });
export type ImportCreated = z.infer<typeof importCreated>;

export const importPreviewRow = z.object({
  line: z.number().int(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).describe('Fields as parsed (amount in cents, dates YYYY-MM-DD)'),
  rejection: importRejection.nullable(),
});

export const importPreview = z
  .object({
    id: uuid,
    status: importStatus,
    encoding: z.string().nullable().describe('Detected text encoding (CSV)'),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable().describe('Sheet read (XLSX)'),
    headers: z.array(z.string()),
    mapping: importMapping,
    mappingSource: z.enum(['explicit', 'saved', 'suggested']),
    suggested: importMapping,
    missing: z.array(z.enum(importFields)),
    ambiguous: z.array(z.object({ field: z.enum(importFields), headers: z.array(z.string()) })),
    rows: z.array(importPreviewRow),
    counts: importCounts.describe('What committing would do (a dry run, rolled back)'),
    countsComplete: z.boolean().describe('False when the file is larger than the preview limit: counts are for the first rows'),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof importPreview>;

export const importCommitBody = z
  .object({ mapping: importMapping.optional().describe('A corrected mapping; saved for the creditor') })
  .meta({ id: 'ImportCommit' });

export const savedImportMapping = z
  .object({ id: uuid, creditorId: uuid, headers: z.array(z.string()), mapping: importMapping, updatedAt: instant })
  .meta({ id: 'SavedImportMapping' });
