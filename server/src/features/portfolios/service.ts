import type { EntityManager } from '@mikro-orm/postgresql';
import type { CreatePortfolioBody, Portfolio, RebalanceResult, UpdatePortfolioBody, Workload } from '@relance/contracts/portfolios';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { pgArray, refreshQueue, releaseLeasesOf } from '../queue/service.ts';

/** Capacity of an agent with no row in agent_availability. */
export const DEFAULT_CAPACITY = 200;

type PortfolioRow = {
  id: string; name: string; creditor_id: string | null; debtor_kind: 'company' | 'person' | null;
  min_balance_cents: string | null; max_balance_cents: string | null; min_days_past_due: number | null; max_days_past_due: number | null;
  departments: string[] | null; member_ids: string[]; open_cases: number; unassigned_open_cases: number; balance_cents: string;
};

const num = (v: string | null) => (v === null ? null : Number(v));

function toPortfolio(r: PortfolioRow): Portfolio {
  return {
    id: r.id,
    name: r.name,
    creditorId: r.creditor_id,
    debtorKind: r.debtor_kind,
    minBalanceCents: num(r.min_balance_cents),
    maxBalanceCents: num(r.max_balance_cents),
    minDaysPastDue: r.min_days_past_due,
    maxDaysPastDue: r.max_days_past_due,
    departments: r.departments,
    memberIds: r.member_ids,
    openCases: r.open_cases,
    balanceCents: Number(r.balance_cents),
    unassignedOpenCases: r.unassigned_open_cases,
  };
}

const portfolioSelect = `
  select p.id, p.name, p.creditor_id, p.debtor_kind, p.min_balance_cents::text as min_balance_cents, p.max_balance_cents::text as max_balance_cents,
         p.min_days_past_due, p.max_days_past_due, p.departments,
         array(select m.agent_id::text from portfolio_member m where m.portfolio_id = p.id order by m.agent_id) as member_ids,
         (select count(*) from collection_case c where c.portfolio_id = p.id and c.status <> 'closed')::int as open_cases,
         (select count(*) from collection_case c where c.portfolio_id = p.id and c.status <> 'closed' and c.assigned_agent_id is null)::int as unassigned_open_cases,
         ((select coalesce(sum(cl.amount_cents), 0) from claim cl join collection_case c on c.id = cl.case_id where c.portfolio_id = p.id and c.status <> 'closed')
          - (select coalesce(sum(pay.amount_cents), 0) from payment pay join collection_case c on c.id = pay.case_id where c.portfolio_id = p.id and c.status <> 'closed'))::text as balance_cents
    from portfolio p`;

export async function listPortfolios(ctx: ActorContext): Promise<Portfolio[]> {
  const rows = await ctx.em.execute<PortfolioRow[]>(`${portfolioSelect} order by p.created_at, p.id`);
  return rows.map(toPortfolio);
}

async function getPortfolio(em: EntityManager, id: string): Promise<Portfolio> {
  const [row] = await em.execute<PortfolioRow[]>(`${portfolioSelect} where p.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toPortfolio(row);
}

function checkBands(p: { minBalanceCents: number | null; maxBalanceCents: number | null; minDaysPastDue: number | null; maxDaysPastDue: number | null }) {
  if (p.minBalanceCents !== null && p.maxBalanceCents !== null && p.minBalanceCents > p.maxBalanceCents) throw new AppError('invalid_band', 400, { field: 'balance' });
  if (p.minDaysPastDue !== null && p.maxDaysPastDue !== null && p.minDaysPastDue > p.maxDaysPastDue) throw new AppError('invalid_band', 400, { field: 'daysPastDue' });
}

async function requireCreditor(em: EntityManager, creditorId: string | null): Promise<void> {
  if (creditorId === null) return;
  const rows = await em.execute<{ id: string }[]>('select id from creditor where id = ?', [creditorId]);
  if (rows.length === 0) throw new AppError('unknown_creditor', 400, { field: 'creditorId', creditorId });
}

async function requireAgents(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from app_user where id = any(?::uuid[]) and role = 'agent' and deactivated_at is null`,
    [pgArray([...new Set(ids)])],
  );
  if ((row?.n ?? 0) !== new Set(ids).size) throw new AppError('not_an_agent', 400);
}

