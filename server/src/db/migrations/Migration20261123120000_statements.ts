import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 3 (décompte on the server) and issue 4 (cases created through the API):
 * - a claim may carry a contractual late-payment rate (C. com. L441-10, C. civ. 1103);
 * - a case records the events that start or raise interest: the mise en demeure
 *   (C. civ. 1231-6, 1344-1) and the day a judgment became enforceable (CMF L313-3);
 * - the creditor's own reference for a case, unique per creditor when given;
 * - rates added by an administrator at run time (shared law document: rates are data);
 * - idempotency keys, so a client can retry a creation safely;
 * - the claim a payer designated (C. civ. 1342-10).
 */
export class Migration20261123120000_statements extends Migration {
  override name = 'Migration20261123120000_statements';

  override up(): void {
    this.addSql(`
alter table claim add column contract_rate_basis_points integer null
  check (contract_rate_basis_points is null or contract_rate_basis_points >= 0);

alter table collection_case
  add column mise_en_demeure_on date null,
  add column judgment_enforceable_on date null,
  add column external_ref text null;
create unique index collection_case_external_ref_key on collection_case (creditor_id, external_ref) where external_ref is not null;

create table legal_rate (
  half_year text primary key check (half_year ~ '^[0-9]{4}-H[12]$'),
  ecb_basis_points integer not null check (ecb_basis_points >= 0),
  legal_private_individual_basis_points integer not null check (legal_private_individual_basis_points >= 0),
  legal_other_basis_points integer not null check (legal_other_basis_points >= 0),
  added_by uuid references app_user(id),
  created_at timestamptz not null default now()
);

-- One row per (caller scope, key). The row is written first, in the transaction of the work it
-- guards, so a concurrent retry waits on the unique index and then replays the stored response.
create table idempotency_key (
  id uuid primary key default gen_random_uuid(),
  scope text not null,
  key text not null,
  request_hash text not null,
  response_status integer null,
  response_body jsonb null,
  created_at timestamptz not null default now(),
  unique (scope, key)
);

alter table payment add column claim_ref text null;
`);
  }
}
