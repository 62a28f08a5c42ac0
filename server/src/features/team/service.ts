import type { TeamBoard } from '@relance/contracts/team';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';

/** Call outcomes where the agent spoke with the debtor (right-party contact). */
export const RIGHT_PARTY_OUTCOMES = ['reached_debtor', 'promise_to_pay', 'plan_agreed', 'refuses_to_pay', 'disputes', 'says_already_paid'] as const;

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
    `with work as (
       select a.author_id as agent_id, count(distinct a.case_id)::int as cases_worked,
              count(*) filter (where a.kind = 'call')::int as calls,
              count(*) filter (where a.kind = 'call' and a.call_outcome in (select jsonb_array_elements_text(?::jsonb)))::int as right_party_contacts
         from activity a
        where a.author_id is not null and (a.occurred_at at time zone 'Europe/Paris')::date between ?::date and ?::date
        group by a.author_id),
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
    [JSON.stringify(RIGHT_PARTY_OUTCOMES), from, to, from, to, from, to, from, to],
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
    collectedCents: Number(row.collected_cents),
  }));
  const keys = ['casesWorked', 'calls', 'rightPartyContacts', 'promisesMade', 'promisesKept', 'promisesBroken', 'plansAgreed', 'plansKept', 'plansBroken', 'collectedCents'] as const;
  const team = Object.fromEntries(keys.map((key) => [key, agents.reduce((total, agent) => total + agent[key], 0)])) as TeamBoard['team'];
  return { from, to, agents, team };
}
