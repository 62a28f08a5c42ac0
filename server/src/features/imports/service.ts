import type { EntityManager } from '@mikro-orm/postgresql';
import { importRowReasons } from '@relance/contracts/errors';
import type { ImportCreated, ImportField, ImportMapping, ImportPreview, ImportSummary } from '@relance/contracts/imports';
import type { ClaimNature } from '@relance/domain/claim-nature';
import type pg from 'pg';
import { withPoolClient } from '../../db/pools.ts';
import { creditorScope, findAccessible } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { csvHeader, csvLine, figure } from '../../plugins/csv.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { inPgTransaction, pgExec } from '../../plugins/sql.ts';
import { requireAgencyIntakeOpen } from '../agency/service.ts';
import { Creditor } from '../creditors/entities.ts';
import { isMandateValid } from '../creditors/service.ts';
import { emitCreditorEventWith } from '../webhooks/service.ts';
import { type CommitOptions, ImportCancelled, importFinishedData, runCommit, type WithClient } from './commit.ts';
import { ImportBatch } from './entities.ts';
import { headersSignature, type MappingProblem, missingRequired, suggestMapping, unknownHeaders } from './mapping.ts';
import { assertXlsxFitsInMemory, detectFormat, openFile } from './reader.ts';
import type { Cell, RowResult } from './rows.ts';
import { FileTooLargeError, readChunks, readTail, storeChunks } from './storage.ts';

/** Large enough for a 1,000,000-row export (~130 MB as CSV); the file is streamed, never buffered. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Preview counts come from a dry run (rolled back) over at most this many rows. */
export const PREVIEW_COUNT_ROWS = 100_000;
const PREVIEW_SHOWN_ROWS = 20;

type Locale = 'fr' | 'en';
const reasonMessage = (reason: string, locale: Locale) =>
  (importRowReasons as Record<string, { fr: string; en: string }>)[reason]?.[locale] ?? reason;

function rate(batch: ImportBatch, now: Date): { rowsPerSecond: number | null; secondsLeft: number | null } {
  if (batch.status !== 'running' || !batch.phaseStartedAt || !batch.progressAt || batch.rowsDone === 0) return { rowsPerSecond: null, secondsLeft: null };
  const seconds = Math.max(0.001, (batch.progressAt.getTime() - batch.phaseStartedAt.getTime()) / 1000);
  const rowsPerSecond = Math.round(batch.rowsDone / seconds);
  const total = batch.rowsTotal ?? null;
  const left = total !== null && batch.phase === 'writing' ? Math.max(0, total - batch.rowsDone) : null;
  return { rowsPerSecond, secondsLeft: left === null || rowsPerSecond === 0 ? null : Math.max(0, Math.round(left / rowsPerSecond - (now.getTime() - batch.progressAt.getTime()) / 1000)) };
}

export function toImportDto(
  batch: ImportBatch,
  locale: Locale,
  firstRejections: { line: number; column_name: string | null; reason: string }[] = [],
  now: Date = new Date(),
): ImportSummary {
  return {
    id: batch.id,
    creditorId: batch.creditorId,
    fileName: batch.fileName,
    format: batch.format,
    checksum: batch.checksum,
    sizeBytes: batch.sizeBytes,
    status: batch.status,
    counts: {
      rows: batch.rowCount,
      created: batch.createdCount,
      updated: batch.updatedCount,
      unchanged: batch.unchangedCount,
      rejected: batch.rejectedCount,
    },
    casesCreated: batch.casesCreated,
    progress: { phase: batch.phase, rowsDone: batch.rowsDone, rowsTotal: batch.rowsTotal ?? null, ...rate(batch, now) },
    rejections: firstRejections.map((r) => ({ line: r.line, column: r.column_name, reason: r.reason, message: reasonMessage(r.reason, locale) })),
    error: batch.error ?? null,
    startedAt: batch.startedAt ? batch.startedAt.toISOString() : null,
    finishedAt: batch.finishedAt ? batch.finishedAt.toISOString() : null,
    createdAt: batch.createdAt.toISOString(),
  };
}

