import { Migration } from '@mikro-orm/migrations';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { LEDGER_ACCOUNTS, ledgerAccounts, ledgerTransactionKinds } from '@relance/domain/ledger';
import { policySql } from './Migration20261206150000_row_level_security.ts';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
const clientBookAccounts = ledgerAccounts.filter((account) => LEDGER_ACCOUNTS[account].book === 'client');

/**
 * Issue 17, the client-funds ledger (packages/domain/src/ledger.ts):
 * - `ledger_transaction` + `ledger_line`: a double-entry journal, append-only in the database
 *   itself (a trigger refuses UPDATE, DELETE and TRUNCATE: a correction is a reversing entry), each
 *   transaction balanced per book at commit (a deferred constraint trigger), each booked once per
 *   `idempotency_key` (a retried request or job posts nothing twice);
 * - payments can be reversed (a bank reversal, an undone match): the table becomes `payment_record`
 *   with `reversed_at`, and `payment` is the view of the payments that stand, so every décompte,
 *   report and rule that reads `payment` leaves a reversed one out without being changed;
 * - receipts (CPCE R124-6): one per payment received by the agency, numbered without gaps per year
 *   (`receipt_counter`, incremented in the payment's own transaction); a payment made directly to
 *   the creditor gets an acknowledgment, unnumbered; a reversal cancels the receipt (kept);
 * - the `accountant` staff role.
 */
export class Migration20261209100000_money_ledger extends Migration {
  override name = 'Migration20261209100000_money_ledger';

  override up(): void {
    this.addSql(SQL);
  }
}

const SQL = `
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check check (role in ('admin', 'manager', 'agent', 'accountant', 'creditor'));

-- The creditor's events now include remittance.sent and payment.reversed (the contracts' list is the source).
alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (${quoted(webhookEventTypes)}));

alter table payment rename to payment_record;
alter table payment_record
  add column reversed_at timestamptz null,
  add column reversal_reason text null;
create view payment with (security_invoker = true) as
  select id, case_id, amount_cents, currency, received_on, method, provider, provider_reference, created_at, claim_ref, overpayment
    from payment_record where reversed_at is null;

create table ledger_transaction (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  kind text not null check (kind in (${quoted(ledgerTransactionKinds)})),
  booked_on date not null,
  recorded_at timestamptz not null,
  description text not null,
  source_type text not null check (source_type in ('payment', 'bank_entry', 'remittance', 'remittance_run', 'commission_invoice', 'legal_cost', 'refund', 'fees_transfer', 'manual')),
  source_id uuid not null,
  creditor_id uuid null references creditor(id),
  case_id uuid null references collection_case(id),
  reverses_id uuid null unique references ledger_transaction(id),
  idempotency_key text not null unique,
  recorded_by uuid null references app_user(id)
);
create index ledger_transaction_source_idx on ledger_transaction (source_type, source_id);
create index ledger_transaction_booked_idx on ledger_transaction (booked_on, seq);
create index ledger_transaction_creditor_idx on ledger_transaction (creditor_id, booked_on);

create table ledger_line (
  id bigint generated always as identity primary key,
  transaction_id uuid not null references ledger_transaction(id),
  account text not null check (account in (${quoted(ledgerAccounts)})),
  book text not null check (book in ('client', 'agency')),
  creditor_id uuid null references creditor(id),
  case_id uuid null references collection_case(id),
  debit_cents bigint not null default 0 check (debit_cents >= 0),
  credit_cents bigint not null default 0 check (credit_cents >= 0),
  check ((debit_cents > 0) <> (credit_cents > 0)),
  check ((account in (${quoted(clientBookAccounts)})) = (book = 'client'))
);
create index ledger_line_transaction_idx on ledger_line (transaction_id);
create index ledger_line_account_idx on ledger_line (account, creditor_id);
create index ledger_line_case_idx on ledger_line (case_id) where case_id is not null;

-- Append-only: entries are never updated or deleted, by anyone (a correction is a reversing entry).
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only: % on % refused (post a reversing entry)', tg_op, tg_table_name using errcode = 'P0001';
end $$;
create trigger ledger_transaction_append_only before update or delete on ledger_transaction for each statement execute function ledger_refuse_change();
create trigger ledger_transaction_no_truncate before truncate on ledger_transaction for each statement execute function ledger_refuse_change();
create trigger ledger_line_append_only before update or delete on ledger_line for each statement execute function ledger_refuse_change();
create trigger ledger_line_no_truncate before truncate on ledger_line for each statement execute function ledger_refuse_change();

-- Balanced per book at commit, whatever wrote the lines.
create function ledger_check_balanced() returns trigger language plpgsql as $$
declare
  off record;
begin
  select book, sum(debit_cents) - sum(credit_cents) as difference into off
    from ledger_line where transaction_id = new.transaction_id
   group by book having sum(debit_cents) <> sum(credit_cents) limit 1;
  if found then
    raise exception 'ledger transaction % is unbalanced in the % book by % cents', new.transaction_id, off.book, off.difference using errcode = 'P0001';
  end if;
  return null;
end $$;
create constraint trigger ledger_line_balanced after insert on ledger_line
  deferrable initially deferred for each row execute function ledger_check_balanced();

create function ledger_check_has_lines() returns trigger language plpgsql as $$
begin
  if (select count(*) from ledger_line where transaction_id = new.id) < 2 then
    raise exception 'ledger transaction % has fewer than two lines', new.id using errcode = 'P0001';
  end if;
  return null;
end $$;
create constraint trigger ledger_transaction_has_lines after insert on ledger_transaction
  deferrable initially deferred for each row execute function ledger_check_has_lines();

create table receipt_counter (
  year integer primary key,
  last_number integer not null check (last_number > 0)
);

create table receipt (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('receipt', 'direct_payment_acknowledgment')),
  year integer null,
  seq integer null,
  number text null unique,
  payment_id uuid not null unique references payment_record(id),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  issued_at timestamptz not null,
  document_id uuid null references case_document(id),
  delivered_at timestamptz null,
  cancelled_at timestamptz null,
  cancellation_reason text null,
  cancellation_document_id uuid null references case_document(id),
  unique (year, seq),
  check ((kind = 'receipt') = (number is not null and year is not null and seq is not null))
);
create index receipt_case_idx on receipt (case_id, issued_at);
create index receipt_creditor_idx on receipt (creditor_id, issued_at);

${policySql(['ledger_transaction', { kind: 'staff_only' }])}
${policySql(['ledger_line', { kind: 'staff_only' }])}
${policySql(['receipt_counter', { kind: 'staff_only' }])}
${policySql(['receipt', { kind: 'creditor', column: 'creditor_id' }])}
`;
