import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueueClaim, QueueItem, QueueOutcome } from '@relance/contracts/queue';
import { defaultContactWindow, nextAllowedInstant } from '@relance/domain/calendar';
import { parisLocalToInstant } from '@relance/domain/contact-rules';
import { addDays, diffDays } from '@relance/domain/dates';
import { windowClosedReason } from '@relance/domain/dunning';
import { departmentOfPostalCode } from '@relance/domain/identifiers';
import type { GateVerdict } from '@relance/domain/legal-gate';
import { centsFromDatabase } from '@relance/domain/money';
import { priorityOf } from '@relance/domain/priority';
import type pg from 'pg';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { joinSql, pgExec, rawSql, type SqlExec, type SqlFragment, sql } from '../../plugins/sql.ts';
import { logCaseActivity } from '../cases/activities.ts';
import { gateOriginOf } from '../cases/contact-rules.ts';
import { gateFor } from '../cases/legal-gate.ts';
import { caseSummaryById } from '../cases/summary.ts';
import { casesWorkedOn } from '../team/service.ts';
import { CLAIMABLE, claimStatement, closedMandatesStatement, LEASE_MINUTES, NO_PORTFOLIO, rankExpression, rankFigures, servable } from './sql.ts';

/** A PostgreSQL array literal (elements quoted), so arrays travel as one text parameter. */
export function pgArray(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (m) => `\\${m}`)}"`).join(',')}}`;
}

async function run<T>(em: EntityManager, q: SqlFragment): Promise<T[]> {
  return await em.execute<T[]>(q.sql, [...q.params]);
}

function leaseEnd(now: Date): Date {
  return new Date(now.getTime() + LEASE_MINUTES * 60_000);
}

type AgentScope = { away: boolean; portfolios: string[] | null; assignees: string[] };

/**
 * Whose cases the caller may claim. Decision (written down in issue 5's note): an agent who is a
 * member of portfolios works those portfolios only; an agent of no portfolio works the cases of
 * no portfolio (the pool nobody is dedicated to), so a new agent is useful on day one without
 * seeing dedicated portfolios' cases. Managers and admins of no portfolio see the whole queue.
 * Assigned cases are claimable by their agent only, unless that agent is away.
 */
async function scopeOf(ctx: ActorContext, now: Date): Promise<AgentScope> {
  const userId = ctx.actor.userId as string;
  const [row] = await run<{ away: boolean; portfolios: string[]; away_agents: string[] }>(
    ctx.em,
    sql`select coalesce((select away_until > ${now} from agent_availability where agent_id = ${userId}), false) as away,
            array(select portfolio_id from portfolio_member where agent_id = ${userId})::text[] as portfolios,
            array(select agent_id from agent_availability where away_until > ${now} and agent_id <> ${userId})::text[] as away_agents`,
  );
  const mine = row?.portfolios ?? [];
  const portfolios = mine.length > 0 ? mine : ctx.actor.role === 'agent' ? [NO_PORTFOLIO] : null;
  return { away: row?.away ?? false, portfolios, assignees: [userId, ...(row?.away_agents ?? [])] };
}

type Claimed = { id: string; leased_until: Date; callback_due_at: Date | null; promise_due_on: string | null; promise_broken: boolean };

/** How many picked cases the gate may turn away in one request before the caller is told the queue is empty for now. */
const MAX_PICKS = 5;

/**
 * The contact window is the agency's, the same for every case: outside it (evening, Sunday, public
 * holiday) the gate defers serving any case, so nothing is picked; 422 with the window's code and
 * the instant it opens.
 */
function refuseOutsideWindow(now: Date): void {
  const closed = windowClosedReason(now, defaultContactWindow);
  if (!closed || closed === 'contact_cap_reached') return;
  const code = `contact_${closed}` as const;
  const until = nextAllowedInstant(now, defaultContactWindow);
  throw new AppError(code, 422, {
    decision: 'deferred',
    reasons: [{ code, params: { start: defaultContactWindow.start, end: defaultContactWindow.end }, overridable: false }],
    until: until.toISOString(),
  });
}

