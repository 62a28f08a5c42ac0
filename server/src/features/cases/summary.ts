import type { CaseFilterQuery, CaseStatus, CaseSummary } from '@relance/contracts/cases';
import { centsFromDatabase } from '@relance/domain/money';
import { creditorScope, seesVulnerability } from '../../plugins/access.ts';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { joinSql, type SqlFragment, sql } from '../../plugins/sql.ts';
import { outstandingFigures } from './statement.ts';

// The case list and one case's summary line: the rows the list, the queue's claim and the case
// screen's header share.

type SummaryRow = {
  id: string;
  reference: string;
  creditor_id: string;
  creditor_name: string;
  debtor_name: string;
  debtor_kind: 'company' | 'person';
  status: CaseStatus;
  closed_outcome: CaseSummary['closedOutcome'];
  claim_count: number;
  principal_cents: string;
  paid_cents: string;
  currency: string;
  oldest_due_date: string;
  days_past_due: number;
  priority_score: string;
  assigned_agent_id: string | null;
  opened_on: string;
  dispute_open: boolean;
  vulnerable: boolean;
  callback_due_at: Date | null;
};

/**
 * Balances are derived from the rows (claims minus payments), never stored; the décompte balance
 * (interest and indemnities included) is computed by packages/domain for the rows shown.
 * Priority: the queue's stored rank (collection_case.queue_rank, the explained score of
 * packages/domain refreshed set-based by the queue feature), so the list and "next case" agree.
 * `filter` selects the cases (plugins/sql.ts fragments carry their own params).
 */
function summarySelect(today: string, filter: SqlFragment): SqlFragment {
  return sql`
  with summary as (
    select c.id, c.reference, c.creditor_id, cr.legal_name as creditor_name,
           d.display_name as debtor_name, d.kind as debtor_kind, c.status, c.closed_outcome,
           agg.claim_count, agg.principal_cents, coalesce(pay.paid_cents, 0) as paid_cents,
           agg.currency, agg.oldest_due_date,
           greatest(0, ${today}::date - agg.oldest_due_date) as days_past_due,
           c.queue_rank as priority_score,
           c.assigned_agent_id, c.opened_on,
           exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null) as dispute_open,
           c.vulnerable_since is not null as vulnerable, c.callback_due_at
      from collection_case c
      join creditor cr on cr.id = c.creditor_id
      join debtor d on d.id = c.debtor_id
      join lateral (
        select count(*)::int as claim_count, sum(amount_cents) as principal_cents,
               min(due_date) as oldest_due_date, min(currency) as currency
          from claim where case_id = c.id
      ) agg on true
      left join lateral (select sum(amount_cents) as paid_cents from payment where case_id = c.id) pay on true
     where agg.claim_count > 0 and ${filter}
  )
  select * from summary`;
}

/** Staff see the vulnerability flag; so does the system (no actor: the queue's own reads). */
export function showsVulnerabilityTo(actor: ActorContext['actor'] | null): boolean {
  return actor === null || seesVulnerability(actor);
}

function toSummary(row: SummaryRow, extra: { outstandingCents: number | null; showVulnerability: boolean }): CaseSummary {
  const principalCents = centsFromDatabase(row.principal_cents, `principal_cents of case ${row.id}`);
  const paidCents = centsFromDatabase(row.paid_cents, `paid_cents of case ${row.id}`);
  return {
    id: row.id,
    reference: row.reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    debtorKind: row.debtor_kind,
    status: row.status,
    closedOutcome: row.closed_outcome ?? null,
    claimCount: row.claim_count,
    principalCents,
    paidCents,
    balanceCents: principalCents - paidCents,
    currency: row.currency,
    oldestDueDate: row.oldest_due_date,
    daysPastDue: row.days_past_due,
    priorityScore: Number(row.priority_score),
    assignedAgentId: row.assigned_agent_id,
    openedOn: row.opened_on,
    outstandingCents: extra.outstandingCents,
    disputeOpen: row.dispute_open,
    vulnerable: extra.showVulnerability ? row.vulnerable : null,
    callbackDueAt: row.callback_due_at ? new Date(row.callback_due_at).toISOString() : null,
  };
}