async function loadCreditor(em: EntityManager, creditorId: string, today: string): Promise<Creditor> {
  const creditor = await em.findOne(Creditor, { id: creditorId });
  if (!creditor) throw new AppError('not_found', 404);
  // R124-3: no file is accepted for a creditor without a valid mandate.
  if (!isMandateValid(creditor, today)) throw new AppError('mandate_invalid', 409);
  return creditor;
}

type ResolvedMapping = { mapping: ImportMapping | null; source: 'explicit' | 'saved' | 'suggested' | null; suggested: ImportMapping } & MappingProblem;

/**
 * The mapping an import uses: the one given, else the creditor's saved mapping for these
 * headers, else the suggestion when every required field is matched unambiguously.
 */
async function resolveMapping(
  em: EntityManager,
  creditorId: string,
  headers: string[],
  explicit: ImportMapping | null,
  mappingId: string | null,
): Promise<ResolvedMapping> {
  const suggestion = suggestMapping(headers);
  const check = (mapping: ImportMapping, source: 'explicit' | 'saved'): ResolvedMapping => {
    const unknown = unknownHeaders(mapping, headers);
    if (unknown.length > 0) throw new AppError('invalid_import_mapping', 400, { unknownHeaders: unknown, headers });
    const missing = missingRequired(mapping);
    return { mapping: missing.length ? null : mapping, source: missing.length ? null : source, suggested: suggestion.mapping, missing, ambiguous: [] };
  };
  if (explicit) return check(explicit, 'explicit');
  const saved = mappingId
    ? await em.execute<{ mapping: ImportMapping }[]>('select mapping from import_mapping where id = ? and creditor_id = ?', [mappingId, creditorId])
    : await em.execute<{ mapping: ImportMapping }[]>('select mapping from import_mapping where creditor_id = ? and headers_signature = ?', [
        creditorId,
        headersSignature(headers),
      ]);
  if (mappingId && !saved[0]) throw new AppError('not_found', 404, { mappingId });
  if (saved[0]) return check(saved[0].mapping, 'saved');
  const complete = suggestion.missing.length === 0 && suggestion.ambiguous.length === 0;
  return { mapping: complete ? suggestion.mapping : null, source: complete ? 'suggested' : null, suggested: suggestion.mapping, missing: suggestion.missing, ambiguous: suggestion.ambiguous };
}

async function saveMapping(em: EntityManager, creditorId: string, headers: string[], mapping: ImportMapping) {
  await em.execute(
    `insert into import_mapping (creditor_id, headers_signature, headers, mapping) values (?, ?, ?, ?)
     on conflict (creditor_id, headers_signature) do update set mapping = excluded.mapping, headers = excluded.headers, updated_at = now()`,
    [creditorId, headersSignature(headers), JSON.stringify(headers), JSON.stringify(mapping)],
  );
}

async function readHeaders(pool: pg.Pool, importId: string, format: 'csv' | 'xlsx', sheet: string | null) {
  if (format === 'xlsx') assertXlsxFitsInMemory(await readTail(pool, importId));
  const file = await openFile(readChunks(pool, importId), format, sheet);
  await file.close();
  return { headers: file.headers, info: file.info };
}

export type UploadInput = {
  creditorId: string | undefined;
  fileName: string;
  stream: AsyncIterable<Buffer | Uint8Array | string>;
  mapping?: ImportMapping | null;
  mappingId?: string | null;
  sheet?: string | null;
};

/**
 * POST /imports: the file is streamed into storage with its SHA-256, its header read, and the
 * import created `pending` with the mapping it would use. Nothing is written to cases yet.
 */