/**
 * POST /queue/next: claims the best case for the caller that the legal gate would let them work
 * now, or null when none is left for them.
 *
 * The claim runs as a named prepared statement on the queue's own pg pool (db/pools.ts, passed by
 * the route): planning the four-tier statement costs more than running it (measured by `pnpm bench
 * queue`: p50 5.5 ms unprepared, 1.2 ms prepared), and the ORM sends every statement unnamed. The
 * claim is one autocommit statement, so it needs no share in the request's transaction. The
 * statement already leaves out what the gate refuses on the case's own rows (sql.ts `servable`);
 * the case it picks then goes through the gate itself (cases/legal-gate.ts, action 'serve': the cap
 * per debtor, what is left to pay): refused or deferred, it is skipped (released, not picked again
 * before the gate may allow it, a 'skip' event with the reason) and the next one is tried.
 */
export async function claimNextCase(ctx: ActorContext, queuePool: pg.Pool): Promise<QueueClaim | null> {
  const now = ctx.clock.now();
  const today = todayInParis(ctx.clock);
  const scope = await scopeOf(ctx, now);
  if (scope.away) throw new AppError('agent_away', 409);
  refuseOutsideWindow(now);
  const [closed] = await run<{ ids: string }>(ctx.em, closedMandatesStatement(now, today));
  const claim = claimStatement({
    agentId: ctx.actor.userId as string,
    now,
    leaseEnd: leaseEnd(now),
    today,
    portfolios: pgArray(scope.portfolios),
    assignees: pgArray(scope.assignees),
    closedMandates: closed?.ids ?? '{}',
  });
  for (let pick = 0; pick < MAX_PICKS; pick++) {
    const [claimed] = await pgExec(queuePool, { name: 'queue_claim' })<Claimed>(claim.sql, claim.params);
    if (!claimed) return null;
    const { verdict } = await gateFor(ctx, claimed.id, { action: { kind: 'serve' }, origin: gateOriginOf(ctx.actor), actorId: ctx.actor.userId, at: now, demandable: 'principal' });
    if (verdict.decision === 'allowed') return await describeClaim(ctx, claimed, now, today);
    await skipCase(ctx, claimed.id, verdict, now, today);
  }
  return null;
}

/**
 * Gives back a case the gate turned away and keeps it out of the pick until the gate may allow it:
 * the deferral's end (the cap frees a place), an hour when that end is unknown, the next day for a
 * refusal (what is left to pay, the facts of the day). Logged as a 'skip' with the reasons' codes.
 */
async function skipCase(ctx: ActorContext, caseId: string, verdict: GateVerdict, now: Date, today: string): Promise<void> {
  const until =
    verdict.decision === 'deferred'
      ? (verdict.until ?? new Date(now.getTime() + 3_600_000))
      : parisLocalToInstant(addDays(today, 1), '00:00');
  const reason = verdict.reasons.map((r) => r.code).join(',');
  await run(
    ctx.em,
    sql`with skipped as (
       update collection_case set leased_by = null, leased_until = null, queue_skip_until = ${until}::timestamptz
        where id = ${caseId} and leased_by = ${ctx.actor.userId}
       returning id
     )
     insert into queue_event (case_id, agent_id, kind, at, reason) select id, ${ctx.actor.userId}, 'skip', ${now}, ${reason} from skipped`,
  );
}

async function describeClaim(ctx: ActorContext, claimed: Claimed, now: Date, today: string): Promise<QueueClaim> {
  const summary = await caseSummaryById(ctx, claimed.id);
  if (!summary) throw new AppError('not_found', 404);
  const callbackDue = claimed.callback_due_at !== null && new Date(claimed.callback_due_at) <= now;
  const promiseDue = claimed.promise_due_on !== null && claimed.promise_due_on <= today;
  const explained = await explain(ctx, claimed.id, { callbackDue, promiseDue, promiseBroken: claimed.promise_broken, today });
  return {
    case: summary,
    tier: callbackDue ? 'callback' : promiseDue || claimed.promise_broken ? 'promise' : 'priority',
    score: explained.score,
    reasons: explained.reasons.map((r) => ({ code: r.code, points: r.points, params: { ...r.params } })),
    leaseExpiresAt: new Date(claimed.leased_until).toISOString(),
  };
}

/**
 * The reasons shown to the agent: packages/domain priorityOf on the very figures the stored rank
 * is computed from (sql.ts rankFigures: the claims not prescribed), plus what depends on the hour.
 */
