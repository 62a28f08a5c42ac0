import type { EntityManager } from '@mikro-orm/postgresql';
import { type QueueHealth, queueHealthBands, type TeamBoard } from '@relance/contracts/team';
import { centsFromDatabase } from '@relance/domain/money';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { portfolioFigures } from './portfolios.ts';

/** Call outcomes where the agent spoke with the debtor (right-party contact). */
export const RIGHT_PARTY_OUTCOMES = ['reached_debtor', 'promise_to_pay', 'plan_agreed', 'refuses_to_pay', 'disputes', 'says_already_paid'] as const;

/**
 * "A case worked" (issue 20: one definition for the team board and the header's "traités"): a case
 * on which the person wrote a timeline entry (a call, a note, a promise, a payment, a status...) on
 * a day of [from, to] (Paris days), counted once per person and case. Two parameters: from, to.
 */
const CASES_WORKED = `select a.author_id as agent_id, count(distinct a.case_id)::int as cases_worked
    from activity a
   where a.author_id is not null and (a.occurred_at at time zone 'Europe/Paris')::date between ?::date and ?::date
   group by a.author_id`;

/**
 * The header's count for one day: the cases I worked, and the team's (the board's total for that
 * day: every agent, and managers or admins who worked), with the number of active agents.
 */
export async function casesWorkedOn(em: EntityManager, day: string, me: string | null): Promise<{ mine: number; team: number; teamSize: number }> {
  const [row] = await em.execute<{ mine: number; team: number; team_size: number }[]>(
    `select coalesce(sum(w.cases_worked) filter (where w.agent_id = ?), 0)::int as mine,
            coalesce(sum(w.cases_worked) filter (where u.role in ('agent', 'manager', 'admin')), 0)::int as team,
            (select count(*) from app_user where role = 'agent' and deactivated_at is null)::int as team_size
       from (${CASES_WORKED}) w join app_user u on u.id = w.agent_id`,
    [me, day, day],
  );
  return { mine: row?.mine ?? 0, team: row?.team ?? 0, teamSize: row?.team_size ?? 0 };
}

type FigureRow = {
  agent_id: string;
  name: string;
  role: string;
  cases_worked: number;
  calls: number;
  right_party_contacts: number;
  promises_made: number;
  promises_kept: number;
  promises_broken: number;
  plans_agreed: number;
  plans_kept: number;
  plans_broken: number;
  collected_cents: string;
};

/**
 * The team board over [from, to] (business days in Europe/Paris, both included), one set-based
 * statement, per agent (and any manager or admin who worked cases in the period):
 * - cases worked: distinct cases with a timeline entry the agent wrote; calls and right-party contacts;
 * - promises made in the period, and of those the ones kept and broken (as of now);
 * - plans the agent proposed that became active in the period, and of those the ones not broken;
 * - collected: payments received in the period on the cases assigned to the agent.
 */
export async function teamBoard(ctx: ActorContext, from: string, to: string): Promise<TeamBoard> {
  if (from > to) throw new AppError('validation_failed', 400, { issues: [{ path: 'from', message: 'from must not be after to' }] });
  const rows = await ctx.em.execute<FigureRow[]>(
    `with worked as (${CASES_WORKED}),
     work as (
       select a.author_id as agent_id, worked.cases_worked,
              count(*) filter (where a.kind = 'call')::int as calls,
              count(*) filter (where a.kind = 'call' and a.call_outcome in (select jsonb_array_elements_text(?::jsonb)))::int as right_party_contacts
         from activity a join worked on worked.agent_id = a.author_id
        where (a.occurred_at at time zone 'Europe/Paris')::date between ?::date and ?::date
        group by a.author_id, worked.cases_worked),
     promises as (
       select made_by as agent_id, count(*)::int as promises_made,
              count(*) filter (where status = 'kept')::int as promises_kept,
              count(*) filter (where status = 'broken')::int as promises_broken
         from promise_to_pay where made_by is not null and made_on between ?::date and ?::date
        group by made_by),
     plans as (
       select proposed_by as agent_id, count(*)::int as plans_agreed,
              count(*) filter (where status in ('active', 'completed'))::int as plans_kept,
              count(*) filter (where status = 'broken')::int as plans_broken
         from payment_plan where proposed_by is not null and activated_on between ?::date and ?::date
        group by proposed_by),
     collected as (
       select c.assigned_agent_id as agent_id, sum(p.amount_cents) as collected_cents
         from payment p join collection_case c on c.id = p.case_id
        where c.assigned_agent_id is not null and p.received_on between ?::date and ?::date
        group by c.assigned_agent_id)
     select u.id as agent_id, u.name, u.role,
            coalesce(w.cases_worked, 0) as cases_worked, coalesce(w.calls, 0) as calls,
            coalesce(w.right_party_contacts, 0) as right_party_contacts,
            coalesce(pr.promises_made, 0) as promises_made, coalesce(pr.promises_kept, 0) as promises_kept,
            coalesce(pr.promises_broken, 0) as promises_broken,
            coalesce(pl.plans_agreed, 0) as plans_agreed, coalesce(pl.plans_kept, 0) as plans_kept, coalesce(pl.plans_broken, 0) as plans_broken,
            coalesce(co.collected_cents, 0) as collected_cents
       from app_user u
       left join work w on w.agent_id = u.id
       left join promises pr on pr.agent_id = u.id
       left join plans pl on pl.agent_id = u.id
       left join collected co on co.agent_id = u.id
      where u.role = 'agent' or (u.role in ('manager', 'admin') and (w.agent_id is not null or pr.agent_id is not null or pl.agent_id is not null))
      order by u.name, u.id`,
    [from, to, JSON.stringify(RIGHT_PARTY_OUTCOMES), from, to, from, to, from, to, from, to],
  );
  const agents = rows.map((row) => ({
    agentId: row.agent_id,
    name: row.name,
    role: row.role,
    casesWorked: row.cases_worked,
    calls: row.calls,
    rightPartyContacts: row.right_party_contacts,
    promisesMade: row.promises_made,
    promisesKept: row.promises_kept,
    promisesBroken: row.promises_broken,
    plansAgreed: row.plans_agreed,
    plansKept: row.plans_kept,
    plansBroken: row.plans_broken,
    collectedCents: centsFromDatabase(row.collected_cents, 'collected_cents'),
  }));
  const keys = ['casesWorked', 'calls', 'rightPartyContacts', 'promisesMade', 'promisesKept', 'promisesBroken', 'plansAgreed', 'plansKept', 'plansBroken', 'collectedCents'] as const;
  const team = Object.fromEntries(keys.map((key) => [key, agents.reduce((total, agent) => total + agent[key], 0)])) as TeamBoard['team'];
  return { from, to, agents, team, byPortfolio: await portfolioFigures(ctx.em, from, to, RIGHT_PARTY_OUTCOMES) };
}