export async function createImport(ctx: ActorContext, pool: pg.Pool, input: UploadInput): Promise<ImportCreated> {
  await requireAgencyIntakeOpen(ctx); // R124-2 records missing or expired: no new files
  const scope = creditorScope(ctx.actor);
  const creditorId = scope ?? input.creditorId;
  if (!creditorId) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  await loadCreditor(ctx.em, creditorId, todayInParis(ctx.clock));
  const client = await pool.connect();
  let importId: string;
  try {
    const exec = pgExec(client);
    await client.query('begin');
    const rows = await exec<{ id: string }>(
      `insert into import_batch (creditor_id, uploaded_by, file_name, checksum, size_bytes, status, rejections)
       values (?, ?, ?, '', 0, 'pending', '[]') returning id`,
      [creditorId, ctx.actor.userId, input.fileName],
    );
    importId = (rows[0] as { id: string }).id;
    const stored = await storeChunks(client, importId, input.stream, MAX_IMPORT_BYTES);
    if (stored.sizeBytes === 0) throw new AppError('file_required', 400);
    const format = detectFormat(stored.firstBytes, input.fileName);
    await exec('update import_batch set checksum = ?, size_bytes = ?, format = ?, sheet = ? where id = ?', [
      stored.checksum,
      stored.sizeBytes,
      format,
      input.sheet ?? null,
      importId,
    ]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    if (error instanceof FileTooLargeError) throw new AppError('file_too_large', 413, { maxBytes: MAX_IMPORT_BYTES });
    throw error;
  } finally {
    client.release();
  }
  const [batch] = await ctx.em.execute<{ format: 'csv' | 'xlsx'; sheet: string | null }[]>('select format, sheet from import_batch where id = ?', [importId]);
  let header: Awaited<ReturnType<typeof readHeaders>>;
  try {
    header = await readHeaders(pool, importId, (batch as { format: 'csv' | 'xlsx' }).format, input.sheet ?? null);
  } catch (error) {
    // Not a readable file: nothing to keep.
    await ctx.em.execute('delete from import_batch where id = ?', [importId]);
    if (error instanceof AppError) throw error;
    throw new AppError('unsupported_file', 415);
  }
  const resolved = await resolveMapping(ctx.em, creditorId, header.headers, input.mapping ?? null, input.mappingId ?? null);
  await ctx.em.execute(
    'update import_batch set headers = ?, encoding = ?, delimiter = ?, sheet = ?, mapping = ?, mapping_source = ? where id = ?',
    [
      JSON.stringify(header.headers),
      header.info.encoding,
      header.info.delimiter,
      header.info.sheet,
      resolved.mapping ? JSON.stringify(resolved.mapping) : null,
      resolved.source,
      importId,
    ],
  );
  if (resolved.mapping && resolved.source === 'explicit') await saveMapping(ctx.em, creditorId, header.headers, resolved.mapping);
  return { id: importId, creditorId, status: 'pending', mapping: resolved.mapping, mappingSource: resolved.source, missing: resolved.missing, ambiguous: resolved.ambiguous };
}

/** The import as it is now in the database (a commit may run on another connection meanwhile). */
function findImport(ctx: ActorContext, id: string): Promise<ImportBatch> {
  return findAccessible(ctx, 'import', ImportBatch, id, { refresh: true });
}

export async function getImport(ctx: ActorContext, id: string): Promise<ImportSummary> {
  const batch = await findImport(ctx, id);
  const first = await ctx.em.execute<{ line: number; column_name: string | null; reason: string }[]>(
    'select line, column_name, reason from import_rejection where import_id = ? order by line limit 100',
    [id],
  );
  return toImportDto(batch, ctx.locale, first, ctx.clock.now());
}

export async function listImports(
  ctx: ActorContext,
  query: { limit: number; cursor?: string | undefined; creditorId?: string | undefined },
): Promise<{ items: ImportSummary[]; nextCursor: string | null }> {
  const scope = creditorScope(ctx.actor);
  const where: Record<string, unknown> = {};
  const creditorId = scope ?? query.creditorId;
  if (creditorId) where.creditorId = creditorId;
  if (query.cursor) where.createdAt = { $lt: new Date(decodeCursor(query.cursor, ['instant'])[0] as string) };
  const rows = await ctx.em.find(ImportBatch, where, { orderBy: { createdAt: 'desc' }, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((b) => toImportDto(b, ctx.locale, [], ctx.clock.now())),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString()]) : null,
  };
}

