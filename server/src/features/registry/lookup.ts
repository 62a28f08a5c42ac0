import type { MikroORM } from '@mikro-orm/postgresql';
import { type Clock, todayInParis } from '../../plugins/context.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { applyRegistryToCases } from './declaration.ts';
import { type RegistryProvider, RegistryUnavailableError } from './providers/provider.ts';
import { storeRegistryRecord } from './store.ts';

// One lookup round over a batch of SIRENs: ask the provider, store the answer, apply it to the
// company's open cases. A provider that cannot answer for a SIREN does not stop the others; the
// round then fails with the SIRENs left, so graphile-worker retries the job (with its backoff) and
// the retry redoes only harmless work (storing the same answer, declarations made once).

export const LOOKUP_TASK = 'registry__lookup';
/** With graphile-worker's exponential backoff, 12 attempts span about two days: a registry down for a weekend is caught up. */
export const LOOKUP_MAX_ATTEMPTS = 12;
/** SIRENs per job of the weekly refresh (one job per batch keeps the jobs table small). */
export const LOOKUP_BATCH = 100;

export class RegistryLookupFailed extends Error {
  readonly sirens: string[];
  constructor(sirens: string[], cause: string) {
    super(`registry lookup failed for ${sirens.length} SIREN(s), retried: ${cause}`);
    this.name = 'RegistryLookupFailed';
    this.sirens = sirens;
  }
}

export type LookupOutcome = { found: number; unknown: number; declared: number; ceased: number };

export async function lookupSirens(deps: { orm: MikroORM; clock: Clock; registry: RegistryProvider }, sirens: readonly string[]): Promise<LookupOutcome> {
  const outcome: LookupOutcome = { found: 0, unknown: 0, declared: 0, ceased: 0 };
  const failed: string[] = [];
  let cause = '';
  for (const siren of sirens) {
    let record: Awaited<ReturnType<RegistryProvider['lookup']>>;
    try {
      record = await deps.registry.lookup(siren);
    } catch (error) {
      if (!(error instanceof RegistryUnavailableError)) throw error;
      failed.push(siren);
      cause = error.message;
      continue;
    }
    if (!record) {
      outcome.unknown += 1;
      continue;
    }
    outcome.found += 1;
    const em = deps.orm.em.fork();
    await em.transactional(async (tx) => await storeRegistryRecord(emExec(tx), deps.clock, deps.registry.name, { ...record, siren }));
    const applied = await applyRegistryToCases({ em, clock: deps.clock }, siren, todayInParis(deps.clock));
    outcome.declared += applied.declared;
    outcome.ceased += applied.ceased;
  }
  if (failed.length > 0) throw new RegistryLookupFailed(failed, cause);
  return outcome;
}

/** Queues lookups of every SIREN of an open case, in batches: the weekly refresh (idempotent by job key per week and batch). */
export async function queueWeeklyLookups(exec: SqlExec, today: string): Promise<number> {
  const [row] = await exec<{ jobs: number }>(
    `with sirens as (
       select distinct d.siren from debtor d join collection_case c on c.debtor_id = d.id
        where d.siren is not null and c.status <> 'closed'
     ), batches as (
       select batch, json_agg(siren order by siren) as sirens
         from (select (row_number() over (order by siren) - 1) / ? as batch, siren from sirens) numbered group by batch
     )
     select count(graphile_worker.add_job(?, json_build_object('sirens', sirens), job_key => 'registry:weekly:' || ? || ':' || batch, max_attempts => ?))::int as jobs
       from batches`,
    [LOOKUP_BATCH, LOOKUP_TASK, today, LOOKUP_MAX_ATTEMPTS],
  );
  return row?.jobs ?? 0;
}
