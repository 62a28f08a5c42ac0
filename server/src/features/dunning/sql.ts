import { CONTACT_CAP_WINDOW_DAYS } from '@relance/domain/contact-rules';
import { contactChannels, openPlanStatuses, type PauseFact, pauseRules } from '@relance/domain/dunning';
import { joinSql, rawSql, type SqlFragment, sql } from '../../plugins/sql.ts';

// The daily run's SQL, in one reviewable place, shared with the benchmark (server/bench/dunning.ts),
// which times the very statements the worker runs. packages/domain dunning.ts is the specification:
// nextGroupDay, groupDueOn (catch-up keeps the spacing from the last step that went), pauseReasonOf,
// contactDecision. The SQL takes the domain's tables and thresholds (pauseRules, openPlanStatuses,
// contactChannels, CONTACT_CAP_WINDOW_DAYS), and server/test/rules-parity.test.ts runs one table of
// cases through both and asserts the same decisions. Each statement is a function of its named
// inputs (plugins/sql.ts `sql`: values become `?` params).
//
const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The channels that reach the debtor (packages/domain contactChannels), as a SQL condition on `column`. */
export function isContactChannel(column: string): string {
  return `${column} in (${sqlList(contactChannels)})`;
}

/** The cap's window (packages/domain CONTACT_CAP_WINDOW_DAYS) as a SQL interval. */
const CAP_WINDOW = rawSql(`interval '${CONTACT_CAP_WINDOW_DAYS} days'`);
/**
 * Why a case gets no automated contact (packages/domain pauseReasonOf), as a SQL expression over a row
 * carrying the case's case_id, creditor_id, status, balance, vulnerable_since and its strategy's pause
 * flags, on the day `today` at the instant `now`: one `when` per rule of the domain's pauseRules, in
 * its order, with its statuses, its fact and its switch. The mandate and prescription facts are the
 * legal gate's (legal-gate.ts mandateProblem, prescribedClaims).
 */
export function pauseReasonSql(k: string, today: string, now: Date): SqlFragment {
  const facts = pauseFactsSql(k, today, now);
  const switches = { pauseOnLegal: 'pause_on_legal', pauseOnPlan: 'pause_on_plan', pauseOnPromise: 'pause_on_promise' } as const;
  const whens = pauseRules.map((rule) => {
    const statuses: readonly string[] = rule.statuses;
    const parts = [
      statuses.length === 0 ? null : rawSql(statuses.length === 1 ? `${k}.status = '${statuses[0]}'` : `${k}.status in (${sqlList(statuses)})`),
      rule.fact === null ? null : facts[rule.fact],
    ].filter((part): part is SqlFragment => part !== null);
    const holds = parts.length > 1 ? sql`(${joinSql(parts, ' or ')})` : (parts[0] as SqlFragment);
    return sql`when ${rawSql(rule.switch === null ? '' : `${k}.${switches[rule.switch]} and `)}${holds} then '${rawSql(rule.reason)}'`;
  });
  return sql`case\n    ${joinSql(whens, '\n    ')}\n  end`;
}

/** Each fact of packages/domain PauseFact as a SQL condition over the row `k` (its case_id, creditor_id, balance, vulnerable_since). */
export function pauseFactsSql(k: string, today: string, now: Date): Record<PauseFact, SqlFragment> {
  const row = rawSql(k);
  return {
    mandateNotInForce: sql`exists (select 1 from creditor mc where mc.id = ${row}.creditor_id
      and (mc.mandate_revoked_at <= ${now}::timestamptz or mc.mandate_signed_on > ${today}::date or mc.mandate_valid_until < ${today}::date))`,
    // C. com. L622-21: a collective proceeding of the debtor company pronounced on or before today (insolvency.ts proceedingInForce).
    insolvencyOpen: sql`exists (select 1 from collection_case ic join debtor idb on idb.id = ic.debtor_id join registry_proceeding ip on ip.siren = idb.siren
      where ic.id = ${row}.case_id and ip.judgment_date <= ${today}::date)`,
    everyClaimPrescribed: sql`(exists (select 1 from claim pc where pc.case_id = ${row}.case_id)
      and not exists (select 1 from claim pc where pc.case_id = ${row}.case_id and pc.prescription_date >= ${today}::date))`,
    nothingDue: sql`${row}.balance <= 0`,
    disputeOpen: sql`exists (select 1 from case_dispute x where x.case_id = ${row}.case_id and x.resolved_at is null)`,
    vulnerable: sql`${row}.vulnerable_since is not null`,
    openPlan: sql`exists (select 1 from payment_plan pp where pp.case_id = ${row}.case_id and pp.status in (${rawSql(sqlList(openPlanStatuses))}))`,
    pendingPromise: sql`exists (select 1 from promise_to_pay pr where pr.case_id = ${row}.case_id and pr.status = 'pending')`,
    promiseNotYetDue: sql`(select min(pr.due_on) from promise_to_pay pr where pr.case_id = ${row}.case_id and pr.status = 'pending') >= ${today}::date`,
  };
}