function commitOptions(batch: ImportBatch, creditor: Creditor, mapping: ImportMapping, today: string): CommitOptions {
  return {
    importId: batch.id,
    creditorId: batch.creditorId,
    creditorKind: creditor.kind,
    creditorDefaultNature: creditor.defaultClaimNature ?? null,
    fileName: batch.fileName,
    format: batch.format,
    sheet: batch.sheet ?? null,
    mapping,
    today,
  };
}

function previewValues(result: RowResult, cells: Cell[], headers: string[]): Record<string, string | number | boolean | null> {
  if (result.ok) {
    const { line: _line, matchKey: _key, ...values } = result.row;
    return values;
  }
  const raw: Record<string, string | number | boolean | null> = {};
  headers.forEach((header, i) => {
    const cell = cells[i];
    raw[header] = cell === undefined || cell === null ? null : cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
  });
  return raw;
}

/**
 * The preview: the first rows as parsed and what committing would do, from a dry run of the
 * real commit (same SQL, rolled back) over the first PREVIEW_COUNT_ROWS rows.
 */
export async function previewImport(ctx: ActorContext, pool: pg.Pool, id: string, mappingOverride: ImportMapping | null): Promise<ImportPreview> {
  const batch = await findImport(ctx, id);
  const today = todayInParis(ctx.clock);
  const creditor = await loadCreditor(ctx.em, batch.creditorId, today);
  const headers = batch.headers ?? [];
  const resolved = await resolveMapping(ctx.em, batch.creditorId, headers, mappingOverride ?? batch.mapping ?? null, null);
  const mapping = resolved.mapping ?? resolved.suggested;
  const shown: ImportPreview['rows'] = [];
  const onRecord = (line: number, cells: Cell[], result: RowResult) => {
    if (shown.length >= PREVIEW_SHOWN_ROWS) return;
    shown.push({
      line,
      values: previewValues(result, cells, headers),
      rejection: result.ok
        ? null
        : { line, column: result.rejection.column, reason: result.rejection.reason, message: reasonMessage(result.rejection.reason, ctx.locale) },
    });
  };
  let counts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let complete = true;
  if (missingRequired(mapping).length === 0) {
    const result = await runCommit(withPoolClient(pool), {
      ...commitOptions(batch, creditor, mapping, today),
      dryRunRows: PREVIEW_COUNT_ROWS,
      onRecord,
    });
    const { casesCreated: _cases, ...rest } = result.counts;
    counts = rest;
    complete = result.complete;
  }
  return {
    id: batch.id,
    status: batch.status,
    encoding: batch.encoding ?? null,
    delimiter: batch.delimiter ?? null,
    sheet: batch.sheet ?? null,
    headers,
    mapping,
    mappingSource: resolved.source ?? 'suggested',
    suggested: resolved.suggested,
    missing: resolved.missing,
    ambiguous: resolved.ambiguous,
    rows: shown,
    counts,
    countsComplete: complete,
  };
}

function mappingError(resolved: { missing: ImportField[]; ambiguous: MappingProblem['ambiguous'] }, headers: string[], suggested: ImportMapping) {
  return new AppError('import_mapping_incomplete', 422, { missing: resolved.missing, ambiguous: resolved.ambiguous, headers, suggested });
}

/** An import left `running` by a crashed worker (no progress for this long) may be started again. */
const STALE_RUNNING_MS = 5 * 60_000;

/**
 * POST /imports/{id}/commit: fixes the mapping (saved for the creditor), marks the import
 * running and enqueues `imports__run` in the same transaction.
 */
