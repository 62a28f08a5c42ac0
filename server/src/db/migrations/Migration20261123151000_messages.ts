import { Migration } from '@mikro-orm/migrations';

/**
 * Messages to debtors (issue 6, channels and evidence), on top of the shared `outbound_message`:
 * - `outbound_message.reference`: the message's own reference, printed on the letter; the first
 *   R124-4 letter's reference and date are repeated on every later one (`first_letter_id`).
 *   `segments`: SMS parts billed for a text longer than one segment.
 * - `message_provider_event`: every callback of a provider (delivery, acknowledgment of receipt,
 *   bounce), unique per provider event id, so a replayed or duplicated callback changes nothing.
 * - `local_provider_message`: what the LOCAL SMS and postal providers hold (they stand in for
 *   services we cannot reach from here, and keep what they were handed like a real one would).
 * - `demo_mailbox`: e-mails received by the in-app SMTP server of demo mode (no SMTP_URL).
 * - `creditor_letter_wording`: the creditor's own greeting, tone paragraph and closing per
 *   language (`{ "fr": { greeting, toneParagraph, closing }, "en": {...} }`), inside the legal skeleton.
 */
export class Migration20261123151000_messages extends Migration {
  override name = 'Migration20261123151000_messages';

  override up(): void {
    this.addSql(`
alter table outbound_message
  add column reference text null,
  add column segments integer null check (segments is null or segments >= 1);
create unique index outbound_message_reference_key on outbound_message (reference) where reference is not null;
create index outbound_message_first_letter_idx on outbound_message (case_id, sent_at)
  where template = 'first_letter' and sent_at is not null;
create index outbound_message_outbox_idx on outbound_message (queued_at desc, id desc);

create table message_provider_event (
  id uuid primary key default gen_random_uuid(),
  provider text not null,
  event_id text not null,
  message_id uuid null references outbound_message(id),
  type text not null,
  payload jsonb not null,
  received_at timestamptz not null,
  unique (provider, event_id)
);

create table local_provider_message (
  id text primary key,
  provider text not null check (provider in ('local_sms', 'local_post')),
  outbound_message_id uuid not null unique references outbound_message(id),
  recipient text not null,
  service text not null check (service in ('sms', 'letter', 'registered_letter')),
  content_text text null,
  content_sha256 char(64) null,
  accepted_at timestamptz not null
);

create table demo_mailbox (
  id uuid primary key default gen_random_uuid(),
  message_id_header text null,
  envelope_from text null,
  envelope_to text[] not null,
  subject text null,
  raw bytea not null,
  received_at timestamptz not null default now()
);
create index demo_mailbox_message_id_idx on demo_mailbox (message_id_header);

create table creditor_letter_wording (
  creditor_id uuid primary key references creditor(id),
  wording jsonb not null default '{}'::jsonb,
  updated_by uuid null references app_user(id),
  updated_at timestamptz not null default now()
);
`);
  }
}