async function setMembers(em: EntityManager, portfolioId: string, memberIds: readonly string[]): Promise<void> {
  await requireAgents(em, memberIds);
  await em.execute('delete from portfolio_member where portfolio_id = ? and not (agent_id = any(?::uuid[]))', [portfolioId, pgArray([...memberIds])]);
  await em.execute(
    'insert into portfolio_member (portfolio_id, agent_id) select ?, unnest(?::uuid[]) on conflict do nothing',
    [portfolioId, pgArray([...new Set(memberIds)])],
  );
}

export async function createPortfolio(ctx: ActorContext, body: CreatePortfolioBody): Promise<Portfolio> {
  checkBands(body);
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    await requireCreditor(em, body.creditorId);
    const [row] = await em.execute<{ id: string }[]>(
      `insert into portfolio (name, creditor_id, debtor_kind, min_balance_cents, max_balance_cents, min_days_past_due, max_days_past_due, departments, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?) returning id`,
      [body.name, body.creditorId, body.debtorKind, body.minBalanceCents, body.maxBalanceCents, body.minDaysPastDue, body.maxDaysPastDue,
        pgArray(body.departments), now, now],
    );
    const id = (row as { id: string }).id;
    await setMembers(em, id, body.memberIds);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: now, action: 'portfolio_created', entity: 'portfolio', entityId: id, details: { ...body } });
    await refreshQueue(emExec(em), { today: todayInParis(ctx.clock) });
    return await getPortfolio(em, id);
  });
}

export async function updatePortfolio(ctx: ActorContext, id: string, body: UpdatePortfolioBody): Promise<Portfolio> {
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const before = await getPortfolio(em, id);
    const after = { ...before, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) } as Portfolio;
    checkBands(after);
    if (body.creditorId !== undefined) await requireCreditor(em, body.creditorId);
    await em.execute(
      `update portfolio set name = ?, creditor_id = ?, debtor_kind = ?, min_balance_cents = ?, max_balance_cents = ?, min_days_past_due = ?,
              max_days_past_due = ?, departments = ?::text[], updated_at = ? where id = ?`,
      [after.name, after.creditorId, after.debtorKind, after.minBalanceCents, after.maxBalanceCents, after.minDaysPastDue, after.maxDaysPastDue,
        pgArray(after.departments), now, id],
    );
    if (body.memberIds) await setMembers(em, id, body.memberIds);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: now, action: 'portfolio_updated', entity: 'portfolio', entityId: id, details: { before, changes: body } });
    await refreshQueue(emExec(em), { today: todayInParis(ctx.clock) });
    return await getPortfolio(em, id);
  });
}

export async function deletePortfolio(ctx: ActorContext, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.em.transactional(async (em) => {
    const before = await getPortfolio(em, id);
    await em.execute('delete from portfolio where id = ?', [id]);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: now, action: 'portfolio_deleted', entity: 'portfolio', entityId: id, details: { before } });
    await refreshQueue(emExec(em), { today: todayInParis(ctx.clock) });
  });
}

export async function workload(ctx: ActorContext): Promise<Workload> {
  const now = ctx.clock.now();
  const agents = await ctx.em.execute<{ id: string; name: string; capacity: number; away_until: Date | null; open_cases: number; portfolio_ids: string[] }[]>(
    `select u.id, u.name, coalesce(av.capacity, ?)::int as capacity, case when av.away_until > ? then av.away_until end as away_until,
            (select count(*) from collection_case c where c.assigned_agent_id = u.id and c.status <> 'closed')::int as open_cases,
            array(select m.portfolio_id::text from portfolio_member m where m.agent_id = u.id order by m.portfolio_id) as portfolio_ids
       from app_user u left join agent_availability av on av.agent_id = u.id
      where u.role = 'agent' and u.deactivated_at is null order by u.name, u.id`,
    [DEFAULT_CAPACITY, now],
  );
  const [unassigned] = await ctx.em.execute<{ n: number }[]>(
    `select count(*)::int as n from collection_case c
      where c.status <> 'closed'
        and (c.assigned_agent_id is null
             or exists (select 1 from agent_availability av where av.agent_id = c.assigned_agent_id and av.away_until > ?))`,
    [now],
  );
  return {
    agents: agents.map((a) => ({
      agentId: a.id,
      name: a.name,
      openCases: a.open_cases,
      capacity: a.capacity,
      overloaded: a.open_cases > a.capacity,
      awayUntil: a.away_until ? new Date(a.away_until).toISOString() : null,
      portfolioIds: a.portfolio_ids,
    })),
    unassignedOpenCases: unassigned?.n ?? 0,
  };
}

