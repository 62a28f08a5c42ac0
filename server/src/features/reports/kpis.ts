import type { CreditorKpis, KpiFigure } from '@relance/contracts/reports';
import type { CaseOutcome, CaseStatus } from '@relance/domain/case-status';
import { minDate } from '@relance/domain/dates';
import { AGEING_BUCKETS, ageingOf, cohortCurves, funnelOf, KPI_TARGETS, type KpiKey, periodProblem, ratio, targetMet } from '@relance/domain/kpis';
import { centsFromDatabase } from '@relance/domain/money';
import { creditorScope, requireAccess } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlExec, type SqlFragment, sql } from '../../plugins/sql.ts';

// The creditor KPIs (issue 19), computed set-based in SQL from cases, claims, payments, disputes,
// promises, plans and the money ledger; the definitions, targets, buckets and stages are the
// domain's (packages/domain/src/kpis.ts), the SQL only sums and counts.
//
// Two populations: the cases PLACED in the period (recovery, disputes, funnel, cohorts) and what
// HAPPENED in the period (collected, cost, delay of the cases paid in full, promises, remittances).
// Everything is counted up to the as-of date: the period's last day, or today if it is later.

type Period = { from: string; to: string; asOf: string; creditor: SqlFragment };
const cents = (value: string | number | null | undefined, what: string) => centsFromDatabase(value ?? 0, what);

/** The days past due of a case in SQL, bucketed by the domain's boundaries (never re-typed). */
export function ageingBucketSql(days: string): string {
  const branches = AGEING_BUCKETS.filter((bucket) => bucket.toDays !== null).map((bucket) => `when ${days} <= ${bucket.toDays} then '${bucket.key}'`);
  return `case ${branches.join(' ')} else '${AGEING_BUCKETS[AGEING_BUCKETS.length - 1]?.key}' end`;
}

/** The placed cohort: count, amount, collected by the as-of date, closed paid, disputed. */
async function placedTotals(exec: SqlExec, p: Period) {
  const query = sql`
    with placed as (
      select c.id, c.status, c.closed_outcome, c.closed_at,
             (select coalesce(sum(cl.amount_cents), 0) from claim cl where cl.case_id = c.id) as placed_cents
        from collection_case c where c.opened_on between ${p.from} and ${p.to} and ${p.creditor})
    select count(*)::int as cases, coalesce(sum(placed_cents), 0) as placed,
           (select coalesce(sum(pay.amount_cents), 0) from payment pay join placed on placed.id = pay.case_id where pay.received_on <= ${p.asOf}) as collected,
           count(*) filter (where status = 'closed' and closed_outcome = 'paid' and (closed_at at time zone 'Europe/Paris')::date <= ${p.asOf})::int as closed_paid,
           count(*) filter (where exists (select 1 from case_dispute d where d.case_id = placed.id
                                            and (d.opened_at at time zone 'Europe/Paris')::date <= ${p.asOf}))::int as disputed
      from placed`;
  const [row] = await exec<{ cases: number; placed: string; collected: string; closed_paid: number; disputed: number }>(query.sql, query.params);
  return { cases: row?.cases ?? 0, placedCents: cents(row?.placed, 'placed'), collectedCents: cents(row?.collected, 'collected'), closedPaid: row?.closed_paid ?? 0, disputed: row?.disputed ?? 0 };
}

/** The latest dispute of each placed case, by how it ended at the as-of date. */
async function disputeOutcomes(exec: SqlExec, p: Period): Promise<CreditorKpis['disputes']> {
  const query = sql`
    select state, count(*)::int as cases from (
      select distinct on (d.case_id)
             case when d.resolved_at is null or (d.resolved_at at time zone 'Europe/Paris')::date > ${p.asOf} then 'open'
                  else coalesce(d.resolution, 'settled') end as state
        from case_dispute d join collection_case c on c.id = d.case_id
       where c.opened_on between ${p.from} and ${p.to} and ${p.creditor} and (d.opened_at at time zone 'Europe/Paris')::date <= ${p.asOf}
       order by d.case_id, d.opened_at desc) latest
     group by state`;
  const rows = await exec<{ state: keyof CreditorKpis['disputes']; cases: number }>(query.sql, query.params);
  const of = (state: keyof CreditorKpis['disputes']) => rows.find((row) => row.state === state)?.cases ?? 0;
  return { upheld: of('upheld'), rejected: of('rejected'), settled: of('settled'), open: of('open') };
}

