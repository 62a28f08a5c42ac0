import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Issue 18, "Dispute and write": the debtor disputes and writes from their page.
 * - case_dispute: who opened it (an agent, or the debtor on the page: opened_by null), the reason
 *   from the page's list, the debtor's own words, the one claim contested and the evidence file;
 * - portal_message: the thread between the debtor and the agency (internal: staff only, never a
 *   creditor), with its topic, an optional attachment (a case document) and whether an agent read
 *   and answered it;
 * - the timeline gets 'debtor_message', case documents the debtor's own files ('dispute_evidence'
 *   the creditor sees, 'debtor_attachment' it does not).
 */
export class Migration20261210130000_portal_talk extends Migration {
  override name = 'Migration20261210130000_portal_talk';

  override up(): void {
    this.addSql(SQL);
  }
}

const SQL = `
alter table case_document drop constraint case_document_kind_check;
alter table case_document add constraint case_document_kind_check check (kind in
  ('upload', 'letter', 'email', 'sms', 'plan_agreement', 'receipt', 'dispute_acknowledgment', 'legal_filing', 'legal_act',
   'dispute_evidence', 'debtor_attachment'));

alter table case_dispute
  add column opened_via text not null default 'staff' check (opened_via in ('staff', 'portal')),
  add column reason_code text null
    check (reason_code in ('not_owed', 'already_paid', 'amount_wrong', 'goods_or_service_defective', 'not_me', 'other')),
  add column debtor_text text null check (char_length(debtor_text) <= 4000),
  add column claim_id uuid null references claim(id),
  -- An anonymised case loses its files (features/rgpd/anonymise.ts): the link goes with them.
  add column evidence_document_id uuid null references case_document(id) on delete set null,
  -- The debtor's door has no author (a user id would name an agent who did nothing).
  add constraint case_dispute_portal_no_author check (opened_via = 'staff' or opened_by is null);

create table portal_message (
  id uuid primary key default gen_random_uuid(),
  -- The order of writing: two messages of one instant (a test clock, a reply in the same millisecond) keep it.
  seq bigint generated always as identity unique,
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  direction text not null check (direction in ('in', 'out')),
  topic text null check (topic in ('hardship', 'wrong_address', 'already_paid', 'question', 'other')),
  body text not null check (char_length(body) between 1 and 4000),
  attachment_document_id uuid null references case_document(id) on delete set null,
  author_id uuid null references app_user(id),
  created_at timestamptz not null,
  read_at timestamptz null,
  read_by uuid null references app_user(id),
  answered_at timestamptz null,
  answered_by uuid null references app_user(id),
  -- The debtor writes on a topic, with no author; an agent replies, with their name.
  check ((direction = 'in' and topic is not null and author_id is null) or (direction = 'out' and author_id is not null)),
  check (direction = 'in' or (read_at is null and answered_at is null))
);
create index portal_message_case_idx on portal_message (case_id, created_at, seq);
create index portal_message_unanswered_idx on portal_message (created_at desc, seq desc) where direction = 'in' and answered_at is null;
create index portal_message_incoming_idx on portal_message (created_at desc, seq desc) where direction = 'in';

${policySql(['portal_message', { kind: 'staff_only' }])}

alter table activity drop constraint activity_kind_check;
alter table activity add constraint activity_kind_check check (kind in (
  'import', 'call', 'note', 'payment', 'status_change', 'portal_visit', 'checkout',
  'message', 'document', 'dispute', 'vulnerability', 'callback', 'promise', 'plan', 'legal', 'debtor_message'));
`;
