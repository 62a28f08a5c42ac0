import { defaultPriorityWeights, type PriorityWeights } from '@relance/domain/priority';
import { rawSql, type SqlFragment, sql } from '../../plugins/sql.ts';

// The queue's SQL, kept in one reviewable place and shared with the benchmark (server/bench),
// which runs the very statement the API runs.

/** Statuses worked from the queue (the partial indexes' predicate, spelled identically). */
export const CLAIMABLE = `c.status in ('new', 'amicable', 'promise', 'payment_plan')`;

/** Stands for "no portfolio" in the agent's scope array. */
export const NO_PORTFOLIO = '00000000-0000-0000-0000-000000000000';

/** Lease length when idle; a heartbeat pushes it forward. */
export const LEASE_MINUTES = 10;

/** A claim's inputs: the agent, the application clock's now, the lease end, today in Paris and the agent's scope. */
export type ClaimInput = {
  agentId: string;
  now: Date;
  leaseEnd: Date;
  today: string;
  /** The portfolios the agent works (NO_PORTFOLIO for cases of no portfolio), null = the whole queue (a PostgreSQL array literal). */
  portfolios: string | null;
  /** Whose assigned cases the agent may take: their own and those of agents who are away (a PostgreSQL array literal). */
  assignees: string | null;
};

const free = (now: Date) => sql`(c.leased_until is null or c.leased_until <= ${now}::timestamptz)`;
const notWorkedToday = (today: string) => sql`(c.worked_on is null or c.worked_on < ${today}::date)`;
const scope = (portfolios: string | null, assignees: string | null) =>
  sql`(${portfolios}::uuid[] is null or coalesce(c.portfolio_id, '${rawSql(NO_PORTFOLIO)}'::uuid) = any(${portfolios}::uuid[]))
        and (c.assigned_agent_id is null or c.assigned_agent_id = any(${assignees}::uuid[]))`;
const claimable = rawSql(CLAIMABLE);

/**
 * The claim, one statement: pick the best free case of the first non-empty tier (callbacks due
 * now, oldest first; broken promises, best rank first; promises due, oldest date first; then the
 * stored rank). Each tier's bound is an index condition, so an empty tier costs one index probe
 * (future callbacks and promises are never walked); lock it skipping rows another agent is
 * locking, lease it and log the claim. COALESCE evaluates its sub-selects lazily, so a tier is
 * looked at only when the ones before it are empty; each tier walks its own partial index in
 * order. Under READ COMMITTED a row leased by a claim that committed after our snapshot is
 * re-checked on lock (EvalPlanQual) and skipped, so two agents never hold the same case.
 * Its text is the same for every input (a named prepared statement: see features/queue/service.ts).
 */
export function claimStatement(input: ClaimInput): SqlFragment {
  const { agentId, now, leaseEnd, today, portfolios, assignees } = input;
  const inScope = scope(portfolios, assignees);
  return sql`
with target as (
  select coalesce(
    (select c.id from collection_case c
      where ${claimable} and c.callback_due_at is not null and c.callback_due_at <= ${now}::timestamptz and ${free(now)} and ${inScope}
      order by c.callback_due_at, c.id limit 1 for update skip locked),
    (select c.id from collection_case c
      where ${claimable} and c.promise_broken and ${free(now)} and ${notWorkedToday(today)} and ${inScope}
      order by c.queue_rank desc, c.id limit 1 for update skip locked),
    (select c.id from collection_case c
      where ${claimable} and c.promise_due_on is not null and c.promise_due_on <= ${today}::date and ${free(now)} and ${notWorkedToday(today)} and ${inScope}
      order by c.promise_due_on, c.id limit 1 for update skip locked),
    (select c.id from collection_case c
      where ${claimable} and ${free(now)} and ${notWorkedToday(today)} and ${inScope}
      order by c.queue_rank desc, c.id limit 1 for update skip locked)
  ) as id
), claimed as (
  update collection_case c set leased_by = ${agentId}::uuid, leased_until = ${leaseEnd}::timestamptz
    from target where c.id = target.id
  returning c.id, c.leased_until, c.callback_due_at, c.promise_due_on, c.promise_broken
), logged as (
  insert into queue_event (case_id, agent_id, kind, at) select id, ${agentId}::uuid, 'claim', ${now}::timestamptz from claimed
)
select id, leased_until, callback_due_at, promise_due_on::text as promise_due_on, promise_broken from claimed`;
}

/** The bare claim (the benchmark's baseline): one index, no tiers, no scope, no log. */
export function bareClaimStatement(input: Pick<ClaimInput, 'agentId' | 'now' | 'leaseEnd'>): SqlFragment {
  return sql`
update collection_case set leased_by = ${input.agentId}::uuid, leased_until = ${input.leaseEnd}::timestamptz
 where id = (select c.id from collection_case c where ${claimable} and ${free(input.now)}
              order by c.queue_rank desc, c.id limit 1 for update skip locked)
returning id`;
}

/**
 * The stored rank, in SQL, from the same weights as packages/domain priorityOf (the parts that do
 * not depend on the hour: balance and age tiers, professional debtor, not contactable), times
 * 10^12, plus amountAgeScore (floor(balance x (30 + days) / 3000)) as the tie-break. Callbacks
 * and promises are tiers of the pick, not points of the rank.
 */
export function rankExpression(balance: string, days: string, kind: string, contactable: string, weights: PriorityWeights = defaultPriorityWeights): string {
  const tiers = (value: string, list: readonly { atLeast: number; points: number }[]) =>
    `(case ${list.map((t) => `when ${value} >= ${t.atLeast} then ${t.points}`).join(' ')} else 0 end)`;
  const points = [
    tiers(balance, weights.balanceTiers),
    tiers(days, weights.ageTiers),
    `(case when ${kind} = 'company' then ${weights.professionalDebtor} else 0 end)`,
    `(case when ${contactable} then 0 else ${weights.notContactable} end)`,
  ].join(' + ');
  return `((${points})::bigint * 1000000000000 + least(floor(${balance}::numeric * (30 + ${days}) / 3000), 999999999999)::bigint)`;
}
