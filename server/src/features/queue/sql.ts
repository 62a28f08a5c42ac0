import { openPlanStatuses } from '@relance/domain/dunning';
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
  /** The creditors whose mandate is not in force now (not started, expired, revoked): a PostgreSQL array literal, '{}' for none. */
  closedMandates: string;
};

const free = (now: Date) => sql`(c.leased_until is null or c.leased_until <= ${now}::timestamptz)`;
const notWorkedToday = (today: string) => sql`(c.worked_on is null or c.worked_on < ${today}::date)`;
const scope = (portfolios: string | null, assignees: string | null) =>
  sql`(${portfolios}::uuid[] is null or coalesce(c.portfolio_id, '${rawSql(NO_PORTFOLIO)}'::uuid) = any(${portfolios}::uuid[]))
        and (c.assigned_agent_id is null or c.assigned_agent_id = any(${assignees}::uuid[]))`;
const claimable = rawSql(CLAIMABLE);
const openPlans = rawSql(openPlanStatuses.map((status) => `'${status}'`).join(', '));

/**
 * What the legal gate (packages/domain legal-gate.ts, action 'serve') refuses a case for, tested on
 * each candidate row of a tier as the tier's index is walked: a vulnerability flag, a pending
 * promise not yet due (taken by an agent minutes ago) and a case the gate skipped earlier until
 * its time comes (queue_skip_until) are column tests; an open dispute, a plan pending approval,
 * awaiting the debtor or active, every claim prescribed (prescription_date < today), no contact
 * point at all and the creditor's mandate not in force (R124-3: `closedMandates`, read first from
 * the small creditor table) are index probes of the candidate, kept together in one scalar
 * sub-select. Kept apart as joins, their estimated selectivities multiply down to "one row" and
 * the planner trades the tier's ordered index walk (stop at the first free row) for a scan and a
 * sort of every open case; inside one sub-select they are one opaque filter evaluated per
 * candidate, so the pick keeps its shape. The picked case still goes through the gate itself
 * (service.ts), which also weighs the cap per debtor and what is left to pay.
 */
export const servable = (now: Date, today: string, closedMandates: string) =>
  sql`c.vulnerable_since is null
        and (c.promise_due_on is null or c.promise_due_on <= ${today}::date)
        and (c.queue_skip_until is null or c.queue_skip_until <= ${now}::timestamptz)
        and (select not (c.creditor_id = any(${closedMandates}::uuid[]))
                and not exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null)
                and not exists (select 1 from payment_plan pl where pl.case_id = c.id and pl.status in (${openPlans}))
                and exists (select 1 from claim cl where cl.case_id = c.id and cl.prescription_date >= ${today}::date)
                and exists (select 1 from debtor_phone ph where ph.debtor_id = c.debtor_id and ph.valid
                            union all select 1 from debtor_email e where e.debtor_id = c.debtor_id and e.valid
                            union all select 1 from debtor_address a where a.debtor_id = c.debtor_id and a.valid))`;

/**
 * The claim, one statement: pick the best free case the gate would serve (`servable`) of the first
 * non-empty tier (callbacks due now, oldest first; broken promises, best rank first; promises due,
 * oldest date first; then the stored rank). Each tier's bound is an index condition, so an empty tier costs one index probe
 * (future callbacks and promises are never walked); lock it skipping rows another agent is
 * locking, lease it and log the claim. COALESCE evaluates its sub-selects lazily, so a tier is
 * looked at only when the ones before it are empty; each tier walks its own partial index in
 * order. Under READ COMMITTED a row leased by a claim that committed after our snapshot is
 * re-checked on lock (EvalPlanQual) and skipped, so two agents never hold the same case.
 * Its text is the same for every input (a named prepared statement: see features/queue/service.ts).
 */
