import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentAnomaly, PaymentAnomalyKind } from '@relance/contracts/payment-anomalies';
import type { ActorContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import type { CardProviderEvent } from './card-provider.ts';

export type { PaymentAnomalyKind };

type SessionTerms = { id: string; case_id: string; creditor_id: string; amount_cents: string; currency: string };

/**
 * Keeps a card event that does not match its session, in the webhook's transaction (so the event
 * id, already marked received, and its anomaly commit together). Unique per provider event.
 */
export async function recordPaymentAnomaly(
  em: EntityManager,
  provider: string,
  event: CardProviderEvent,
  session: SessionTerms | null,
  kind: PaymentAnomalyKind,
): Promise<void> {
  const expected = session ? { amountCents: Number(session.amount_cents), currency: session.currency.trim(), caseId: session.case_id } : null;
  const received = {
    amountCents: event.data.amountCents,
    currency: event.data.currency,
    caseId: event.data.metadata.caseId ?? null,
    paymentReference: event.data.paymentReference,
  };
  // Without a session, the case named in the event's metadata (if it exists) helps the human.
  const namedCase = received.caseId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(received.caseId) ? received.caseId : null;
  const [owner] = session
    ? [{ id: session.case_id, creditor_id: session.creditor_id }]
    : namedCase
      ? await em.execute<{ id: string; creditor_id: string }[]>('select id, creditor_id from collection_case where id = ?', [namedCase])
      : [];
  await em.execute(
    `insert into payment_anomaly (creditor_id, case_id, provider, checkout_session_id, provider_session_id, provider_event_id, kind, expected, received, raw_event)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) on conflict (provider, provider_event_id) do nothing`,
    [
      owner?.creditor_id ?? null,
      owner?.id ?? null,
      provider,
      session?.id ?? null,
      event.data.sessionId,
      event.id,
      kind,
      expected ? JSON.stringify(expected) : null,
      JSON.stringify(received),
      JSON.stringify(event),
    ],
  );
}

type AnomalyRow = {
  id: string;
  kind: PaymentAnomalyKind;
  creditor_id: string | null;
  creditor_name: string | null;
  case_id: string | null;
  case_reference: string | null;
  provider: string;
  provider_session_id: string;
  provider_event_id: string;
  expected: PaymentAnomaly['expected'];
  received: PaymentAnomaly['received'];
  raw_event: unknown;
  created_at: Date;
  created_at_exact: string;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolution_note: string | null;
};

const SELECT = `select a.id, a.kind, a.creditor_id, cr.legal_name as creditor_name, a.case_id, cc.reference as case_reference, a.provider,
       a.provider_session_id, a.provider_event_id, a.expected, a.received, a.raw_event, a.created_at, a.created_at::text as created_at_exact,
       a.resolved_at, a.resolved_by, u.name as resolved_by_name, a.resolution_note
  from payment_anomaly a
  left join creditor cr on cr.id = a.creditor_id
  left join collection_case cc on cc.id = a.case_id
  left join app_user u on u.id = a.resolved_by`;

function toDto(row: AnomalyRow): PaymentAnomaly {
  return {
    id: row.id,
    kind: row.kind,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    caseId: row.case_id,
    caseReference: row.case_reference,
    provider: row.provider,
    providerSessionId: row.provider_session_id,
    providerEventId: row.provider_event_id,
    expected: row.expected,
    received: row.received,
    rawEvent: row.raw_event,
    createdAt: new Date(row.created_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolvedBy: row.resolved_by ? { id: row.resolved_by, name: row.resolved_by_name ?? '' } : null,
    resolutionNote: row.resolution_note,
  };
}

/** Anomalies, newest first; staff only (the routes say who), every creditor. */
export async function listPaymentAnomalies(
  ctx: ActorContext,
  query: { status: 'open' | 'resolved' | 'all'; limit: number; cursor?: string | undefined },
): Promise<{ items: PaymentAnomaly[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  if (query.status === 'open') filters.push(sql`a.resolved_at is null`);
  if (query.status === 'resolved') filters.push(sql`a.resolved_at is not null`);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    filters.push(sql`(a.created_at, a.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const where = whereAll(filters);
  const q = sql`${rawSql(SELECT)} ${where} order by a.created_at desc, a.id desc limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<AnomalyRow[]>(q.sql, [...q.params]);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toDto),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at_exact, last.id]) : null,
  };
}

/** Closes an anomaly with what was done about it (once: a second resolution is refused), in the audit trail too. */
export async function resolvePaymentAnomaly(ctx: ActorContext, id: string, note: string): Promise<PaymentAnomaly> {
  if (ctx.actor.via === 'api_key') throw new AppError('forbidden', 403);
  return await ctx.em.transactional(async (em) => {
    const [current] = await em.execute<{ id: string; resolved_at: Date | null }[]>('select id, resolved_at from payment_anomaly where id = ? for update', [id]);
    if (!current) throw new AppError('not_found', 404);
    if (current.resolved_at) throw new AppError('payment_anomaly_already_resolved', 409);
    const now = ctx.clock.now();
    await em.execute('update payment_anomaly set resolved_at = ?, resolved_by = ?, resolution_note = ? where id = ?', [now, ctx.actor.userId, note, id]);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: now, action: 'payment_anomaly_resolved', entity: 'payment_anomaly', entityId: id, details: { note } });
    const [row] = await em.execute<AnomalyRow[]>(`${SELECT} where a.id = ?`, [id]);
    return toDto(row as AnomalyRow);
  });
}

