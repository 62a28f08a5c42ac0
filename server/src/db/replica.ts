import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Reads from a streaming replica (DATABASE_REPLICA_URL), for the read-heavy reports only: creditor
 * KPIs, the team board, exports. Writes never come here (a standby refuses them anyway). The same
 * two audiences as on the primary: `orm` acts as relance_agency, `tenantOrm` as relance_app with each
 * creditor transaction naming its creditor (MikroORM session context, set_config(..., true), which a
 * standby accepts), so row-level security holds on the replica as on the primary.
 */
export type Replica = { orm: MikroORM; tenantOrm: MikroORM; maxLagSeconds: number };

/** Where a report reads, and the instant its data is known to be current at least to. */
export type ReadSource = { on: 'replica' | 'primary'; dataAsOf: Date };

const FRESHNESS_CACHE_MS = 1_000;
const checked = new WeakMap<Replica, { at: number; source: Promise<ReadSource> }>();

/**
 * The replica when it is at most `maxLagSeconds` behind, else the primary. How far behind: the
 * primary's WAL position is read first; a replica that has replayed up to it holds everything
 * committed before that instant (dataAsOf = then). One that has not is as fresh as the last
 * transaction it replayed (pg_last_xact_replay_timestamp()), a lower bound. This needs no
 * privilege (pg_stat_wal_receiver is hidden from the app's login) and cannot be fooled by a replica
 * that lost its primary: it compares with the primary itself. Answered once a second at most; an
 * unreachable replica sends the reads to the primary.
 */
export function readSource(primary: MikroORM, replica: Replica | undefined): Promise<ReadSource> {
  if (!replica) return Promise.resolve({ on: 'primary', dataAsOf: new Date() });
  const cached = checked.get(replica);
  if (cached && Date.now() - cached.at < FRESHNESS_CACHE_MS) return cached.source;
  const source = measure(primary, replica).catch(() => ({ on: 'primary' as const, dataAsOf: new Date() }));
  checked.set(replica, { at: Date.now(), source });
  return source;
}

async function measure(primary: MikroORM, replica: Replica): Promise<ReadSource> {
  // The real time, not the program's clock (CLOCK_START): it is compared with PostgreSQL's.
  const checkedAt = new Date();
  const [position] = await primary.em.fork().execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn');
  const [state] = await replica.orm.em
    .fork()
    .execute<{ caught_up: boolean | null; replayed_at: Date | null }[]>(
      'select pg_last_wal_replay_lsn() >= ?::pg_lsn as caught_up, pg_last_xact_replay_timestamp() as replayed_at',
      [position?.lsn],
    );
  if (state?.caught_up) return { on: 'replica', dataAsOf: checkedAt };
  const replayedAt = state?.replayed_at ? new Date(state.replayed_at) : null;
  if (replayedAt && checkedAt.getTime() - replayedAt.getTime() <= replica.maxLagSeconds * 1000) return { on: 'replica', dataAsOf: replayedAt };
  return { on: 'primary', dataAsOf: checkedAt };
}
