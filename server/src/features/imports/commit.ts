import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { ImportMapping } from '@relance/contracts/imports';
import type { ClaimNature } from '@relance/domain/claim-nature';
import { formatMoney } from '@relance/domain/money';
import type { CreditorKind } from '@relance/domain/rates';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Clock } from '../../plugins/context.ts';
import { pgExec, rawSql, type SqlExec, type SqlFragment, sql } from '../../plugins/sql.ts';
import { prescriptionDateSql } from '../cases/claim-intake.ts';
import { addEntries, addEntriesFrom } from '../cases/timeline.ts';
import { emitCreditorEventWith } from '../webhooks/service.ts';
import { assertXlsxFitsInMemory, type FileInfo, openFile } from './reader.ts';
import { type Cell, makeRowReader, type RowResult } from './rows.ts';
import { readChunks, readTail } from './storage.ts';

/** The payload of the `import.finished` creditor event (completed or failed). */
export function importFinishedData(
  importId: string,
  fileName: string,
  status: 'completed' | 'failed',
  counts: CommitCounts | null,
  finishedAt: Date,
  error: string | null,
): Record<string, unknown> {
  return {
    importId,
    fileName,
    status,
    counts: counts
      ? { rows: counts.rows, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected }
      : null,
    casesCreated: counts?.casesCreated ?? null,
    finishedAt: finishedAt.toISOString(),
    error,
  };
}

/**
 * The set-based commit of one import (architecture: bulk work is COPY + INSERT ... SELECT).
 *
 * 1. Reading: the stored file is streamed, every record parsed and checked in JS, and written
 *    (valid or rejected, with its line) by COPY into a temporary staging table.
 * 2. Writing, in batches of staged rows: debtors (by match key), one case per debtor, claims
 *    (the creditor's invoice reference identifies a claim: insert, update when the amount or
 *    dates changed, else unchanged), contacts; then credit notes, timeline entries and the
 *    rejected rows for the whole file.
 *
 * Crash safety: everything happens in ONE transaction, committed with the import's final
 * status. A crash, a failure or a cancel leaves nothing behind, and the import can simply run
 * again (the job is idempotent: it only runs an import whose status is `running`). Progress and
 * the cancel flag travel on a second connection, outside that transaction, so the web app sees
 * the progress live and a cancel is noticed between batches. One transaction of ~10-20 s for
 * 1M rows is acceptable here (performance.md warns against minutes-long snapshots); per-creditor
 * imports are serialised by an advisory lock so two files of one creditor never interleave.
 */
export type WithClient = <T>(fn: (client: pg.ClientBase) => Promise<T>) => Promise<T>;

export type CommitCounts = { rows: number; created: number; updated: number; unchanged: number; rejected: number; casesCreated: number };

export type CommitOptions = {
  importId: string;
  creditorId: string;
  creditorKind: CreditorKind;
  /** The creditor's default nature, for rows that state none (cases/claim-intake.ts). */
  creditorDefaultNature?: ClaimNature | null;
  fileName: string;
  format: 'csv' | 'xlsx';
  sheet: string | null;
  mapping: ImportMapping;
  today: string;
  /** Staged rows written per batch (progress and cancel points). */
  batchSize?: number;
  /** Preview: read at most this many rows, then roll everything back. */
  dryRunRows?: number;
  /** Called with each record as read (the preview shows the first ones). */
  onRecord?: (line: number, cells: Cell[], result: RowResult) => void;
  /** Test hook: runs after each written batch (a throw simulates a crash mid-import). */
  afterBatch?: (batchNumber: number) => void | Promise<void>;
  now?: () => Date;
};

export type CommitResult = { counts: CommitCounts; info: FileInfo; headers: string[]; complete: boolean; outcome: 'completed' | 'cancelled' | 'dry_run' };

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}

