import type { PortalInboxQuery, PortalReplyBody, StaffPortalMessage } from '@relance/contracts/portal-talk';
import { findAccessible, requireAccess } from '../../plugins/access.ts';
import type { ActorContext, ServiceContext, UserActor } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emExec, rawSql, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { CollectionCase } from '../cases/entities.ts';
import { addEntry } from '../cases/timeline.ts';
import { excerpt, type MessageRow, messageSelect, toStaffMessage } from './rows.ts';

// The team's inbox of what debtors write from their page, and the agency's side of each thread.
// Internal: agency staff only (admins, managers, agents: the route refuses creditors' users and
// keys, and the table has no creditor policy). Agents reach every case (plugins/access.ts), so the
// inbox is the whole agency's; each id given is still checked through the access module.

type UserContext = ServiceContext & { actor: UserActor };

/** The debtors' messages, newest first: those no one answered yet (default), or all of them. */
export async function listInbox(ctx: ActorContext, query: PortalInboxQuery): Promise<{ items: StaffPortalMessage[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [rawSql(`m.direction = 'in'`)];
  if (query.status === 'unanswered') filters.push(rawSql('m.answered_at is null'));
  if (query.cursor) {
    const [at, seq] = decodeCursor(query.cursor, ['instant', 'integer']);
    filters.push(sql`(m.created_at, m.seq) < (${at}::timestamptz, ${seq}::bigint)`);
  }
  const where = whereAll(filters);
  const rows = await emExec(ctx.em)<MessageRow>(`${messageSelect} ${where.sql} order by m.created_at desc, m.seq desc limit ?`, [...where.params, query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toStaffMessage),
    nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.created_at).toISOString(), last.seq]) : null,
  };
}

/** The case's whole thread, oldest first (the debtor's messages and the agency's replies). */
export async function caseThread(ctx: ActorContext, caseId: string): Promise<{ items: StaffPortalMessage[] }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await ctx.em.execute<MessageRow[]>(`${messageSelect} where m.case_id = ? order by m.created_at, m.seq limit 500`, [found.id]);
  return { items: rows.map(toStaffMessage) };
}

async function messageById(ctx: ServiceContext, id: string): Promise<StaffPortalMessage> {
  const [row] = await ctx.em.execute<MessageRow[]>(`${messageSelect} where m.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toStaffMessage(row);
}

/**
 * An agent answers on the debtor's page: the reply is shown there, signed by the agency; every
 * message of the debtor still waiting on the case counts as answered (and read). A timeline entry
 * records it. Nothing is sent to the debtor: the page is where they read it (a message by e-mail or
 * SMS is a contact, which goes through the legal gate in the messages feature).
 */
export async function replyToDebtor(
  ctx: UserContext,
  caseId: string,
  body: PortalReplyBody,
  idempotencyKey: string | undefined,
): Promise<StoredResponse<StaffPortalMessage, 201>> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, `POST /api/v1/cases/${found.id}/portal-messages`, body);
  return await runIdempotently<StaffPortalMessage, 201>(ctx.em, guard, async (em) => {
    const now = ctx.clock.now();
    const [row] = await em.execute<{ id: string }[]>(
      `insert into portal_message (case_id, creditor_id, direction, body, author_id, created_at) values (?, ?, 'out', ?, ?, ?) returning id`,
      [found.id, found.creditorId, body.body, ctx.actor.userId, now],
    );
    await em.execute(
      `update portal_message set answered_at = ?, answered_by = ?, read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?)
        where case_id = ? and direction = 'in' and answered_at is null`,
      [now, ctx.actor.userId, now, ctx.actor.userId, found.id],
    );
    await addEntry(emExec(em), ctx.clock, {
      caseId: found.id,
      kind: 'debtor_message',
      authorId: ctx.actor.userId,
      text: `Réponse au débiteur sur sa page : « ${excerpt(body.body)} ».`,
      event: { code: 'debtor_message_answered', params: { excerpt: excerpt(body.body) } },
    });
    return { status: 201, body: await messageById({ ...ctx, em }, (row as { id: string }).id) };
  });
}

/** The debtor's message, checked through its case (404 for an unknown id or an agency reply). */
async function incomingMessage(ctx: ActorContext, messageId: string): Promise<string> {
  const [row] = await ctx.em.execute<{ case_id: string }[]>(`select case_id from portal_message where id = ? and direction = 'in'`, [messageId]);
  if (!row) throw new AppError('not_found', 404);
  await requireAccess(ctx, 'case', row.case_id);
  return row.case_id;
}

/** An agent opened the message: read (the first reader and time are kept). */
export async function markRead(ctx: UserContext, messageId: string): Promise<StaffPortalMessage> {
  await incomingMessage(ctx, messageId);
  await ctx.em.execute('update portal_message set read_at = ?, read_by = ? where id = ? and read_at is null', [ctx.clock.now(), ctx.actor.userId, messageId]);
  return await messageById(ctx, messageId);
}

/**
 * Answered without a written reply (the agent called the debtor, or the message needs none): it
 * leaves the "unanswered" inbox with the debtor's earlier messages still waiting on the case (they
 * were read with it); the timeline says who closed them. Already answered: unchanged.
 */
export async function markAnswered(ctx: UserContext, messageId: string): Promise<StaffPortalMessage> {
  const caseId = await incomingMessage(ctx, messageId);
  await ctx.em.transactional(async (em) => {
    const now = ctx.clock.now();
    const updated = await em.execute<{ id: string }[]>(
      `update portal_message set answered_at = ?, answered_by = ?, read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?)
        where case_id = ? and direction = 'in' and answered_at is null
          and created_at <= (select created_at from portal_message where id = ?) returning id`,
      [now, ctx.actor.userId, now, ctx.actor.userId, caseId, messageId],
    );
    if (updated.length > 0) {
      await addEntry(emExec(em), ctx.clock, {
        caseId,
        kind: 'debtor_message',
        authorId: ctx.actor.userId,
        text: 'Message du débiteur marqué comme traité, sans réponse écrite sur sa page.',
        event: { code: 'debtor_message_closed', params: {} },
      });
    }
  });
  return await messageById(ctx, messageId);
}