/** The active strategies, most specific first, and each one's step groups (day ranges after the cursor). */
const strategyCtes = sql`strategies as materialized (
  select s.id, s.creditor_id, s.debtor_kind, s.min_balance_cents, s.max_balance_cents, s.version,
         s.pause_on_plan, s.pause_on_promise, s.pause_on_legal,
         (case when s.creditor_id is not null then 4 else 0 end) + (case when s.debtor_kind is not null then 2 else 0 end)
           + (case when s.min_balance_cents is not null or s.max_balance_cents is not null then 1 else 0 end) as specificity
    from dunning_strategy s where s.active
), groups as materialized (
  select g.strategy_id, g.day, coalesce(lag(g.day) over (partition by g.strategy_id order by g.day), -1) as lo
    from (select distinct st.strategy_id, st.day from dunning_step st join strategies s on s.id = st.strategy_id where st.archived_at is null) g
)`;

/** Open cases with nothing waiting, their balance, and the strategy each one is on (pinned, else the most specific). */
const placedCaseCtes = sql`claimed as (
  select case_id, sum(amount_cents) as total from claim group by case_id
), paid as (
  select case_id, sum(amount_cents) as total from payment group by case_id
), open_cases as (
  select c.id as case_id, c.creditor_id, c.opened_on, c.status, c.vulnerable_since, d.kind, d.identity_key,
         coalesce(cl.total, 0) - coalesce(p.total, 0) as balance,
         dc.strategy_id as pinned, dc.cursor_day, dc.last_done_on
    from collection_case c
    join debtor d on d.id = c.debtor_id
    left join claimed cl on cl.case_id = c.id
    left join paid p on p.case_id = c.id
    left join dunning_case dc on dc.case_id = c.id
   where c.status <> 'closed'
     and not exists (select 1 from dunning_step_execution w where w.case_id = c.id and w.status in ('pending', 'deferred'))
), placed as (
  select k.*, coalesce(ps.id, rs.id) as strategy_id
    from open_cases k
    left join strategies ps on ps.id = k.pinned
    left join lateral (
      select s.id from strategies s
       where ps.id is null
         and (s.creditor_id is null or s.creditor_id = k.creditor_id)
         and (s.debtor_kind is null or s.debtor_kind = k.kind)
         and (s.min_balance_cents is null or k.balance >= s.min_balance_cents)
         and (s.max_balance_cents is null or k.balance <= s.max_balance_cents)
       order by s.specificity desc, s.id limit 1
    ) rs on ps.id is null
)`;

/** The placed cases whose next step group is due today, with their pause reason. */
function dueCtes(today: string, now: Date): SqlFragment {
  return sql`due as (
  select p.case_id, p.creditor_id, p.opened_on, p.status, p.vulnerable_since, p.kind, p.identity_key, p.balance,
         p.strategy_id, s.version as strategy_version, s.pause_on_plan, s.pause_on_promise, s.pause_on_legal, g.day as group_day,
         greatest(p.opened_on + g.day, coalesce(p.last_done_on + (g.day - p.cursor_day), p.opened_on + g.day)) as due_on
    from placed p
    join strategies s on s.id = p.strategy_id
    join groups g on g.strategy_id = p.strategy_id and coalesce(p.cursor_day, -1) >= g.lo and coalesce(p.cursor_day, -1) < g.day
   where ${today}::date >= greatest(p.opened_on + g.day, coalesce(p.last_done_on + (g.day - p.cursor_day), p.opened_on + g.day))
), due_paused as (
  select due.*, ${pauseReasonSql('due', today, now)} as pause_reason from due
)`;
}