/** Timeline entries that are the agency acting on a case (an import, a portal visit or a checkout are not). */
const AGENCY_ACTIONS = ['call', 'note', 'message', 'status_change', 'promise', 'plan', 'callback', 'dispute', 'vulnerability', 'document'] as const;

type HealthRow = { creditor_id: string; name: string; band: QueueHealth['bands'][number]['band']; cases: number; balance_cents: string };

/**
 * Queue health (managers): every open case by days since the agency last acted on it (Paris
 * business days), with the principal still unpaid, and per creditor how many cases went stale
 * (no action for more than 30 days, or never worked). One set-based statement; the last action
 * comes from the timeline's (case_id, occurred_at) index.
 */
export async function queueHealth(ctx: ActorContext): Promise<QueueHealth> {
  const asOf = todayInParis(ctx.clock);
  const rows = await ctx.em.execute<HealthRow[]>(
    `with open_cases as (
       select c.id, c.creditor_id,
              (select max(a.occurred_at) from activity a
                where a.case_id = c.id and a.kind in (select jsonb_array_elements_text(?::jsonb))) as last_at,
              greatest(0, coalesce((select sum(cl.amount_cents) from claim cl where cl.case_id = c.id), 0)
                        - coalesce((select sum(p.amount_cents) from payment p where p.case_id = c.id), 0)) as balance
         from collection_case c
        where c.status <> 'closed'),
     banded as (
       select creditor_id, balance,
              case when last_at is null then 'never'
                   when ?::date - (last_at at time zone 'Europe/Paris')::date <= 7 then '0-7'
                   when ?::date - (last_at at time zone 'Europe/Paris')::date <= 14 then '8-14'
                   when ?::date - (last_at at time zone 'Europe/Paris')::date <= 30 then '15-30'
                   when ?::date - (last_at at time zone 'Europe/Paris')::date <= 60 then '31-60'
                   else '61+' end as band
         from open_cases)
     select b.creditor_id, cr.brand_display_name as name, b.band, count(*)::int as cases, sum(b.balance)::text as balance_cents
       from banded b join creditor cr on cr.id = b.creditor_id
      group by b.creditor_id, cr.brand_display_name, b.band
      order by cr.brand_display_name, b.creditor_id`,
    [JSON.stringify(AGENCY_ACTIONS), asOf, asOf, asOf, asOf],
  );
  const bands = queueHealthBands.map((band) => {
    const inBand = rows.filter((row) => row.band === band);
    return {
      band,
      cases: inBand.reduce((total, row) => total + row.cases, 0),
      balanceCents: inBand.reduce((total, row) => total + centsFromDatabase(row.balance_cents, 'balance_cents'), 0),
    };
  });
  const creditors = new Map<string, QueueHealth['byCreditor'][number]>();
  for (const row of rows) {
    const entry = creditors.get(row.creditor_id) ?? { creditorId: row.creditor_id, name: row.name, openCases: 0, staleCases: 0 };
    entry.openCases += row.cases;
    if (row.band === '31-60' || row.band === '61+' || row.band === 'never') entry.staleCases += row.cases;
    creditors.set(row.creditor_id, entry);
  }
  return { asOf, openCases: bands.reduce((total, band) => total + band.cases, 0), bands, byCreditor: [...creditors.values()] };
}
