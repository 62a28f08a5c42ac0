import { Migration } from '@mikro-orm/migrations';
import { AGENCY_ROLE, APP_ROLE } from '../row-level-security.ts';

/**
 * The second wall under tenant isolation: PostgreSQL row-level security.
 *
 * Until now the app connected as the owner of every table (a superuser, with BYPASSRLS) and the only
 * wall between creditors was the filter each feature's data access writes. From here
 * (db/row-level-security.ts says why each choice):
 *
 * - `relance_app` is the role the API and the worker log in as (db/migrate.ts gives it its login):
 *   no superuser, no BYPASSRLS, no CREATE on the schema, only read and write on the tables. Acting as
 *   itself it sees the rows of the creditor its transaction names in `relance.creditor_id` (set with
 *   set_config(..., true) by a creditor user's or an API key's request), nothing without it.
 * - `relance_agency` (no login) is what staff requests and jobs act as (`-c role=relance_agency` at
 *   connect): its policies are `true`. relance_app is a member without inheriting it (NOINHERIT).
 * - Every table that holds a creditor's data has RLS enabled and its policies. Tables whose rows
 *   belong to a case, a debtor, an import, a strategy or a message follow their parent (an EXISTS on
 *   the parent, itself filtered by its own policy).
 * - `debtor_contact` (the contact-cap view across creditors) runs with the caller's rights
 *   (security_invoker), so it is filtered like the tables it reads; staff and jobs, who count the cap,
 *   see every creditor's contacts as before.
 * - Migrations keep running as the owner (DATABASE_URL), to which RLS does not apply.
 * - server/test/row-level-security.test.ts fails when a table holding creditor data has no policy.
 */
export class Migration20261206150000_row_level_security extends Migration {
  override name = 'Migration20261206150000_row_level_security';

  override up(): void {
    this.addSql(`
do $$
begin
  if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
    create role ${APP_ROLE} nologin noinherit nosuperuser nocreatedb nocreaterole nobypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = '${AGENCY_ROLE}') then
    create role ${AGENCY_ROLE} nologin nosuperuser nocreatedb nocreaterole nobypassrls;
  end if;
end
$$;
grant ${AGENCY_ROLE} to ${APP_ROLE};

grant usage on schema public to ${APP_ROLE}, ${AGENCY_ROLE};
grant select, insert, update, delete on all tables in schema public to ${APP_ROLE}, ${AGENCY_ROLE};
grant usage, select on all sequences in schema public to ${APP_ROLE}, ${AGENCY_ROLE};
grant execute on all functions in schema public to ${APP_ROLE}, ${AGENCY_ROLE};
revoke all on mikro_orm_migrations from ${APP_ROLE}, ${AGENCY_ROLE};
alter default privileges in schema public grant select, insert, update, delete on tables to ${APP_ROLE}, ${AGENCY_ROLE};
alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE}, ${AGENCY_ROLE};
alter default privileges in schema public grant execute on functions to ${APP_ROLE}, ${AGENCY_ROLE};

-- The creditor a creditor's transaction names, and the person (null: none). Plain SQL and STABLE:
-- inlined by the planner.
create or replace function relance_creditor() returns uuid language sql stable parallel safe as $fn$
  select nullif(current_setting('relance.creditor_id', true), '')::uuid
$fn$;
create or replace function relance_user() returns uuid language sql stable parallel safe as $fn$
  select nullif(current_setting('relance.user_id', true), '')::uuid
$fn$;

alter view debtor_contact set (security_invoker = true);

${policies.map(policySql).join('\n')}
`);
  }
}

/**
 * How each table's rows are tied to a creditor. Written out here, not derived from the catalog, so
 * this migration says exactly what it did; a table added later gets its rule in its own migration
 * (the RLS test fails until it has one).
 */
type Rule =
  | { kind: 'creditor'; column: string }
  /** Null = shared by the agency (staff users, default strategies, portfolios across creditors). */
  | { kind: 'creditor_or_shared'; column: string }
  | { kind: 'parent'; column: string; parent: string }
  /** Idempotency keys: `creditor:<id>` for a creditor's requests, `user:<id>` for staff. */
  | { kind: 'idempotency_scope' }
  /** A person's own credentials (second factor): a creditor user's transaction sees its own rows only. */
  | { kind: 'own_user'; column: string }
  /** The agency's journals: anyone's request may append (its change and its record commit together), only staff read. */
  | { kind: 'append_only_for_tenants' }
  | { kind: 'staff_only' };