// Rows per batch: the unit of pipelining, progress and cancel. The COPY text of one batch waits in
// memory while the previous batch is written (~10 MB at 50,000 rows).
const DEFAULT_BATCH = 50_000;
/** Parsed rows between two turns of the event loop while reading (see readAndWrite). */
const YIELD_EVERY = 500;

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
function esc(value: string | null): string {
  if (value === null) return '\\N';
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const STAGE_COLUMNS = `seq, line, invoice_ref, issue_date, due_date, amount_cents, debtor_kind, debtor_name, siren, email, phone,
  address, postal_code, city, mise_en_demeure_on, contract_rate_bp, match_key, prescribed, nature, nature_source, prescription_date,
  prescribed_accepted, reject_reason, reject_column`;

async function setProgress(aux: pg.ClientBase, importId: string, fields: { phase?: string; rowsDone: number; rowsTotal?: number | null; phaseStart?: boolean }) {
  await pgExec(aux)(
    `update import_batch set rows_done = ?, progress_at = now(),
       phase = coalesce(?, phase), rows_total = case when ?::boolean then ?::int else rows_total end,
       phase_started_at = case when ?::boolean then now() else phase_started_at end
     where id = ?`,
    [fields.rowsDone, fields.phase ?? null, fields.rowsTotal !== undefined, fields.rowsTotal ?? null, fields.phaseStart ?? false, importId],
  );
}

async function checkNotCancelled(aux: pg.ClientBase, importId: string) {
  const rows = await pgExec(aux)<{ status: string }>('select status from import_batch where id = ?', [importId]);
  if (rows[0]?.status === 'cancelled') throw new ImportCancelled();
}

export async function runCommit(withClient: WithClient, options: CommitOptions): Promise<CommitResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const dryRun = options.dryRunRows !== undefined;
  return await withClient(async (tx) =>
    withClient(async (aux) => {
      await tx.query('begin');
      try {
        const result = await commitInTransaction(tx, aux, options, batchSize, dryRun);
        if (result.outcome === 'completed') await tx.query('commit');
        else await tx.query('rollback');
        return result;
      } catch (error) {
        await tx.query('rollback').catch(() => {});
        throw error;
      }
    }),
  );
}

/** One commit's connections, options and running counts: what each phase below works on. */
type Commit = {
  tx: pg.ClientBase;
  aux: pg.ClientBase;
  exec: SqlExec;
  options: CommitOptions;
  dryRun: boolean;
  refColumn: string;
  counts: CommitCounts;
  batchNumber: number;
  rowsWritten: number;
  readingDone: boolean;
};

async function commitInTransaction(
  tx: pg.ClientBase,
  aux: pg.ClientBase,
  options: CommitOptions,
  batchSize: number,
  dryRun: boolean,
): Promise<CommitResult> {
  const commit: Commit = {
    tx,
    aux,
    exec: pgExec(tx),
    options,
    dryRun,
    refColumn: options.mapping.invoiceRef ?? 'invoiceRef',
    counts: { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, casesCreated: 0 },
    batchNumber: 0,
    rowsWritten: 0,
    readingDone: false,
  };
  await createStagingTables(commit);
  const read = await readAndWrite(commit, batchSize);
  commit.counts.rows = read.rows;
  const clock = { now: options.now ?? (() => new Date()) };
  await writeCreditNotes(commit, clock);
  await writeTimeline(commit, clock);
  await queueRegistryLookups(commit);
  await writeRejections(commit);
  const result = { counts: commit.counts, info: read.file.info, headers: read.file.headers, complete: read.complete };
  if (dryRun) return { ...result, outcome: 'dry_run' };
  return { ...result, outcome: await finish(commit) };
}