/** Deferred executions whose deferred_until has come. */
function retryCte(now: Date): SqlFragment {
  return sql`retry as (
  select x.case_id, x.creditor_id, c.status, c.vulnerable_since, d.identity_key,
         coalesce((select sum(amount_cents) from claim where case_id = x.case_id), 0)
           - coalesce((select sum(amount_cents) from payment where case_id = x.case_id), 0) as balance,
         s.pause_on_plan, s.pause_on_promise, s.pause_on_legal,
         x.id as execution_id, x.strategy_id, x.strategy_version, x.step_id, x.day, x.channel, x.template, x.due_on, x.deferred_reason
    from dunning_step_execution x
    join collection_case c on c.id = x.case_id
    join debtor d on d.id = c.debtor_id
    join dunning_strategy s on s.id = x.strategy_id
   where x.status = 'deferred' and x.deferred_until <= ${now}::timestamptz and c.status <> 'closed'
)`;
}

/** One row per step of each due group, with its skip reason. */
const newGroupRows = sql`select dp.case_id, dp.creditor_id, dp.identity_key, dp.strategy_id, dp.strategy_version, st.id as step_id, st.day, st.position,
       st.channel, st.template, st.task_label, dp.due_on, dp.pause_reason,
       sk.reason is not null as skip, sk.reason as skip_reason,
       false as is_retry, null::uuid as execution_id, null::text as old_reason, true as new_group
  from due_paused dp
  join dunning_step st on st.strategy_id = dp.strategy_id and st.day = dp.group_day and st.archived_at is null
  -- A step is skipped (with its reason) when its conditions fail, or when the debtor has no valid
  -- contact on its channel: a message that cannot reach anyone is not queued only to fail.
  cross join lateral (
    select case
      when not ((st.min_balance_cents is null or dp.balance >= st.min_balance_cents) and (st.debtor_kind is null or st.debtor_kind = dp.kind))
        then 'conditions'
      when st.channel = 'email' and not exists (
        select 1 from collection_case cc join debtor_email e on e.debtor_id = cc.debtor_id where cc.id = dp.case_id and e.valid)
        then 'no_valid_email'
      when st.channel = 'sms' and not exists (
        select 1 from collection_case cc join debtor_phone ph on ph.debtor_id = cc.debtor_id where cc.id = dp.case_id and ph.valid)
        then 'no_valid_phone'
      when st.channel in ('letter', 'registered_letter') and not exists (
        select 1 from collection_case cc join debtor_address ad on ad.debtor_id = cc.debtor_id where cc.id = dp.case_id and ad.valid)
        then 'no_valid_address'
    end as reason
  ) sk`;

/** One row per retry, its pause reason computed afresh. */
function retryRows(today: string, now: Date): SqlFragment {
  return sql`select r.case_id, r.creditor_id, r.identity_key, r.strategy_id, r.strategy_version, r.step_id, r.day, st.position,
       r.channel, r.template, st.task_label, r.due_on, ${pauseReasonSql('r', today, now)} as pause_reason,
       false as skip, null::text as skip_reason, true as is_retry, r.execution_id, r.deferred_reason as old_reason, false as new_group
  from retry r join dunning_step st on st.id = r.step_id`;
}

/**
 * Every step that should be decided now, one row per (case, step):
 * - new groups: open cases with nothing waiting (no pending or deferred execution), on their strategy
 *   (pinned once started, while it stays active; else the most specific active one: creditor before
 *   default, then debtor kind, then balance band), whose next step group (smallest J+N after the
 *   cursor) is due: today >= max(opened_on + J+N, last_done_on + (J+N - cursor)).
 * - retries: deferred executions whose deferred_until has come.
 * Each row carries the pause reason (null = may go) and whether the step's own conditions fail (skip).
 * Set-based: balances, strategy choice and group ranges are hash joins over the open cases.
 */
