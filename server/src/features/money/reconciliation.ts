import { frenchDate } from '@relance/domain/calendar';
import { creditorReferenceFor, isValidCreditorReference } from '@relance/domain/identifiers';
import { bankDebitConfirmedPostings, unmatchedReceiptPostings } from '@relance/domain/ledger';
import { formatMoney } from '@relance/domain/money';
import { todayInParis } from '../../plugins/context.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import type { ReadContext } from '../cases/statement.ts';
import { outstandingFigures } from '../cases/statement.ts';
import { postTransaction, reverseTransaction } from '../ledger/journal.ts';
import { bookPaymentReversed } from '../payments/book.ts';
import { recordIncomingPayment } from '../payments/record.ts';
import type { StatementEntry } from './camt053.ts';

// What each bank entry becomes, in the import's transaction (issue 17). The money is in the
// ledger, posted by the doors that own it; a bank entry only says what it was matched to.
// - A credit in EUR bearing a case's ISO 11649 reference (structured, or written in the free
//   text) is that case's payment: recordIncomingPayment (method transfer, provider camt053,
//   reference = the entry's id), which posts it and issues the receipt (R124-6).
// - Any other credit waits in suspense (`unmatched_receipt`) for a human (the reconciliation queue).
// - A reversal (RvslInd) or a return (RtrInf) takes back the earlier entry it names (same
//   AcctSvcrRef, EndToEndId or RF reference and amount, opposite side): its payment is reversed
//   (receipt cancelled), its suspense or debit posting is reversed; found nothing: a human looks.
// - A debit whose EndToEndId is 'R' + a remittance id confirms that remittance (bank_debit_confirmed),
//   'D' + a refund id confirms that refund (its refund_sent already left the bank): else a human looks.
// - Another currency, an entry not booked, an entry already reported in another statement: listed,
//   nothing posted.

export const BANK_PROVIDER = 'camt053';

export type StoredEntry = StatementEntry & { readonly id: string; readonly statementId: string };

export type Settlement = {
  readonly status:
    | 'matched'
    | 'unmatched'
    | 'reversal_applied'
    | 'reversal_unmatched'
    | 'returned'
    | 'debit_confirmed'
    | 'debit_unmatched'
    | 'foreign_currency'
    | 'not_booked'
    | 'duplicate';
  readonly paymentId?: string | null;
  readonly caseId?: string | null;
  readonly ledgerTransactionId?: string | null;
  readonly reversesEntryId?: string | null;
  readonly matchKind?: 'automatic' | 'manual' | null;
};

export type SettleContext = ReadContext & { readonly actorId: string | null };

/**
 * What the settlement of a chunk of stored entries needs to know, read for the whole chunk in two
 * statements instead of two per entry (the bank statement benchmark, issue 22): which entries
 * another statement reported already, and the case each RF reference names. Both hold for the
 * whole chunk: no case is created or renamed by an import, and what settling an entry writes
 * (payments, ledger, reversed entries) never makes an entry of another statement a duplicate.
 */
export type ChunkLookups = { readonly reportedBefore: ReadonlySet<string>; readonly cases: ReadonlyMap<string, CaseRow | null> };

/** The lookups of a chunk of entries stored in one statement (see ChunkLookups). */
export async function chunkLookups(exec: SqlExec, statementId: string, entries: readonly StoredEntry[]): Promise<ChunkLookups> {
  const ids = entries.filter((entry) => entry.accountServicerReference !== null).map((entry) => entry.id);
  const reported =
    ids.length === 0
      ? []
      : await exec<{ id: string }>(
          `select e.id from bank_entry e
            where e.statement_id = ? and e.id in (select jsonb_array_elements_text(?::jsonb)::uuid)
              and exists (select 1 from bank_entry o
                           where o.statement_id <> e.statement_id and o.account_servicer_reference = e.account_servicer_reference
                             and o.entry_reference = e.entry_reference and o.direction = e.direction and o.amount_cents = e.amount_cents
                             and o.booked_on = e.booked_on and o.status <> 'duplicate')`,
          [statementId, JSON.stringify(ids)],
        );
  const references = new Set(entries.flatMap((entry) => creditorReferenceOf(entry) ?? []));
  return { reportedBefore: new Set(reported.map((row) => row.id)), cases: await casesForCreditorReferences(exec, [...references]) };
}