/** The transaction's lock and its temporary tables (dropped at commit or rollback). */
async function createStagingTables({ tx, exec, options }: Commit) {
  const { creditorId } = options;
  await exec(`select pg_advisory_xact_lock(hashtext('relance.import.' || ?::text))`, [creditorId]);
  await tx.query(`set local work_mem = '64MB'`);
  await tx.query(`create temp table import_stage (
      seq integer not null, line integer not null, invoice_ref text, issue_date date, due_date date, amount_cents bigint,
      debtor_kind text, debtor_name text, siren text, email text, phone text, address text, postal_code text, city text,
      mise_en_demeure_on date, contract_rate_bp integer, match_key text, prescribed boolean, nature text, nature_source text,
      prescription_date date, prescribed_accepted boolean, reject_reason text, reject_column text
    ) on commit drop`);

  await tx.query('create index on import_stage (seq)');
  await tx.query('create index on import_stage (invoice_ref)');
  await tx.query(`create temp table import_rows (
      seq integer, line integer, invoice_ref text, issue_date date, due_date date, amount_cents bigint, contract_rate_bp integer,
      prescribed boolean, debtor_id uuid, case_id uuid, email text, phone text, address text, postal_code text, city text,
      claim_id uuid, claim_case_id uuid, old_amount bigint, old_issue date, old_due date, old_rate integer, outcome text,
      nature text, nature_source text, prescription_date date, old_nature text
    ) on commit drop`);
  await tx.query(`create temp table import_case_effect (case_id uuid, created integer, changes text, prescribed text) on commit drop`);
  await tx.query(`create temp table import_late_rejection (line integer, column_name text, reason text) on commit drop`);
}

/** COPY one batch of parsed rows (COPY text, already encoded) into the staging table. */
async function stage(tx: pg.ClientBase, pieces: readonly Buffer[]) {
  const copy = tx.query(copyFrom(`copy import_stage (${STAGE_COLUMNS}) from stdin`));
  const copyDone = finished(copy);
  copyDone.catch(() => {});
  for (const piece of pieces) {
    if (!copy.write(piece)) await Promise.race([once(copy, 'drain'), copyDone]);
  }
  copy.end();
  await copyDone;
}

