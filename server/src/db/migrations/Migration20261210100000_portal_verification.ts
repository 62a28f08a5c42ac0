import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Issue 18: before the debtor's page shows anything but the balance and the brand, the debtor
 * answers something they know (the postcode the letter went to, or its reference). Failures are
 * counted per link (five lock it for an hour); a right answer opens a session (httpOnly cookie,
 * only its SHA-256 stored here). The creditor says what a debtor may do alone on the page.
 */
export class Migration20261210100000_portal_verification extends Migration {
  override name = 'Migration20261210100000_portal_verification';

  override up(): void {
    this.addSql(`
alter table portal_token
  add column verify_failures int not null default 0 check (verify_failures >= 0),
  add column verify_locked_until timestamptz null;

create table portal_session (
  id uuid primary key default gen_random_uuid(),
  portal_token_id uuid not null references portal_token(id),
  case_id uuid not null references collection_case(id),
  secret_hash text not null unique,
  ip text null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index portal_session_token_idx on portal_session (portal_token_id);

${policySql(['portal_session', { kind: 'staff_only' }])}

-- What a debtor may do alone on their page, per creditor: the least amount of their choice, how soon
-- a plan they choose starts, how far a promise may go.
alter table creditor
  add column portal_min_payment_cents bigint not null default 1000 check (portal_min_payment_cents >= 100),
  add column portal_first_due_within_days int not null default 30 check (portal_first_due_within_days between 1 and 90),
  add column promise_within_days int not null default 30 check (promise_within_days between 1 and 90);
`);
  }
}
