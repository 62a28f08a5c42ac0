import { assertBalanced, LEDGER_ACCOUNTS, type LedgerTransactionKind, type Posting, reversalOf } from '@relance/domain/ledger';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// The one writer of the journal (ledger_transaction, ledger_line). Every payment, match,
// commission, remittance, refund and cost is posted here, balanced by the domain's builders
// (packages/domain/src/ledger.ts) and checked again by the database at commit. Posting is
// idempotent by key: a retried request or job finds its transaction and posts nothing new.

export type LedgerSource = {
  readonly type: 'payment' | 'bank_entry' | 'remittance' | 'remittance_run' | 'commission_invoice' | 'legal_cost' | 'refund' | 'fees_transfer' | 'manual';
  readonly id: string;
};

export type NewTransaction = {
  readonly kind: LedgerTransactionKind;
  /** The accounting date (Paris day): the payment's date, the run's date, the bank's booking date. */
  readonly bookedOn: string;
  /** Said in the journal; never a debtor's name (the journal keeps no personal data: RGPD art. 5(1)(c)). */
  readonly description: string;
  readonly source: LedgerSource;
  readonly creditorId?: string | null;
  readonly caseId?: string | null;
  /** Unique forever: the same key posts once (`payment:<id>`, `run:<id>:sent`). */
  readonly idempotencyKey: string;
  readonly recordedBy?: string | null;
  readonly postings: readonly Posting[];
};

export type PostedTransaction = { readonly id: string; readonly created: boolean };

/** Posts a balanced transaction once per idempotency key; an existing one is returned as is. */
export async function postTransaction(exec: SqlExec, clock: Clock, transaction: NewTransaction & { reversesId?: string }): Promise<PostedTransaction> {
  assertBalanced(transaction.postings);
  // As JSON: an array parameter would be expanded by the ORM's placeholder handling.
  const lines = transaction.postings.map((line) => ({
    account: line.account,
    book: LEDGER_ACCOUNTS[line.account].book,
    creditor_id: line.creditorId,
    case_id: line.caseId,
    debit_cents: line.debitCents,
    credit_cents: line.creditCents,
  }));
  // One statement: the transaction and its lines are written together even on a connection
  // outside a transaction (the database checks the balance when the statement's transaction ends).
  const [inserted] = await exec<{ id: string }>(
    `with posted as (
       insert into ledger_transaction (kind, booked_on, recorded_at, description, source_type, source_id, creditor_id, case_id, reverses_id, idempotency_key, recorded_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing returning id),
     posted_lines as (
       insert into ledger_line (transaction_id, account, book, creditor_id, case_id, debit_cents, credit_cents)
       select posted.id, l.account, l.book, l.creditor_id, l.case_id, l.debit_cents, l.credit_cents
         from posted cross join jsonb_to_recordset(?::jsonb) as l(account text, book text, creditor_id uuid, case_id uuid, debit_cents bigint, credit_cents bigint))
     select id from posted`,
    [
      transaction.kind,
      transaction.bookedOn,
      clock.now(),
      transaction.description,
      transaction.source.type,
      transaction.source.id,
      transaction.creditorId ?? null,
      transaction.caseId ?? null,
      transaction.reversesId ?? null,
      transaction.idempotencyKey,
      transaction.recordedBy ?? null,
      JSON.stringify(lines),
    ],
  );
  if (!inserted) {
    const [existing] = await exec<{ id: string }>('select id from ledger_transaction where idempotency_key = ?', [transaction.idempotencyKey]);
    return { id: (existing as { id: string }).id, created: false };
  }
  return { id: inserted.id, created: true };
}

type LineRow = { account: Posting['account']; creditor_id: string | null; case_id: string | null; debit_cents: string; credit_cents: string };

/** The postings of a transaction, as stored. */
export async function postingsOf(exec: SqlExec, transactionId: string): Promise<Posting[]> {
  const rows = await exec<LineRow>('select account, creditor_id, case_id, debit_cents, credit_cents from ledger_line where transaction_id = ? order by id', [transactionId]);
  return rows.map((row) => ({
    account: row.account,
    creditorId: row.creditor_id,
    caseId: row.case_id,
    debitCents: Number(row.debit_cents),
    creditCents: Number(row.credit_cents),
  }));
}

/**
 * A correction: the reversing entry of a transaction (the same lines, sides swapped), linked to
 * it. A transaction is reversed once (`reverses_id` is unique): a second call returns the first.
 */
export async function reverseTransaction(
  exec: SqlExec,
  clock: Clock,
  input: { transactionId: string; bookedOn: string; reason: string; recordedBy?: string | null },
): Promise<PostedTransaction> {
  const [original] = await exec<{ source_type: LedgerSource['type']; source_id: string; creditor_id: string | null; case_id: string | null; description: string }>(
    'select source_type, source_id, creditor_id, case_id, description from ledger_transaction where id = ?',
    [input.transactionId],
  );
  if (!original) throw new Error(`ledger transaction ${input.transactionId} does not exist`);
  return await postTransaction(exec, clock, {
    kind: 'reversal',
    bookedOn: input.bookedOn,
    description: `Contre-passation : ${original.description} (${input.reason})`,
    source: { type: original.source_type, id: original.source_id },
    creditorId: original.creditor_id,
    caseId: original.case_id,
    idempotencyKey: `reversal:${input.transactionId}`,
    recordedBy: input.recordedBy ?? null,
    reversesId: input.transactionId,
    postings: reversalOf(await postingsOf(exec, input.transactionId)),
  });
}

/** A creditor's balance on one account (normal side positive), from the journal. */
export async function accountBalance(exec: SqlExec, account: Posting['account'], creditorId: string | null): Promise<number> {
  const normal = LEDGER_ACCOUNTS[account].normal;
  const [row] = await exec<{ net: string | null }>(
    `select sum(debit_cents - credit_cents) as net from ledger_line where account = ? and (?::uuid is null or creditor_id = ?::uuid)`,
    [account, creditorId, creditorId],
  );
  const net = Number(row?.net ?? 0);
  return normal === 'debit' ? net : -net;
}
