import type { Activity as ActivityDto, CaseDetail, CaseStatus, CaseSummary } from '@relance/contracts/cases';
import { creditorScope, todayInParis, type ActorContext, type ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { logoUrlOf } from '../creditors/service.ts';
import { Creditor } from '../creditors/entities.ts';
import { Activity, CollectionCase } from './entities.ts';

type SummaryRow = {
  id: string;
  reference: string;
  creditor_id: string;
  creditor_name: string;
  debtor_name: string;
  debtor_kind: 'company' | 'person';
  status: CaseStatus;
  claim_count: number;
  principal_cents: string;
  paid_cents: string;
  currency: string;
  oldest_due_date: string;
  days_past_due: number;
  priority_score: string;
  assigned_agent_id: string | null;
  opened_on: string;
};

/**
 * Balances are derived from the rows (claims minus payments), never stored.
 * Priority for now: balance in euros x days past the oldest due date ("amount x age");
 * the queue issue replaces it with the explained score from packages/domain.
 */
const summarySelect = `
  with summary as (
    select c.id, c.reference, c.creditor_id, cr.legal_name as creditor_name,
           d.display_name as debtor_name, d.kind as debtor_kind, c.status,
           agg.claim_count, agg.principal_cents, coalesce(pay.paid_cents, 0) as paid_cents,
           agg.currency, agg.oldest_due_date,
           greatest(0, ?::date - agg.oldest_due_date) as days_past_due,
           (greatest(0, agg.principal_cents - coalesce(pay.paid_cents, 0))::bigint / 100)
             * greatest(0, ?::date - agg.oldest_due_date) as priority_score,
           c.assigned_agent_id, c.opened_on
      from collection_case c
      join creditor cr on cr.id = c.creditor_id
      join debtor d on d.id = c.debtor_id
      join lateral (
        select count(*)::int as claim_count, sum(amount_cents) as principal_cents,
               min(due_date) as oldest_due_date, min(currency) as currency
          from claim where case_id = c.id
      ) agg on true
      left join lateral (select sum(amount_cents) as paid_cents from payment where case_id = c.id) pay on true
     where agg.claim_count > 0 %FILTER%
  )
  select * from summary`;

function toSummary(row: SummaryRow): CaseSummary {
  const principalCents = Number(row.principal_cents);
  const paidCents = Number(row.paid_cents);
  return {
    id: row.id,
    reference: row.reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    debtorKind: row.debtor_kind,
    status: row.status,
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
  };
}

function encodeCursor(row: SummaryRow): string {
  return Buffer.from(JSON.stringify([row.priority_score, row.id])).toString('base64url');
}
function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) return [String(parsed[0]), String(parsed[1])];
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 400, { cursor: 'invalid' });
}

