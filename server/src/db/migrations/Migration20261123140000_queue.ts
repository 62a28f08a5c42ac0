import { Migration } from '@mikro-orm/migrations';

// The statements sit outside `up()` so the method stays short (function-size rule in
// docs/architecture.md); the SQL is unchanged.
const schemaSql = `
create table portfolio (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  creditor_id uuid references creditor(id),
  debtor_kind text check (debtor_kind in ('company', 'person')),
  min_balance_cents bigint check (min_balance_cents >= 0),
  max_balance_cents bigint check (max_balance_cents >= 0),
  min_days_past_due integer check (min_days_past_due >= 0),
  max_days_past_due integer check (max_days_past_due >= 0),
  -- French départements (packages/domain identifiers departmentOfPostalCode), e.g. {'44','2A','971'}
  departments text[],
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (min_balance_cents is null or max_balance_cents is null or min_balance_cents <= max_balance_cents),
  check (min_days_past_due is null or max_days_past_due is null or min_days_past_due <= max_days_past_due)
);

create table portfolio_member (
  portfolio_id uuid not null references portfolio(id) on delete cascade,
  agent_id uuid not null references app_user(id) on delete cascade,
  primary key (portfolio_id, agent_id)
);
create index portfolio_member_agent_idx on portfolio_member (agent_id);

create table agent_availability (
  agent_id uuid primary key references app_user(id) on delete cascade,
  capacity integer not null default 200 check (capacity >= 0),
  away_until timestamptz
);

alter table collection_case
  add column callback_due_at timestamptz,
  add column promise_due_on date,
  add column promise_broken boolean not null default false,
  add column leased_by uuid references app_user(id),
  add column leased_until timestamptz,
  add column portfolio_id uuid references portfolio(id) on delete set null,
  add column department text,
  add column queue_rank bigint not null default 0,
  add column worked_on date,
  add constraint collection_case_lease_pair check ((leased_by is null) = (leased_until is null));
alter table collection_case set (fillfactor = 90);

-- Open claimable cases: the statuses agents work from the queue. Disputed, legal and bailiff
-- cases are worked elsewhere; closed cases never.
create index queue_rank_idx on collection_case (queue_rank desc, id)
  where status in ('new', 'amicable', 'promise', 'payment_plan');
create index queue_portfolio_rank_idx on collection_case (portfolio_id, queue_rank desc, id)
  where status in ('new', 'amicable', 'promise', 'payment_plan');
create index queue_callback_idx on collection_case (callback_due_at, id)
  where status in ('new', 'amicable', 'promise', 'payment_plan') and callback_due_at is not null;
create index queue_promise_broken_idx on collection_case (queue_rank desc, id)
  where status in ('new', 'amicable', 'promise', 'payment_plan') and promise_broken;
create index queue_promise_due_idx on collection_case (promise_due_on, id)
  where status in ('new', 'amicable', 'promise', 'payment_plan') and promise_due_on is not null;
create index collection_case_assigned_idx on collection_case (assigned_agent_id)
  where assigned_agent_id is not null and status <> 'closed';
create index collection_case_leased_idx on collection_case (leased_by) where leased_by is not null;

-- The claim log: every claim, release, finish. "Worked today" counts 'done' rows of the day.
create table queue_event (
  id bigint generated always as identity primary key,
  case_id uuid not null references collection_case(id),
  agent_id uuid not null references app_user(id),
  kind text not null check (kind in ('claim', 'release', 'done')),
  at timestamptz not null,
  worked_on date
);
create index queue_event_case_idx on queue_event (case_id, at);
create index queue_event_done_idx on queue_event (worked_on, agent_id) where kind = 'done';

-- Who changed what, when (managers' changes to portfolios, capacity, absences, assignments).
create table audit_event (
  id bigint generated always as identity primary key,
  actor_id uuid references app_user(id),
  occurred_at timestamptz not null,
  action text not null,
  entity text not null,
  entity_id uuid,
  details jsonb not null default '{}'
);
create index audit_event_entity_idx on audit_event (entity, entity_id, occurred_at desc);
create index audit_event_occurred_idx on audit_event (occurred_at desc);
`;

/**
 * Issue 5, portfolios and the queue (server side):
 * - the columns the queue orders by, shared with promises and plans: `callback_due_at`,
 *   `promise_due_on`, `promise_broken` (written by the promises/plans feature, read here);
 * - the lease: `leased_by` / `leased_until` (an agent holds a case until the lease runs out;
 *   expiry is compared with the application clock's time passed as a parameter, never now());
 * - `queue_rank`, the stored priority (refreshed set-based by the queue feature), `portfolio_id`
 *   (the first matching portfolio, materialised by the same refresh), `worked_on` (the Paris day
 *   the case was last finished from the queue: it does not come back the same day);
 * - partial indexes on open claimable cases, one per tier of the pick, ordered as the pick is;
 * - portfolios, their members, each agent's capacity and absence, the claim log, the audit trail.
 * fillfactor 90 leaves room on each page so that a claim (which touches no indexed column)
 * stays a HOT update and adds nothing to the indexes.
 */
export class Migration20261123140000_queue extends Migration {
  override name = 'Migration20261123140000_queue';

  override up(): void {
    this.addSql(schemaSql);
  }
}