async function explain(ctx: ActorContext, caseId: string, flags: { callbackDue: boolean; promiseDue: boolean; promiseBroken: boolean; today: string }) {
  const figures = rankFigures(flags.today, pgArray([caseId]));
  const [facts] = await run<{
    kind: 'company' | 'person';
    balance: string;
    days: number;
    days_to_prescription: number | null;
    contactable: boolean;
    last_contact: string | null;
    insolvency: boolean;
    company_ceased: boolean;
    days_since_address_change: number | null;
    company_age_days: number | null;
  }>(
    ctx.em,
    sql`select f.kind, f.balance::text as balance, f.days, f.days_to_prescription, f.contactable,
            f.insolvency, f.company_ceased, f.days_since_address_change, f.company_age_days,
            (select max(occurred_at at time zone 'Europe/Paris')::date::text from activity a where a.case_id = f.id and a.kind = 'call') as last_contact
       from (${figures}) f`,
  );
  return priorityOf({
    balanceCents: facts ? centsFromDatabase(facts.balance, 'balance') : 0,
    daysPastDue: facts?.days ?? 0,
    debtorKind: facts?.kind ?? 'person',
    contactable: facts?.contactable ?? false,
    callbackDue: flags.callbackDue,
    promiseDue: flags.promiseDue,
    promiseBroken: flags.promiseBroken,
    ...(facts?.days_to_prescription !== null && facts?.days_to_prescription !== undefined ? { daysToPrescription: facts.days_to_prescription } : {}),
    ...(facts?.last_contact ? { daysSinceLastContact: diffDays(facts.last_contact, flags.today) } : {}),
    insolvencyProceedings: facts?.insolvency ?? false,
    companyCeased: facts?.company_ceased ?? false,
    ...(facts?.days_since_address_change != null ? { daysSinceAddressChange: facts.days_since_address_change } : {}),
    ...(facts?.company_age_days != null ? { companyAgeDays: facts.company_age_days } : {}),
  });
}

/** Keeps the caller's lease alive; 409 lease_lost when it expired or is someone else's. */
export async function heartbeat(ctx: ActorContext, caseId: string): Promise<{ caseId: string; leaseExpiresAt: string }> {
  const now = ctx.clock.now();
  const [row] = await run<{ leased_until: Date }>(
    ctx.em,
    sql`update collection_case set leased_until = ${leaseEnd(now)} where id = ${caseId} and leased_by = ${ctx.actor.userId} and leased_until > ${now} returning leased_until`,
  );
  if (!row) throw new AppError('lease_lost', 409);
  return { caseId, leaseExpiresAt: new Date(row.leased_until).toISOString() };
}

/** An attempt that reached no one, logged as a call when the agent gives it as the outcome. */
const attemptTexts = {
  no_answer: 'Appel sans réponse (file de travail).',
  voicemail: 'Message laissé sur le répondeur (file de travail).',
  wrong_number: 'Mauvais numéro (file de travail).',
} as const;

/**
 * "Terminé, dossier suivant" needs an outcome: something the caller logged on the case since the
 * lease began (a call, a note, a promise, a plan, a message, a callback, a status: any timeline
 * entry of theirs), or the outcome they give. An unanswered attempt is logged as a call (through
 * the legal gate, and counted by the cap); a callback scheduled must be. Otherwise 422 outcome_required.
 */
async function requireOutcome(ctx: ActorContext, caseId: string, outcome: QueueOutcome | undefined, now: Date): Promise<void> {
  const agentId = ctx.actor.userId;
  const [lease] = await run<{ held: boolean; claimed_at: Date | null; callback_due_at: Date | null }>(
    ctx.em,
    sql`select coalesce(c.leased_by = ${agentId}::uuid and c.leased_until > ${now}::timestamptz, false) as held, c.callback_due_at,
            (select max(q.at) from queue_event q where q.case_id = c.id and q.agent_id = ${agentId}::uuid and q.kind = 'claim') as claimed_at
       from collection_case c where c.id = ${caseId}`,
  );
  if (!lease?.held) throw new AppError('lease_lost', 409);
  if (outcome === 'callback_scheduled') {
    if (!lease.callback_due_at || new Date(lease.callback_due_at) <= now) throw new AppError('outcome_required', 422, { outcome, missing: 'callback' });
    return;
  }
  if (outcome) {
    await logCaseActivity(ctx, caseId, { kind: 'call', text: attemptTexts[outcome], callOutcome: outcome });
    return;
  }
  const claimedAt = lease.claimed_at ?? now;
  const [logged] = await run<{ found: number }>(
    ctx.em,
    sql`select 1 as found from activity a where a.case_id = ${caseId} and a.author_id = ${agentId}::uuid and a.occurred_at >= ${claimedAt}::timestamptz limit 1`,
  );
  if (!logged) throw new AppError('outcome_required', 422, { since: new Date(claimedAt).toISOString() });
}

