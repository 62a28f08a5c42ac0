import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

// As they stood when this migration was written (contracts' bankEntryStatus): a status added later
// comes with its own migration.
const STATUSES = [
  'matched',
  'unmatched',
  'reversal_applied',
  'reversal_unmatched',
  'debit_confirmed',
  'debit_unmatched',
  'foreign_currency',
  'returned',
  'reversed',
  'not_booked',
  'duplicate',
]
  .map((value) => `'${value}'`)
  .join(', ');

/**
 * Issue 17, bank statements in (camt.053) and reconciliation (server/src/features/money):
 * - `bank_statement`: one imported statement (Stmt), once per MsgId + Stmt/Id and once per file
 *   (its SHA-256): a re-import creates nothing;
 * - `bank_entry`: each booked movement (a batch entry split per transaction), with what it became
 *   (matched to a case's payment, waiting in suspense, a reversal applied, a debit confirmed, ...);
 *   the money itself is in the ledger, never here;
 * - an index on the case reference as the ISO 11649 reference carries it (letters and digits,
 *   upper case), so a credit's RF reference finds its case by index.
 * Agency staff only (finance roles): no creditor reads these rows.
 */
export class Migration20261209110000_bank_statements extends Migration {
  override name = 'Migration20261209110000_bank_statements';

  override up(): void {
    this.addSql(SQL);
  }
}

const SQL = `
create table bank_statement (
  id uuid primary key default gen_random_uuid(),
  message_identifier text not null,
  statement_identifier text not null,
  schema_version text not null,
  account_iban text not null,
  currency char(3) not null,
  from_date date null,
  to_date date null,
  opening_balance_cents bigint not null,
  closing_balance_cents bigint not null,
  file_name text not null,
  file_sha256 text not null unique,
  imported_at timestamptz not null,
  imported_by uuid null references app_user(id),
  unique (message_identifier, statement_identifier)
);
create index bank_statement_imported_idx on bank_statement (imported_at desc, id desc);

create table bank_entry (
  id uuid primary key default gen_random_uuid(),
  statement_id uuid not null references bank_statement(id),
  position integer not null,
  entry_reference text not null,
  account_servicer_reference text null,
  end_to_end_id text null,
  booked_on date not null,
  value_on date null,
  direction text not null check (direction in ('credit', 'debit')),
  amount_cents bigint not null check (amount_cents >= 0),
  currency char(3) not null,
  reversal boolean not null default false,
  entry_status text not null,
  return_reason text null,
  structured_reference text null,
  unstructured_text text null,
  counterparty_name text null,
  counterparty_iban text null,
  batch_total_cents bigint null,
  status text not null check (status in (${STATUSES})),
  match_kind text null check (match_kind in ('automatic', 'manual')),
  payment_id uuid null references payment_record(id),
  case_id uuid null references collection_case(id),
  ledger_transaction_id uuid null references ledger_transaction(id),
  reverses_entry_id uuid null references bank_entry(id),
  reversed_by_entry_id uuid null references bank_entry(id),
  updated_at timestamptz not null,
  unique (statement_id, position),
  unique (statement_id, entry_reference)
);
create index bank_entry_status_idx on bank_entry (status, booked_on, id);
create index bank_entry_servicer_ref_idx on bank_entry (account_servicer_reference) where account_servicer_reference is not null;
create index bank_entry_end_to_end_idx on bank_entry (end_to_end_id) where end_to_end_id is not null;
create index bank_entry_structured_ref_idx on bank_entry (structured_reference) where structured_reference is not null;
create index bank_entry_payment_idx on bank_entry (payment_id) where payment_id is not null;

create index collection_case_compact_reference_idx on collection_case (upper(regexp_replace(reference, '[^0-9A-Za-z]', '', 'g')));

${policySql(['bank_statement', { kind: 'staff_only' }])}
${policySql(['bank_entry', { kind: 'staff_only' }])}
`;
