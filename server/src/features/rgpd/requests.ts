import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { messageFor } from '@relance/contracts/errors';
import type { CreateRgpdRequestBody, DecideRgpdRequestBody, RectificationChanges, RgpdRequest } from '@relance/contracts/rgpd';
import { toE164 } from '@relance/domain/identifiers';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { recordActivity } from '../cases/activities.ts';
import { CollectionCase } from '../cases/entities.ts';
import { anonymiseCases } from './anonymise.ts';

// Requests of the people whose data the agency holds (RGPD art. 15 to 17), recorded and decided by
// managers. The agency is the creditors' processor (art. 28(3)(e): it assists the controller in
// answering them); each request is due one month after receipt (art. 12(3)).

type RequestRow = {
  id: string;
  case_id: string;
  case_reference: string;
  case_status: string;
  anonymised_at: Date | null;
  creditor_id: string;
  creditor_name: string;
  debtor_name: string;
  kind: RgpdRequest['kind'];
  requester_name: string;
  channel: RgpdRequest['channel'];
  received_on: string;
  due_on: string;
  details: string;
  status: RgpdRequest['status'];
  outcome: RgpdRequest['outcome'];
  refusal_code: 'claim_open' | 'other' | null;
  refusal_reason: string | null;
  rectified_fields: string[] | null;
  recorded_by_name: string | null;
  recorded_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
};

const requestSelect = `
  select r.id, r.case_id, c.reference as case_reference, c.status as case_status, c.anonymised_at, r.creditor_id,
         cr.legal_name as creditor_name, d.display_name as debtor_name, r.kind, r.requester_name, r.channel,
         r.received_on::text as received_on, r.due_on::text as due_on, r.details, r.status, r.outcome, r.refusal_code,
         r.refusal_reason, r.rectified_fields, ru.name as recorded_by_name, r.recorded_at, du.name as decided_by_name, r.decided_at
    from rgpd_request r
    join collection_case c on c.id = r.case_id
    join creditor cr on cr.id = r.creditor_id
    join debtor d on d.id = r.debtor_id
    left join app_user ru on ru.id = r.recorded_by
    left join app_user du on du.id = r.decided_by`;

function toDto(row: RequestRow, today: string): RgpdRequest {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    debtorName: row.debtor_name,
    kind: row.kind,
    requesterName: row.requester_name,
    channel: row.channel,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    overdue: row.status === 'pending' && row.due_on < today,
    details: row.details,
    status: row.status,
    outcome: row.outcome,
    refusal: row.refusal_reason ? { code: row.refusal_code ?? 'other', reason: row.refusal_reason } : null,
    rectifiedFields: row.rectified_fields,
    claimOpen: row.case_status !== 'closed',
    recordedBy: row.recorded_by_name,
    recordedAt: new Date(row.recorded_at).toISOString(),
    decidedBy: row.decided_by_name,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}

async function requestById(ctx: ActorContext, id: string): Promise<RequestRow> {
  const [row] = await ctx.em.execute<RequestRow[]>(`${requestSelect} where r.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return row;
}

/** POST /cases/{id}/rgpd-requests: records who asked what, when and how; due one month after receipt (art. 12(3)). */
export async function createRgpdRequest(ctx: ActorContext, caseId: string, body: CreateRgpdRequestBody): Promise<RgpdRequest> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const today = todayInParis(ctx.clock);
  if (body.receivedOn > today) throw new AppError('date_in_future', 400, { field: 'receivedOn', date: body.receivedOn });
  const id = await ctx.em.transactional(async (em) => {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into rgpd_request (creditor_id, case_id, debtor_id, kind, requester_name, channel, received_on, due_on, details, recorded_by, recorded_at)
       values (?, ?, ?, ?, ?, ?, ?::date, (?::date + interval '1 month')::date, ?, ?, ?) returning id`,
      [found.creditorId, found.id, found.debtorId, body.kind, body.requesterName, body.channel, body.receivedOn, body.receivedOn, body.details, ctx.actor.userId, ctx.clock.now()],
    );
    const requestId = (row as { id: string }).id;
    await recordAudit(emExec(em), {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'rgpd_request_recorded',
      entity: 'rgpd_request',
      entityId: requestId,
      caseId: found.id,
      creditorId: found.creditorId,
      details: { kind: body.kind, channel: body.channel, receivedOn: body.receivedOn },
    });
    return requestId;
  });
  return toDto(await requestById(ctx, id), today);
}

