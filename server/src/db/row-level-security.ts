/**
 * Row-level security: the names the migrations, the connections and the tests share.
 *
 * `relance_app` is the role the API and the worker log in as (never the owner of the tables, never a
 * superuser, no BYPASSRLS). What a transaction may see is said by two settings its connection or
 * transaction carries, read by every policy (migrations Migration20261206150000_row_level_security
 * and later):
 * - `relance.scope = 'all'`: staff requests and background jobs, set at login on their connections;
 * - `relance.creditor_id = <uuid>`: a creditor user's or API key's request, set per transaction.
 * Neither set: no creditor's row is visible (a forgotten setting fails closed).
 */
export const APP_ROLE = 'relance_app';

/** Startup options of a connection that serves the whole agency (staff requests, jobs). */
export const STAFF_SCOPE_OPTIONS = '-c relance.scope=all';

/** The per-transaction setting a creditor's request carries (MikroORM session context). */
export const CREDITOR_SETTING = 'relance.creditor_id';

/**
 * The URL the app logs in with: APP_DATABASE_URL when the operator gives one (a role they created,
 * member of relance_app), else the owner's URL with relance_app and the password this installation
 * generated (DATA_DIR/secrets.json), which `migrate` gives the role (prepareAppRole).
 */
export function appDatabaseUrl(ownerUrl: string, appUrl: string | undefined, generatedPassword: string): string {
  if (appUrl) return appUrl;
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = generatedPassword;
  return url.toString();
}

/** The same URL with the staff scope in its startup options, for pg pools (graphile-worker, bulk paths). */
export function withStaffScope(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', STAFF_SCOPE_OPTIONS);
  return parsed.toString();
}

type Queryable = { query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

/**
 * Run as the owner after the migrations: graphile-worker's schema (created by its own migrations,
 * after ours) is opened to relance_app, and when this installation manages the app's login
 * (no APP_DATABASE_URL) relance_app gets LOGIN and its generated password. Idempotent.
 */
export async function prepareAppRole(owner: Queryable, options: { managedPassword: string | null }): Promise<void> {
  await owner.query(`grant usage on schema graphile_worker to ${APP_ROLE}`);
  await owner.query(`grant select, insert, update, delete on all tables in schema graphile_worker to ${APP_ROLE}`);
  await owner.query(`grant usage, select on all sequences in schema graphile_worker to ${APP_ROLE}`);
  await owner.query(`grant execute on all functions in schema graphile_worker to ${APP_ROLE}`);
  // graphile-worker enables row-level security on its private tables without any policy: only their
  // owner (who ran its migrations: the owner of our tables) reaches them. The app's role runs the
  // worker and adds jobs in its own transactions, so it gets a policy that lets it use them, whole
  // (a job is the agency's, not a creditor's). Re-applied after each of its migrations (new tables).
  const { rows } = await owner.query(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'graphile_worker' and c.relkind = 'r' and c.relrowsecurity
        and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'relance_app_runs_jobs')`,
  );
  for (const { name } of rows as { name: string }[]) {
    await owner.query(`create policy relance_app_runs_jobs on graphile_worker."${name}" to ${APP_ROLE} using (true) with check (true)`);
  }
  if (options.managedPassword !== null) {
    // A literal: ALTER ROLE takes no bind parameters. The password is ours (base64url), quoted anyway.
    const quoted = `'${options.managedPassword.replaceAll("'", "''")}'`;
    await owner.query(`alter role ${APP_ROLE} login password ${quoted}`);
  }
}

/**
 * Refuses to serve with a login that would make row-level security moot: a superuser, a role with
 * BYPASSRLS, or the owner of the tables (RLS does not apply to a table's owner).
 */
export async function assertAppRoleIsConfined(app: Queryable): Promise<void> {
  const { rows } = await app.query(
    `select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypass,
            exists (select 1 from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user) as owns_tables
       from pg_roles r where r.rolname = current_user`,
  );
  const row = rows[0] as { role: string; superuser: boolean; bypass: boolean; owns_tables: boolean } | undefined;
  if (!row) throw new Error('Cannot read the database role the app logs in as.');
  if (row.superuser || row.bypass || row.owns_tables) {
    throw new Error(
      `The app logs in to PostgreSQL as "${row.role}", which ${row.superuser ? 'is a superuser' : row.bypass ? 'has BYPASSRLS' : 'owns the tables'}: ` +
        `row-level security would not apply. Set APP_DATABASE_URL to a role without those rights, member of ${APP_ROLE} (see the README).`,
    );
  }
}
