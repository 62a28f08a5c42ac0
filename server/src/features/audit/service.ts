import type { AuditEvent, AuditQuery } from '@relance/contracts/audit';
import { isAgencyStaff } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { type SqlExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';

export type AuditEntry = {
  /** The user who made the change (null for the system). */
  actorId: string | null;
  /** From the injectable clock, like every other instant. */
  at: Date;
  /** snake_case verb, e.g. 'portfolio_created', 'agent_away'. */
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
  /** The case the record concerns, if any: the audit screen filters on it. */
  caseId?: string | null;
  /** The creditor whose data it concerns, if any (the tables that carry a creditor carry its id). */
  creditorId?: string | null;
};

/** Appends one row to the audit trail, in the caller's transaction (the change and its record commit together). */
export async function recordAudit(exec: SqlExec, entry: AuditEntry): Promise<void> {
  await exec(
    `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, details, case_id, creditor_id) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [entry.actorId, entry.at, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.details ?? {}), entry.caseId ?? null, entry.creditorId ?? null],
  );
}

/**
 * A member of the agency's staff read a debtor's file (the case screen, a document, a message, the
 * data export): one row, written after the read was allowed (a refused or missing case is not a
 * read). Creditors reading their own debtors are not the agency's staff and are not recorded here.
 * One statement, no lookup of its own beyond an index probe: the case screen is fetched again
 * whenever its window regains focus, so the same person viewing the same case within a minute is
 * recorded once (the first view of that minute); downloads and exports are recorded every time.
 */
export async function recordCaseRead(
  ctx: ActorContext,
  read: { action: 'case_viewed' | 'document_downloaded' | 'message_viewed' | 'debtor_data_exported'; caseId: string; creditorId: string; entity?: string; entityId?: string; details?: Record<string, unknown> },
): Promise<void> {
  if (!isAgencyStaff(ctx.actor)) return;
  const at = ctx.clock.now();
  const entityId = read.entityId ?? read.caseId;
  const values = [ctx.actor.userId, at, read.action, read.entity ?? 'case', entityId, JSON.stringify(read.details ?? {}), read.caseId, read.creditorId];
  if (read.action !== 'case_viewed') {
    await ctx.em.execute(
      `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, details, case_id, creditor_id) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
      values,
    );
    return;
  }
  await ctx.em.execute(
    `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, details, case_id, creditor_id)
     select ?, ?, ?, ?, ?, ?::jsonb, ?, ?
      where not exists (select 1 from audit_event e where e.case_id = ? and e.actor_id = ? and e.action = 'case_viewed'
                           and e.occurred_at > ?::timestamptz - interval '1 minute' and e.occurred_at <= ?::timestamptz)`,
    [...values, read.caseId, ctx.actor.userId, at, at],
  );
}

type AuditRow = {
  id: string;
  occurred_at: Date;
  /** The instant as PostgreSQL prints it, microseconds included: the cursor must not round it. */
  occurred_at_text: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  case_id: string | null;
  case_reference: string | null;
  creditor_id: string | null;
  creditor_name: string | null;
  details: Record<string, unknown>;
};

/**
 * GET /audit: the trail, newest first, filtered by case, actor, action and days (Europe/Paris, both
 * included), paged by (occurred_at, id): each filter has its index (migration 20261206130000).
 */
export async function listAudit(ctx: ActorContext, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'from', message: 'from must not be after to' }] });
  }
  const filters: SqlFragment[] = [];
  if (query.caseId) filters.push(sql`e.case_id = ${query.caseId}`);
  if (query.actorId) filters.push(sql`e.actor_id = ${query.actorId}`);
  if (query.action) filters.push(sql`e.action = ${query.action}`);
  if (query.from) filters.push(sql`e.occurred_at >= (${query.from}::date)::timestamp at time zone 'Europe/Paris'`);
  if (query.to) filters.push(sql`e.occurred_at < (${query.to}::date + 1)::timestamp at time zone 'Europe/Paris'`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['instant', 'integer']);
    filters.push(sql`(e.occurred_at, e.id) < (${at}::timestamptz, ${id}::bigint)`);
  }
  const q = sql`select e.id::text as id, e.occurred_at, e.occurred_at::text as occurred_at_text, e.actor_id, u.name as actor_name, u.role as actor_role, e.action, e.entity, e.entity_id,
            e.case_id, c.reference as case_reference, e.creditor_id, cr.legal_name as creditor_name, e.details
       from audit_event e
       left join app_user u on u.id = e.actor_id
       left join collection_case c on c.id = e.case_id
       left join creditor cr on cr.id = e.creditor_id
      ${whereAll(filters)}
      order by e.occurred_at desc, e.id desc
      limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<AuditRow[]>(q.sql, [...q.params]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      occurredAt: new Date(row.occurred_at).toISOString(),
      actorId: row.actor_id,
      actorName: row.actor_name,
      actorRole: row.actor_role,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      caseId: row.case_id,
      caseReference: row.case_reference,
      creditorId: row.creditor_id,
      creditorName: row.creditor_name,
      details: row.details ?? {},
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.occurred_at_text, last.id]) : null,
  };
}