export function selectionStatement(today: string, now: Date): SqlFragment {
  return sql`
with ${strategyCtes}, ${placedCaseCtes}, ${dueCtes(today, now)}, ${retryCte(now)}
${newGroupRows}
union all
${retryRows(today, now)}`;
}

/**
 * From the candidates (temp table dunning_candidate) to decisions: paused rows are left out (counted);
 * skipped rows stay skipped; call tasks go; a message goes when the window is open and the debtor's
 * contacts over the last 7 days (calls logged, messages sent, messages queued, steps already decided)
 * plus those planned before it in this run stay within the cap, else it is deferred with its reason
 * to the next allowed instant. Pending rows get a batch number (one send job per batch).
 */
export function decisionStatement(input: {
  now: Date;
  windowOpen: boolean;
  /** The window's next opening. */
  nextOpening: Date;
  /** Why the window is closed (null when open). */
  closedReason: string | null;
  cap: number;
  /** The window's openings and closings over the next weeks (PostgreSQL array literals). */
  openings: string;
  closings: string;
  batchSize: number;
}): SqlFragment {
  const { now, windowOpen, nextOpening, closedReason, cap, openings, closings, batchSize } = input;
  // packages/domain capReached(contacts before this one, cap): the debtor's contacts over the window
  // (rc.n) plus those planned before this one in the run (rn - 1) leave no room under the cap.
  const capReached = sql`coalesce(rc.n, 0) + k.rn - 1 >= ${cap}::int`;
  return sql`
with contactable as (
  select c.*, row_number() over (partition by c.identity_key order by c.is_retry desc, c.due_on, c.day, c.position, c.case_id) as rn
    from dunning_candidate c
   where c.pause_reason is null and not c.skip and ${rawSql(isContactChannel('c.channel'))}
), recent as (
  select r.identity_key, count(*) as n, min(r.at) as oldest from (
    select dc.identity_key, dc.at from debtor_contact dc where dc.at > ${now}::timestamptz - ${CAP_WINDOW} and dc.at <= ${now}::timestamptz
    union all
    select d.identity_key, m.queued_at from outbound_message m join debtor d on d.id = m.debtor_id
     where m.status = 'queued' and m.sent_at is null and m.queued_at > ${now}::timestamptz - ${CAP_WINDOW}
    union all
    select d.identity_key, x.decided_at from dunning_step_execution x join collection_case c on c.id = x.case_id join debtor d on d.id = c.debtor_id
     where x.status = 'pending' and ${rawSql(isContactChannel('x.channel'))}
  ) r group by r.identity_key
), decided as (
  select k.*,
         case when not ${windowOpen}::boolean then 'deferred'
              when ${capReached} then 'deferred'
              else 'pending' end as status,
         case when not ${windowOpen}::boolean then ${closedReason}::text
              when ${capReached} then 'contact_cap_reached' end as deferred_reason,
         case when not ${windowOpen}::boolean then ${nextOpening}::timestamptz
              when ${capReached} then
                coalesce((select greatest(w.o, rc.oldest + ${CAP_WINDOW}) from unnest(${openings}::timestamptz[], ${closings}::timestamptz[]) w(o, cl)
                           where w.cl > rc.oldest + ${CAP_WINDOW} order by w.o limit 1), rc.oldest + ${CAP_WINDOW})
         end as deferred_until
    from contactable k left join recent rc on rc.identity_key = k.identity_key
), others as (
  select c.*, null::bigint as rn, case when c.skip then 'skipped' else 'pending' end as status,
         null::text as deferred_reason, null::timestamptz as deferred_until
    from dunning_candidate c
   where c.pause_reason is null and (c.skip or not ${rawSql(isContactChannel('c.channel'))})
), everything as (
  select * from decided union all select * from others
)
select e.*, case when e.status = 'pending'
                 then ((row_number() over (partition by (e.status = 'pending') order by e.case_id, e.position) - 1) / ${batchSize}::int)::int end as batch
  from everything e`;
}

