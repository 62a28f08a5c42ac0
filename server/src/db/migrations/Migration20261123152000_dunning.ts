import { Migration } from '@mikro-orm/migrations';

// The statements sit outside `up()` so the method stays short (function-size rule in
// docs/architecture.md); the SQL is unchanged.
const schemaSql = `
create table dunning_strategy (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  creditor_id uuid null references creditor(id),
  debtor_kind text null check (debtor_kind in ('company', 'person')),
  min_balance_cents bigint null check (min_balance_cents >= 0),
  max_balance_cents bigint null check (max_balance_cents >= 0),
  pause_on_plan boolean not null default true,
  pause_on_promise boolean not null default true,
  pause_on_legal boolean not null default true,
  active boolean not null default true,
  version integer not null default 1,
  created_by uuid null references app_user(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (min_balance_cents is null or max_balance_cents is null or min_balance_cents <= max_balance_cents)
);
create unique index dunning_strategy_segment_key on dunning_strategy (
  coalesce(creditor_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(debtor_kind, ''),
  coalesce(min_balance_cents, -1), coalesce(max_balance_cents, -1)) where active;
create index dunning_strategy_creditor_idx on dunning_strategy (creditor_id);

create table dunning_step (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references dunning_strategy(id),
  position integer not null check (position >= 0),
  offset_days integer not null check (offset_days between 0 and 3650),
  offset_from text not null check (offset_from in ('placement', 'previous')),
  day integer not null check (day >= 0),
  channel text not null check (channel in ('email', 'sms', 'letter', 'registered_letter', 'call_task')),
  template text null check (template in ('first_letter', 'firmer_reminder', 'mise_en_demeure', 'plan_agreement', 'receipt', 'dispute_acknowledgment')),
  task_label text null check (task_label is null or length(task_label) between 1 and 200),
  min_balance_cents bigint null check (min_balance_cents >= 0),
  debtor_kind text null check (debtor_kind in ('company', 'person')),
  archived_at timestamptz null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((channel = 'call_task') = (template is null)),
  check ((channel = 'call_task') = (task_label is not null))
);
create index dunning_step_strategy_idx on dunning_step (strategy_id, day, position) where archived_at is null;

create table dunning_case (
  case_id uuid primary key references collection_case(id),
  creditor_id uuid not null references creditor(id),
  strategy_id uuid not null references dunning_strategy(id),
  cursor_day integer not null,
  last_done_on date null,
  updated_at timestamptz not null default now()
);
create index dunning_case_strategy_idx on dunning_case (strategy_id, cursor_day);

create table dunning_run (
  id uuid primary key default uuidv7(),
  trigger text not null check (trigger in ('cron', 'manual')),
  started_by uuid null references app_user(id),
  as_of date not null,
  started_at timestamptz not null,
  finished_at timestamptz null,
  decided integer not null default 0,
  by_channel jsonb not null default '{}',
  deferred integer not null default 0,
  deferred_by_reason jsonb not null default '{}',
  paused integer not null default 0,
  paused_by_reason jsonb not null default '{}',
  skipped integer not null default 0,
  jobs integer not null default 0
);
create index dunning_run_started_idx on dunning_run (started_at desc);

create table dunning_step_execution (
  id uuid primary key default uuidv7(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  step_id uuid not null references dunning_step(id),
  strategy_id uuid not null references dunning_strategy(id),
  strategy_version integer not null,
  day integer not null,
  channel text not null,
  template text null,
  status text not null check (status in ('pending', 'deferred', 'done', 'skipped')),
  due_on date not null,
  decided_at timestamptz not null,
  run_id uuid not null references dunning_run(id),
  batch integer null,
  deferred_until timestamptz null,
  deferred_reason text null,
  skip_reason text null,
  message_id uuid null references outbound_message(id),
  done_at timestamptz null,
  constraint dunning_step_execution_once unique (case_id, step_id),
  check ((status = 'deferred') = (deferred_until is not null))
);
create index dunning_step_execution_waiting_idx on dunning_step_execution (case_id) where status in ('pending', 'deferred');
create index dunning_step_execution_deferred_idx on dunning_step_execution (deferred_until) where status = 'deferred';
create index dunning_step_execution_batch_idx on dunning_step_execution (run_id, batch) where status = 'pending';

with strategy as (
  insert into dunning_strategy (name) values ('Stratégie par défaut (France)') returning id
)
insert into dunning_step (strategy_id, position, offset_days, offset_from, day, channel, template, task_label)
select strategy.id, s.position, s.day, 'placement', s.day, s.channel, s.template, s.task_label
  from strategy, (values
    (0, 0, 'letter', 'first_letter', null),
    (1, 0, 'email', 'first_letter', null),
    (2, 5, 'sms', 'first_letter', null),
    (3, 15, 'letter', 'firmer_reminder', null),
    (4, 15, 'email', 'firmer_reminder', null),
    (5, 30, 'registered_letter', 'mise_en_demeure', null),
    (6, 40, 'call_task', null, 'Appel avant action judiciaire'),
    (7, 45, 'call_task', null, 'Revue juridique du dossier')
  ) as s(position, day, channel, template, task_label);
`;

/**
 * Issue 6, dunning (relances automatiques): strategies, their steps, the per-case progress, one
 * execution row per (case, step) and the run log.
 *
 * - `dunning_strategy`: per creditor (null = the agency's default) and per segment (debtor kind,
 *   balance band). At most one active strategy per (creditor, segment): the most specific one wins
 *   (creditor before default, then kind, then band). Pause rules the agency may switch off: active
 *   plan, pending promise, legal stage. Disputes, vulnerability, closed / recalled cases and paid
 *   cases always stop contact (shared legal document, "Contact with debtors"), so they are not columns.
 * - `dunning_step`: ordered steps. `day` is the step's J+N from placement, derived by the service
 *   from `offset_days` / `offset_from` (packages/domain dunning stepDays) and kept with the row so the
 *   daily SQL reads it directly. Steps are archived, never deleted: executions keep pointing at them.
 * - `dunning_case`: where each case stands (its strategy, the J+N of the last step group started
 *   and the day the last step actually went), one row per case once dunning starts.
 * - `dunning_step_execution`: UNIQUE (case_id, step_id) is the "exactly once" promise: a second
 *   run, a concurrent worker or a retry after a crash meets the constraint and sends nothing.
 *   status pending (decided, waiting for its batch job) -> done (message queued / call task set);
 *   deferred (contact window, holiday, cap, or a pause met at dispatch) -> pending when allowed;
 *   skipped (the step's conditions did not hold for the case when it fell due).
 * - `dunning_run`: each decision pass with its counts (history screen).
 * The agency default for France (issue 6) is seeded here, so every database has it.
 */
export class Migration20261123152000_dunning extends Migration {
  override name = 'Migration20261123152000_dunning';

  override up(): void {
    this.addSql(schemaSql);
  }
}