/**
 * One statement per portfolio: the cases over an agent's capacity (least urgent first, never a
 * case someone holds a lease on) and the portfolio's unassigned open cases (most urgent first)
 * are dealt round-robin into the free slots of the members who are present. A deactivated member
 * (or one no longer an agent) has no capacity: all their cases are dealt out. `apply` false is the preview: the same moves,
 * nothing written.
 */
function rebalanceSql(apply: boolean): string {
  return `
with members as (
  select m.agent_id, case when u.deactivated_at is null and u.role = 'agent' then coalesce(av.capacity, ${DEFAULT_CAPACITY}) else 0 end as capacity,
         coalesce(av.away_until > ?::timestamptz, false) and u.deactivated_at is null as away,
         (select count(*) from collection_case c where c.assigned_agent_id = m.agent_id and c.status <> 'closed')::int as load
    from portfolio_member m join app_user u on u.id = m.agent_id left join agent_availability av on av.agent_id = m.agent_id
   where m.portfolio_id = ?::uuid
), excess as (
  select x.id, x.queue_rank, mb.agent_id as from_agent from members mb
  cross join lateral (
    select c.id, c.queue_rank from collection_case c
     where c.assigned_agent_id = mb.agent_id and c.portfolio_id = ?::uuid and c.status <> 'closed'
       and (c.leased_until is null or c.leased_until <= ?::timestamptz)
     order by c.queue_rank, c.id limit greatest(0, mb.load - mb.capacity)
  ) x
  where not mb.away
), unassigned as (
  select c.id, c.queue_rank, null::uuid as from_agent from collection_case c
   where c.portfolio_id = ?::uuid and c.status <> 'closed' and c.assigned_agent_id is null
), to_give as (
  select id, moved, from_agent, row_number() over (order by moved desc, queue_rank desc, id) as n
    from (select id, queue_rank, from_agent, true as moved from excess union all select id, queue_rank, from_agent, false from unassigned) g
), slots as (
  select mb.agent_id, row_number() over (order by s.slot, mb.load, mb.agent_id) as n
    from members mb cross join lateral generate_series(1, greatest(0, mb.capacity - mb.load)) as s(slot)
   where not mb.away
), moves as (
  select t.id, t.moved, t.from_agent, s.agent_id from to_give t join slots s using (n)
)${apply ? `, done as (
  update collection_case c set assigned_agent_id = moves.agent_id from moves where c.id = moves.id returning c.id
)` : ''}
select m.id::text as case_id, c.reference, m.moved, m.from_agent::text as from_agent, m.agent_id::text as to_agent
  from moves m join collection_case c on c.id = m.id
 order by m.moved desc, c.queue_rank desc, m.id`;
}

type MoveRow = { case_id: string; reference: string; moved: boolean; from_agent: string | null; to_agent: string };

const PREVIEW_MOVES = 1000;

function summarise(moves: (MoveRow & { portfolioId: string })[], dryRun: boolean): RebalanceResult {
  const byAgent = new Map<string, { agentId: string; gains: number; losses: number }>();
  const entry = (agentId: string) => byAgent.get(agentId) ?? byAgent.set(agentId, { agentId, gains: 0, losses: 0 }).get(agentId);
  for (const m of moves) {
    (entry(m.to_agent) as { gains: number }).gains += 1;
    if (m.from_agent) (entry(m.from_agent) as { losses: number }).losses += 1;
  }
  return {
    moved: moves.filter((m) => m.moved).length,
    assigned: moves.filter((m) => !m.moved).length,
    dryRun,
    byAgent: [...byAgent.values()],
    moves: moves.slice(0, PREVIEW_MOVES).map((m) => ({
      caseId: m.case_id, reference: m.reference, portfolioId: m.portfolioId, fromAgentId: m.from_agent, toAgentId: m.to_agent,
    })),
  };
}