/** Cases paid in full in the period: the day their payments first covered their claims. */
async function collectionDelays(exec: SqlExec, p: Period) {
  const query = sql`
    with totals as (
      select cl.case_id, sum(cl.amount_cents) as placed_cents, min(cl.due_date) as due
        from claim cl join collection_case c on c.id = cl.case_id where ${p.creditor} group by cl.case_id),
    running as (
      select pay.case_id, pay.received_on,
             sum(pay.amount_cents) over (partition by pay.case_id order by pay.received_on, pay.id) as cumulative
        from payment pay join collection_case c on c.id = pay.case_id where ${p.creditor} and pay.received_on <= ${p.asOf}),
    paid as (
      select r.case_id, min(r.received_on) as paid_on from running r join totals t on t.case_id = r.case_id
       where r.cumulative >= t.placed_cents group by r.case_id)
    select count(*)::int as cases, coalesce(sum(paid.paid_on - c.opened_on), 0)::int as from_placement,
           coalesce(sum(paid.paid_on - t.due), 0)::int as from_due
      from paid join collection_case c on c.id = paid.case_id join totals t on t.case_id = paid.case_id
     where paid.paid_on between ${p.from} and ${p.asOf}`;
  const [row] = await exec<{ cases: number; from_placement: number; from_due: number }>(query.sql, query.params);
  return { cases: row?.cases ?? 0, fromPlacementDays: row?.from_placement ?? 0, fromDueDays: row?.from_due ?? 0 };
}

/** Commission, legal costs and remittances of the period per month, from the journal (a reversal counts against what it reverses). */
async function ledgerByMonth(exec: SqlExec, p: Period, creditorId: string | null) {
  const lineScope = creditorId ? sql`(l.creditor_id = ${creditorId} or l.creditor_id is null)` : rawSql('true');
  const txScope = creditorId ? sql`exists (select 1 from ledger_line f where f.transaction_id = t.id and f.creditor_id = ${creditorId})` : rawSql('true');
  const query = sql`
    with tx as (
      select t.id, t.booked_on, coalesce(o.kind, t.kind) as kind
        from ledger_transaction t left join ledger_transaction o on o.id = t.reverses_id
       where t.booked_on between ${p.from} and ${p.asOf} and ${txScope})
    select to_char(tx.booked_on, 'YYYY-MM') as month,
           sum(case when l.account = 'commission_revenue' then l.credit_cents - l.debit_cents else 0 end) as commission,
           sum(case when tx.kind = 'legal_cost_advanced' and l.account = 'legal_costs_advanced' then l.debit_cents - l.credit_cents else 0 end) as advanced,
           sum(case when tx.kind in ('legal_cost_billed', 'legal_cost_deducted') and l.account = 'legal_costs_advanced' then l.credit_cents - l.debit_cents else 0 end) as borne,
           sum(case when tx.kind = 'remittance_sent' and l.account = 'creditor_payable' then l.debit_cents - l.credit_cents else 0 end) as remitted
      from tx join ledger_line l on l.transaction_id = tx.id
     where ${lineScope}
     group by 1 order by 1`;
  const rows = await exec<{ month: string; commission: string; advanced: string; borne: string; remitted: string }>(query.sql, query.params);
  return rows.map((row) => ({
    month: row.month,
    commissionCents: cents(row.commission, 'commission'),
    advancedCents: cents(row.advanced, 'advanced'),
    borneCents: cents(row.borne, 'borne'),
    remittedCents: cents(row.remitted, 'remitted'),
  }));
}

/** Owed to the creditor and not yet remitted at the as-of date: its payable in the client book. */
async function awaitingRemittance(exec: SqlExec, p: Period, creditorId: string | null): Promise<number> {
  const scope = creditorId ? sql`l.creditor_id = ${creditorId}` : rawSql('true');
  const query = sql`
    select coalesce(sum(l.credit_cents - l.debit_cents), 0) as payable
      from ledger_line l join ledger_transaction t on t.id = l.transaction_id
     where l.account = 'creditor_payable' and t.booked_on <= ${p.asOf} and ${scope}`;
  const [row] = await exec<{ payable: string }>(query.sql, query.params);
  return cents(row?.payable, 'payable');
}

/** Collected per month of the period (payments received, direct ones included). */
async function collectedByMonth(exec: SqlExec, p: Period) {
  const query = sql`
    select to_char(pay.received_on, 'YYYY-MM') as month, sum(pay.amount_cents) as collected
      from payment pay join collection_case c on c.id = pay.case_id
     where pay.received_on between ${p.from} and ${p.asOf} and ${p.creditor}
     group by 1 order by 1`;
  const rows = await exec<{ month: string; collected: string }>(query.sql, query.params);
  return rows.map((row) => ({ month: row.month, collectedCents: cents(row.collected, 'collected') }));
}

