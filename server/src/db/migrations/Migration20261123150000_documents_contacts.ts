import { Migration } from '@mikro-orm/migrations';

// The statements sit outside `up()` so the method stays short (function-size rule in
// docs/architecture.md); the SQL is unchanged.
const schemaSql = `
create table case_document (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  kind text not null check (kind in ('upload', 'letter', 'email', 'sms', 'plan_agreement', 'receipt', 'dispute_acknowledgment')),
  title text not null,
  file_name text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes >= 0),
  sha256 char(64) not null,
  content bytea not null,
  visible_to_debtor boolean not null default false,
  created_by uuid null references app_user(id),
  created_at timestamptz not null default now()
);
alter table case_document alter column content set storage external;
create index case_document_case_idx on case_document (case_id, created_at desc);

create table outbound_message (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  debtor_id uuid not null references debtor(id),
  channel text not null check (channel in ('email', 'sms', 'letter', 'registered_letter')),
  template text not null,
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  recipient text null,
  subject text null,
  status text not null default 'queued'
    check (status in ('queued', 'blocked', 'sent', 'delivered', 'bounced', 'failed')),
  status_reason text null,
  document_id uuid null references case_document(id),
  provider text null,
  provider_message_id text null,
  first_letter_id uuid null references outbound_message(id),
  created_by uuid null references app_user(id),
  queued_at timestamptz not null default now(),
  sent_at timestamptz null,
  delivered_at timestamptz null,
  acknowledged_at timestamptz null,
  failed_at timestamptz null,
  unique (provider, provider_message_id)
);
create index outbound_message_case_idx on outbound_message (case_id, queued_at desc);
create index outbound_message_status_idx on outbound_message (status, queued_at) where status = 'queued';
create index outbound_message_sent_idx on outbound_message (debtor_id, sent_at) where sent_at is not null;

alter table collection_case
  add column vulnerable_since timestamptz null,
  add column vulnerability_note text null,
  add column vulnerability_flagged_by uuid null references app_user(id);

create table case_dispute (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  reason text not null,
  opened_by uuid null references app_user(id),
  opened_at timestamptz not null,
  status_before text not null,
  resolution text null check (resolution in ('upheld', 'rejected', 'settled')),
  resolution_note text null,
  resolved_by uuid null references app_user(id),
  resolved_at timestamptz null
);
create unique index case_dispute_one_open_key on case_dispute (case_id) where resolved_at is null;

alter table agency
  add column contact_cap_per_7_days integer not null default 3 check (contact_cap_per_7_days between 1 and 20),
  add column contact_rule_mode text not null default 'warn' check (contact_rule_mode in ('warn', 'block'));

alter table activity drop constraint activity_kind_check;
alter table activity add constraint activity_kind_check check (kind in (
  'import', 'call', 'note', 'payment', 'status_change', 'portal_visit', 'checkout',
  'message', 'document', 'dispute', 'vulnerability', 'callback', 'promise', 'plan'));
create index activity_call_idx on activity (case_id, occurred_at) where kind = 'call';

create view debtor_contact as
  select d.identity_key, a.case_id, 'call'::text as channel, a.occurred_at as at
    from activity a join collection_case c on c.id = a.case_id join debtor d on d.id = c.debtor_id
   where a.kind = 'call'
  union all
  select d.identity_key, m.case_id, m.channel, m.sent_at as at
    from outbound_message m join debtor d on d.id = m.debtor_id
   where m.sent_at is not null;
`;

/**
 * Shared ground for issues 5 and 6 (case work and dunning), laid first so that the features
 * built on it agree on names:
 * - `case_document`: every file kept on a case (an agent's upload, each letter / email / SMS sent
 *   as evidence, a plan agreement, a receipt), with its SHA-256. Content lives in the database
 *   (`bytea`, stored uncompressed) like the import files: the API and the worker share it with no
 *   shared disk. `visible_to_debtor` marks what the debtor's page lists (their own letters).
 * - `outbound_message`: one message to a debtor on one channel (email, SMS, letter, registered
 *   letter), from queued to delivered / bounced / failed, or blocked by the compliance check.
 *   Owned by the messages feature; dunning and agents create them through its service.
 * - disputes and vulnerability: a dispute pauses automated contact until it is resolved; a
 *   vulnerability flag pauses it until lifted (shared legal doc, "Contact with debtors").
 * - contact policy on the agency: the per-debtor cap over 7 days across channels and creditors
 *   and whether breaking a rule when calling warns or blocks (a manager's setting).
 * - `debtor_contact`: every contact made with a debtor (calls logged, messages sent), by the
 *   identity shared across creditors, so the cap is counted the same way by calls and by the
 *   dunning run.
 */
export class Migration20261123150000_documents_contacts extends Migration {
  override name = 'Migration20261123150000_documents_contacts';

  override up(): void {
    this.addSql(schemaSql);
  }
}