/** Rebalances one portfolio or all of them; `dryRun` answers the same moves without applying them. */
export async function rebalance(ctx: ActorContext, portfolioId: string | undefined, options: { dryRun: boolean }): Promise<RebalanceResult> {
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const ids = portfolioId
      ? [(await getPortfolio(em, portfolioId)).id]
      : (await em.execute<{ id: string }[]>('select id from portfolio order by created_at, id')).map((r) => r.id);
    const moves: (MoveRow & { portfolioId: string })[] = [];
    const sql = rebalanceSql(!options.dryRun);
    for (const id of ids) {
      const rows = await em.execute<MoveRow[]>(sql, [now, id, id, now, id]);
      moves.push(...rows.map((r) => ({ ...r, portfolioId: id })));
    }
    const result = summarise(moves, options.dryRun);
    if (!options.dryRun) {
      await recordAudit(emExec(em), {
        actorId: ctx.actor.userId, at: now, action: 'portfolios_rebalanced', entity: 'portfolio', entityId: portfolioId ?? null,
        details: { moved: result.moved, assigned: result.assigned, byAgent: result.byAgent },
      });
    }
    return result;
  });
}

async function requireAgent(em: EntityManager, agentId: string): Promise<void> {
  const [row] = await em.execute<{ role: string }[]>('select role from app_user where id = ?', [agentId]);
  if (!row) throw new AppError('not_found', 404);
  if (row.role !== 'agent') throw new AppError('not_an_agent', 400);
}

type Availability = { agentId: string; capacity: number; awayUntil: string | null; releasedLeases?: number };

async function availabilityOf(em: EntityManager, agentId: string): Promise<Availability> {
  const [row] = await em.execute<{ capacity: number; away_until: Date | null }[]>(
    'select capacity, away_until from agent_availability where agent_id = ?',
    [agentId],
  );
  return { agentId, capacity: row?.capacity ?? DEFAULT_CAPACITY, awayUntil: row?.away_until ? new Date(row.away_until).toISOString() : null };
}

export async function setCapacity(ctx: ActorContext, agentId: string, capacity: number): Promise<Availability> {
  return await ctx.em.transactional(async (em) => {
    await requireAgent(em, agentId);
    const before = await availabilityOf(em, agentId);
    await em.execute(
      'insert into agent_availability (agent_id, capacity) values (?, ?) on conflict (agent_id) do update set capacity = excluded.capacity',
      [agentId, capacity],
    );
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'agent_capacity_set', entity: 'agent', entityId: agentId, details: { from: before.capacity, to: capacity } });
    return await availabilityOf(em, agentId);
  });
}

/**
 * The agent is away until `until` (null: back now). While away they get nothing from the queue,
 * their live leases are released, and the cases assigned to them are claimable by the agents of
 * the same portfolios (the assignment is kept, so the cases are theirs again when they are back).
 */
export async function setAway(ctx: ActorContext, agentId: string, until: Date | null): Promise<Availability> {
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    await requireAgent(em, agentId);
    await em.execute(
      `insert into agent_availability (agent_id, away_until) values (?, ?) on conflict (agent_id) do update set away_until = excluded.away_until`,
      [agentId, until],
    );
    const released = until && until > now ? await releaseLeasesOf(emExec(em), agentId, now) : 0;
    await recordAudit(emExec(em), {
      actorId: ctx.actor.userId, at: now, action: until ? 'agent_away' : 'agent_back', entity: 'agent', entityId: agentId,
      details: { until: until?.toISOString() ?? null, releasedLeases: released },
    });
    return { ...(await availabilityOf(em, agentId)), releasedLeases: released };
  });
}
