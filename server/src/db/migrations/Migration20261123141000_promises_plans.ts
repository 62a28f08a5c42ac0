import { Migration } from '@mikro-orm/migrations';

// The statements sit outside `up()` so the method stays short (function-size rule in
// docs/architecture.md); the SQL is unchanged.
const schemaSql = `
alter table agency
  add column promise_grace_days integer not null default 3 check (promise_grace_days between 0 and 60),
  add column plan_grace_days integer not null default 3 check (plan_grace_days between 0 and 60);

create table promise_to_pay (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  amount_cents bigint not null check (amount_cents > 0),
  currency char(3) not null default 'EUR',
  due_on date not null,
  grace_days integer not null check (grace_days >= 0),
  note text null,
  status text not null default 'pending' check (status in ('pending', 'kept', 'broken', 'superseded')),
  made_by uuid null references app_user(id),
  made_on date not null check (made_on <= due_on),
  made_at timestamptz not null,
  resolved_on date null,
  covered_cents bigint null
);
create unique index promise_to_pay_one_pending_key on promise_to_pay (case_id) where status = 'pending';
create index promise_to_pay_due_idx on promise_to_pay (due_on) where status = 'pending';
create index promise_to_pay_case_idx on promise_to_pay (case_id, made_at desc);
create index promise_to_pay_made_by_idx on promise_to_pay (made_by, made_on);

create table payment_plan (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  status text not null check (status in ('pending_approval', 'refused', 'agreed_pending_acceptance', 'active', 'completed', 'broken', 'cancelled')),
  debt_cents bigint not null check (debt_cents > 0),
  discount_cents bigint not null default 0 check (discount_cents >= 0 and discount_cents < debt_cents),
  total_cents bigint not null check (total_cents = debt_cents - discount_cents),
  currency char(3) not null default 'EUR',
  frequency text not null check (frequency in ('weekly', 'biweekly', 'monthly')),
  violations jsonb not null default '[]',
  note text null,
  grace_days integer not null check (grace_days >= 0),
  proposed_by uuid null references app_user(id),
  proposed_at timestamptz not null,
  decided_by uuid null references app_user(id),
  decided_at timestamptz null,
  decision_comment text null,
  accepted_via text null check (accepted_via in ('portal', 'oral')),
  accepted_by uuid null references app_user(id),
  acceptance_note text null,
  activated_on date null,
  ended_on date null
);
create unique index payment_plan_one_open_key on payment_plan (case_id)
  where status in ('pending_approval', 'agreed_pending_acceptance', 'active');
create index payment_plan_pending_approval_idx on payment_plan (proposed_at) where status = 'pending_approval';
create index payment_plan_active_idx on payment_plan (case_id) where status = 'active';
create index payment_plan_proposed_by_idx on payment_plan (proposed_by, activated_on);

create table payment_plan_installment (
  plan_id uuid not null references payment_plan(id) on delete cascade,
  creditor_id uuid not null references creditor(id),
  index integer not null check (index >= 0),
  kind text not null check (kind in ('down_payment', 'installment')),
  nominal_on date not null,
  due_on date not null,
  amount_cents bigint not null check (amount_cents > 0),
  paid_cents bigint not null default 0 check (paid_cents >= 0 and paid_cents <= amount_cents),
  paid_on date null,
  primary key (plan_id, index)
);

create table notification (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user(id) on delete cascade,
  kind text not null check (kind in ('plan_approved', 'plan_refused')),
  text text not null,
  case_id uuid null references collection_case(id),
  plan_id uuid null references payment_plan(id),
  created_at timestamptz not null,
  read_at timestamptz null
);
create index notification_user_idx on notification (user_id, created_at desc);

create table case_legal_event (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  kind text not null check (kind in ('payment', 'acknowledgment', 'plan_accepted', 'court_claim', 'injonction_de_payer_request',
                                     'enforcement_act', 'mediation', 'mise_en_demeure')),
  occurred_on date not null,
  end_on date null,
  claim_refs text[] null,
  source text not null,
  source_id uuid null,
  created_at timestamptz not null default now()
);
create unique index case_legal_event_source_key on case_legal_event (case_id, kind, source, source_id);
create index case_legal_event_case_idx on case_legal_event (case_id, occurred_on);

create table case_commitment (
  case_id uuid primary key references collection_case(id),
  creditor_id uuid not null references creditor(id),
  promise_due_on date null,
  promise_broken boolean not null default false,
  plan_broken boolean not null default false,
  updated_at timestamptz not null default now()
);
create index case_commitment_attention_idx on case_commitment (case_id) where promise_broken or plan_broken;
`;

/**
 * Issue 5, promises to pay, payment plans (échéanciers), approvals and the team board:
 * - grace days after a promise's date or an installment's date, an agency setting (default 3);
 * - promises to pay: one pending promise per case (a new one supersedes it);
 * - payment plans with their installments; one open plan per case (pending approval, agreed and
 *   awaiting the debtor's acceptance, or active);
 * - notifications to staff (an approval decided);
 * - case_legal_event: events that move prescription (C. civ. 2231-2246); accepting a plan is an
 *   acknowledgment by the debtor (2240), recorded exactly once per plan;
 * - case_commitment: this feature's state the queue reads (promise due date, broken promise or
 *   plan), copied to collection_case's queue columns once the queue migration has added them.
 * Every table carries creditor_id, the tenant column (notification: the staff user's own rows).
 */
export class Migration20261123141000_promises_plans extends Migration {
  override name = 'Migration20261123141000_promises_plans';

  override up(): void {
    this.addSql(schemaSql);
  }
}