/**
 * Gives the case back to the queue (release) or finishes it (done: counts as worked today, not
 * offered again today; only with an outcome, see requireOutcome, kept on the event).
 */
export async function endLease(ctx: ActorContext, caseId: string, kind: 'release' | 'done', outcome?: QueueOutcome): Promise<void> {
  const now = ctx.clock.now();
  const today = todayInParis(ctx.clock);
  if (kind === 'done') await requireOutcome(ctx, caseId, outcome, now);
  const [row] = await run<{ id: string }>(
    ctx.em,
    sql`with ended as (
       update collection_case set leased_by = null, leased_until = null,
              worked_on = case when ${kind} = 'done' then ${today}::date else worked_on end
        where id = ${caseId} and leased_by = ${ctx.actor.userId} and leased_until > ${now}
       returning id
     ), logged as (
       insert into queue_event (case_id, agent_id, kind, at, worked_on, reason)
       select id, ${ctx.actor.userId}, ${kind}, ${now}, case when ${kind} = 'done' then ${today}::date end, ${outcome ?? null} from ended
     )
     select id from ended`,
  );
  if (!row) throw new AppError('lease_lost', 409);
}

type QueueRow = {
  id: string; reference: string; creditor_id: string; creditor_name: string; debtor_name: string; debtor_kind: 'company' | 'person';
  status: QueueItem['status']; department: string | null; portfolio_id: string | null; assigned_agent_id: string | null; queue_rank: string;
  callback_due_at: Date | null; promise_due_on: string | null; promise_broken: boolean; leased_by: string | null; leased_until: Date | null;
  worked_on: string | null;
};

