import type { EntityManager } from '@mikro-orm/postgresql';
import type { TeamBoard } from '@relance/contracts/team';
import { centsFromDatabase } from '@relance/domain/money';

type PortfolioRow = {
  portfolio_id: string | null;
  name: string | null;
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
 * The team board's figures per portfolio of the cases over [from, to] (Paris days, both included):
 * the same definitions as per agent (service.ts), counted on the cases of each portfolio instead of
 * per person: cases worked (a timeline entry written by a person, any person), calls and right-party
 * contacts, promises and plans made by staff, and every payment received on the portfolio's cases.
 * Cases in no portfolio form one row with a null id. Portfolios with nothing in the period are kept
 * (zeros), so the chart shows every portfolio.
 */
export async function portfolioFigures(em: EntityManager, from: string, to: string, rightParty: readonly string[]): Promise<TeamBoard['byPortfolio']> {
  const rows = await em.execute<PortfolioRow[]>(
    `with work as (
       select c.portfolio_id, count(distinct a.case_id)::int as cases_worked,
              count(*) filter (where a.kind = 'call')::int as calls,
              count(*) filter (where a.kind = 'call' and a.call_outcome in (select jsonb_array_elements_text(?::jsonb)))::int as right_party_contacts
         from activity a join collection_case c on c.id = a.case_id
        where a.author_id is not null and (a.occurred_at at time zone 'Europe/Paris')::date between ?::date and ?::date
        group by c.portfolio_id),
     promises as (
       select c.portfolio_id, count(*)::int as promises_made,
              count(*) filter (where p.status = 'kept')::int as promises_kept,
              count(*) filter (where p.status = 'broken')::int as promises_broken
         from promise_to_pay p join collection_case c on c.id = p.case_id
        where p.made_by is not null and p.made_on between ?::date and ?::date
        group by c.portfolio_id),
     plans as (
       select c.portfolio_id, count(*)::int as plans_agreed,
              count(*) filter (where p.status in ('active', 'completed'))::int as plans_kept,
              count(*) filter (where p.status = 'broken')::int as plans_broken
         from payment_plan p join collection_case c on c.id = p.case_id
        where p.proposed_by is not null and p.activated_on between ?::date and ?::date
        group by c.portfolio_id),
     collected as (
       select c.portfolio_id, sum(p.amount_cents) as collected_cents
         from payment p join collection_case c on c.id = p.case_id
        where p.received_on between ?::date and ?::date
        group by c.portfolio_id),
     keys as (
       select id as portfolio_id from portfolio
       union select portfolio_id from work union select portfolio_id from promises
       union select portfolio_id from plans union select portfolio_id from collected)
     select k.portfolio_id, pf.name,
            coalesce(w.cases_worked, 0) as cases_worked, coalesce(w.calls, 0) as calls,
            coalesce(w.right_party_contacts, 0) as right_party_contacts,
            coalesce(pr.promises_made, 0) as promises_made, coalesce(pr.promises_kept, 0) as promises_kept,
            coalesce(pr.promises_broken, 0) as promises_broken,
            coalesce(pl.plans_agreed, 0) as plans_agreed, coalesce(pl.plans_kept, 0) as plans_kept, coalesce(pl.plans_broken, 0) as plans_broken,
            coalesce(co.collected_cents, 0)::text as collected_cents
       from keys k
       left join portfolio pf on pf.id = k.portfolio_id
       left join work w on w.portfolio_id is not distinct from k.portfolio_id
       left join promises pr on pr.portfolio_id is not distinct from k.portfolio_id
       left join plans pl on pl.portfolio_id is not distinct from k.portfolio_id
       left join collected co on co.portfolio_id is not distinct from k.portfolio_id
      order by pf.name nulls last, k.portfolio_id`,
    [JSON.stringify(rightParty), from, to, from, to, from, to, from, to],
  );
  return rows.map((row) => ({
    portfolioId: row.portfolio_id,
    name: row.name,
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
}
