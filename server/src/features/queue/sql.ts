import { defaultPriorityWeights, type PriorityWeights } from '@relance/domain/priority';

// The queue's SQL, kept in one reviewable place and shared with the benchmark (server/bench),
// which runs the very statement the API runs.

/** Statuses worked from the queue (the partial indexes' predicate, spelled identically). */
export const CLAIMABLE = `c.status in ('new', 'amicable', 'promise', 'payment_plan')`;

/** Stands for "no portfolio" in the agent's scope array. */
export const NO_PORTFOLIO = '00000000-0000-0000-0000-000000000000';

/** Lease length when idle; a heartbeat pushes it forward. */
export const LEASE_MINUTES = 10;

const FREE = '(c.leased_until is null or c.leased_until <= $2)';
const NOT_WORKED_TODAY = '(c.worked_on is null or c.worked_on < $4::date)';
// $5: the portfolios the agent works (NO_PORTFOLIO for cases of no portfolio), null = the whole queue.
// $6: whose assigned cases the agent may take: their own and those of agents who are away.
const SCOPE = `($5::uuid[] is null or coalesce(c.portfolio_id, '${NO_PORTFOLIO}'::uuid) = any($5::uuid[]))
        and (c.assigned_agent_id is null or c.assigned_agent_id = any($6::uuid[]))`;

/**
 * The claim, one statement: pick the best free case of the first non-empty tier (callbacks due
 * now, oldest first; broken promises, best rank first; promises due, oldest date first; then the
 * stored rank). Each tier's bound is an index condition, so an empty tier costs one index probe
 * (future callbacks and promises are never walked); lock it skipping rows another agent is
 * locking, lease it and log the claim. COALESCE evaluates its sub-selects lazily, so a tier is
 * looked at only when the ones before it are empty; each tier walks its own partial index in
 * order. Under READ COMMITTED a row leased by a claim that committed after our snapshot is
 * re-checked on lock (EvalPlanQual) and skipped, so two agents never hold the same case.
 *
 * $1 agent id, $2 now (the application clock), $3 lease end, $4 today (Paris), $5 portfolios, $6 assignees.
 */
export const CLAIM_SQL = `
with target as (
  select coalesce(
    (select c.id from collection_case c
      where ${CLAIMABLE} and c.callback_due_at is not null and c.callback_due_at <= $2 and ${FREE} and ${SCOPE}
      order by c.callback_due_at, c.id limit 1 for update skip locked),
    (select c.id from collection_case c
      where ${CLAIMABLE} and c.promise_broken and ${FREE} and ${NOT_WORKED_TODAY} and ${SCOPE}
      order by c.queue_rank desc, c.id limit 1 for update skip locked),
    (select c.id from collection_case c
      where ${CLAIMABLE} and c.promise_due_on is not null and c.promise_due_on <= $4::date and ${FREE} and ${NOT_WORKED_TODAY} and ${SCOPE}
      order by c.promise_due_on, c.id limit 1 for update skip locked),
    (select c.id from collection_case c
      where ${CLAIMABLE} and ${FREE} and ${NOT_WORKED_TODAY} and ${SCOPE}
      order by c.queue_rank desc, c.id limit 1 for update skip locked)
  ) as id
), claimed as (
  update collection_case c set leased_by = $1, leased_until = $3
    from target where c.id = target.id
  returning c.id, c.leased_until, c.callback_due_at, c.promise_due_on, c.promise_broken
), logged as (
  insert into queue_event (case_id, agent_id, kind, at) select id, $1, 'claim', $2 from claimed
)
select id, leased_until, callback_due_at, promise_due_on::text as promise_due_on, promise_broken from claimed`;

/** The bare claim (the benchmark's baseline): one index, no tiers, no scope, no log. $1 agent, $2 now, $3 lease end. */
export const BARE_CLAIM_SQL = `
update collection_case set leased_by = $1, leased_until = $3
 where id = (select c.id from collection_case c where ${CLAIMABLE} and ${FREE}
              order by c.queue_rank desc, c.id limit 1 for update skip locked)
returning id`;

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

/** Rewrites $n placeholders to the ORM's positional `?`, repeating parameters as used. */
export function positional(sql: string, params: readonly unknown[]): [string, unknown[]] {
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    ordered.push(params[Number(n) - 1]);
    return '?';
  });
  return [text, ordered];
}