/**
 * The list's filters as one SQL fragment over the aliases `c` (collection_case), `d` (debtor) and
 * `agg` (the claims' sums: principal_cents): the list and the exports (features/exports) share it.
 * A creditor user is always held to its own creditor, whatever creditorId it sends.
 */
export function caseFilterSql(ctx: ActorContext, query: CaseFilterQuery, today: string): SqlFragment {
  const filters: SqlFragment[] = [sql`true`];
  const creditorId = creditorScope(ctx.actor) ?? query.creditorId;
  if (creditorId) filters.push(sql`c.creditor_id = ${creditorId}`);
  if (query.status) filters.push(sql`c.status = ${query.status}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push(sql`(d.display_name ilike ${like} or c.reference ilike ${like})`);
  }
  const openDispute = sql`exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null)`;
  if (query.flag === 'dispute_open' || query.disputed === 'true') filters.push(openDispute);
  if (query.disputed === 'false') filters.push(sql`not ${openDispute}`);
  if (query.flag === 'vulnerable') {
    if (!showsVulnerabilityTo(ctx.actor)) throw new AppError('forbidden', 403);
    filters.push(sql`c.vulnerable_since is not null`);
  }
  if (query.debtorKind) filters.push(sql`d.kind = ${query.debtorKind}`);
  if (query.minAgeDays !== undefined) filters.push(sql`${today}::date - c.opened_on >= ${query.minAgeDays}::int`);
  if (query.maxAgeDays !== undefined) filters.push(sql`${today}::date - c.opened_on <= ${query.maxAgeDays}::int`);
  if (query.minAmountCents !== undefined) filters.push(sql`agg.principal_cents >= ${query.minAmountCents}::bigint`);
  if (query.maxAmountCents !== undefined) filters.push(sql`agg.principal_cents <= ${query.maxAmountCents}::bigint`);
  if (query.assignedTo === 'none') filters.push(sql`c.assigned_agent_id is null`);
  else if (query.assignedTo) filters.push(sql`c.assigned_agent_id = ${query.assignedTo}::uuid`);
  return joinSql(filters, ' and ');
}

export async function listCases(
  ctx: ActorContext,
  query: CaseFilterQuery & { limit: number; cursor?: string | undefined },
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const today = todayInParis(ctx.clock);
  const filter = caseFilterSql(ctx, query, today);
  const after = query.cursor ? decodeCursor(query.cursor, ['integer', 'uuid']) : null;
  const q = sql`${summarySelect(today, filter)}${after ? sql` where (priority_score, id) < (${after[0]}::bigint, ${after[1]}::uuid)` : sql``}
    order by priority_score desc, id desc limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<SummaryRow[]>(q.sql, [...q.params]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const outstanding = await outstandingFigures(ctx, page.map((row) => row.id), today);
  const showVulnerability = showsVulnerabilityTo(ctx.actor);
  return {
    items: page.map((row) => toSummary(row, { outstandingCents: outstanding.get(row.id)?.balanceCents ?? null, showVulnerability })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.priority_score, last.id]) : null,
  };
}

/**
 * One case's summary (the queue's claim answers with it). The décompte balance is not computed
 * here, to keep the claim path light: outstandingCents is null; the case detail fills it.
 */
export async function caseSummaryById(ctx: ServiceContext, id: string): Promise<CaseSummary | null> {
  const today = todayInParis(ctx.clock);
  const q = summarySelect(today, sql`c.id = ${id}`);
  const rows = await ctx.em.execute<SummaryRow[]>(q.sql, [...q.params]);
  const actor = (ctx as Partial<ActorContext>).actor ?? null;
  return rows[0] ? toSummary(rows[0], { outstandingCents: null, showVulnerability: showsVulnerabilityTo(actor) }) : null;
}