/** GET /rgpd-requests: pending first (the most urgent due date first), then the decided ones. */
export async function listRgpdRequests(
  ctx: ActorContext,
  query: { status?: RgpdRequest['status'] | undefined; caseId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: RgpdRequest[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  if (query.status) filters.push(sql`r.status = ${query.status}`);
  if (query.caseId) filters.push(sql`r.case_id = ${query.caseId}`);
  if (query.cursor) {
    const [rank, dueOn, id] = decodeCursor(query.cursor, ['integer', 'date', 'uuid']);
    const pending = Number(rank) === 0 ? 0 : 1;
    filters.push(sql`(case when r.status = 'pending' then 0 else 1 end, r.due_on, r.id) > (${pending}::int, ${dueOn}::date, ${id}::uuid)`);
  }
  const q = sql`${rawSql(requestSelect)} ${whereAll(filters)}
      order by case when r.status = 'pending' then 0 else 1 end, r.due_on, r.id limit ${query.limit + 1}`;
  const rows = await ctx.em.execute<RequestRow[]>(q.sql, [...q.params]);
  const today = todayInParis(ctx.clock);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((row) => toDto(row, today)), nextCursor: rows.length > query.limit && last ? encodeCursor([last.status === 'pending' ? 0 : 1, last.due_on, last.id]) : null };
}

const DECISION_FOR_KIND: Record<RgpdRequest['kind'], DecideRgpdRequestBody['decision']> = {
  access: 'answer',
  rectification: 'rectify',
  erasure: 'erase',
};

/**
 * POST /rgpd-requests/{id}/decision. An erasure is refused, with the legal reason stored and shown,
 * while the case is being collected (art. 17(3)(e); art. 6(1)(b) and (f): the agency collects a due
 * claim under the creditor's mandate); otherwise the debtor is anonymised at once, as the retention
 * job would (server/src/features/rgpd/anonymise.ts says what is kept and why). A rectification
 * corrects the identity fields and contacts given. Each decision goes to the audit trail.
 */
export async function decideRgpdRequest(ctx: ActorContext, id: string, body: DecideRgpdRequestBody): Promise<RgpdRequest> {
  const today = todayInParis(ctx.clock);
  await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const [locked] = await em.execute<{ id: string; status: string; kind: RgpdRequest['kind']; case_id: string; creditor_id: string; debtor_id: string }[]>(
      'select id, status, kind, case_id, creditor_id, debtor_id from rgpd_request where id = ? for update',
      [id],
    );
    if (!locked) throw new AppError('not_found', 404);
    if (locked.status !== 'pending') throw new AppError('rgpd_request_already_decided', 409, { status: locked.status });
    if (body.decision !== 'refuse' && DECISION_FOR_KIND[locked.kind] !== body.decision) {
      throw new AppError('rgpd_decision_not_for_kind', 400, { kind: locked.kind, decision: body.decision });
    }
    const [kase] = await em.execute<{ status: string; anonymised_at: Date | null }[]>('select status, anonymised_at from collection_case where id = ? for update', [
      locked.case_id,
    ]);
    const now = ctx.clock.now();
    let decision: { status: 'done' | 'refused'; outcome: NonNullable<RgpdRequest['outcome']>; refusalCode?: 'claim_open' | 'other'; reason?: string; fields?: string[] };
    if (body.decision === 'refuse') {
      decision = { status: 'refused', outcome: 'refused', refusalCode: 'other', reason: body.reason };
    } else if (body.decision === 'answer') {
      decision = { status: 'done', outcome: 'answered' };
    } else if (body.decision === 'erase') {
      if (kase?.status !== 'closed') {
        decision = { status: 'refused', outcome: 'refused', refusalCode: 'claim_open', reason: messageFor('erasure_refused_claim_open', ctx.locale) };
      } else {
        await anonymiseCases(emExec(em), { caseIds: [locked.case_id], now, actorId: ctx.actor.userId, reason: 'erasure_request', requestId: locked.id });
        decision = { status: 'done', outcome: 'erased' };
      }
    } else {
      if (kase?.anonymised_at) throw new AppError('debtor_anonymised', 409);
      const fields = await rectify(tx, locked, body.changes);
      decision = { status: 'done', outcome: 'rectified', fields };
    }
    await em.execute(
      `update rgpd_request set status = ?, outcome = ?, refusal_code = ?, refusal_reason = ?, rectified_fields = ?::text[], decided_by = ?, decided_at = ?
        where id = ?`,
      [
        decision.status,
        decision.outcome,
        decision.refusalCode ?? null,
        decision.reason ?? null,
        decision.fields ? `{${decision.fields.join(',')}}` : null,
        ctx.actor.userId,
        now,
        locked.id,
      ],
    );
    await recordAudit(emExec(em), {
      actorId: ctx.actor.userId,
      at: now,
      action: 'rgpd_request_decided',
      entity: 'rgpd_request',
      entityId: locked.id,
      caseId: locked.case_id,
      creditorId: locked.creditor_id,
      details: { kind: locked.kind, outcome: decision.outcome, ...(decision.refusalCode ? { refusalCode: decision.refusalCode } : {}), ...(decision.fields ? { fields: decision.fields } : {}) },
    });
  });
  return toDto(await requestById(ctx, id), today);
}