export const policies: [table: string, rule: Rule][] = [
  ['creditor', { kind: 'creditor', column: 'id' }],
  ...[
    'api_key',
    'case_commitment',
    'case_dispute',
    'case_document',
    'case_legal_event',
    'claim',
    'collection_case',
    'creditor_event',
    'creditor_invitation',
    'creditor_letter_wording',
    'debtor',
    'dunning_case',
    'dunning_step_execution',
    'import_batch',
    'import_mapping',
    'outbound_message',
    'payment_plan',
    'payment_plan_installment',
    'payment_anomaly',
    'promise_to_pay',
    'rgpd_request',
    'webhook_delivery',
    'webhook_delivery_attempt',
    'webhook_endpoint',
  ].map((table): [string, Rule] => [table, { kind: 'creditor', column: 'creditor_id' }]),
  ...['app_user', 'dunning_strategy', 'portfolio'].map((table): [string, Rule] => [table, { kind: 'creditor_or_shared', column: 'creditor_id' }]),
  ...['activity', 'checkout_session', 'payment', 'portal_token', 'queue_event', 'notification'].map((table): [string, Rule] => [
    table,
    { kind: 'parent', column: 'case_id', parent: 'collection_case' },
  ]),
  ...['debtor_address', 'debtor_email', 'debtor_phone'].map((table): [string, Rule] => [table, { kind: 'parent', column: 'debtor_id', parent: 'debtor' }]),
  ...['import_file_chunk', 'import_rejection'].map((table): [string, Rule] => [table, { kind: 'parent', column: 'import_id', parent: 'import_batch' }]),
  ['dunning_step', { kind: 'parent', column: 'strategy_id', parent: 'dunning_strategy' }],
  ['message_provider_event', { kind: 'parent', column: 'message_id', parent: 'outbound_message' }],
  ['idempotency_key', { kind: 'idempotency_scope' }],
  ...['user_totp', 'user_recovery_code'].map((table): [string, Rule] => [table, { kind: 'own_user', column: 'user_id' }]),
  ['audit_event', { kind: 'append_only_for_tenants' }],
  ...[
    'agent_availability',
    'portfolio_member',
    'dunning_run',
    'dunning_preview',
    'demo_mailbox',
    'local_provider_message',
    'local_card_session',
    'login_challenge',
    'login_throttle',
    'refresh_token',
    'revoked_access_token',
    'webhook_event',
  ].map((table): [string, Rule] => [table, { kind: 'staff_only' }]),
];

/** One table's policies: the agency sees and writes every row; a creditor's transaction, its own. */
export function policySql([table, rule]: [string, Rule]): string {
  const enable = `alter table ${table} enable row level security;
create policy agency_sees_all on ${table} to ${AGENCY_ROLE} using (true) with check (true);`;
  const tenant = (using: string, check = using) =>
    `create policy creditor_sees_own on ${table} to ${APP_ROLE} using (${using}) with check (${check});`;
  switch (rule.kind) {
    case 'creditor':
      return `${enable}\n${tenant(`${rule.column} = relance_creditor()`)}`;
    case 'creditor_or_shared':
      return `${enable}\n${tenant(`${rule.column} is null or ${rule.column} = relance_creditor()`, `${rule.column} = relance_creditor()`)}`;
    case 'parent':
      return `${enable}\n${tenant(`exists (select 1 from ${rule.parent} parent where parent.id = ${table}.${rule.column})`)}`;
    case 'own_user':
      return `${enable}\n${tenant(`${rule.column} = relance_user()`)}`;
    case 'idempotency_scope':
      return `${enable}\n${tenant(`scope = 'creditor:' || relance_creditor()::text`)}`;
    case 'append_only_for_tenants':
      return `${enable}
create policy creditor_appends on ${table} for insert to ${APP_ROLE} with check (true);`;
    case 'staff_only':
      return enable;
  }
}