export async function commitImport(ctx: ActorContext, id: string, mappingOverride: ImportMapping | null): Promise<ImportSummary> {
  const batch = await findImport(ctx, id);
  const today = todayInParis(ctx.clock);
  await loadCreditor(ctx.em, batch.creditorId, today);
  const stale = batch.status === 'running' && (batch.progressAt ?? batch.startedAt ?? new Date(0)).getTime() < ctx.clock.now().getTime() - STALE_RUNNING_MS;
  if (batch.status !== 'pending' && batch.status !== 'failed' && !stale) throw new AppError('import_not_pending', 409, { status: batch.status });
  const headers = batch.headers ?? [];
  const resolved = await resolveMapping(ctx.em, batch.creditorId, headers, mappingOverride ?? batch.mapping ?? null, null);
  if (!resolved.mapping) throw mappingError(resolved, headers, resolved.suggested);
  await ctx.em.transactional(async (em) => {
    const moved = await em.execute<{ id: string }[]>(
      `update import_batch set status = 'running', phase = 'queued', mapping = ?, mapping_source = ?, rows_done = 0, rows_total = null,
              started_at = now(), progress_at = now(), phase_started_at = null, finished_at = null, error = null
        where id = ? and status = ? returning id`,
      [JSON.stringify(resolved.mapping), resolved.source, id, batch.status],
    );
    if (moved.length !== 1) throw new AppError('import_not_pending', 409);
    if (resolved.source !== 'saved') await saveMapping(em, batch.creditorId, headers, resolved.mapping as ImportMapping);
    await em.execute(`select graphile_worker.add_job('imports__run', json_build_object('importId', ?::text), job_key => ?, max_attempts => 5)`, [
      id,
      `imports__run:${id}`,
    ]);
  });
  return await getImport(ctx, id);
}

/** POST /imports/{id}/cancel: a pending import is cancelled at once; a running one between two batches (nothing is kept). */
export async function cancelImport(ctx: ActorContext, id: string): Promise<ImportSummary> {
  await findImport(ctx, id);
  const moved = await ctx.em.execute<{ id: string }[]>(
    `update import_batch set status = 'cancelled', finished_at = now() where id = ? and status in ('pending', 'running') returning id`,
    [id],
  );
  if (moved.length !== 1) throw new AppError('import_not_pending', 409);
  return await getImport(ctx, id);
}

/**
 * Runs one import (the `imports__run` job, or the synchronous `?commit=true` path). Does
 * nothing unless the import is `running` (idempotent); a failure rolls everything back and
 * marks the import failed, so it can be committed again.
 */
export async function executeImport(
  withClient: WithClient,
  importId: string,
  options: { today: string; now?: () => Date; batchSize?: number; afterBatch?: (batch: number) => void | Promise<void> },
): Promise<'completed' | 'cancelled' | 'failed' | 'skipped'> {
  type Row = {
    id: string; creditor_id: string; file_name: string; format: 'csv' | 'xlsx'; sheet: string | null; mapping: ImportMapping | null;
    status: string; kind: Creditor['kind']; mandate_signed_on: string; mandate_valid_until: string | null; mandate_revoked_at: Date | null;
    default_claim_nature: ClaimNature | null;
  };
  const rows = await withClient((client) =>
    pgExec(client)<Row>(
      `select b.id, b.creditor_id, b.file_name, b.format, b.sheet, b.mapping, b.status, c.kind, c.default_claim_nature,
              c.mandate_signed_on::text as mandate_signed_on, c.mandate_valid_until::text as mandate_valid_until, c.mandate_revoked_at
         from import_batch b join creditor c on c.id = b.creditor_id where b.id = ?`,
      [importId],
    ),
  );
  const batch = rows[0];
  if (batch?.status !== 'running' || !batch.mapping) return 'skipped';
  try {
    // R124-3: a mandate revoked while the file was being read stops it too.
    const revokedAt = batch.mandate_revoked_at ? new Date(batch.mandate_revoked_at) : null;
    const mandate = { mandateSignedOn: batch.mandate_signed_on, mandateValidUntil: batch.mandate_valid_until, mandateRevokedAt: revokedAt } as Creditor;
    if (!isMandateValid(mandate, options.today)) throw new AppError('mandate_invalid', 409);
    const result = await runCommit(withClient, {
      importId,
      creditorId: batch.creditor_id,
      creditorKind: batch.kind,
      creditorDefaultNature: batch.default_claim_nature,
      fileName: batch.file_name,
      format: batch.format,
      sheet: batch.sheet,
      mapping: batch.mapping,
      today: options.today,
      ...(options.now ? { now: options.now } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.afterBatch ? { afterBatch: options.afterBatch } : {}),
    });
    return result.outcome === 'completed' ? 'completed' : 'cancelled';
  } catch (error) {
    if (error instanceof ImportCancelled) return 'cancelled';
    const code = error instanceof AppError ? error.code : 'internal_error';
    await withClient((client) =>
      inPgTransaction(client, async (exec) => {
        const failed = await exec(
          `update import_batch set status = 'failed', phase = 'done', error = ?, finished_at = now() where id = ? and status = 'running' returning id`,
          [code, importId],
        );
        if (failed.length === 1) {
          await emitCreditorEventWith(exec, {
            creditorId: batch.creditor_id,
            type: 'import.finished',
            data: importFinishedData(importId, batch.file_name, 'failed', null, new Date(), code),
          });
        }
      }),
    );
    return 'failed';
  }
}

