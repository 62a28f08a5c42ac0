import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { features } from '../features.ts';
import { Migration20261123000000_foundation } from './migrations/Migration20261123000000_foundation.ts';
import { Migration20261123120000_statements } from './migrations/Migration20261123120000_statements.ts';
import { Migration20261123130000_imports_at_scale } from './migrations/Migration20261123130000_imports_at_scale.ts';
import { Migration20261123131000_onboarding } from './migrations/Migration20261123131000_onboarding.ts';
import { Migration20261123132000_creditor_api } from './migrations/Migration20261123132000_creditor_api.ts';
import { Migration20261123140000_queue } from './migrations/Migration20261123140000_queue.ts';
import { Migration20261123141000_promises_plans } from './migrations/Migration20261123141000_promises_plans.ts';
import { Migration20261123150000_documents_contacts } from './migrations/Migration20261123150000_documents_contacts.ts';
import { Migration20261123151000_messages } from './migrations/Migration20261123151000_messages.ts';
import { Migration20261123152000_dunning } from './migrations/Migration20261123152000_dunning.ts';
import { Migration20261123153000_case_work } from './migrations/Migration20261123153000_case_work.ts';
import { Migration20261123154000_time_ordered_ids } from './migrations/Migration20261123154000_time_ordered_ids.ts';
import { Migration20261123160000_dunning_runs } from './migrations/Migration20261123160000_dunning_runs.ts';
import { Migration20261123161000_secrets_bounces } from './migrations/Migration20261123161000_secrets_bounces.ts';
import { Migration20261123162000_dunning_previews } from './migrations/Migration20261123162000_dunning_previews.ts';
import { Migration20261206110000_money_bounds } from './migrations/Migration20261206110000_money_bounds.ts';
import { Migration20261206120000_auth_hardening } from './migrations/Migration20261206120000_auth_hardening.ts';
import { Migration20261206130000_privacy } from './migrations/Migration20261206130000_privacy.ts';
import { Migration20261206150000_row_level_security } from './migrations/Migration20261206150000_row_level_security.ts';
import { Migration20261207100000_legal_gate } from './migrations/Migration20261207100000_legal_gate.ts';
import { Migration20261207110000_wording_proposals } from './migrations/Migration20261207110000_wording_proposals.ts';
import { Migration20261207120000_interest_basis } from './migrations/Migration20261207120000_interest_basis.ts';
import { Migration20261207150000_gate_at_sends } from './migrations/Migration20261207150000_gate_at_sends.ts';
import { Migration20261207160000_gate_doors } from './migrations/Migration20261207160000_gate_doors.ts';
import { Migration20261208100000_legal_actions } from './migrations/Migration20261208100000_legal_actions.ts';
import { Migration20261208110000_legal_documents } from './migrations/Migration20261208110000_legal_documents.ts';
import { Migration20261208130000_legal_money } from './migrations/Migration20261208130000_legal_money.ts';
import { Migration20261209100000_money_ledger } from './migrations/Migration20261209100000_money_ledger.ts';
import { Migration20261209110000_bank_statements } from './migrations/Migration20261209110000_bank_statements.ts';
import { Migration20261209120000_remittances } from './migrations/Migration20261209120000_remittances.ts';
import { Migration20261209140000_refunds_by_hand } from './migrations/Migration20261209140000_refunds_by_hand.ts';
import { Migration20261210100000_portal_verification } from './migrations/Migration20261210100000_portal_verification.ts';
import { Migration20261210110000_checkout_outcome } from './migrations/Migration20261210110000_checkout_outcome.ts';
import { Migration20261210120000_portal_plans } from './migrations/Migration20261210120000_portal_plans.ts';
import { Migration20261210130000_portal_talk } from './migrations/Migration20261210130000_portal_talk.ts';
import { Migration20261210140000_promise_webhook } from './migrations/Migration20261210140000_promise_webhook.ts';
import { Migration20261211100000_agency_brand } from './migrations/Migration20261211100000_agency_brand.ts';
import { Migration20261211120000_staff_only_notes } from './migrations/Migration20261211120000_staff_only_notes.ts';
import { Migration20261212100000_monthly_report } from './migrations/Migration20261212100000_monthly_report.ts';
import { Migration20261212110000_dispute_consultations } from './migrations/Migration20261212110000_dispute_consultations.ts';
import { Migration20261212130000_staff_accounts } from './migrations/Migration20261212130000_staff_accounts.ts';
import { Migration20261212140000_timeline_events } from './migrations/Migration20261212140000_timeline_events.ts';
import { Migration20261213100000_saved_filters } from './migrations/Migration20261213100000_saved_filters.ts';
import { Migration20261213120000_creditor_scoped_indexes } from './migrations/Migration20261213120000_creditor_scoped_indexes.ts';
import { Migration20261214100000_company_registry } from './migrations/Migration20261214100000_company_registry.ts';
import { Migration20261214120000_readiness } from './migrations/Migration20261214120000_readiness.ts';
import { STAFF_SCOPE_OPTIONS } from './row-level-security.ts';

/** Every feature's entities (server/src/features.ts). */
export const entities = features.flatMap((feature) => feature.entities ?? []);

