import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { withRateTableHeld } from '../rates/service.ts';
import { readCamt053, type StatementEntry, type StatementHeader, type StatementItem } from './camt053.ts';
import { chunkLookups, type SettleContext, type Settlement, type StoredEntry, settleEntry } from './reconciliation.ts';

// Importing a camt.053 statement (issue 17), in ONE database transaction: the statement row, its
// entries (stored in chunks as the file is read, so memory stays flat), what each entry becomes
// (payments, suspense, reversals, debit confirmations: reconciliation.ts), then the checks that
// need the whole file (opening + credits − debits = closing; the file's hash not seen before).
// Any refusal rolls everything back: nothing half imported, the same file can be sent again.
// Re-importing a statement (same MsgId + Stmt/Id, or the same bytes) creates nothing.

// Entries stored and looked up together: a thousand entries is ~1 MB of JSON in one statement.
const CHUNK = 1000;

class AlreadyImported extends Error {
  readonly statementId: string;
  constructor(statementId: string) {
    super('already imported');
    this.statementId = statementId;
  }
}

export type ImportInput = { readonly fileName: string; readonly stream: AsyncIterable<Buffer> };

/** The file's bytes, bounded while read (never trusting a declared size), hashed on the way. */
async function* boundedAndHashed(stream: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new AppError('file_too_large', 413, { maxBytes });
    hash.update(chunk);
    yield chunk;
  }
}

const compactIban = (iban: string) => iban.replace(/\s/g, '').toUpperCase();

async function checkHeader(exec: SqlExec, header: StatementHeader): Promise<void> {
  const [agency] = await exec<{ client_funds_iban: string | null }>('select client_funds_iban from agency order by id limit 1');
  const expected = agency?.client_funds_iban ? compactIban(agency.client_funds_iban) : null;
  if (expected !== null && expected !== header.accountIban) {
    throw new AppError('bank_statement_wrong_account', 422, { statementIban: header.accountIban, clientFundsIban: expected });
  }
  const [existing] = await exec<{ id: string }>('select id from bank_statement where message_identifier = ? and statement_identifier = ?', [
    header.messageIdentifier,
    header.statementIdentifier,
  ]);
  if (existing) throw new AlreadyImported(existing.id);
}

async function insertStatement(ctx: ActorContext, exec: SqlExec, header: StatementHeader, fileName: string): Promise<string> {
  const [row] = await exec<{ id: string }>(
    `insert into bank_statement (message_identifier, statement_identifier, schema_version, account_iban, currency, from_date, to_date,
                                 opening_balance_cents, closing_balance_cents, file_name, file_sha256, imported_at, imported_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending:' || gen_random_uuid(), ?, ?) returning id`,
    [
      header.messageIdentifier,
      header.statementIdentifier,
      header.schemaVersion,
      header.accountIban,
      header.currency,
      header.fromDate,
      header.toDate,
      header.openingBalanceCents,
      header.closingBalanceCents,
      fileName.slice(0, 255),
      ctx.clock.now(),
      ctx.actor.userId,
    ],
  );
  return (row as { id: string }).id;
}

/**
 * Stores a chunk of entries, then settles each in file order. What each entry became is written
 * back in one statement per chunk, not one per entry; only a reversal reads entries of this
 * statement (findOriginal: an earlier entry's status and payment), so what is pending is written
 * before a reversal is settled.
 */
async function storeAndSettle(settle: SettleContext, exec: SqlExec, statementId: string, entries: readonly StatementEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const ids = await insertEntries(exec, statementId, entries, settle.clock.now());
  const stored: StoredEntry[] = entries.map((entry) => ({ ...entry, id: ids.get(entry.position) as string, statementId }));
  const lookups = await chunkLookups(exec, statementId, stored);
  let pending: SettledEntry[] = [];
  for (const entry of stored) {
    if (entry.reversal || entry.returnReason !== null) {
      await writeSettlements(exec, pending, settle.clock.now());
      pending = [];
    }
    pending.push({ id: entry.id, settlement: await settleEntry(settle, entry, lookups) });
  }
  await writeSettlements(exec, pending, settle.clock.now());
}

/** Inserts a chunk of entries (status unmatched until settled): each entry's position to its id. */
async function insertEntries(exec: SqlExec, statementId: string, entries: readonly StatementEntry[], now: Date): Promise<Map<number, string>> {
  const rows = entries.map((entry) => ({
    position: entry.position,
    entry_reference: entry.entryReference.slice(0, 200),
    account_servicer_reference: entry.accountServicerReference,
    end_to_end_id: entry.endToEndId,
    booked_on: entry.bookedOn,
    value_on: entry.valueOn,
    direction: entry.direction,
    amount_cents: entry.amountCents,
    currency: entry.currency.slice(0, 3),
    reversal: entry.reversal,
    entry_status: entry.entryStatus,
    return_reason: entry.returnReason,
    structured_reference: entry.structuredReference,
    unstructured_text: entry.unstructuredText,
    counterparty_name: entry.counterpartyName,
    counterparty_iban: entry.counterpartyIban,
    batch_total_cents: entry.batchTotalCents,
  }));
  const inserted = await exec<{ id: string; position: number }>(
    `insert into bank_entry (statement_id, position, entry_reference, account_servicer_reference, end_to_end_id, booked_on, value_on, direction, amount_cents,
                             currency, reversal, entry_status, return_reason, structured_reference, unstructured_text, counterparty_name, counterparty_iban,
                             batch_total_cents, status, updated_at)
     select ?, e.position, e.entry_reference, e.account_servicer_reference, e.end_to_end_id, e.booked_on, e.value_on, e.direction, e.amount_cents,
            e.currency, e.reversal, e.entry_status, e.return_reason, e.structured_reference, e.unstructured_text, e.counterparty_name, e.counterparty_iban,
            e.batch_total_cents, 'unmatched', ?
       from jsonb_to_recordset(?::jsonb) as e(position integer, entry_reference text, account_servicer_reference text, end_to_end_id text, booked_on date,
            value_on date, direction text, amount_cents bigint, currency text, reversal boolean, entry_status text, return_reason text,
            structured_reference text, unstructured_text text, counterparty_name text, counterparty_iban text, batch_total_cents bigint)
     on conflict (statement_id, entry_reference) do nothing
     returning id, position`,
    [statementId, now, JSON.stringify(rows)],
  );
  if (inserted.length !== entries.length) throw new AppError('bank_statement_invalid', 422, { reason: 'entry_reference_repeated' });
  return new Map(inserted.map((row) => [Number(row.position), row.id]));
}