/** Writes the decisions: one row per (case, step), a deferred one moved on, never a pending or done one touched. */
export function writeExecutionsStatement(decidedAt: Date, runId: string): SqlFragment {
  return sql`
with written as (
  insert into dunning_step_execution as x (case_id, creditor_id, step_id, strategy_id, strategy_version, day, channel, template, status, due_on,
                                           decided_at, run_id, batch, deferred_until, deferred_reason, skip_reason)
  select d.case_id, d.creditor_id, d.step_id, d.strategy_id, d.strategy_version, d.day, d.channel, d.template, d.status, d.due_on,
         ${decidedAt}::timestamptz, ${runId}::uuid, d.batch, d.deferred_until, d.deferred_reason, case when d.status = 'skipped' then d.skip_reason end
    from dunning_decision d
  on conflict (case_id, step_id) do update
     set status = excluded.status, decided_at = excluded.decided_at, run_id = excluded.run_id, batch = excluded.batch,
         deferred_until = excluded.deferred_until, deferred_reason = excluded.deferred_reason
   where x.status = 'deferred'
  returning x.id, x.case_id, x.day, x.channel, x.template, x.status, x.batch, x.deferred_until, x.deferred_reason,
            old.id is null as inserted, old.deferred_reason as old_reason
)
insert into dunning_written select * from written`;
}

/** Where each case stands after the run: the group it started, the day its last step went. */
export function advanceCasesStatement(today: string, now: Date): SqlFragment {
  return sql`
insert into dunning_case as dc (case_id, creditor_id, strategy_id, cursor_day, last_done_on, updated_at)
select g.case_id, g.creditor_id, g.strategy_id, g.day,
       case when exists (select 1 from dunning_written w where w.case_id = g.case_id and w.status = 'pending') then ${today}::date end, ${now}::timestamptz
  from (select distinct on (case_id) case_id, creditor_id, strategy_id, day from dunning_candidate
         where new_group and pause_reason is null order by case_id, day) g
on conflict (case_id) do update
   set strategy_id = excluded.strategy_id, cursor_day = greatest(dc.cursor_day, excluded.cursor_day),
       last_done_on = coalesce(excluded.last_done_on, dc.last_done_on), updated_at = excluded.updated_at`;
}

/** Retries that went now move the case's "last step went" day too. */
export function retriedCasesStatement(today: string, now: Date): SqlFragment {
  return sql`
update dunning_case dc set last_done_on = ${today}::date, updated_at = ${now}::timestamptz
  from (select distinct w.case_id from dunning_written w join dunning_candidate c on c.execution_id = w.id where w.status = 'pending') r
 where dc.case_id = r.case_id`;
}

const channelFr = `case w.channel when 'email' then 'e-mail' when 'sms' then 'SMS' when 'letter' then 'courrier'
  when 'registered_letter' then 'lettre recommandée' else 'tâche d''appel' end`;
const reasonFr = `case w.deferred_reason
  when 'outside_hours' then 'hors des heures de contact (8 h - 20 h)'
  when 'closed_day' then 'pas de contact le dimanche'
  when 'public_holiday' then 'jour férié'
  when 'contact_cap_reached' then 'plafond de contacts sur 7 jours atteint pour ce débiteur'
  when 'paused' then 'relances suspendues sur le dossier'
  else w.deferred_reason end`;

/**
 * The case says why: one timeline entry (cases/timeline.ts addEntriesFrom) when a step is first
 * deferred or deferred for another reason.
 */
export const DEFERRAL_ENTRIES_SQL = `
select w.case_id, 'note' as kind,
       'Relance J+' || w.day || ' (' || ${channelFr} || ') reportée au '
         || to_char(w.deferred_until at time zone 'Europe/Paris', 'DD/MM/YYYY à HH24:MI') || ' : ' || ${reasonFr} || '.' as text
  from dunning_written w
 where w.status = 'deferred' and (w.inserted or w.old_reason is distinct from w.deferred_reason)`;
