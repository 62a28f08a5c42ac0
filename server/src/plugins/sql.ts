import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';

// The one way to run hand-written SQL (docs/architecture.md, "Reaching the database"): the text
// carries `?` placeholders and a params array goes with it, run by the request's `em.execute` or by
// a `SqlExec`. A statement assembled from pieces (optional filters, shared predicates, a value used
// more than once) is built with the `sql` tag below, which yields the same `?` text and params.
// PostgreSQL's own `$1` numbering is written here only (`numbered`), for pg clients and pools.

/** A SQL runner with `?` placeholders: the request's entity manager or a worker's pg client. */
export type SqlExec = <T = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

/** A piece of SQL and the values of its `?` placeholders, in order. Built by `sql`, run as `exec(q.sql, q.params)`. */
export type SqlFragment = { readonly sql: string; readonly params: readonly unknown[]; readonly [FRAGMENT]: true };

const FRAGMENT: unique symbol = Symbol('sql fragment');

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

/**
 * Composes SQL with its values: every interpolated value becomes a `?` with its param, an
 * interpolated fragment is inlined with its own params, so a filter carries its values wherever
 * it goes. `` sql`c.status = ${status}` `` → { sql: 'c.status = ?', params: [status] }.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return { sql: text, params, [FRAGMENT]: true };
}

/** Trusted SQL text with no values (constants of the code: column lists, shared predicates, computed expressions). Never user input. */
export function rawSql(text: string): SqlFragment {
  return { sql: text, params: [], [FRAGMENT]: true };
}

/** Fragments joined by a separator (`' and '`, `', '`), params in order. */
export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  return {
    sql: fragments.map((f) => f.sql).join(separator),
    params: fragments.flatMap((f) => f.params),
    [FRAGMENT]: true,
  };
}

/** `where a and b…` for the optional filters of a list, nothing when there is none. */
export function whereAll(filters: readonly SqlFragment[]): SqlFragment {
  return filters.length > 0 ? sql`where ${joinSql(filters, ' and ')}` : rawSql('');
}

/** `?` placeholders to PostgreSQL's `$1, $2…`: the only place the numbered style is written. */
function numbered(text: string): string {
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

export function emExec(em: EntityManager): SqlExec {
  return async <T>(sql: string, params: readonly unknown[] = []) => (await em.execute(sql, [...params])) as T[];
}

/** A pg client or pool. */
export type PgQueryable = { query: <R extends pg.QueryResultRow>(config: pg.QueryConfig) => Promise<pg.QueryResult<R>> };

/**
 * A pg client or pool as a SqlExec. `name` makes it a named prepared statement (planned once per
 * connection): only for a runner of one statement text, such as the queue's claim.
 */
export function pgExec(client: PgQueryable, options: { name?: string } = {}): SqlExec {
  return async <T>(sql: string, params: readonly unknown[] = []) => {
    const query = { text: numbered(sql), values: [...params], ...(options.name ? { name: options.name } : {}) };
    return (await client.query<Record<string, unknown>>(query)).rows as T[];
  };
}

/** Runs `fn` in one transaction on a worker's pg client. */
export async function inPgTransaction<T>(client: pg.ClientBase, fn: (exec: SqlExec) => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await fn(pgExec(client));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * graphile-worker's helpers, as far as a job's SQL needs them (its client is typed against its own
 * copy of pg's types, hence `unknown` here and one cast below).
 */
export type JobHelpers = { withPgClient: <T>(fn: (client: unknown) => Promise<T>) => Promise<T> };

/** A job's pg client (for COPY and other client-level calls), checked out of graphile-worker's pool. */
export function withJobClient<T>(helpers: JobHelpers, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return helpers.withPgClient((client) => fn(client as pg.ClientBase));
}

/** A job's statements on graphile-worker's client, each committing on its own. */
export function withJobExec<T>(helpers: JobHelpers, fn: (exec: SqlExec) => Promise<T>): Promise<T> {
  return withJobClient(helpers, (client) => fn(pgExec(client)));
}

/** A job's statements on graphile-worker's client, in one transaction. */
export function inJobTransaction<T>(helpers: JobHelpers, fn: (exec: SqlExec) => Promise<T>): Promise<T> {
  return withJobClient(helpers, (client) => inPgTransaction(client, fn));
}