const contactTables = {
  email: { table: 'debtor_email' },
  phone: { table: 'debtor_phone' },
  address: { table: 'debtor_address' },
} as const;

/** Applies a rectification (art. 16) to the debtor; returns the names of the fields it changed (never their values). */
async function rectify(
  ctx: ActorContext,
  request: { case_id: string; debtor_id: string; creditor_id: string; id: string },
  changes: RectificationChanges,
): Promise<string[]> {
  const { em } = ctx;
  const fields: string[] = [];
  const identity: [string, string, string | null | undefined][] = [
    ['firstName', 'first_name', changes.firstName],
    ['lastName', 'last_name', changes.lastName],
    ['companyName', 'company_name', changes.companyName],
    ['displayName', 'display_name', changes.displayName],
  ];
  for (const [field, column, value] of identity) {
    if (value === undefined) continue;
    await em.execute(`update debtor set ${column} = ? where id = ?`, [value, request.debtor_id]);
    fields.push(field);
  }
  try {
    for (const email of changes.emails ?? []) {
      await updateContact(ctx, 'debtor_email', email.id, request.debtor_id, 'email = ?', [email.email.toLowerCase()]);
      fields.push('emails');
    }
    for (const phone of changes.phones ?? []) {
      const e164 = toE164(phone.phone);
      if (!e164) throw new AppError('invalid_phone', 400, { phone: phone.phone });
      await updateContact(ctx, 'debtor_phone', phone.id, request.debtor_id, 'phone = ?', [e164]);
      fields.push('phones');
    }
    for (const address of changes.addresses ?? []) {
      await updateContact(ctx, 'debtor_address', address.id, request.debtor_id, 'line1 = ?, postal_code = ?, city = ?', [address.line1, address.postalCode, address.city]);
      fields.push('addresses');
    }
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new AppError('contact_exists', 409);
    throw error;
  }
  for (const removed of changes.removeContacts ?? []) {
    const rows = await em.execute<{ id: string }[]>(`delete from ${contactTables[removed.kind].table} where id = ? and debtor_id = ? returning id`, [
      removed.id,
      request.debtor_id,
    ]);
    if (rows.length === 0) throw new AppError('not_found', 404, { contact: removed.id });
    fields.push(`${removed.kind}s`);
  }
  const changed = [...new Set(fields)];
  if (changed.length === 0) throw new AppError('validation_failed', 400, { issues: [{ path: 'changes', message: 'nothing to rectify' }] });
  await recordActivity(ctx, {
    caseId: request.case_id,
    kind: 'note',
    authorId: ctx.actor.userId,
    text: `Données du débiteur rectifiées à sa demande (RGPD art. 16) : ${changed.join(', ')}.`,
  });
  await recordAudit(emExec(em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'debtor_rectified',
    entity: 'debtor',
    entityId: request.debtor_id,
    caseId: request.case_id,
    creditorId: request.creditor_id,
    details: { requestId: request.id, fields: changed },
  });
  return changed;
}

async function updateContact(ctx: ActorContext, table: string, id: string, debtorId: string, set: string, values: unknown[]): Promise<void> {
  const rows = await ctx.em.execute<{ id: string }[]>(`update ${table} set ${set}, valid = true where id = ? and debtor_id = ? returning id`, [
    ...values,
    id,
    debtorId,
  ]);
  if (rows.length === 0) throw new AppError('not_found', 404, { contact: id });
}