/** Migrations are listed explicitly (no file globbing): they run the same from source and tests. */
export const migrationsList = [
  { name: 'Migration20261123000000_foundation', class: Migration20261123000000_foundation },
  { name: 'Migration20261123120000_statements', class: Migration20261123120000_statements },
  { name: 'Migration20261123130000_imports_at_scale', class: Migration20261123130000_imports_at_scale },
  { name: 'Migration20261123131000_onboarding', class: Migration20261123131000_onboarding },
  { name: 'Migration20261123132000_creditor_api', class: Migration20261123132000_creditor_api },
  { name: 'Migration20261123141000_promises_plans', class: Migration20261123141000_promises_plans },
  { name: 'Migration20261123140000_queue', class: Migration20261123140000_queue },
  { name: 'Migration20261123150000_documents_contacts', class: Migration20261123150000_documents_contacts },
  { name: 'Migration20261123153000_case_work', class: Migration20261123153000_case_work },
  { name: 'Migration20261123151000_messages', class: Migration20261123151000_messages },
  { name: 'Migration20261123152000_dunning', class: Migration20261123152000_dunning },
  { name: 'Migration20261123154000_time_ordered_ids', class: Migration20261123154000_time_ordered_ids },
  { name: 'Migration20261123160000_dunning_runs', class: Migration20261123160000_dunning_runs },
  { name: 'Migration20261123161000_secrets_bounces', class: Migration20261123161000_secrets_bounces },
  { name: 'Migration20261123162000_dunning_previews', class: Migration20261123162000_dunning_previews },
  { name: 'Migration20261206110000_money_bounds', class: Migration20261206110000_money_bounds },
  { name: 'Migration20261206120000_auth_hardening', class: Migration20261206120000_auth_hardening },
  { name: 'Migration20261206130000_privacy', class: Migration20261206130000_privacy },
  { name: 'Migration20261206150000_row_level_security', class: Migration20261206150000_row_level_security },
  { name: 'Migration20261207100000_legal_gate', class: Migration20261207100000_legal_gate },
  { name: 'Migration20261207110000_wording_proposals', class: Migration20261207110000_wording_proposals },
  { name: 'Migration20261207120000_interest_basis', class: Migration20261207120000_interest_basis },
  { name: 'Migration20261207150000_gate_at_sends', class: Migration20261207150000_gate_at_sends },
  { name: 'Migration20261207160000_gate_doors', class: Migration20261207160000_gate_doors },
  { name: 'Migration20261208100000_legal_actions', class: Migration20261208100000_legal_actions },
  { name: 'Migration20261208110000_legal_documents', class: Migration20261208110000_legal_documents },
  { name: 'Migration20261208130000_legal_money', class: Migration20261208130000_legal_money },
  { name: 'Migration20261209100000_money_ledger', class: Migration20261209100000_money_ledger },
  { name: 'Migration20261209110000_bank_statements', class: Migration20261209110000_bank_statements },
  { name: 'Migration20261209120000_remittances', class: Migration20261209120000_remittances },
  { name: 'Migration20261209140000_refunds_by_hand', class: Migration20261209140000_refunds_by_hand },
  { name: 'Migration20261210100000_portal_verification', class: Migration20261210100000_portal_verification },
  { name: 'Migration20261210110000_checkout_outcome', class: Migration20261210110000_checkout_outcome },
  { name: 'Migration20261210120000_portal_plans', class: Migration20261210120000_portal_plans },
  { name: 'Migration20261210130000_portal_talk', class: Migration20261210130000_portal_talk },
  { name: 'Migration20261210140000_promise_webhook', class: Migration20261210140000_promise_webhook },
  { name: 'Migration20261211100000_agency_brand', class: Migration20261211100000_agency_brand },
  { name: 'Migration20261211120000_staff_only_notes', class: Migration20261211120000_staff_only_notes },
  { name: 'Migration20261212100000_monthly_report', class: Migration20261212100000_monthly_report },
  { name: 'Migration20261212110000_dispute_consultations', class: Migration20261212110000_dispute_consultations },
  { name: 'Migration20261212130000_staff_accounts', class: Migration20261212130000_staff_accounts },
  { name: 'Migration20261212140000_timeline_events', class: Migration20261212140000_timeline_events },
  { name: 'Migration20261213100000_saved_filters', class: Migration20261213100000_saved_filters },
  { name: 'Migration20261213120000_creditor_scoped_indexes', class: Migration20261213120000_creditor_scoped_indexes },
  { name: 'Migration20261214100000_company_registry', class: Migration20261214100000_company_registry },
  { name: 'Migration20261214120000_readiness', class: Migration20261214120000_readiness },
];

export type Orm = MikroORM;

/**
 * `actingAs` says whom the connections serve (db/row-level-security.ts): 'login' (default) acts as
 * the URL's user: the owner for migrations and demo data, or relance_app for a creditor's requests,
 * which must then name their creditor in each transaction (an entity manager forked with its session
 * context, plugins/request-context.ts) or see no creditor's row; 'agency' switches to relance_agency
 * at connect (staff requests, public routes, jobs: every creditor's rows).
 */
export async function initOrm(
  databaseUrl: string,
  options: { poolMax?: number; debug?: boolean; actingAs?: 'login' | 'agency'; startupOptions?: string | undefined } = {},
): Promise<MikroORM> {
  // `startupOptions` for a connection of db/connections.ts (none through a pooler, whose database switches the role).
  const startupOptions = options.startupOptions ?? (options.actingAs === 'agency' ? STAFF_SCOPE_OPTIONS : undefined);
  return await MikroORM.init({
    clientUrl: databaseUrl,
    ...(startupOptions ? { driverOptions: { options: startupOptions } } : {}),
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: options.poolMax ?? 20 },
    // Every database is created explicitly (db/embedded-postgres.ts ensureDatabase, the test setup, the
    // operator). MikroORM's own check looks the URL's database name up in pg_database, which is wrong
    // behind PgBouncer (its database `relance_agency` is the real `relance`) and then tries to create it
    // from the `postgres` database, which the pooler does not serve.
    ensureDatabase: false,
    debug: options.debug ?? false,
    // Business dates stay 'YYYY-MM-DD' strings; instants are timestamptz in UTC.
    forceUtcTimezone: true,
    allowGlobalContext: false,
  });
}
