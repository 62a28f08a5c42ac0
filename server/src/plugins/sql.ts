import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';

// Set-based paths (checks run by the worker, bulk updates) write plain SQL; these helpers let the
// same function run on a request's entity manager or on a worker's pg client.

/** A SQL runner with `?` placeholders: the request's entity manager or a worker's pg client. */
export type SqlExec = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export function emExec(em: EntityManager): SqlExec {
  return async <T>(sql: string, params: unknown[] = []) => (await em.execute(sql, params)) as T[];
}

export function pgExec(client: pg.ClientBase): SqlExec {
  return async <T>(sql: string, params: unknown[] = []) => {
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    return (await client.query(text, params)).rows as T[];
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
