import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { STAFF_SCOPE_OPTIONS } from '../../db/row-level-security.ts';

/**
 * The claim runs as a named prepared statement on a small pg pool of its own: planning the
 * four-tier statement costs more than running it (measured by `pnpm bench queue`: p50 5.5 ms
 * unprepared, 1.2 ms prepared), and the ORM sends every statement unnamed. The claim is one
 * autocommit statement, so it needs no share in the request's transaction.
 *
 * This pool commits asynchronously (`synchronous_commit = off`): a lease is soft state. If the
 * database crashed in the fraction of a second before the claim reached the disk, the case is
 * simply free again after the restart and the agent's next heartbeat takes it back; nothing an
 * agent recorded is at stake (calls, notes, payments go through the request's own connection,
 * which commits synchronously). Waiting for the WAL flush was most of a claim's latency.
 */
export const QUEUE_SESSION_OPTIONS = `-c synchronous_commit=off ${STAFF_SCOPE_OPTIONS}`;
const pools = new Map<string, pg.Pool>();

export function queuePool(em: EntityManager): pg.Pool {
  const url = em.config.get('clientUrl') as string;
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, options: QUEUE_SESSION_OPTIONS, max: 10, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pool;
}

export async function closeQueuePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}
