import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE } from '../row-level-security.ts';

/**
 * The second wall under tenant isolation: PostgreSQL row-level security.
 *
 * Until now the app connected as the owner of every table (a superuser, with BYPASSRLS) and the only
 * wall between creditors was the filter each feature's data access writes. From here:
 *
 * - `relance_app` is the role the API and the worker log in as (db/database-roles.ts gives it its
 *   login): no superuser, no BYPASSRLS, no CREATE on the schema, only read and write on the tables.
 *   Migrations keep running as the owner (DATABASE_URL), which RLS does not apply to.
 * - Every table that holds a creditor's data has RLS enabled and one policy (db/row-level-security.ts
 *   writes them): a row is visible and writable when the transaction says `relance.scope = 'all'`
 *   (staff requests, jobs: their connections set it at login) or when its creditor is the one the
 *   transaction names in `relance.creditor_id` (set with set_config(..., true) by a creditor user's or
 *   an API key's request, server/src/plugins/request-context.ts). With neither, nothing is visible: a
 *   connection that forgot to say who it serves sees no creditor's data (fails closed).
 * - Tables whose rows belong to a case, a debtor, an import or a strategy carry their parent's rule
 *   (an EXISTS on the parent, itself filtered by its own policy).
 * - `debtor_contact` (the contact-cap view across creditors) runs with the caller's rights
 *   (security_invoker), so it is filtered like the tables it reads; staff and jobs, who count the cap,
 *   see every creditor's contacts as before.
 * - server/test/row-level-security.test.ts fails when a table holding creditor data has no policy.
 */
export class Migration20261206150000_row_level_security extends Migration {
  override name = 'Migration20261206150000_row_level_security';

  override up(): void {
    this.addSql(`
do $$
begin
  if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
    create role ${APP_ROLE} nologin nosuperuser nocreatedb nocreaterole nobypassrls;
  end if;
end
$$;

grant usage on schema public to ${APP_ROLE};
grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};
grant usage, select on all sequences in schema public to ${APP_ROLE};
grant execute on all functions in schema public to ${APP_ROLE};
revoke all on mikro_orm_migrations from ${APP_ROLE};
alter default privileges in schema public grant select, insert, update, delete on tables to ${APP_ROLE};
alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE};
alter default privileges in schema public grant execute on functions to ${APP_ROLE};

-- Whether the transaction serves the whole agency (staff, jobs) / may see this creditor's rows.
-- Plain SQL and STABLE: the planner inlines them into each policy.
create or replace function relance_sees_all() returns boolean language sql stable parallel safe as $fn$
  select coalesce(current_setting('relance.scope', true), '') = 'all'
$fn$;
create or replace function relance_sees(creditor uuid) returns boolean language sql stable parallel safe as $fn$
  select coalesce(current_setting('relance.scope', true), '') = 'all'
      or creditor = nullif(current_setting('relance.creditor_id', true), '')::uuid
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
    'promise_to_pay',
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
  ['audit_event', { kind: 'append_only_for_tenants' }],
  ...[
    'agent_availability',
    'portfolio_member',
    'dunning_run',
    'dunning_preview',
    'demo_mailbox',
    'local_provider_message',
    'local_card_session',
    'refresh_token',
    'webhook_event',
  ].map((table): [string, Rule] => [table, { kind: 'staff_only' }]),
];

export function policySql([table, rule]: [string, Rule]): string {
  const enable = `alter table ${table} enable row level security;`;
  switch (rule.kind) {
    case 'creditor':
      return `${enable}
create policy tenant_isolation on ${table} using (relance_sees(${rule.column})) with check (relance_sees(${rule.column}));`;
    case 'creditor_or_shared':
      return `${enable}
create policy tenant_isolation on ${table} using (${rule.column} is null or relance_sees(${rule.column})) with check (relance_sees(${rule.column}) or relance_sees_all());`;
    case 'parent': {
      const parentKey = 'id';
      const visible = `relance_sees_all() or exists (select 1 from ${rule.parent} parent where parent.${parentKey} = ${table}.${rule.column})`;
      return `${enable}
create policy tenant_isolation on ${table} using (${visible}) with check (${visible});`;
    }
    case 'idempotency_scope': {
      const own = `relance_sees_all() or scope = 'creditor:' || nullif(current_setting('relance.creditor_id', true), '')`;
      return `${enable}
create policy tenant_isolation on ${table} using (${own}) with check (${own});`;
    }
    case 'append_only_for_tenants':
      return `${enable}
create policy staff_reads on ${table} for select using (relance_sees_all());
create policy anyone_appends on ${table} for insert with check (true);
create policy staff_changes on ${table} for update using (relance_sees_all());
create policy staff_deletes on ${table} for delete using (relance_sees_all());`;
    case 'staff_only':
      return `${enable}
create policy staff_only on ${table} using (relance_sees_all()) with check (relance_sees_all());`;
  }
}