/** Open balance at the as-of date of the cases open then, per ageing bucket of the oldest due date. */
async function ageing(exec: SqlExec, p: Period) {
  const query = sql`
    with open_cases as (
      select c.id, ${p.asOf}::date - min(cl.due_date) as days, sum(cl.amount_cents) as placed_cents
        from collection_case c join claim cl on cl.case_id = c.id
       where ${p.creditor} and c.opened_on <= ${p.asOf}
         and (c.closed_at is null or (c.closed_at at time zone 'Europe/Paris')::date > ${p.asOf})
       group by c.id),
    balances as (
      select o.days, o.placed_cents - coalesce((select sum(pay.amount_cents) from payment pay
                                                 where pay.case_id = o.id and pay.received_on <= ${p.asOf}), 0) as open_cents
        from open_cases o)
    select ${rawSql(ageingBucketSql('days'))} as bucket, count(*)::int as cases, sum(open_cents) as open_cents
      from balances where open_cents > 0 group by 1`;
  const rows = await exec<{ bucket: string; cases: number; open_cents: string }>(query.sql, query.params);
  return ageingOf(rows.map((row) => ({ bucket: row.bucket, cases: row.cases, openCents: cents(row.open_cents, 'open') })));
}

/** Where the placed cases stand today, by the facts the domain's funnel reads. */
async function funnel(exec: SqlExec, p: Period) {
  const query = sql`
    select c.status, c.closed_outcome as outcome, c.mise_en_demeure_on is not null as mise_en_demeure,
           (c.status = 'closed' and not exists (select 1 from claim cl where cl.case_id = c.id
               and (cl.prescription_date is null or cl.prescription_date > (c.closed_at at time zone 'Europe/Paris')::date))) as prescribed,
           count(*)::int as cases
      from collection_case c where c.opened_on between ${p.from} and ${p.to} and ${p.creditor}
     group by 1, 2, 3, 4`;
  const rows = await exec<{ status: CaseStatus; outcome: CaseOutcome | null; mise_en_demeure: boolean; prescribed: boolean; cases: number }>(query.sql, query.params);
  return funnelOf(rows.map((row) => ({ status: row.status, outcome: row.outcome, miseEnDemeure: row.mise_en_demeure, prescribed: row.prescribed, cases: row.cases })));
}

/** Promises due in the period (kept or broken) and active plans on schedule at the as-of date. */
async function commitments(exec: SqlExec, p: Period) {
  const promises = sql`
    select count(*) filter (where pr.status = 'kept')::int as kept, count(*) filter (where pr.status = 'broken')::int as broken
      from promise_to_pay pr join collection_case c on c.id = pr.case_id where pr.due_on between ${p.from} and ${p.asOf} and ${p.creditor}`;
  const plans = sql`
    select count(*)::int as active,
           count(*) filter (where not exists (select 1 from payment_plan_installment i where i.plan_id = pl.id
                              and i.paid_cents < i.amount_cents and i.due_on + pl.grace_days < ${p.asOf}::date))::int as on_schedule
      from payment_plan pl join collection_case c on c.id = pl.case_id where pl.status = 'active' and ${p.creditor}`;
  const [promise] = await exec<{ kept: number; broken: number }>(promises.sql, promises.params);
  const [plan] = await exec<{ active: number; on_schedule: number }>(plans.sql, plans.params);
  return { promises: { kept: promise?.kept ?? 0, broken: promise?.broken ?? 0 }, plans: { active: plan?.active ?? 0, onSchedule: plan?.on_schedule ?? 0 } };
}

/** Placed amount per placement month and what each cohort collected per month since placement. */
async function cohorts(exec: SqlExec, p: Period) {
  const placed = sql`
    select to_char(c.opened_on, 'YYYY-MM') as month, sum(cl.amount_cents) as placed
      from collection_case c join claim cl on cl.case_id = c.id
     where c.opened_on between ${p.from} and ${p.to} and ${p.creditor} group by 1 order by 1`;
  const collected = sql`
    select to_char(c.opened_on, 'YYYY-MM') as month,
           ((extract(year from pay.received_on) - extract(year from c.opened_on)) * 12
             + extract(month from pay.received_on) - extract(month from c.opened_on))::int as months_since,
           sum(pay.amount_cents) as collected
      from payment pay join collection_case c on c.id = pay.case_id
     where c.opened_on between ${p.from} and ${p.to} and ${p.creditor} and pay.received_on <= ${p.asOf}
     group by 1, 2`;
  const placedRows = await exec<{ month: string; placed: string }>(placed.sql, placed.params);
  const collectedRows = await exec<{ month: string; months_since: number; collected: string }>(collected.sql, collected.params);
  return cohortCurves(
    placedRows.map((row) => ({ month: row.month, placedCents: cents(row.placed, 'placed') })),
    collectedRows.map((row) => ({ month: row.month, monthsSince: Math.max(0, row.months_since), collectedCents: cents(row.collected, 'collected') })),
    p.asOf.slice(0, 7),
  );
}