export function claimStatement(input: ClaimInput): SqlFragment {
  const { agentId, now, leaseEnd, today, portfolios, assignees, closedMandates } = input;
  const inScope = sql`${scope(portfolios, assignees)} and ${servable(now, today, closedMandates)}`;
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

/** The creditors whose mandate is not in force at `now` (R124-3, as packages/domain legal-gate.ts mandateProblem): the claim's `closedMandates`. */
export function closedMandatesStatement(now: Date, today: string): SqlFragment {
  return sql`select coalesce(array_agg(id), '{}')::text as ids from creditor
              where mandate_signed_on > ${today}::date or mandate_valid_until < ${today}::date or mandate_revoked_at <= ${now}::timestamptz`;
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
 * not depend on the hour: balance and age tiers, professional debtor, not contactable, prescription
 * drawing near), times 10^12, plus amountAgeScore (floor(balance x (30 + days) / 3000)) as the
 * tie-break. The figures are those of the claims not prescribed (rankFigures): a prescribed claim
 * adds nothing. Callbacks and promises are tiers of the pick, not points of the rank.
 */
export function rankExpression(
  balance: string,
  days: string,
  kind: string,
  contactable: string,
  daysToPrescription: string,
  weights: PriorityWeights = defaultPriorityWeights,
  registry: { insolvency: string; ceased: string; daysSinceAddressChange: string; companyAgeDays: string } = {
    insolvency: 'f.insolvency',
    ceased: 'f.company_ceased',
    daysSinceAddressChange: 'f.days_since_address_change',
    companyAgeDays: 'f.company_age_days',
  },
): string {
  const tiers = (value: string, list: readonly { atLeast: number; points: number }[]) =>
    `(case ${list.map((t) => `when ${value} >= ${t.atLeast} then ${t.points}`).join(' ')} else 0 end)`;
  const prescription = `(case when ${daysToPrescription} is null or ${daysToPrescription} < 0 then 0 ${weights.prescriptionTiers
    .map((t) => `when ${daysToPrescription} <= ${t.atMost} then ${t.points}`)
    .join(' ')} else 0 end)`;
  const points = [
    tiers(balance, weights.balanceTiers),
    tiers(days, weights.ageTiers),
    `(case when ${kind} = 'company' then ${weights.professionalDebtor} else 0 end)`,
    `(case when ${contactable} then 0 else ${weights.notContactable} end)`,
    prescription,
    // Issue 23, the registry's signals (packages/domain priority.ts registrySignals).
    `(case when ${registry.insolvency} then ${weights.insolvencyProceedings} when ${registry.ceased} then ${weights.companyCeased} else 0 end)`,
    `(case when ${registry.daysSinceAddressChange} between 0 and ${weights.addressChanged.withinDays} then ${weights.addressChanged.points} else 0 end)`,
    `(case when ${registry.companyAgeDays} >= 0 and ${registry.companyAgeDays} < ${weights.youngCompany.underDays} then ${weights.youngCompany.points} else 0 end)`,
  ].join(' + ');
  return `((${points})::bigint * 1000000000000 + least(floor(${balance}::numeric * (30 + ${days}) / 3000), 999999999999)::bigint)`;
}

/**
 * The figures a case is ranked on (and the reasons shown to the agent are computed from): the
 * principal of the claims not prescribed on `today` (prescription_date >= today) less every payment
 * received, the days since the oldest of those claims fell due, the days left before the first of
 * them prescribes, a valid phone or e-mail. Open cases, all or those of `caseIds` (a PostgreSQL array literal).
 */
export function rankFigures(today: string, caseIds: string | null): SqlFragment {
  return sql`select c.id, c.creditor_id, d.kind,
              greatest(0, coalesce(cl.principal, 0) - coalesce(pay.paid, 0)) as balance,
              coalesce(greatest(0, ${today}::date - cl.oldest_due), 0) as days,
              (cl.next_prescription - ${today}::date) as days_to_prescription,
              (exists (select 1 from debtor_email e where e.debtor_id = d.id and e.valid)
                 or exists (select 1 from debtor_phone ph where ph.debtor_id = d.id and ph.valid)) as contactable,
              (select a.postal_code from debtor_address a where a.debtor_id = d.id and a.valid order by a.line1 limit 1) as postal_code,
              coalesce(exists (select 1 from registry_proceeding rp where rp.siren = d.siren and rp.judgment_date <= ${today}::date), false) as insolvency,
              coalesce(rc.status = 'ceased', false) as company_ceased,
              (${today}::date - rc.address_since) as days_since_address_change,
              (${today}::date - rc.created_on) as company_age_days
         from collection_case c
         join debtor d on d.id = c.debtor_id
         left join registry_company rc on rc.siren = d.siren
         left join lateral (
           select sum(amount_cents) as principal, min(due_date) as oldest_due, min(prescription_date) as next_prescription
             from claim where case_id = c.id and prescription_date >= ${today}::date
         ) cl on true
         left join lateral (select sum(amount_cents) as paid from payment where case_id = c.id) pay on true
        where c.status <> 'closed' and (${caseIds}::uuid[] is null or c.id = any(${caseIds}::uuid[]))`;
}