type SettledEntry = { readonly id: string; readonly settlement: Settlement };

/** What each entry became, written on the entries' rows in one statement. */
async function writeSettlements(exec: SqlExec, settled: readonly SettledEntry[], now: Date): Promise<void> {
  if (settled.length === 0) return;
  const rows = settled.map(({ id, settlement }) => ({
    id,
    status: settlement.status,
    payment_id: settlement.paymentId ?? null,
    case_id: settlement.caseId ?? null,
    ledger_transaction_id: settlement.ledgerTransactionId ?? null,
    reverses_entry_id: settlement.reversesEntryId ?? null,
    match_kind: settlement.matchKind ?? null,
  }));
  await exec(
    `update bank_entry b set status = v.status, payment_id = v.payment_id, case_id = v.case_id, ledger_transaction_id = v.ledger_transaction_id,
            reverses_entry_id = v.reverses_entry_id, match_kind = v.match_kind, updated_at = ?
       from jsonb_to_recordset(?::jsonb) as v(id uuid, status text, payment_id uuid, case_id uuid, ledger_transaction_id uuid, reverses_entry_id uuid, match_kind text)
      where b.id = v.id`,
    [now, JSON.stringify(rows)],
  );
}

type Totals = { creditsCents: number; debitsCents: number };

/** Booked entries in the statement's currency move its balance (pending ones and other currencies do not). */
function addToTotals(totals: Totals, entry: StatementEntry, currency: string): void {
  if (entry.entryStatus !== 'BOOK' || entry.currency !== currency) return;
  if (entry.direction === 'credit') totals.creditsCents += entry.amountCents;
  else totals.debitsCents += entry.amountCents;
}

function checkBalanced(header: StatementHeader, totals: Totals): void {
  const expected = header.openingBalanceCents + totals.creditsCents - totals.debitsCents;
  if (expected !== header.closingBalanceCents) {
    throw new AppError('bank_statement_unbalanced', 422, {
      openingBalanceCents: header.openingBalanceCents,
      creditsCents: totals.creditsCents,
      debitsCents: totals.debitsCents,
      expectedClosingBalanceCents: expected,
      closingBalanceCents: header.closingBalanceCents,
      differenceCents: header.closingBalanceCents - expected,
    });
  }
}

async function importInTransaction(ctx: ActorContext, em: EntityManager, items: AsyncGenerator<StatementItem>, input: ImportInput, hash: () => string): Promise<string> {
  const exec = emExec(em);
  const settle: SettleContext = { em, clock: ctx.clock, actorId: ctx.actor.userId };
  let header: StatementHeader | null = null;
  let statementId: string | null = null;
  const totals: Totals = { creditsCents: 0, debitsCents: 0 };
  let pending: StatementEntry[] = [];
  for await (const item of items) {
    if (item.kind === 'header') {
      header = item.header;
      await checkHeader(exec, header);
      statementId = await insertStatement(ctx, exec, header, input.fileName);
      continue;
    }
    if (!header || !statementId) throw new AppError('bank_statement_invalid', 422, { reason: 'entry_before_header' });
    addToTotals(totals, item.entry, header.currency);
    pending.push(item.entry);
    if (pending.length >= CHUNK) {
      await storeAndSettle(settle, exec, statementId, pending);
      pending = [];
    }
  }
  if (!header || !statementId) throw new AppError('bank_statement_invalid', 422, { reason: 'no_statement' });
  await storeAndSettle(settle, exec, statementId, pending);
  checkBalanced(header, totals);
  const digest = hash();
  const [sameFile] = await exec<{ id: string }>('select id from bank_statement where file_sha256 = ?', [digest]);
  if (sameFile) throw new AlreadyImported(sameFile.id);
  await exec('update bank_statement set file_sha256 = ? where id = ?', [digest, statementId]);
  return statementId;
}

/** Imports a statement; `created: false` when it had been imported before (nothing was created). */
export async function importBankStatement(ctx: ActorContext, input: ImportInput): Promise<{ statementId: string; created: boolean }> {
  const hash = createHash('sha256');
  const items = readCamt053(boundedAndHashed(input.stream, hash, ctx.config.bankStatementMaxBytes));
  try {
    const statementId = await ctx.em.transactional(async (em) =>
      withRateTableHeld({ em }, () => importInTransaction(ctx, em as EntityManager, items, input, () => hash.digest('hex'))),
    );
    return { statementId, created: true };
  } catch (error) {
    if (error instanceof AlreadyImported) return { statementId: error.statementId, created: false };
    throw error;
  } finally {
    await items.return(undefined);
  }
}
