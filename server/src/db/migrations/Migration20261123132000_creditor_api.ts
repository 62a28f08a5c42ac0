import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 4, creditor API:
 * - how a closed case ended (packages/domain caseOutcomes) and the creditor's recall;
 * - API keys per creditor, kept as SHA-256 of the secret (the secret is shown once);
 * - webhooks: endpoints, an outbox of creditor events written in the transaction of the change,
 *   one delivery per (event, endpoint) and a log of every attempt.
 * Every table carries creditor_id, the tenant column.
 */
export class Migration20261123132000_creditor_api extends Migration {
  override name = 'Migration20261123132000_creditor_api';

  override up(): void {
    this.addSql(`
alter table collection_case
  add column closed_outcome text null
    check (closed_outcome is null or closed_outcome in ('paid', 'partially_paid', 'irrecoverable', 'returned_to_creditor')),
  add column recalled_at timestamptz null,
  add column recall_reason text null;

create table api_key (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  prefix text not null,
  key_hash text not null unique,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz null,
  revoked_at timestamptz null,
  revoked_by uuid references app_user(id)
);
create index api_key_creditor_idx on api_key (creditor_id, created_at desc);

create table webhook_endpoint (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id) on delete cascade,
  url text not null,
  events text[] not null check (cardinality(events) > 0),
  description text null,
  -- Kept readable, not hashed: every delivery is signed with it (HMAC needs the secret itself).
  -- Encrypting it at rest with an operator key is the next step when secrets get a KMS.
  secret text not null,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now(),
  deleted_at timestamptz null
);
create index webhook_endpoint_creditor_idx on webhook_endpoint (creditor_id) where deleted_at is null;

-- The outbox: one row per event, written in the transaction of the change it reports.
create table creditor_event (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id) on delete cascade,
  type text not null
    check (type in ('case.created', 'payment.received', 'plan.agreed', 'case.escalated', 'case.closed', 'import.finished')),
  data jsonb not null,
  created_at timestamptz not null default now()
);
create index creditor_event_creditor_idx on creditor_event (creditor_id, created_at);

-- One delivery per event and endpoint (the unique key backs "one job per delivery").
create table webhook_delivery (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id) on delete cascade,
  event_id uuid not null references creditor_event(id) on delete cascade,
  endpoint_id uuid not null references webhook_endpoint(id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed', 'cancelled')),
  attempt_count integer not null default 0,
  last_status_code integer null,
  created_at timestamptz not null default now(),
  delivered_at timestamptz null,
  unique (event_id, endpoint_id)
);
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at desc, id desc);

create table webhook_delivery_attempt (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id) on delete cascade,
  delivery_id uuid not null references webhook_delivery(id) on delete cascade,
  attempt integer not null check (attempt >= 1),
  started_at timestamptz not null,
  duration_ms integer not null check (duration_ms >= 0),
  status_code integer null,
  error text null,
  succeeded boolean not null
);
create index webhook_delivery_attempt_delivery_idx on webhook_delivery_attempt (delivery_id, attempt);
`);
  }
}