// ---- Reading and writing, pipelined: while PostgreSQL writes batch k (on the transaction's
// connection), Node parses and checks batch k+1 into memory; then it is staged by COPY and
// written in turn. Parsing and writing use the two cores at once instead of one after the other.
async function readAndWrite(commit: Commit, batchSize: number) {
  const { aux, options, dryRun } = commit;
  const { importId } = options;
  if (!dryRun) await setProgress(aux, importId, { phase: 'reading', rowsDone: 0, rowsTotal: null, phaseStart: true });
  if (options.format === 'xlsx') assertXlsxFitsInMemory(await readTail(aux, importId));
  const file = await openFile(readChunks(aux, importId), options.format, options.sheet);
  const readRow = makeRowReader({
    headers: file.headers,
    mapping: options.mapping,
    today: options.today,
    creditorKind: options.creditorKind,
    creditorDefaultNature: options.creditorDefaultNature ?? null,
  });
  const writer = makeBatchWriter(commit);
  const copyText = makeCopyText();
  let seq = 0;
  let batchStart = 0;
  let complete = true;
  const limit = options.dryRunRows ?? Number.POSITIVE_INFINITY;
  try {
    for await (const record of file.records) {
      if (seq >= limit) {
        complete = false;
        break;
      }
      const result = readRow(record.cells, record.line);
      options.onRecord?.(record.line, record.cells, result);
      copyText.add(copyLine(seq, result));
      seq += 1;
      if (seq - batchStart >= batchSize) {
        await writer.flush(batchStart, seq, copyText.take());
        batchStart = seq;
      }
      if (!dryRun && seq % 100_000 === 0) await setProgress(aux, importId, { rowsDone: seq });
      // Parsing a chunk of the file never waits for I/O, so without this the batch being written
      // on the other connection would wait for the event loop between two of its statements (the
      // profile, `pnpm bench import --profile --explain`, showed statements of 0.35 s in PostgreSQL
      // answered after 3 s). Yielding lets each answer go out at once as the next statement.
      if (seq % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await file.close();
  }
  commit.readingDone = true;
  if (!dryRun) await setProgress(aux, importId, { phase: 'writing', rowsDone: commit.rowsWritten, rowsTotal: seq, phaseStart: true });
  if (seq > batchStart) await writer.flush(batchStart, seq, copyText.take());
  await writer.done();
  return { file, rows: seq, complete };
}

/** The staged columns between the line and the rejection (all null on a rejected row). */
const STAGED_VALUE_COLUMNS = 20;

/** One staged row in COPY text: a valid row's columns, or a rejection's line, reason and column. */
function copyLine(seq: number, result: RowResult): string {
  if (result.ok) {
    const r = result.row;
    return `${seq}\t${r.line}\t${esc(r.invoiceRef)}\t${r.issueDate}\t${r.dueDate}\t${r.amountCents}\t${r.debtorKind}\t${esc(r.debtorName)}\t${
      r.siren ?? '\\N'
    }\t${esc(r.email)}\t${r.phone ?? '\\N'}\t${esc(r.address)}\t${esc(r.postalCode)}\t${esc(r.city)}\t${r.miseEnDemeureOn ?? '\\N'}\t${
      r.contractRateBasisPoints ?? '\\N'
    }\t${esc(r.matchKey)}\t${r.prescribed ? 't' : 'f'}\t${r.nature}\t${r.natureSource}\t${r.prescriptionDate}\t${r.prescribedAccepted ? 't' : 'f'}\t\\N\t\\N\n`;
  }
  const j = result.rejection;
  return `${seq}\t${j.line}${'\t\\N'.repeat(STAGED_VALUE_COLUMNS)}\t${j.reason}\t${esc(j.column)}\n`;
}

/**
 * The batch's COPY text, kept as encoded pieces of ~64 KB: one long string built by `+=` row after
 * row would be a tree of millions of string fragments (memory and garbage collection).
 */
function makeCopyText() {
  let buffer = '';
  let pieces: Buffer[] = [];
  return {
    add(line: string) {
      buffer += line;
      if (buffer.length > 64 * 1024) {
        pieces.push(Buffer.from(buffer));
        buffer = '';
      }
    },
    /** The batch's pieces; the next batch starts empty. */
    take(): Buffer[] {
      if (buffer) pieces.push(Buffer.from(buffer));
      const batch = pieces;
      buffer = '';
      pieces = [];
      return batch;
    },
  };
}

/** Stages a batch once the previous one is written, then writes it while the next one is read. */
function makeBatchWriter(commit: Commit) {
  let writing: Promise<void> = Promise.resolve();
  let analyzed = false;
  return {
    async flush(lo: number, hi: number, pieces: readonly Buffer[]) {
      await writing;
      await stage(commit.tx, pieces);
      if (!analyzed) {
        await commit.tx.query('analyze import_stage');
        analyzed = true;
      }
      writing = writeBatch(commit, lo, hi);
      // Awaited before the next batch and at the end; this only keeps a failure from being reported twice.
      writing.catch(() => {});
    },
    done: () => writing,
  };
}

/** The set-based writes of the staged rows lo <= seq < hi. */
async function writeBatch(commit: Commit, lo: number, hi: number) {
  const { exec, refColumn } = commit;
  // The same invoice reference twice in one file: the first valid line wins, the later ones are
  // rejected (earlier batches are staged already; within the batch the snapshot sees them unmarked).
  await exec(
    `update import_stage s set reject_reason = 'duplicate_in_file', reject_column = ?
        where s.seq >= ? and s.seq < ? and s.reject_reason is null
          and exists (select 1 from import_stage p where p.invoice_ref = s.invoice_ref and p.seq < s.seq and p.reject_reason is null)`,
    [refColumn, lo, hi],
  );
  await rejectPrescribedAtIntake(commit, lo, hi);
  const inBatch = sql`s.seq >= ${lo} and s.seq < ${hi} and s.reject_reason is null and s.amount_cents > 0`;
  await writeDebtorsAndCases(commit, inBatch);
  await matchStagedRows(commit, inBatch);
  await writeClaims(commit);
  await writeContacts(commit);
  await countBatch(commit);
  commit.batchNumber += 1;
  commit.rowsWritten = hi;
  if (!commit.dryRun) {
    const { aux, options } = commit;
    // While the file is still being read, the progress counts rows read; after, rows written.
    if (commit.readingDone) await setProgress(aux, options.importId, { rowsDone: hi });
    await options.afterBatch?.(commit.batchNumber);
    await checkNotCancelled(aux, options.importId);
  }
}

/**
 * A new claim already prescribed (its nature and due date, cases/claim-intake.ts) goes in only when
 * its row says the creditor knows ("Prescrite": oui); otherwise the row is rejected on its line. A
 * claim the agency already holds is not at intake: a re-sent file updates it as before.
 */
async function rejectPrescribedAtIntake({ exec, options }: Commit, lo: number, hi: number) {
  const rejected = sql`
     update import_stage s set reject_reason = 'prescribed_at_intake', reject_column = ${options.mapping.dueDate ?? 'dueDate'}
      where s.seq >= ${lo} and s.seq < ${hi} and s.reject_reason is null and s.prescribed and not s.prescribed_accepted
        and not exists (select 1 from claim cl where cl.creditor_id = ${options.creditorId} and cl.invoice_ref = s.invoice_ref)`;
  await exec(rejected.sql, rejected.params);
}

/** The batch's debtors (by match key) and one case per debtor. */
async function writeDebtorsAndCases({ exec, options, counts }: Commit, inBatch: SqlFragment) {
  const { creditorId } = options;
  const debtors = sql`
       insert into debtor (creditor_id, kind, company_name, last_name, display_name, siren, match_key)
       select distinct on (s.match_key) ${creditorId}::uuid, s.debtor_kind,
              case when s.debtor_kind = 'company' then s.debtor_name end,
              case when s.debtor_kind = 'person' then s.debtor_name end,
              s.debtor_name, s.siren, s.match_key
         from import_stage s where ${inBatch}
        order by s.match_key, s.seq
       on conflict (creditor_id, match_key) do nothing`;
  await exec(debtors.sql, debtors.params);
  const cases = sql`
       with created as (
         insert into collection_case (creditor_id, debtor_id, opened_on, mise_en_demeure_on)
         select ${creditorId}::uuid, d.id, ${options.today}::date, m.med
           from (select s.match_key, max(s.mise_en_demeure_on) as med from import_stage s where ${inBatch} group by s.match_key) m
           join debtor d on d.creditor_id = ${creditorId} and d.match_key = m.match_key
         on conflict (debtor_id) do nothing
         returning 1)
       select count(*)::int as n from created`;
  const [created] = await exec<{ n: number }>(cases.sql, cases.params);
  counts.casesCreated += created?.n ?? 0;
}

/** The batch's rows with their debtor, case and existing claim, and what happens to each (import_rows). */
async function matchStagedRows({ exec, options }: Commit, inBatch: SqlFragment) {
  const { creditorId } = options;
  await exec('truncate import_rows');
  const matched = sql`
       insert into import_rows
       select s.seq, s.line, s.invoice_ref, s.issue_date, s.due_date, s.amount_cents, s.contract_rate_bp, s.prescribed,
              d.id, c.id, s.email, s.phone, s.address, s.postal_code, s.city,
              cl.id, cl.case_id, cl.amount_cents, cl.issue_date, cl.due_date, cl.contract_rate_basis_points,
              case when cl.id is null then 'created'
                   when cl.case_id <> c.id then 'rejected'
                   when cl.amount_cents = s.amount_cents and cl.issue_date = s.issue_date and cl.due_date = s.due_date
                    and (s.contract_rate_bp is null or s.contract_rate_bp is not distinct from cl.contract_rate_basis_points)
                    and (s.nature_source <> 'given' or s.nature = cl.nature) then 'unchanged'
                   else 'updated' end,
              s.nature, s.nature_source, s.prescription_date, cl.nature
         from import_stage s
         join debtor d on d.creditor_id = ${creditorId} and d.match_key = s.match_key
         join collection_case c on c.debtor_id = d.id
         left join claim cl on cl.creditor_id = ${creditorId} and cl.invoice_ref = s.invoice_ref
        where ${inBatch}`;
  await exec(matched.sql, matched.params);
}

/**
 * Claims created (with their nature, its source and their prescription date, computed per row in
 * rows.ts: the trigger on claim is only a safety net) or updated, a reference of another debtor
 * rejected, and each case's changes noted. An update keeps the claim's nature unless the row states
 * one; when the due date or the nature moves, the date is recomputed from them without events (the
 * earliest it can be: a refresh, cases/prescription.ts, adds the interruptions back).
 */
async function writeClaims({ tx, exec, options, refColumn }: Commit) {
  const { creditorId } = options;
  await exec(
    `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, contract_rate_basis_points, prescribed_at_intake,
                        nature, nature_source, prescription_date)
       select r.case_id, ?::uuid, r.invoice_ref, r.issue_date, r.due_date, r.amount_cents, r.contract_rate_bp, r.prescribed,
              r.nature, r.nature_source, r.prescription_date
         from import_rows r where r.outcome = 'created'`,
    [creditorId],
  );
  const nature = `case when r.nature_source = 'given' then r.nature else c.nature end`;
  const updated = sql`
     update claim c set amount_cents = r.amount_cents, issue_date = r.issue_date, due_date = r.due_date,
            contract_rate_basis_points = coalesce(r.contract_rate_bp, c.contract_rate_basis_points), updated_at = now(),
            nature = ${rawSql(nature)}, nature_source = case when r.nature_source = 'given' then 'given' else c.nature_source end,
            prescription_date = case when r.due_date <> c.due_date or ${rawSql(nature)} <> c.nature
                                     then ${prescriptionDateSql('r.due_date', `(${nature})`)} else c.prescription_date end
       from import_rows r where r.outcome = 'updated' and c.id = r.claim_id`;
  await exec(updated.sql, updated.params);
  await exec(
    `insert into import_late_rejection (line, column_name, reason)
       select r.line, ?, 'ref_belongs_to_other_debtor' from import_rows r where r.outcome = 'rejected'`,
    [refColumn],
  );
  await tx.query(
    `insert into import_case_effect (case_id, created, changes, prescribed)
       select r.case_id, count(*) filter (where r.outcome = 'created'),
              string_agg(case when r.outcome = 'updated' then
                r.invoice_ref || ' : ' || translate(to_char(r.old_amount / 100.0, 'FM999,999,999,990.00'), ',.', ' ,') || ' € → '
                || translate(to_char(r.amount_cents / 100.0, 'FM999,999,999,990.00'), ',.', ' ,') || ' €, échéance ' || to_char(r.old_due, 'DD/MM/YYYY') || ' → ' || to_char(r.due_date, 'DD/MM/YYYY')
                || case when r.nature_source = 'given' and r.nature <> r.old_nature then ', nature ' || r.old_nature || ' → ' || r.nature else '' end
                end, ' ; ' order by r.line),
              string_agg(case when r.outcome = 'created' and r.prescribed then r.invoice_ref end, ', ' order by r.line)
         from import_rows r where r.outcome <> 'unchanged' group by r.case_id`,
  );
}

/** The batch's e-mail addresses, phones and postal addresses of the debtors. */
async function writeContacts({ tx }: Commit) {
  await tx.query(
    `insert into debtor_email (debtor_id, email) select distinct r.debtor_id, r.email from import_rows r where r.email is not null
       on conflict do nothing`,
  );
  await tx.query(
    `insert into debtor_phone (debtor_id, phone) select distinct r.debtor_id, r.phone from import_rows r where r.phone is not null
       on conflict do nothing`,
  );
  await tx.query(
    `insert into debtor_address (debtor_id, line1, postal_code, city)
       select distinct r.debtor_id, r.address, r.postal_code, r.city from import_rows r
        where r.address is not null and r.postal_code is not null and r.city is not null
       on conflict do nothing`,
  );
}

async function countBatch({ tx, counts }: Commit) {
  const { rows: batchCounts } = await tx.query<{ created: number; updated: number; unchanged: number }>(
    `select count(*) filter (where outcome = 'created')::int as created, count(*) filter (where outcome = 'updated')::int as updated,
              count(*) filter (where outcome = 'unchanged')::int as unchanged from import_rows`,
  );
  const b = batchCounts[0] as { created: number; updated: number; unchanged: number };
  counts.created += b.created;
  counts.updated += b.updated;
  counts.unchanged += b.unchanged;
}

/**
 * Credit notes (negative amounts): a payment of method credit_note on the debtor's case, so
 * the allocation rules apply it to that debtor's claims. Its reference is the invoice
 * reference, so re-importing the file records it once.
 */
async function writeCreditNotes({ tx, options, counts }: Commit, clock: Clock) {
  const { creditorId } = options;
  const creditNotes = sql`with notes as (
       select s.line, s.invoice_ref, -s.amount_cents as amount, s.issue_date, c.id as case_id, p.id as payment_id, p.amount_cents as old_amount
         from import_stage s
         left join debtor d on d.creditor_id = ${creditorId} and d.match_key = s.match_key
         left join collection_case c on c.debtor_id = d.id
         left join payment p on p.provider = 'import' and p.provider_reference = ${creditorId}::text || ':' || s.invoice_ref
        where s.reject_reason is null and s.amount_cents < 0),
     rejected as (
       insert into import_late_rejection (line, column_name, reason)
       select line, ${options.mapping.amount ?? 'amount'}, 'credit_note_without_claim' from notes where case_id is null),
     inserted as (
       insert into payment (case_id, amount_cents, received_on, method, provider, provider_reference)
       select case_id, amount, issue_date, 'credit_note', 'import', ${creditorId}::text || ':' || invoice_ref
         from notes where case_id is not null and payment_id is null
       returning case_id, amount_cents, provider_reference),
     changed as (
       update payment p set amount_cents = n.amount from notes n
        where p.id = n.payment_id and p.amount_cents <> n.amount returning p.case_id)
     select (select count(*) from inserted)::int as created, (select count(*) from changed)::int as updated,
            (select coalesce(jsonb_agg(distinct case_id), '[]'::jsonb) from (select case_id from inserted union select case_id from changed) t) as touched,
            (select count(*) from notes where payment_id is not null and old_amount = amount)::int as unchanged,
            (select coalesce(jsonb_agg(jsonb_build_object('case_id', case_id, 'invoice_ref', substr(provider_reference, 38), 'amount_cents', amount_cents)), '[]'::jsonb)
               from inserted) as noted`;
  type Result = { created: number; updated: number; unchanged: number; touched: string[]; noted: { case_id: string; invoice_ref: string; amount_cents: number }[] };
  const credit = await pgExec(tx)<Result>(creditNotes.sql, creditNotes.params);
  const c = credit[0] as Result;
  await addEntries(
    pgExec(tx),
    clock,
    c.noted.map((entry) => ({
      caseId: entry.case_id,
      kind: 'payment' as const,
      text: `Avoir « ${entry.invoice_ref} » importé (« ${options.fileName} ») : ${formatMoney(Number(entry.amount_cents), 'EUR', 'fr')}.`,
      event: { code: 'credit_note_imported' as const, params: { invoiceRef: entry.invoice_ref, fileName: options.fileName, amountCents: Number(entry.amount_cents), currency: 'EUR' } },
    })),
  );
  // A credit note moves the allocation of the payments after it, so the claims they interrupt
  // (C. civ. 2240): the cases' prescription dates are recomputed once the import is committed.
  for (let start = 0; start < c.touched.length; start += 500) {
    await pgExec(tx)(`select graphile_worker.add_job('cases__refresh_prescriptions', json_build_object('caseIds', ?::jsonb), max_attempts => 5)`, [
      JSON.stringify(c.touched.slice(start, start + 500)),
    ]);
  }
  counts.created += c.created;
  counts.updated += c.updated;
  counts.unchanged += c.unchanged;
}

/**
 * Issue 23: the file's professional debtors (a SIREN) are looked up in the company registry after
 * the commit (registry__lookup, by name: the registry feature builds on this one), 100 SIRENs a job.
 * A registry that does not answer never holds up the import: the job is retried on its own.
 */
async function queueRegistryLookups({ exec }: Commit) {
  await exec(
    `select count(graphile_worker.add_job('registry__lookup', json_build_object('sirens', b.sirens), max_attempts => 12))
       from (select batch, json_agg(siren order by siren) as sirens
               from (select siren, (row_number() over (order by siren) - 1) / 100 as batch
                       from (select distinct s.siren from import_stage s where s.reject_reason is null and s.siren ~ '^[0-9]{9}$') d) n
              group by batch) b`,
  );
}

/** One timeline entry per case and kind of change, for the whole file. */
async function writeTimeline({ tx, options }: Commit, clock: Clock) {
  await addEntriesFrom(
    pgExec(tx),
    clock,
    `select case_id, 'import' as kind, text, event, event_params from (
       select case_id, 'Import « ' || ? || ' » : ' || sum(created) || ' créance(s) ajoutée(s).' as text, 1 as o,
              'import_claims_added' as event, jsonb_build_object('fileName', ?::text, 'claims', sum(created)) as event_params
         from import_case_effect group by case_id having sum(created) > 0
       union all
       select case_id, 'Import « ' || ? || ' » : créance(s) modifiée(s) — ' || string_agg(changes, ' ; '), 2,
              'import_claims_changed', jsonb_build_object('fileName', ?::text, 'changes', string_agg(changes, ' ; '))
         from import_case_effect where changes is not null group by case_id
       union all
       select case_id, 'Import « ' || ? || ' » : créance(s) déjà prescrite(s) à la réception, signalée(s) par le créancier et jamais réclamée(s) — '
              || string_agg(prescribed, ', '), 3,
              'import_prescribed_at_intake', jsonb_build_object('fileName', ?::text, 'refs', string_agg(prescribed, ', '))
         from import_case_effect where prescribed is not null group by case_id
     ) t order by case_id, o`,
    [options.fileName, options.fileName, options.fileName, options.fileName, options.fileName, options.fileName],
    { withEvent: true },
  );
}

/** The rejected rows of the whole file: rejected when read, and rejected when written. */
async function writeRejections({ exec, options, counts }: Commit) {
  const { importId } = options;
  await exec('delete from import_rejection where import_id = ?', [importId]);
  const rejections = sql`
     with written as (
       insert into import_rejection (import_id, line, column_name, reason)
       select ${importId}::uuid, line, reject_column, reject_reason from import_stage where reject_reason is not null
       union all
       select ${importId}::uuid, line, column_name, reason from import_late_rejection
       returning 1)
     select count(*)::int as n from written`;
  const [rejected] = await exec<{ n: number }>(rejections.sql, rejections.params);
  counts.rejected = rejected?.n ?? 0;
}

/** Marks the import completed with its counts (unless it was cancelled meanwhile) and tells the creditor's systems. */
async function finish({ exec, options, counts }: Commit): Promise<'completed' | 'cancelled'> {
  const { importId, creditorId } = options;
  const completed = sql`
     update import_batch set status = 'completed', phase = 'done', row_count = ${counts.rows}, created_count = ${counts.created},
            updated_count = ${counts.updated}, unchanged_count = ${counts.unchanged}, rejected_count = ${counts.rejected},
            cases_created = ${counts.casesCreated}, rows_done = ${counts.rows}, rows_total = ${counts.rows},
            finished_at = now(), progress_at = now(), error = null
      where id = ${importId} and status = 'running'
     returning id`;
  const done = await exec(completed.sql, completed.params);
  if (done.length !== 1) return 'cancelled';
  // The creditor's systems hear about the finished import in the same transaction (outbox):
  // one event with the counts, not one case.created per row of a 1,000,000-row file.
  await emitCreditorEventWith(exec, {
    creditorId,
    type: 'import.finished',
    data: importFinishedData(importId, options.fileName, 'completed', counts, options.now?.() ?? new Date(), null),
  });
  return 'completed';
}
