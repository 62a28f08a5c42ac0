import { createHash } from 'node:crypto';
import { importRowReasons } from '@relance/contracts/errors';
import type { ImportSummary } from '@relance/contracts/imports';
import type { EntityManager } from '@mikro-orm/postgresql';
import { creditorScope, todayInParis, type ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { Creditor } from '../creditors/entities.ts';
import { isMandateValid } from '../creditors/service.ts';
import { debtorMatchKey, parseImportFile, type ImportRow, type RowRejection } from './csv-rows.ts';
import { ImportBatch } from './entities.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function toImportDto(batch: ImportBatch, locale: 'fr' | 'en'): ImportSummary {
  return {
    id: batch.id,
    creditorId: batch.creditorId,
    fileName: batch.fileName,
    checksum: batch.checksum,
    status: batch.status,
    counts: {
      rows: batch.rowCount,
      created: batch.createdCount,
      updated: batch.updatedCount,
      unchanged: batch.unchangedCount,
      rejected: batch.rejectedCount,
    },
    casesCreated: batch.casesCreated,
    rejections: batch.rejections.map((r) => ({
      line: r.line,
      column: r.column,
      reason: r.reason,
      message: (importRowReasons as Record<string, { fr: string; en: string }>)[r.reason]?.[locale] ?? r.reason,
    })),
    startedAt: batch.startedAt.toISOString(),
    finishedAt: batch.finishedAt ? batch.finishedAt.toISOString() : null,
  };
}

function displayNameOf(row: ImportRow) {
  return row.debtorName.replace(/\s+/g, ' ').trim();
}

type Outcome = { created: number; updated: number; unchanged: number; casesCreated: number; lateRejections: RowRejection[] };

/**
 * Writes the valid rows of one file in one transaction: debtors recognised by their match key,
 * one case per debtor and creditor, one claim per invoice reference (the creditor's reference
 * identifies a claim, so re-importing a file changes nothing). A changed amount or date updates
 * the claim and says so on the timeline; a claim missing from a later file is never deleted.
 */
async function writeRows(em: EntityManager, creditorId: string, fileName: string, rows: ImportRow[], today: string): Promise<Outcome> {
  const outcome: Outcome = { created: 0, updated: 0, unchanged: 0, casesCreated: 0, lateRejections: [] };
  const byDebtor = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const key = debtorMatchKey(row);
    const list = byDebtor.get(key) ?? [];
    list.push(row);
    byDebtor.set(key, list);
  }
  for (const [matchKey, debtorRows] of byDebtor) {
    const first = debtorRows[0] as ImportRow;
    const [debtor] = await em.execute<{ id: string }[]>(
      `insert into debtor (creditor_id, kind, company_name, last_name, display_name, siren, match_key)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (creditor_id, match_key) do update set display_name = debtor.display_name
       returning id`,
      [
        creditorId,
        first.debtorKind,
        first.debtorKind === 'company' ? displayNameOf(first) : null,
        first.debtorKind === 'person' ? displayNameOf(first) : null,
        displayNameOf(first),
        first.siren,
        matchKey,
      ],
    );
    const debtorId = (debtor as { id: string }).id;
    for (const row of debtorRows) {
      if (row.email) {
        await em.execute('insert into debtor_email (debtor_id, email) values (?, ?) on conflict do nothing', [debtorId, row.email]);
      }
      if (row.phone) {
        await em.execute('insert into debtor_phone (debtor_id, phone) values (?, ?) on conflict do nothing', [debtorId, row.phone]);
      }
      if (row.address && row.postalCode && row.city) {
        await em.execute(
          'insert into debtor_address (debtor_id, line1, postal_code, city) values (?, ?, ?, ?) on conflict do nothing',
          [debtorId, row.address, row.postalCode, row.city],
        );
      }
    }
    const inserted = await em.execute<{ id: string }[]>(
      `insert into collection_case (creditor_id, debtor_id, opened_on) values (?, ?, ?)
       on conflict (debtor_id) do nothing returning id`,
      [creditorId, debtorId, today],
    );
    let caseId: string;
    if (inserted[0]) {
      caseId = inserted[0].id;
      outcome.casesCreated += 1;
    } else {
      const [existing] = await em.execute<{ id: string }[]>('select id from collection_case where debtor_id = ?', [debtorId]);
      caseId = (existing as { id: string }).id;
    }
    let createdHere = 0;
    const changes: string[] = [];
    for (const row of debtorRows) {
      const [current] = await em.execute<{ id: string; case_id: string; amount_cents: string; issue_date: string; due_date: string }[]>(
        'select id, case_id, amount_cents, issue_date, due_date from claim where creditor_id = ? and invoice_ref = ?',
        [creditorId, row.invoiceRef],
      );
      if (!current) {
        await em.execute(
          `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents) values (?, ?, ?, ?, ?, ?)`,
          [caseId, creditorId, row.invoiceRef, row.issueDate, row.dueDate, row.amountCents],
        );
        outcome.created += 1;
        createdHere += 1;
      } else if (current.case_id !== caseId) {
        outcome.lateRejections.push({ line: row.line, column: 'invoice_ref', reason: 'ref_belongs_to_other_debtor' });
      } else if (
        Number(current.amount_cents) === row.amountCents &&
        current.issue_date === row.issueDate &&
        current.due_date === row.dueDate
      ) {
        outcome.unchanged += 1;
      } else {
        await em.execute('update claim set amount_cents = ?, issue_date = ?, due_date = ?, updated_at = now() where id = ?', [
          row.amountCents,
          row.issueDate,
          row.dueDate,
          current.id,
        ]);
        outcome.updated += 1;
        changes.push(
          `${row.invoiceRef} : ${Number(current.amount_cents) / 100} → ${row.amountCents / 100}, échéance ${current.due_date} → ${row.dueDate}`,
        );
      }
    }
    if (createdHere > 0) {
      await em.execute(`insert into activity (case_id, kind, text) values (?, 'import', ?)`, [
        caseId,
        `Import « ${fileName} » : ${createdHere} créance(s) ajoutée(s).`,
      ]);
    }
    if (changes.length > 0) {
      await em.execute(`insert into activity (case_id, kind, text) values (?, 'import', ?)`, [
        caseId,
        `Import « ${fileName} » : créance(s) modifiée(s) — ${changes.join(' ; ')}`,
      ]);
    }
  }
  return outcome;
}

