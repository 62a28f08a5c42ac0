import pg from 'pg';
import type { AppConnections } from './connections.ts';
import { STAFF_SCOPE_OPTIONS } from './row-level-security.ts';

/**
 * The pg pools beside the ORM, for the two paths the ORM cannot serve. main.ts (and the test
 * harness) opens them once with the ORMs, hands them to buildApp, and closes them on stop: no
 * feature keeps a pool of its own.
 *
 * - `imports`: COPY streams and a second connection for progress need raw clients, which the ORM
 *   does not hand out. Its connections serve the agency (relance.scope = 'all',
 *   db/row-level-security.ts), also when a creditor's request stores its file: the importer writes
 *   the rows of the one creditor its import row names, never rows a caller's filter chose.
 *   Through a pooler it uses the staff connection (db/connections.ts): COPY and its progress
 *   updates run inside transactions, the import's lock is pg_advisory_xact_lock.
 * - `queue`: the claim runs as a named prepared statement (features/queue/service.ts), which the
 *   ORM never sends. This pool commits asynchronously (QUEUE_SESSION_OPTIONS). Both are session
 *   state a pooler in transaction pooling would lose: it is on the direct connection.
 */
export type DbPools = { imports: pg.Pool; queue: pg.Pool };

/**
 * The queue pool's session: a lease is soft state, so it commits asynchronously
 * (`synchronous_commit = off`). If the database crashed in the fraction of a second before the
 * claim reached the disk, the case is simply free again after the restart and the agent's next
 * heartbeat takes it back; nothing an agent recorded is at stake (calls, notes, payments go through
 * the request's own connection, which commits synchronously). Waiting for the WAL flush was most of
 * a claim's latency. The benchmark (`pnpm bench queue`) opens its agents' sessions with these too.
 */
export const QUEUE_SESSION_OPTIONS = `-c synchronous_commit=off ${STAFF_SCOPE_OPTIONS}`;

/** Opens the pools on the application's connections (relance_app acting as the agency). */
export function openDbPools(connections: Pick<AppConnections, 'staff' | 'direct'>): DbPools {
  const { staff, direct } = connections;
  const imports = new pg.Pool({ connectionString: staff.url, ...(staff.options ? { options: staff.options } : {}), max: 6, idleTimeoutMillis: 10_000 });
  const queue = new pg.Pool({ connectionString: direct, options: QUEUE_SESSION_OPTIONS, max: 10, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  // An idle connection dropped by the server (PostgreSQL stopping first on Ctrl-C) must not crash the process.
  imports.on('error', () => {});
  queue.on('error', () => {});
  return { imports, queue };
}

export async function closeDbPools(pools: DbPools): Promise<void> {
  await Promise.all([pools.imports.end(), pools.queue.end()]);
}

/** Runs `fn` on a client checked out of `pool`, given back afterwards. */
export function withPoolClient(pool: pg.Pool): <T>(fn: (client: pg.ClientBase) => Promise<T>) => Promise<T> {
  return async (fn) => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
}