/** GET /queue: the list view, best first, within the caller's scope and, unless a status is asked for, what the gate lets the queue serve (same rules as the claim). */
export async function listQueue(
  ctx: ActorContext,
  query: { limit: number; cursor?: string | undefined; creditorId?: string | undefined; segment?: 'company' | 'person' | undefined; status?: QueueItem['status'] | undefined; portfolioId?: string | undefined },
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const now = ctx.clock.now();
  const today = todayInParis(ctx.clock);
  const scope = await scopeOf(ctx, now);
  const portfolios = pgArray(scope.portfolios);
  const [closed] = await run<{ ids: string }>(ctx.em, closedMandatesStatement(now, today));
  const filters: SqlFragment[] = [
    // Without a status asked for, what the queue would serve (the pick's own conditions, sql.ts servable).
    ...(query.status ? [] : [rawSql(CLAIMABLE), servable(now, today, closed?.ids ?? '{}')]),
    sql`(${portfolios}::uuid[] is null or coalesce(c.portfolio_id, '${rawSql(NO_PORTFOLIO)}'::uuid) = any(${portfolios}::uuid[]))`,
    sql`(c.assigned_agent_id is null or c.assigned_agent_id = any(${pgArray(scope.assignees)}::uuid[]))`,
  ];
  if (query.status) filters.push(sql`c.status = ${query.status}`);
  if (query.creditorId) filters.push(sql`c.creditor_id = ${query.creditorId}`);
  if (query.segment) filters.push(sql`d.kind = ${query.segment}`);
  if (query.portfolioId) filters.push(sql`c.portfolio_id = ${query.portfolioId}`);
  if (query.cursor) {
    const [rank, id] = decodeCursor(query.cursor, ['integer', 'uuid']);
    filters.push(sql`(c.queue_rank, c.id) < (${rank}::bigint, ${id}::uuid)`);
  }
  const rows = await run<QueueRow>(
    ctx.em,
    sql`select c.id, c.reference, c.creditor_id, cr.legal_name as creditor_name, d.display_name as debtor_name, d.kind as debtor_kind,
            c.status, c.department, c.portfolio_id, c.assigned_agent_id, c.queue_rank::text as queue_rank, c.callback_due_at,
            c.promise_due_on::text as promise_due_on, c.promise_broken,
            case when c.leased_until > ${now} then c.leased_by end as leased_by,
            case when c.leased_until > ${now} then c.leased_until end as leased_until, c.worked_on::text as worked_on
       from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id
      where ${joinSql(filters, ' and ')}
      order by c.queue_rank desc, c.id desc limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      reference: r.reference,
      creditorId: r.creditor_id,
      creditorName: r.creditor_name,
      debtorName: r.debtor_name,
      debtorKind: r.debtor_kind,
      status: r.status,
      department: r.department,
      portfolioId: r.portfolio_id,
      assignedAgentId: r.assigned_agent_id,
      queueRank: Number(r.queue_rank),
      callbackDueAt: r.callback_due_at ? new Date(r.callback_due_at).toISOString() : null,
      promiseDueOn: r.promise_due_on,
      promiseBroken: r.promise_broken,
      leasedBy: r.leased_by,
      leasedUntil: r.leased_until ? new Date(r.leased_until).toISOString() : null,
      workedOn: r.worked_on,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.queue_rank, last.id]) : null,
  };
}

/**
 * GET /queue/stats: the cases I worked today (Paris day) and my team's, counted as the team board
 * counts them (team/service.ts casesWorkedOn: one definition), and the cases I hold.
 */
export async function queueStats(ctx: ActorContext) {
  const now = ctx.clock.now();
  const day = todayInParis(ctx.clock);
  const worked = await casesWorkedOn(ctx.em, day, ctx.actor.userId);
  const [row] = await run<{ holding: number }>(
    ctx.em,
    sql`select count(*)::int as holding from collection_case where leased_by = ${ctx.actor.userId} and leased_until > ${now}`,
  );
  return { day, workedByMe: worked.mine, workedByTeam: worked.team, teamSize: worked.teamSize, holding: row?.holding ?? 0 };
}

/**
 * Recomputes, set-based, each open case's stored rank (on the claims not prescribed today: sql.ts
 * rankFigures), département (from the debtor's first valid
 * address, packages/domain departmentOfPostalCode) and portfolio (the oldest portfolio whose
 * criteria it meets). Only rows that change are written. Runs after portfolio changes, from
 * POST /queue/refresh, and is meant to run nightly (days past due grow every day).
 */
export async function refreshQueue(exec: SqlExec, options: { today: string; caseIds?: readonly string[] }): Promise<number> {
  const postcodes = await exec<{ postal_code: string }>(
    `select distinct a.postal_code from debtor_address a where a.valid`,
  );
  const codes: string[] = [];
  const departments: string[] = [];
  for (const { postal_code } of postcodes) {
    const department = departmentOfPostalCode(postal_code);
    if (department) {
      codes.push(postal_code);
      departments.push(department);
    }
  }
  const rank = rankExpression('f.balance', 'f.days', 'f.kind', 'f.contactable', 'f.days_to_prescription');
  const caseIds = options.caseIds ? pgArray([...options.caseIds]) : null;
  const refresh = sql`with figures as (${rankFigures(options.today, caseIds)}
     ), placed as (
       select f.id, dep.department, ${rawSql(rank)} as rank,
              (select p.id from portfolio p
                where (p.creditor_id is null or p.creditor_id = f.creditor_id)
                  and (p.debtor_kind is null or p.debtor_kind = f.kind)
                  and (p.min_balance_cents is null or f.balance >= p.min_balance_cents)
                  and (p.max_balance_cents is null or f.balance <= p.max_balance_cents)
                  and (p.min_days_past_due is null or f.days >= p.min_days_past_due)
                  and (p.max_days_past_due is null or f.days <= p.max_days_past_due)
                  and (p.departments is null or dep.department = any(p.departments))
                order by p.created_at, p.id limit 1) as portfolio_id
         from figures f
         left join unnest(${pgArray(codes)}::text[], ${pgArray(departments)}::text[]) as dep(postal_code, department) on dep.postal_code = f.postal_code
     ), changed as (
       update collection_case c set queue_rank = placed.rank, portfolio_id = placed.portfolio_id, department = placed.department
         from placed
        where c.id = placed.id
          and (c.queue_rank, c.portfolio_id, c.department) is distinct from (placed.rank, placed.portfolio_id, placed.department)
       returning 1
     )
     select count(*)::int as n from changed`;
  const rows = await exec<{ n: number }>(refresh.sql, refresh.params);
  return rows[0]?.n ?? 0;
}

/** Releases every live lease an agent holds (they went away), logging each release. */
export async function releaseLeasesOf(exec: SqlExec, agentId: string, now: Date): Promise<number> {
  const release = sql`with ended as (
       update collection_case set leased_by = null, leased_until = null where leased_by = ${agentId} returning id
     ), logged as (
       insert into queue_event (case_id, agent_id, kind, at) select id, ${agentId}::uuid, 'release', ${now}::timestamptz from ended
     )
     select count(*)::int as n from ended`;
  const rows = await exec<{ n: number }>(release.sql, release.params);
  return rows[0]?.n ?? 0;
}
