import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { STAFF_SCOPE_OPTIONS } from '../../db/row-level-security.ts';
import type { WithClient } from './commit.ts';

/**
 * The importer talks to PostgreSQL through `pg` directly: COPY streams and a second connection
 * for progress need raw clients, which the ORM does not hand out. One small pool per database.
 * Its connections serve the agency (relance.scope = 'all', db/row-level-security.ts), also when a
 * creditor's request stores its file: the importer writes the rows of the one creditor its import
 * row names, never rows a caller's filter chose.
 */
const pools = new Map<string, pg.Pool>();

export function importPool(em: EntityManager): pg.Pool {
  const url = em.config.get('clientUrl') as string;
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, options: STAFF_SCOPE_OPTIONS, max: 6, idleTimeoutMillis: 10_000 });
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pool;
}

export async function closeImportPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}

export function withPoolClient(pool: pg.Pool): WithClient {
  return async (fn) => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
}