/** Decides and books one stored entry; the caller writes the settlement on the row. */
export async function settleEntry(ctx: SettleContext, entry: StoredEntry, lookups?: ChunkLookups): Promise<Settlement> {
  if (entry.entryStatus !== 'BOOK' || entry.amountCents === 0) return { status: 'not_booked' };
  if (entry.reversal || entry.returnReason !== null) return await applyReversal(ctx, entry);
  if (entry.currency !== 'EUR') return { status: 'foreign_currency' };
  const duplicate = lookups ? lookups.reportedBefore.has(entry.id) : await reportedBefore(emExec(ctx.em), entry);
  if (duplicate) return { status: 'duplicate' };
  return entry.direction === 'credit' ? await settleCredit(ctx, entry, lookups) : await settleDebit(ctx, entry);
}

/** The same bank movement (servicer reference, side, amount, day) in another statement already imported. */
async function reportedBefore(exec: SqlExec, entry: StoredEntry): Promise<boolean> {
  if (entry.accountServicerReference === null) return false;
  const rows = await exec(
    `select 1 from bank_entry where statement_id <> ? and account_servicer_reference = ? and entry_reference = ? and direction = ?
        and amount_cents = ? and booked_on = ? and status <> 'duplicate' limit 1`,
    [entry.statementId, entry.accountServicerReference, entry.entryReference, entry.direction, entry.amountCents, entry.bookedOn],
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Credits.

/** The ISO 11649 reference of a credit: the structured one, or one written in the free text. */
export function creditorReferenceOf(entry: Pick<StatementEntry, 'structuredReference' | 'unstructuredText'>): string | null {
  if (entry.structuredReference && isValidCreditorReference(entry.structuredReference)) return entry.structuredReference;
  const text = (entry.unstructuredText ?? '').toUpperCase();
  for (const match of text.matchAll(/RF\d{2}(?: ?[0-9A-Z]{1,4}){1,6}/g)) {
    const compact = match[0].replace(/ /g, '');
    for (let length = Math.min(compact.length, 25); length >= 5; length -= 1) {
      if (isValidCreditorReference(compact.slice(0, length))) return compact.slice(0, length);
    }
  }
  return null;
}

type CaseRow = { id: string; creditor_id: string; reference: string };

/** The case whose reference the RF reference carries (one, or none when two would fit). */
export async function caseForCreditorReference(exec: SqlExec, reference: string): Promise<CaseRow | null> {
  const compact = reference.slice(4);
  const rows = await exec<CaseRow>(
    `select id, creditor_id, reference from collection_case where upper(regexp_replace(reference, '[^0-9A-Za-z]', '', 'g')) = ? limit 2`,
    [compact],
  );
  const [found] = rows;
  return rows.length === 1 && found && creditorReferenceFor(found.reference) === reference ? found : null;
}

/** caseForCreditorReference for several references in one statement: each reference to its case, or null. */
async function casesForCreditorReferences(exec: SqlExec, references: readonly string[]): Promise<Map<string, CaseRow | null>> {
  const result = new Map<string, CaseRow | null>();
  if (references.length === 0) return result;
  const rows = await exec<CaseRow & { compact: string }>(
    `select id, creditor_id, reference, upper(regexp_replace(reference, '[^0-9A-Za-z]', '', 'g')) as compact from collection_case
      where upper(regexp_replace(reference, '[^0-9A-Za-z]', '', 'g')) in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify([...new Set(references.map((reference) => reference.slice(4)))])],
  );
  const byCompact = new Map<string, CaseRow[]>();
  for (const { compact, ...row } of rows) {
    const list = byCompact.get(compact);
    if (list) list.push(row);
    else byCompact.set(compact, [row]);
  }
  for (const reference of references) {
    const candidates = byCompact.get(reference.slice(4)) ?? [];
    const [found] = candidates;
    result.set(reference, candidates.length === 1 && found && creditorReferenceFor(found.reference) === reference ? found : null);
  }
  return result;
}

/** The case's balance due today, its row locked for the payment (two payments never fit one balance). */
async function balanceDueLocked(ctx: ReadContext, caseId: string): Promise<number | null> {
  await ctx.em.execute('select id from collection_case where id = ? for update', [caseId]);
  const figures = (await outstandingFigures(ctx, [caseId], todayInParis(ctx.clock))).get(caseId);
  return figures ? Math.max(0, figures.balanceCents) : null;
}

/** Records a bank credit as a case's payment through the payments' door. */
export async function recordBankPayment(
  ctx: SettleContext,
  entry: Pick<StoredEntry, 'id' | 'amountCents' | 'bookedOn' | 'entryReference'>,
  found: CaseRow,
  options: { viaSuspense: boolean; providerReference: string },
) {
  const balanceDue = await balanceDueLocked(ctx, found.id);
  const overpayment = balanceDue !== null && entry.amountCents > balanceDue;
  const excess = overpayment ? ` Trop-perçu de ${formatMoney(entry.amountCents - (balanceDue ?? 0), 'EUR', 'fr')} à rembourser au payeur.` : '';
  return await recordIncomingPayment(ctx, {
    caseId: found.id,
    creditorId: found.creditor_id,
    amountCents: entry.amountCents,
    currency: 'EUR',
    receivedOn: entry.bookedOn,
    method: 'transfer',
    provider: BANK_PROVIDER,
    providerReference: options.providerReference,
    overpayment,
    authorId: ctx.actorId,
    viaSuspense: options.viaSuspense,
    timelineText: `Virement reçu (relevé bancaire, écriture ${entry.entryReference}) : ${formatMoney(entry.amountCents, 'EUR', 'fr')} le ${frenchDate(entry.bookedOn)}.${excess}`,
  });
}

async function settleCredit(ctx: SettleContext, entry: StoredEntry, lookups: ChunkLookups | undefined): Promise<Settlement> {
  const exec = emExec(ctx.em);
  const reference = creditorReferenceOf(entry);
  const found = reference === null ? null : lookups?.cases.has(reference) ? (lookups.cases.get(reference) ?? null) : await caseForCreditorReference(exec, reference);
  if (found) {
    const payment = await recordBankPayment(ctx, entry, found, { viaSuspense: false, providerReference: entry.id });
    return { status: 'matched', matchKind: 'automatic', paymentId: payment.id, caseId: found.id, ledgerTransactionId: payment.transactionId };
  }
  const posted = await postUnmatchedReceipt(ctx, entry, `bank-entry:${entry.id}`);
  return { status: 'unmatched', ledgerTransactionId: posted.id };
}

/** The credit is in the bank, owed to nobody known yet: suspense. */
export async function postUnmatchedReceipt(ctx: SettleContext, entry: Pick<StoredEntry, 'id' | 'amountCents' | 'bookedOn' | 'entryReference'>, idempotencyKey: string) {
  return await postTransaction(emExec(ctx.em), ctx.clock, {
    kind: 'unmatched_receipt',
    bookedOn: entry.bookedOn,
    description: `Virement non rapproché, écriture bancaire ${entry.entryReference}`,
    source: { type: 'bank_entry', id: entry.id },
    idempotencyKey,
    recordedBy: ctx.actorId,
    postings: unmatchedReceiptPostings(entry.amountCents),
  });
}

// ---------------------------------------------------------------------------------------------
// Debits.

const uuidOfHex = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toLowerCase();

async function settleDebit(ctx: SettleContext, entry: StoredEntry): Promise<Settlement> {
  const exec = emExec(ctx.em);
  const match = /^([RD])([0-9a-fA-F]{32})$/.exec(entry.endToEndId ?? '');
  if (!match) return { status: 'debit_unmatched' };
  const sourceId = uuidOfHex(match[2] as string);
  if (match[1] === 'D') {
    const sent = await exec(`select 1 from ledger_transaction where kind = 'refund_sent' and source_type = 'refund' and source_id = ? limit 1`, [sourceId]);
    if (sent.length === 0) return { status: 'debit_unmatched' };
    await markTransferConfirmed(exec, 'debtor_refund', sourceId);
    return { status: 'debit_confirmed' };
  }
  const [sent] = await exec<{ creditor_id: string | null; cents: string }>(
    `select t.creditor_id, sum(l.credit_cents) as cents
       from ledger_transaction t join ledger_line l on l.transaction_id = t.id and l.account = 'remittance_in_transit'
      where t.kind = 'remittance_sent' and t.source_type = 'remittance' and t.source_id = ?
        and not exists (select 1 from ledger_transaction r where r.reverses_id = t.id)
      group by t.id, t.creditor_id`,
    [sourceId],
  );
  const creditorId = sent?.creditor_id ?? null;
  if (!sent || creditorId === null || Number(sent.cents) !== entry.amountCents) return { status: 'debit_unmatched' };
  const posted = await postTransaction(exec, ctx.clock, {
    kind: 'bank_debit_confirmed',
    bookedOn: entry.bookedOn,
    description: `Reversement débité (écriture bancaire ${entry.entryReference})`,
    source: { type: 'remittance', id: sourceId },
    creditorId,
    idempotencyKey: `debit:${sourceId}`,
    recordedBy: ctx.actorId,
    postings: bankDebitConfirmedPostings(creditorId, entry.amountCents),
  });
  // A second debit for the same remittance is not a confirmation: a human looks at it.
  if (!posted.created) return { status: 'debit_unmatched' };
  await markTransferConfirmed(exec, 'remittance', sourceId);
  return { status: 'debit_confirmed', ledgerTransactionId: posted.id };
}

/** The bank shows the transfer: the remittance or refund is confirmed, and its run once every transfer of it is. */
async function markTransferConfirmed(exec: SqlExec, table: 'remittance' | 'debtor_refund', id: string): Promise<void> {
  const [row] = await exec<{ run_id: string }>(`update ${table} set status = 'confirmed' where id = ? and status = 'sent' returning run_id`, [id]);
  if (!row) return;
  await exec(
    `update remittance_run r set status = 'confirmed' where r.id = ? and r.status = 'sent'
        and not exists (select 1 from remittance m where m.run_id = r.id and m.status = 'sent')
        and not exists (select 1 from debtor_refund f where f.run_id = r.id and f.status = 'sent')`,
    [row.run_id],
  );
}

// ---------------------------------------------------------------------------------------------
// Reversals and returns.

type OriginalRow = { id: string; payment_id: string | null; case_id: string | null; ledger_transaction_id: string | null };

/** The earlier entry a reversal or return takes back: opposite side, same amount, a shared reference. */
async function findOriginal(exec: SqlExec, entry: StoredEntry): Promise<OriginalRow | null> {
  const reference = creditorReferenceOf(entry);
  const [row] = await exec<OriginalRow>(
    `select id, payment_id, case_id, ledger_transaction_id from bank_entry
      where direction = ? and reversal = false and return_reason is null and amount_cents = ? and currency = ?
        and status in ('matched', 'unmatched', 'debit_confirmed') and (statement_id <> ? or position < ?)
        and ((?::text is not null and account_servicer_reference = ?::text) or (?::text is not null and end_to_end_id = ?::text)
             or (?::text is not null and structured_reference = ?::text))
      order by booked_on desc, position desc limit 1`,
    [
      entry.direction === 'credit' ? 'debit' : 'credit',
      entry.amountCents,
      entry.currency,
      entry.statementId,
      entry.position,
      entry.accountServicerReference,
      entry.accountServicerReference,
      entry.endToEndId,
      entry.endToEndId,
      reference,
      reference,
    ],
  );
  return row ?? null;
}

async function applyReversal(ctx: SettleContext, entry: StoredEntry): Promise<Settlement> {
  const exec = emExec(ctx.em);
  const original = await findOriginal(exec, entry);
  if (!original) return { status: 'reversal_unmatched' };
  const reason = entry.returnReason ? `retour de virement ${entry.returnReason}, écriture ${entry.entryReference}` : `contre-passation bancaire, écriture ${entry.entryReference}`;
  const paymentReversed = original.payment_id
    ? await bookPaymentReversed(ctx, original.payment_id, { reason, bookedOn: entry.bookedOn, recordedBy: ctx.actorId })
    : false;
  // What stands of the original's own postings: its suspense receipt, or a remittance's debit.
  const standing = await exec<{ id: string }>(
    `select t.id from ledger_transaction t
      where t.kind <> 'reversal' and not exists (select 1 from ledger_transaction r where r.reverses_id = t.id)
        and ((t.source_type = 'bank_entry' and t.source_id = ?) or t.id = ?::uuid) order by t.seq`,
    [original.id, original.ledger_transaction_id],
  );
  // Nothing of ours to take back (a refund's debit, which posted nothing): a human decides.
  if (!paymentReversed && standing.length === 0) return { status: 'reversal_unmatched' };
  for (const transaction of standing) {
    await reverseTransaction(exec, ctx.clock, { transactionId: transaction.id, bookedOn: entry.bookedOn, reason, recordedBy: ctx.actorId });
  }
  await exec(`update bank_entry set status = 'reversed', reversed_by_entry_id = ?, updated_at = ? where id = ?`, [entry.id, ctx.clock.now(), original.id]);
  return {
    status: entry.returnReason ? 'returned' : 'reversal_applied',
    reversesEntryId: original.id,
    paymentId: original.payment_id,
    caseId: original.case_id,
  };
}
