import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #13, items 7, 8 and 9: authentication and payment hardening.
 *
 * - `login_throttle`: failed logins counted per account (the e-mail as typed, lower-cased, so an
 *   unknown address is throttled exactly like a known one) and per client address, in the
 *   database so that every API process sees the same counts. An account is locked after a few
 *   failures for a delay that doubles with each further failure; an address is locked when it
 *   fails too often across accounts within a window.
 * - `user_totp`: a user's TOTP secret, sealed with SECRETS_KEY (db/secret-box.ts), unconfirmed
 *   until a first code proves the authenticator app has it; `last_used_step` refuses a code
 *   replayed within its validity window. `user_recovery_code`: single-use codes, hashes only.
 * - `login_challenge`: the short-lived second step of a login (code required, or enrolment
 *   required by the agency), never a session; token stored as a hash; attempts counted.
 * - `agency.require_staff_totp`: the admin's setting that makes staff enrol TOTP at login.
 * - `revoked_access_token`: access tokens revoked before their expiry (logout), by token id (jti);
 *   a row is useless once its token has expired and is deleted then.
 * - `portal_token.revoked_at`: a debtor link replaced by a newer one stops working.
 * - `payment_anomaly`: a signed card event that does not match its checkout session (unknown
 *   session, other amount or currency, a second completion of a paid session): kept for a human,
 *   never recorded as a payment.
 */
export class Migration20261206120000_auth_hardening extends Migration {
  override name = 'Migration20261206120000_auth_hardening';

  override up(): void {
    this.addSql(`
create table login_throttle (
  scope text not null check (scope in ('account', 'address')),
  key text not null,
  failures integer not null default 0,
  window_started_at timestamptz not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz null,
  primary key (scope, key)
);
create index login_throttle_stale_idx on login_throttle (last_failure_at);

create table user_totp (
  user_id uuid primary key references app_user(id) on delete cascade,
  secret_ciphertext bytea not null,
  secret_iv bytea not null,
  secret_tag bytea not null,
  secret_key_id text not null,
  confirmed_at timestamptz null,
  last_used_step bigint null,
  created_at timestamptz not null default now()
);

create table user_recovery_code (
  id uuid primary key default uuidv7(),
  user_id uuid not null references app_user(id) on delete cascade,
  code_hash text not null,
  used_at timestamptz null,
  created_at timestamptz not null default now(),
  unique (user_id, code_hash)
);

create table login_challenge (
  id uuid primary key default uuidv7(),
  token_hash text not null unique,
  user_id uuid not null references app_user(id) on delete cascade,
  purpose text not null check (purpose in ('totp', 'totp_enrolment')),
  attempts integer not null default 0,
  expires_at timestamptz not null,
  consumed_at timestamptz null,
  created_at timestamptz not null default now()
);
create index login_challenge_expiry_idx on login_challenge (expires_at);

alter table agency add column require_staff_totp boolean not null default false;

create table revoked_access_token (
  jti uuid primary key,
  user_id uuid not null,
  expires_at timestamptz not null,
  revoked_at timestamptz not null default now()
);
create index revoked_access_token_expiry_idx on revoked_access_token (expires_at);

alter table portal_token add column revoked_at timestamptz null;

create table payment_anomaly (
  id uuid primary key default uuidv7(),
  creditor_id uuid null references creditor(id),
  case_id uuid null references collection_case(id),
  provider text not null,
  checkout_session_id uuid null references checkout_session(id),
  provider_session_id text not null,
  provider_event_id text not null,
  kind text not null check (kind in ('unknown_session', 'amount_mismatch', 'currency_mismatch', 'case_mismatch', 'already_paid')),
  expected jsonb null,
  received jsonb not null,
  raw_event jsonb not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz null,
  resolved_by uuid null references app_user(id),
  resolution_note text null,
  unique (provider, provider_event_id),
  constraint payment_anomaly_resolution check ((resolved_at is null) = (resolved_by is null) and (resolved_at is null) = (resolution_note is null))
);
create index payment_anomaly_open_idx on payment_anomaly (created_at desc, id desc) where resolved_at is null;
create index payment_anomaly_creditor_idx on payment_anomaly (creditor_id, created_at desc);
`);
  }
}