export async function importFile(
  ctx: ActorContext,
  input: { creditorId: string | undefined; fileName: string; bytes: Buffer },
): Promise<ImportBatch> {
  const scope = creditorScope(ctx.actor);
  const creditorId = scope ?? input.creditorId;
  if (!creditorId) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  const creditor = await ctx.em.findOne(Creditor, { id: creditorId });
  if (!creditor) throw new AppError('not_found', 404);
  const today = todayInParis(ctx.clock);
  if (!isMandateValid(creditor, today)) throw new AppError('mandate_invalid', 409);

  const parsed = parseImportFile(input.bytes, today);
  const checksum = createHash('sha256').update(input.bytes).digest('hex');

  return await ctx.em.transactional(async (em) => {
    const outcome = await writeRows(em, creditorId, input.fileName, parsed.rows, today);
    const rejections = [...parsed.rejections, ...outcome.lateRejections].sort((a, b) => a.line - b.line);
    const batch = em.create(ImportBatch, {
      creditorId,
      uploadedBy: ctx.actor.userId,
      fileName: input.fileName,
      checksum,
      sizeBytes: input.bytes.length,
      original: input.bytes,
      status: 'completed',
      rowCount: parsed.dataRows,
      createdCount: outcome.created,
      updatedCount: outcome.updated,
      unchangedCount: outcome.unchanged,
      rejectedCount: rejections.length,
      casesCreated: outcome.casesCreated,
      rejections,
      startedAt: ctx.clock.now(),
      finishedAt: ctx.clock.now(),
    });
    await em.flush();
    return batch;
  });
}

export async function getImport(ctx: ActorContext, id: string): Promise<ImportBatch> {
  const scope = creditorScope(ctx.actor);
  const batch = await ctx.em.findOne(ImportBatch, scope ? { id, creditorId: scope } : { id });
  if (!batch) throw new AppError('not_found', 404);
  return batch;
}

export async function listImports(
  ctx: ActorContext,
  query: { limit: number; cursor?: string | undefined; creditorId?: string | undefined },
): Promise<{ items: ImportBatch[]; nextCursor: string | null }> {
  const scope = creditorScope(ctx.actor);
  const where: Record<string, unknown> = {};
  const creditorId = scope ?? query.creditorId;
  if (creditorId) where.creditorId = creditorId;
  if (query.cursor) where.startedAt = { $lt: new Date(Buffer.from(query.cursor, 'base64url').toString('utf8')) };
  const rows = await ctx.em.find(ImportBatch, where, { orderBy: { startedAt: 'desc' }, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? Buffer.from(last.startedAt.toISOString()).toString('base64url') : null,
  };
}