/** The synchronous convenience for small files (`POST /imports?commit=true`): commit and run in the request. */
export async function importNow(ctx: ActorContext, pool: pg.Pool, input: UploadInput): Promise<ImportSummary> {
  const created = await createImport(ctx, pool, input);
  if (!created.mapping) {
    const batch = await findImport(ctx, created.id);
    throw mappingError(created, batch.headers ?? [], suggestMapping(batch.headers ?? []).mapping);
  }
  await ctx.em.transactional(async (em) => {
    await em.execute(`update import_batch set status = 'running', started_at = now(), progress_at = now() where id = ?`, [created.id]);
    if (created.mappingSource !== 'saved') {
      const [row] = await em.execute<{ headers: string[]; creditor_id: string }[]>('select headers, creditor_id from import_batch where id = ?', [created.id]);
      if (row) await saveMapping(em, row.creditor_id, row.headers, created.mapping as ImportMapping);
    }
  });
  await executeImport(withPoolClient(pool), created.id, { today: todayInParis(ctx.clock), now: ctx.clock.now });
  return await getImport(ctx, created.id);
}

/**
 * GET /imports/{id}/rejections: every rejected row as CSV (plugins/csv.ts: `;`, UTF-8 with BOM for
 * spreadsheets, formula injection neutralised), in the caller's language. Columns: the line number
 * (a number), the column, which is a header of the creditor's own file (user text: escaped), the
 * reason code (ours: a figure) and its message (ours, but escaped like any text: no cost).
 */
export async function* rejectionsCsv(ctx: ActorContext, id: string): AsyncGenerator<string> {
  await findImport(ctx, id);
  yield csvHeader(ctx.locale === 'en' ? ['line', 'column', 'reason', 'message'] : ['ligne', 'colonne', 'code', 'motif']);
  let after = 0;
  while (true) {
    const rows = await ctx.em.execute<{ line: number; column_name: string | null; reason: string }[]>(
      'select line, column_name, reason from import_rejection where import_id = ? and line > ? order by line limit 5000',
      [id, after],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => csvLine([r.line, r.column_name, figure(r.reason), reasonMessage(r.reason, ctx.locale)])).join('');
    after = (rows.at(-1) as { line: number }).line;
  }
}

export async function listMappings(ctx: ActorContext, creditorId: string | undefined) {
  const scope = creditorScope(ctx.actor) ?? creditorId;
  if (!scope) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  const rows = await ctx.em.execute<{ id: string; creditor_id: string; headers: string[]; mapping: ImportMapping; updated_at: Date }[]>(
    'select id, creditor_id, headers, mapping, updated_at from import_mapping where creditor_id = ? order by updated_at desc',
    [scope],
  );
  return rows.map((r) => ({ id: r.id, creditorId: r.creditor_id, headers: r.headers, mapping: r.mapping, updatedAt: new Date(r.updated_at).toISOString() }));
}
