import { Migration } from '@mikro-orm/migrations';

// The statements sit outside `up()` so the method stays short (function-size rule in
// docs/architecture.md); the SQL is unchanged.
const schemaSql = `
create table agency (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  siren char(9) not null,
  address_line1 text not null,
  postal_code text not null,
  city text not null,
  -- R124-2 records
  insurer text,
  insurance_policy text,
  insurance_expires_on date,
  client_funds_iban text,
  procureur_declared_on date,
  created_at timestamptz not null default now()
);

create table creditor (
  id uuid primary key default gen_random_uuid(),
  legal_name text not null,
  kind text not null check (kind in ('company', 'private_individual')),
  siren char(9),
  address_line1 text not null,
  address_line2 text,
  postal_code text not null,
  city text not null,
  country char(2) not null default 'FR',
  brand_display_name text not null,
  brand_primary_color char(7) not null check (brand_primary_color ~ '^#[0-9a-fA-F]{6}$'),
  brand_logo bytea,
  brand_logo_content_type text,
  brand_logo_sha256 text,
  mandate_reference text not null,
  mandate_signed_on date not null,
  mandate_valid_until date,
  created_at timestamptz not null default now(),
  constraint creditor_company_has_siren check (kind <> 'company' or siren is not null)
);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'manager', 'agent', 'creditor')),
  creditor_id uuid references creditor(id),
  password_hash text not null,
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  created_at timestamptz not null default now(),
  last_login_at timestamptz,
  constraint app_user_creditor_role check ((role = 'creditor') = (creditor_id is not null))
);
create unique index app_user_email_key on app_user (lower(email));
create index app_user_creditor_idx on app_user (creditor_id) where creditor_id is not null;

create table refresh_token (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user(id) on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index refresh_token_user_idx on refresh_token (user_id);

create table debtor (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id),
  kind text not null check (kind in ('company', 'person')),
  company_name text,
  first_name text,
  last_name text,
  display_name text not null,
  siren char(9),
  -- How the importer recognises the same debtor again: SIREN, else e-mail or phone,
  -- else normalised name and postcode.
  match_key text not null,
  created_at timestamptz not null default now(),
  unique (creditor_id, match_key)
);

create table debtor_email (
  id uuid primary key default gen_random_uuid(),
  debtor_id uuid not null references debtor(id) on delete cascade,
  email text not null,
  valid boolean not null default true,
  unique (debtor_id, email)
);
create table debtor_phone (
  id uuid primary key default gen_random_uuid(),
  debtor_id uuid not null references debtor(id) on delete cascade,
  phone text not null,
  valid boolean not null default true,
  unique (debtor_id, phone)
);
create table debtor_address (
  id uuid primary key default gen_random_uuid(),
  debtor_id uuid not null references debtor(id) on delete cascade,
  line1 text not null,
  postal_code text not null,
  city text not null,
  country char(2) not null default 'FR',
  valid boolean not null default true,
  unique (debtor_id, line1, postal_code)
);

create sequence case_reference_seq;
create table collection_case (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id),
  debtor_id uuid not null unique references debtor(id),
  reference text not null unique default ('DOS-' || lpad(nextval('case_reference_seq')::text, 7, '0')),
  status text not null default 'new'
    check (status in ('new', 'amicable', 'promise', 'payment_plan', 'disputed', 'legal', 'bailiff', 'closed')),
  assigned_agent_id uuid references app_user(id),
  opened_on date not null,
  created_at timestamptz not null default now()
);
create index collection_case_creditor_idx on collection_case (creditor_id, status);

create table claim (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  -- Denormalised from the case so that "the creditor's invoice reference identifies a claim"
  -- is a unique constraint.
  creditor_id uuid not null references creditor(id),
  invoice_ref text not null,
  issue_date date not null,
  due_date date not null,
  amount_cents bigint not null check (amount_cents > 0),
  currency char(3) not null default 'EUR',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (creditor_id, invoice_ref),
  check (due_date >= issue_date)
);
create index claim_case_idx on claim (case_id);

create table activity (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  kind text not null check (kind in ('import', 'call', 'note', 'payment', 'status_change', 'portal_visit', 'checkout')),
  author_id uuid references app_user(id),
  text text not null,
  call_outcome text,
  occurred_at timestamptz not null default now()
);
create index activity_case_idx on activity (case_id, occurred_at desc);

create table payment (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  amount_cents bigint not null check (amount_cents > 0),
  currency char(3) not null default 'EUR',
  received_on date not null,
  method text not null check (method in ('card', 'transfer', 'cheque', 'direct_to_creditor', 'other')),
  provider text,
  provider_reference text,
  created_at timestamptz not null default now(),
  -- One payment per provider event, however often the webhook is delivered.
  unique (provider, provider_reference)
);
create index payment_case_idx on payment (case_id);

create table portal_token (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  token_hash text not null unique,
  expires_at timestamptz not null,
  created_by uuid references app_user(id),
  created_at timestamptz not null default now()
);
create index portal_token_case_idx on portal_token (case_id);

-- Our side of a card checkout.
create table checkout_session (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  provider text not null,
  provider_session_id text not null,
  amount_cents bigint not null check (amount_cents > 0),
  currency char(3) not null,
  status text not null default 'open' check (status in ('open', 'paid', 'declined')),
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (provider, provider_session_id)
);

create table webhook_event (
  provider text not null,
  event_id text not null,
  type text not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  primary key (provider, event_id)
);

-- The local card-payment provider's own state (it stands in for a hosted checkout service).
create table local_card_session (
  id text primary key,
  amount_cents bigint not null,
  currency char(3) not null,
  merchant_name text not null,
  merchant_color char(7) not null,
  success_url text not null,
  cancel_url text not null,
  webhook_url text not null,
  metadata jsonb not null,
  status text not null default 'open' check (status in ('open', 'paid', 'declined')),
  payment_reference text,
  created_at timestamptz not null default now()
);

create table import_batch (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id),
  uploaded_by uuid references app_user(id),
  file_name text not null,
  checksum text not null,
  size_bytes integer not null,
  original bytea not null,
  status text not null check (status in ('pending', 'running', 'completed', 'failed')),
  row_count integer not null default 0,
  created_count integer not null default 0,
  updated_count integer not null default 0,
  unchanged_count integer not null default 0,
  rejected_count integer not null default 0,
  cases_created integer not null default 0,
  rejections jsonb not null default '[]',
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_batch_creditor_idx on import_batch (creditor_id, started_at desc);
`;

/**
 * The first version of the data model (issue "Foundation"). Normal form: balances are not
 * stored, they are the sums of claim and payment rows. Every table a creditor's data lives
 * in carries `creditor_id`, so scoping is a plain indexed filter.
 */
export class Migration20261123000000_foundation extends Migration {
  override name = 'Migration20261123000000_foundation';

  override up(): void {
    this.addSql(schemaSql);
  }
}