const figure = (key: KpiKey, numerator: number, denominator: number, value: number | null = ratio(numerator, denominator)): KpiFigure => ({
  key,
  value,
  target: KPI_TARGETS[key],
  met: targetMet(key, value),
  numerator,
  denominator,
  definitionKey: `kpi.${key}.definition`,
});

/** Which creditor the caller may see: a creditor's user its own (another id: 404), staff any one or all. */
async function creditorOf(ctx: ActorContext, requested: string | undefined): Promise<{ id: string | null; name: string | null }> {
  const scope = creditorScope(ctx.actor);
  if (scope && requested && requested !== scope) throw new AppError('not_found', 404);
  const id = scope ?? requested ?? null;
  if (!id) return { id: null, name: null };
  await requireAccess(ctx, 'creditor', id);
  const [row] = await emExec(ctx.em)<{ name: string }>('select coalesce(brand_display_name, legal_name) as name from creditor where id = ?', [id]);
  if (!row) throw new AppError('not_found', 404);
  return { id, name: row.name };
}

/**
 * GET /api/v1/reports/kpis: every KPI of the period, each with its target and definition key.
 * The journal is the agency's (staff-only under row-level security): `ledgerExec` reads it on the
 * agency's connection, only ever for the creditor the access module resolved above (a creditor
 * user's own, from their token), so a creditor sees its own lines and the agency's lines of its
 * own transactions (the commission revenue of its invoices), nothing else.
 */
export async function creditorKpis(
  ctx: ActorContext,
  query: { from: string; to: string; creditorId?: string | undefined },
  ledgerExec: SqlExec = emExec(ctx.em),
): Promise<CreditorKpis> {
  const problem = periodProblem(query.from, query.to);
  if (problem) throw new AppError('kpi_period_invalid', 400, { problem, from: query.from, to: query.to });
  const creditor = await creditorOf(ctx, query.creditorId);
  const exec = emExec(ctx.em);
  const asOf = minDate(query.to, todayInParis(ctx.clock));
  const p: Period = { from: query.from, to: query.to, asOf, creditor: creditor.id ? sql`c.creditor_id = ${creditor.id}` : rawSql('true') };
  const placed = await placedTotals(exec, p);
  const delays = await collectionDelays(exec, p);
  const ledger = await ledgerByMonth(ledgerExec, p, creditor.id);
  const collected = await collectedByMonth(exec, p);
  const { promises, plans } = await commitments(exec, p);
  const sum = <K extends keyof (typeof ledger)[number]>(key: K) => ledger.reduce((total, row) => total + Number(row[key]), 0);
  const collectedInPeriodCents = collected.reduce((total, row) => total + row.collectedCents, 0);
  const costs = { commissionCents: sum('commissionCents'), legalCostsAdvancedCents: sum('advancedCents'), legalCostsBorneCents: sum('borneCents') };
  const average = (days: number) => (delays.cases > 0 ? days / delays.cases : null);
  const months = [...new Set([...collected.map((row) => row.month), ...ledger.map((row) => row.month)])].sort();
  return {
    creditorId: creditor.id,
    creditorName: creditor.name,
    from: query.from,
    to: query.to,
    asOf,
    currency: 'EUR',
    placed: { cases: placed.cases, amountCents: placed.placedCents },
    collectedInPeriodCents,
    figures: [
      figure('recoveryRate', placed.collectedCents, placed.placedCents),
      figure('recoveryRateByCount', placed.closedPaid, placed.cases),
      figure('collectionDelayDays', delays.fromPlacementDays, delays.cases, average(delays.fromPlacementDays)),
      figure('collectionDelayFromDueDays', delays.fromDueDays, delays.cases, average(delays.fromDueDays)),
      figure('disputeRate', placed.disputed, placed.cases),
      figure('costRatio', costs.commissionCents + costs.legalCostsBorneCents, collectedInPeriodCents),
      figure('promisesKeptRate', promises.kept, promises.kept + promises.broken),
      figure('plansOnSchedule', plans.onSchedule, plans.active),
    ],
    disputes: await disputeOutcomes(exec, p),
    costs,
    promises,
    plans,
    remittedCents: sum('remittedCents'),
    awaitingRemittanceCents: await awaitingRemittance(ledgerExec, p, creditor.id),
    ageing: await ageing(exec, p),
    funnel: await funnel(exec, p),
    cohorts: await cohorts(exec, p),
    byMonth: months.map((month) => ({
      month,
      collectedCents: collected.find((row) => row.month === month)?.collectedCents ?? 0,
      remittedCents: ledger.find((row) => row.month === month)?.remittedCents ?? 0,
    })),
  };
}
