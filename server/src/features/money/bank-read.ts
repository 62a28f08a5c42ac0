import type { paginationQuery } from '@relance/contracts/common';
import type { BankEntry, BankStatement, bankEntriesQuery, bankStatementSummary } from '@relance/contracts/money';
import type { z } from 'zod';
import type { ServiceContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { suggestionsFor } from './suggestions.ts';

// Reading bank statements and the reconciliation queue (issue 17). Suggestions are computed for
// the unmatched credits shown (a page of the queue; the first SUGGESTED_IN_STATEMENT of a statement).

type StatementSummary = z.infer<typeof bankStatementSummary>;

const SUGGESTED_IN_STATEMENT = 50;

type StatementRow = {
  id: string;
  statement_identifier: string;
  message_identifier: string;
  schema_version: string;
  account_iban: string;
  currency: string;
  from_date: string | null;
  to_date: string | null;
  opening_balance_cents: string;
  closing_balance_cents: string;
  file_name: string;
  imported_at: Date;
  counts: { entries: number; matched: number; unmatched: number; reversals: number; debits: number; other: number };
};

const STATEMENT_COLUMNS = `s.id, s.statement_identifier, s.message_identifier, s.schema_version, s.account_iban, s.currency,
  to_char(s.from_date, 'YYYY-MM-DD') as from_date, to_char(s.to_date, 'YYYY-MM-DD') as to_date, s.opening_balance_cents, s.closing_balance_cents,
  s.file_name, s.imported_at,
  (select json_build_object(
     'entries', count(*),
     'matched', count(*) filter (where e.status = 'matched'),
     'unmatched', count(*) filter (where e.status = 'unmatched'),
     'reversals', count(*) filter (where e.status in ('reversal_applied', 'reversal_unmatched', 'returned', 'reversed')),
     'debits', count(*) filter (where e.status in ('debit_confirmed', 'debit_unmatched')),
     'other', count(*) filter (where e.status in ('foreign_currency', 'not_booked', 'duplicate')))
     from bank_entry e where e.statement_id = s.id) as counts`;

function summaryOf(row: StatementRow): StatementSummary {
  return {
    id: row.id,
    statementIdentifier: row.statement_identifier,
    messageIdentifier: row.message_identifier,
    schemaVersion: row.schema_version,
    accountIban: row.account_iban,
    currency: row.currency,
    fromDate: row.from_date,
    toDate: row.to_date,
    openingBalanceCents: Number(row.opening_balance_cents),
    closingBalanceCents: Number(row.closing_balance_cents),
    fileName: row.file_name,
    importedAt: new Date(row.imported_at).toISOString(),
    counts: {
      entries: Number(row.counts.entries),
      matched: Number(row.counts.matched),
      unmatched: Number(row.counts.unmatched),
      reversals: Number(row.counts.reversals),
      debits: Number(row.counts.debits),
      other: Number(row.counts.other),
    },
  };
}

type EntryRow = {
  id: string;
  statement_id: string;
  position: number;
  entry_reference: string;
  booked_on: string;
  value_on: string | null;
  direction: 'credit' | 'debit';
  amount_cents: string;
  currency: string;
  reversal: boolean;
  status: BankEntry['status'];
  structured_reference: string | null;
  unstructured_text: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  payment_id: string | null;
  case_id: string | null;
  case_reference: string | null;
  end_to_end_id: string | null;
  return_reason: string | null;
  reverses_entry_id: string | null;
  reversed_by_entry_id: string | null;
};

const ENTRY_COLUMNS = `e.id, e.statement_id, e.position, e.entry_reference, to_char(e.booked_on, 'YYYY-MM-DD') as booked_on, to_char(e.value_on, 'YYYY-MM-DD') as value_on,
  e.direction, e.amount_cents, e.currency, e.reversal, e.status, e.structured_reference, e.unstructured_text, e.counterparty_name, e.counterparty_iban,
  e.payment_id, e.case_id, c.reference as case_reference, e.end_to_end_id, e.return_reason, e.reverses_entry_id, e.reversed_by_entry_id`;

async function entriesOf(ctx: ServiceContext, rows: readonly EntryRow[], suggestFor: number): Promise<BankEntry[]> {
  const result: BankEntry[] = [];
  let suggested = 0;
  for (const row of rows) {
    const amountCents = Number(row.amount_cents);
    const wanted = row.status === 'unmatched' && suggested < suggestFor;
    if (wanted) suggested += 1;
    result.push({
      id: row.id,
      statementId: row.statement_id,
      entryReference: row.entry_reference,
      bookedOn: row.booked_on,
      valueOn: row.value_on,
      direction: row.direction,
      amountCents,
      currency: row.currency,
      reversal: row.reversal,
      status: row.status,
      structuredReference: row.structured_reference,
      unstructuredText: row.unstructured_text,
      counterpartyName: row.counterparty_name,
      counterpartyIban: row.counterparty_iban,
      paymentId: row.payment_id,
      caseId: row.case_id,
      caseReference: row.case_reference,
      endToEndId: row.end_to_end_id,
      returnReason: row.return_reason,
      reversesEntryId: row.reverses_entry_id,
      reversedByEntryId: row.reversed_by_entry_id,
      suggestions: wanted ? await suggestionsFor(ctx, { amountCents, text: row.unstructured_text, counterpartyName: row.counterparty_name }) : [],
    });
  }
  return result;
}

/** One statement with every entry (file order). */
export async function getBankStatement(ctx: ServiceContext, statementId: string, alreadyImported = false): Promise<BankStatement> {
  const exec = emExec(ctx.em);
  const [row] = await exec<StatementRow>(`select ${STATEMENT_COLUMNS} from bank_statement s where s.id = ?`, [statementId]);
  if (!row) throw new AppError('not_found', 404);
  const entries = await exec<EntryRow>(
    `select ${ENTRY_COLUMNS} from bank_entry e left join collection_case c on c.id = e.case_id where e.statement_id = ? order by e.position`,
    [statementId],
  );
  return { ...summaryOf(row), alreadyImported, entries: await entriesOf(ctx, entries, SUGGESTED_IN_STATEMENT) };
}

/** Statements, most recently imported first. */
export async function listBankStatements(ctx: ServiceContext, query: z.infer<typeof paginationQuery>): Promise<{ items: StatementSummary[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    filters.push(sql`(s.imported_at, s.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const statement = sql`select ${rawSql(STATEMENT_COLUMNS)} from bank_statement s ${whereAll(filters)} order by s.imported_at desc, s.id desc limit ${query.limit + 1}`;
  const rows = await emExec(ctx.em)<StatementRow>(statement.sql, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryOf),
    nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.imported_at).toISOString(), last.id]) : null,
  };
}

/** The reconciliation queue: entries by status (oldest booking first), unmatched credits with their suggestions. */
export async function listBankEntries(ctx: ServiceContext, query: z.infer<typeof bankEntriesQuery>): Promise<{ items: BankEntry[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  if (query.status) filters.push(sql`e.status = ${query.status}`);
  if (query.statementId) filters.push(sql`e.statement_id = ${query.statementId}`);
  if (query.cursor) {
    const [bookedOn, id] = decodeCursor(query.cursor, ['date', 'uuid']);
    filters.push(sql`(e.booked_on, e.id) > (${bookedOn}::date, ${id}::uuid)`);
  }
  const statement = sql`select ${rawSql(ENTRY_COLUMNS)} from bank_entry e left join collection_case c on c.id = e.case_id ${whereAll(filters)}
    order by e.booked_on, e.id limit ${query.limit + 1}`;
  const rows = await emExec(ctx.em)<EntryRow>(statement.sql, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await entriesOf(ctx, page, page.length), nextCursor: rows.length > query.limit && last ? encodeCursor([last.booked_on, last.id]) : null };
}

/** One entry, as the queue shows it. */
export async function getBankEntry(ctx: ServiceContext, entryId: string): Promise<BankEntry> {
  const rows = await emExec(ctx.em)<EntryRow>(`select ${ENTRY_COLUMNS} from bank_entry e left join collection_case c on c.id = e.case_id where e.id = ?`, [entryId]);
  if (rows.length === 0) throw new AppError('not_found', 404);
  const [entry] = await entriesOf(ctx, rows, 1);
  return entry as BankEntry;
}