export async function listCases(
  ctx: ActorContext,
  query: { limit: number; cursor?: string | undefined; creditorId?: string | undefined; status?: CaseStatus | undefined; q?: string | undefined },
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const today = todayInParis(ctx.clock);
  const filters: string[] = [];
  const params: unknown[] = [today, today];
  const scope = creditorScope(ctx.actor);
  const creditorId = scope ?? query.creditorId;
  if (creditorId) {
    filters.push('c.creditor_id = ?');
    params.push(creditorId);
  }
  if (query.status) {
    filters.push('c.status = ?');
    params.push(query.status);
  }
  if (query.q) {
    filters.push("(d.display_name ilike ? or c.reference ilike ?)");
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.push(like, like);
  }
  let sql = summarySelect.replace('%FILTER%', filters.map((f) => `and ${f}`).join(' '));
  if (query.cursor) {
    const [score, id] = decodeCursor(query.cursor);
    sql += ' where (priority_score, id) < (?::numeric, ?::uuid)';
    params.push(score, id);
  }
  sql += ' order by priority_score desc, id desc limit ?';
  params.push(query.limit + 1);
  const rows = await ctx.em.execute<SummaryRow[]>(sql, params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toSummary), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** Loads a case the actor may see; a case of another creditor answers 404 like a missing one. */
export async function getVisibleCase(ctx: ActorContext, id: string): Promise<CollectionCase> {
  const scope = creditorScope(ctx.actor);
  const found = await ctx.em.findOne(CollectionCase, scope ? { id, creditorId: scope } : { id });
  if (!found) throw new AppError('not_found', 404);
  return found;
}

export async function caseSummaryById(ctx: ServiceContext, id: string): Promise<CaseSummary | null> {
  const today = todayInParis(ctx.clock);
  const rows = await ctx.em.execute<SummaryRow[]>(summarySelect.replace('%FILTER%', 'and c.id = ?'), [today, today, id]);
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function getCaseDetail(ctx: ActorContext, id: string): Promise<CaseDetail> {
  const found = await getVisibleCase(ctx, id);
  const summary = await caseSummaryById(ctx, found.id);
  if (!summary) throw new AppError('not_found', 404);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: found.creditorId });
  const [debtorRows, emails, phones, addresses, claims, payments, activities] = await Promise.all([
    ctx.em.execute('select * from debtor where id = ?', [found.debtorId]),
    ctx.em.execute('select id, email, valid from debtor_email where debtor_id = ? order by email', [found.debtorId]),
    ctx.em.execute('select id, phone, valid from debtor_phone where debtor_id = ? order by phone', [found.debtorId]),
    ctx.em.execute(
      'select id, line1, postal_code, city, country, valid from debtor_address where debtor_id = ? order by line1',
      [found.debtorId],
    ),
    ctx.em.execute(
      `select id, invoice_ref, issue_date, due_date, amount_cents, currency from claim where case_id = ? order by due_date, invoice_ref`,
      [found.id],
    ),
    ctx.em.execute(
      `select id, amount_cents, currency, received_on, method, provider_reference from payment where case_id = ? order by received_on desc, created_at desc`,
      [found.id],
    ),
    listActivities(ctx, found.id),
  ]);
  const debtor = debtorRows[0] as Record<string, string | null>;
  return {
    ...summary,
    debtor: {
      id: String(debtor.id),
      kind: debtor.kind as 'company' | 'person',
      displayName: String(debtor.display_name),
      companyName: debtor.company_name ?? null,
      firstName: debtor.first_name ?? null,
      lastName: debtor.last_name ?? null,
      siren: debtor.siren ?? null,
      emails: emails as { id: string; email: string; valid: boolean }[],
      phones: phones as { id: string; phone: string; valid: boolean }[],
      addresses: (addresses as Record<string, unknown>[]).map((a) => ({
        id: String(a.id),
        line1: String(a.line1),
        postalCode: String(a.postal_code),
        city: String(a.city),
        country: String(a.country),
        valid: Boolean(a.valid),
      })),
    },
    creditorBrand: {
      displayName: creditor.brandDisplayName,
      primaryColor: creditor.brandPrimaryColor,
      logoUrl: logoUrlOf(creditor),
    },
    claims: (claims as Record<string, unknown>[]).map((c) => ({
      id: String(c.id),
      invoiceRef: String(c.invoice_ref),
      issueDate: String(c.issue_date),
      dueDate: String(c.due_date),
      amountCents: Number(c.amount_cents),
      currency: String(c.currency),
    })),
    payments: (payments as Record<string, unknown>[]).map((p) => ({
      id: String(p.id),
      amountCents: Number(p.amount_cents),
      currency: String(p.currency),
      receivedOn: String(p.received_on),
      method: p.method as CaseDetail['payments'][number]['method'],
      providerReference: (p.provider_reference as string | null) ?? null,
    })),
    activities,
  };
}

export async function listActivities(ctx: ServiceContext, caseId: string): Promise<ActivityDto[]> {
  const rows = await ctx.em.execute<
    { id: string; kind: ActivityDto['kind']; author_name: string | null; text: string; call_outcome: string | null; occurred_at: Date }[]
  >(
    `select a.id, a.kind, u.name as author_name, a.text, a.call_outcome, a.occurred_at
       from activity a left join app_user u on u.id = a.author_id
      where a.case_id = ? order by a.occurred_at desc, a.id desc limit 200`,
    [caseId],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    authorName: row.author_name,
    text: row.text,
    callOutcome: (row.call_outcome as ActivityDto['callOutcome']) ?? null,
    occurredAt: new Date(row.occurred_at).toISOString(),
  }));
}

/** Adds a timeline entry; used by this feature's routes and by other features' services. */
export async function recordActivity(
  ctx: ServiceContext,
  entry: { caseId: string; kind: Activity['kind']; text: string; authorId?: string | null; callOutcome?: string | null },
): Promise<Activity> {
  const activity = ctx.em.create(Activity, {
    caseId: entry.caseId,
    kind: entry.kind,
    text: entry.text,
    authorId: entry.authorId ?? null,
    callOutcome: entry.callOutcome ?? null,
    occurredAt: ctx.clock.now(),
  });
  await ctx.em.flush();
  return activity;
}

export async function logCaseActivity(
  ctx: ActorContext,
  caseId: string,
  body: { kind: 'call' | 'note'; text: string; callOutcome?: string | undefined },
): Promise<ActivityDto> {
  const found = await getVisibleCase(ctx, caseId);
  if (body.kind === 'call' && !body.callOutcome) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'callOutcome', message: 'required for a call' }] });
  }
  const activity = await recordActivity(ctx, {
    caseId: found.id,
    kind: body.kind,
    text: body.text,
    authorId: ctx.actor.userId,
    callOutcome: body.kind === 'call' ? (body.callOutcome ?? null) : null,
  });
  return {
    id: activity.id,
    kind: activity.kind,
    authorName: ctx.actor.name,
    text: activity.text,
    callOutcome: (activity.callOutcome as ActivityDto['callOutcome']) ?? null,
    occurredAt: activity.occurredAt.toISOString(),
  };
}
