/**
 * Row-level security: the names the migrations, the connections and the tests share.
 *
 * Two roles, neither a superuser, neither with BYPASSRLS, neither owning a table:
 * - `relance_app` is the login of the API and the worker. Acting as itself, it sees the rows of the
 *   creditor its transaction names in `relance.creditor_id` and nothing else (no setting: nothing):
 *   a creditor user's or API key's request sets it in every transaction (MikroORM session context).
 * - `relance_agency` is what staff requests, public routes, the debtor portal and the jobs act as:
 *   their connections switch to it at login (`-c role=relance_agency`); its policies are `true`.
 *   relance_app may switch to it but does not inherit it (NOINHERIT), so a creditor's transaction
 *   gets none of its rights.
 * Why a role rather than a setting for "sees all": a policy that is `true` for the current role
 * costs nothing, while any other expression, even `setting = 'all' or ...`, is a security barrier
 * that stops the planner from flattening subqueries and pushing quals (the dunning selection went
 * from 46 ms to 3.6 s at 3,000 cases, measured with `pnpm bench dunning`).
 * This wall is against a query that forgets its creditor filter, not against SQL injection (a
 * statement could switch roles as the app can); every query is parameterised for that.
 */
export const APP_ROLE = 'relance_app';
export const AGENCY_ROLE = 'relance_agency';

/** Startup options of a connection that serves the whole agency (staff requests, jobs). */
export const STAFF_SCOPE_OPTIONS = `-c role=${AGENCY_ROLE}`;

/** The per-transaction settings a creditor's request carries (MikroORM session context): its
 * creditor, and the signed-in person (none for an API key) for the tables of one's own credentials. */
export const CREDITOR_SETTING = 'relance.creditor_id';
export const USER_SETTING = 'relance.user_id';

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
  const roles = `${APP_ROLE}, ${AGENCY_ROLE}`;
  await owner.query(`grant usage on schema graphile_worker to ${roles}`);
  await owner.query(`grant select, insert, update, delete on all tables in schema graphile_worker to ${roles}`);
  await owner.query(`grant usage, select on all sequences in schema graphile_worker to ${roles}`);
  await owner.query(`grant execute on all functions in schema graphile_worker to ${roles}`);
  // graphile-worker enables row-level security on its private tables without any policy: only their
  // owner (who ran its migrations: the owner of our tables) reaches them. The worker runs as
  // relance_agency and a creditor's request adds jobs as relance_app, so both get a policy that lets
  // them use them, whole (a job is the agency's, not a creditor's). Re-applied after each of its
  // migrations (new tables).
  const { rows } = await owner.query(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'graphile_worker' and c.relkind = 'r' and c.relrowsecurity
        and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'relance_app_runs_jobs')`,
  );
  for (const { name } of rows as { name: string }[]) {
    await owner.query(`create policy relance_app_runs_jobs on graphile_worker."${name}" to ${roles} using (true) with check (true)`);
  }
  if (options.managedPassword !== null) {
    // A literal: ALTER ROLE takes no bind parameters. The password is ours (base64url), quoted anyway.
    const quoted = `'${options.managedPassword.replaceAll("'", "''")}'`;
    await owner.query(`alter role ${APP_ROLE} login password ${quoted}`);
  }
}

/**
 * Refuses to serve with a login that would make row-level security moot: a superuser, a role with
 * BYPASSRLS, or the owner of the tables (RLS does not apply to a table's owner), whether the
 * connection acts as its login (a creditor's) or as relance_agency (staff's). Give it a connection
 * of each kind.
 */
export async function assertAppRoleIsConfined(...connections: Queryable[]): Promise<void> {
  for (const connection of connections) {
    const { rows } = await connection.query(
      `select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypass,
              exists (select 1 from pg_tables t where t.schemaname = 'public' and pg_has_role(r.oid, t.tableowner, 'USAGE')) as owns_tables
         from pg_roles r where r.rolname in (session_user, current_user)`,
    );
    if (rows.length === 0) throw new Error('Cannot read the database role the app logs in as.');
    for (const row of rows as { role: string; superuser: boolean; bypass: boolean; owns_tables: boolean }[]) {
      if (row.superuser || row.bypass || row.owns_tables) {
        throw new Error(
          `The app reaches PostgreSQL as "${row.role}", which ${row.superuser ? 'is a superuser' : row.bypass ? 'has BYPASSRLS' : 'owns the tables'}: ` +
            `row-level security would not apply. Set APP_DATABASE_URL to a role without those rights, member of ${APP_ROLE} (see the README).`,
        );
      }
    }
  }
}

/**
 * The staff connection must act as relance_agency: behind a pooler (APP_DATABASE_STAFF_URL), the
 * pooler's database switches the role (its connect_query), and one that forgot would serve staff
 * requests as relance_app, which sees no creditor's rows: every list would be empty, silently.
 */
export async function assertActsAsAgency(connection: Queryable): Promise<void> {
  const { rows } = await connection.query('select current_user as role');
  const role = (rows[0] as { role?: string } | undefined)?.role;
  if (role !== AGENCY_ROLE) {
    throw new Error(
      `The staff connection acts as "${role}", not ${AGENCY_ROLE}: behind a pooler, APP_DATABASE_STAFF_URL must name a pooler database ` +
        `whose connect_query is "set role ${AGENCY_ROLE}" (README, "Run as a cluster").`,
    );
  }
}
