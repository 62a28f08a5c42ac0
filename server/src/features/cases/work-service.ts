import type { AddContactBody, BulkStatusBody, BulkStatusResult, ChangeStatusBody, ScheduleCallbackBody } from '@relance/contracts/case-work';
import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import { messageFor } from '@relance/contracts/errors';
import type { TimelineEvent } from '@relance/contracts/timeline-events';
import { parisDateTime } from '@relance/domain/calendar';
import { parisLocalToInstant } from '@relance/domain/contact-rules';
import { InvalidDateError } from '@relance/domain/dates';
import { toE164 } from '@relance/domain/identifiers';
import { findAccessible } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { gateOriginOf, toReasonDto } from './contact-rules.ts';
import { CollectionCase } from './entities.ts';
import { gateFor } from './legal-gate.ts';
import { changeCaseStatus } from './status.ts';
import { addEntry } from './timeline.ts';

// Case work from the case screen (issue 5): a status change with a reason, a callback, the
// debtor's contacts, the vulnerability flag. Disputes live in server/src/features/disputes.


async function note(ctx: ActorContext, caseId: string, kind: 'note' | 'callback' | 'vulnerability', text: string, event?: TimelineEvent): Promise<void> {
  await addEntry(emExec(ctx.em), ctx.clock, { caseId, kind, authorId: ctx.actor.userId, text, ...(event ? { event } : {}) });
}

function refuseClosed(status: string): void {
  if (status === 'closed') throw new AppError('case_closed', 409);
}

/**
 * Moves the case through packages/domain's table with a reason on the timeline. 'disputed' is
 * reached by flagging a dispute and left by resolving it (so the creditor hears of both);
 * 'promise' and 'payment_plan' by recording a promise or a plan. Closing needs an outcome.
 */
export async function changeStatusWithReason(ctx: ActorContext, caseId: string, body: ChangeStatusBody) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  if (body.status === 'closed' && !body.outcome) throw new AppError('outcome_required', 400, { field: 'outcome' });
  return await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const [open] = await em.execute<{ id: string }[]>('select id from case_dispute where case_id = ? and resolved_at is null', [found.id]);
    if (open) throw new AppError('dispute_open', 409, { disputeId: open.id });
    // Escalation is a judicial step with its own workflow (issue 16): proposed with its pre-checks,
    // approved by the creditor and a manager, and the case moves to legal or bailiff when the
    // action is filed or handed over (features/legal events.ts), never by a free-text status change.
    if (body.status === 'legal' || body.status === 'bailiff') throw new AppError('escalation_through_legal_action', 409, { proposeAt: `/api/v1/cases/${found.id}/legal-actions` });
    const result = await changeCaseStatus(tx, found.id, body.status, {
      reason: body.reason,
      ...(body.status === 'closed' && body.outcome ? { outcome: body.outcome } : {}),
      authorId: ctx.actor.userId,
    });
    return { caseId: found.id, from: result.from, to: body.status, changed: result.changed };
  });
}

/**
 * The case list's bulk status change (managers): every case goes through changeStatusWithReason,
 * the one door of a manual status change, each in its own transaction, so a disputed case or a
 * move the table forbids is listed with its code while the others move. Asking again is harmless
 * (a case already in the status is "unchanged"). One audit entry lists what moved and what was refused.
 */
export async function bulkChangeStatus(ctx: ActorContext, body: BulkStatusBody): Promise<BulkStatusResult> {
  if (body.status === 'closed' && !body.outcome) throw new AppError('outcome_required', 400, { field: 'outcome' });
  const ids = [...new Set(body.caseIds)];
  const result: BulkStatusResult = { moved: 0, unchanged: 0, refused: [] };
  const moved: string[] = [];
  for (const caseId of ids) {
    try {
      const change = await changeStatusWithReason(ctx, caseId, { status: body.status, reason: body.reason, ...(body.outcome ? { outcome: body.outcome } : {}) });
      if (change.changed) moved.push(caseId);
      else result.unchanged += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.refused.push({ caseId, reference: null, code: error.code, message: messageFor(error.code, ctx.locale), ...(error.details === undefined ? {} : { details: error.details }) });
    }
  }
  result.moved = moved.length;
  await withReferences(ctx, result.refused);
  // A retry that finds every case already moved changes nothing: nothing to add to the audit trail.
  if (moved.length === 0 && result.refused.length === 0) return result;
  await recordAudit(emExec(ctx.em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'cases_bulk_status_changed',
    entity: 'collection_case',
    entityId: null,
    details: { status: body.status, outcome: body.outcome ?? null, reason: body.reason, moved, unchanged: result.unchanged, refused: result.refused.map((r) => ({ caseId: r.caseId, code: r.code })) },
  });
  return result;
}

/** The refused cases' references, so the manager reads "REL-2026-000123" rather than an id. */
async function withReferences(ctx: ActorContext, refused: BulkStatusResult['refused']): Promise<void> {
  if (refused.length === 0) return;
  const rows = await ctx.em.execute<{ id: string; reference: string }[]>(
    'select id::text, reference from collection_case where id = any(?::uuid[])',
    [`{${refused.map((r) => r.caseId).join(',')}}`],
  );
  const references = new Map(rows.map((row) => [row.id, row.reference]));
  for (const entry of refused) entry.reference = references.get(entry.caseId) ?? null;
}

/**
 * Schedules a callback at a Paris wall-clock time: the queue serves the case first once it is due
 * (collection_case.callback_due_at). A time the legal gate would refuse a call at is accepted with
 * the reasons (the call itself goes through the gate when it is logged); the cap is left out, it is
 * counted when the call is made.
 */
export async function scheduleCallback(ctx: ActorContext, caseId: string, body: ScheduleCallbackBody) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  refuseClosed(found.status);
  let dueAt: Date;
  try {
    dueAt = parisLocalToInstant(body.date, body.time);
  } catch (error) {
    if (error instanceof InvalidDateError || error instanceof RangeError) throw new AppError('validation_failed', 400, { field: 'date' });
    throw error;
  }
  if (dueAt.getTime() <= ctx.clock.now().getTime()) throw new AppError('date_in_past', 400, { field: 'date', date: body.date, time: body.time });
  const { verdict } = await gateFor(ctx, found.id, { action: { kind: 'call' }, origin: gateOriginOf(ctx.actor), actorId: ctx.actor.userId, at: dueAt });
  const warnings: ContactRuleReason[] = [...verdict.reasons, ...verdict.warnings]
    .filter((reason) => reason.code !== 'contact_cap_reached')
    .map((reason) => toReasonDto(reason, dueAt));
  await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    await em.execute('update collection_case set callback_due_at = ? where id = ?', [dueAt, found.id]);
    await note(tx, found.id, 'callback', `Rappel prévu le ${parisDateTime(dueAt)} (heure de Paris).${body.note ? ` ${body.note}` : ''}`, {
      code: 'callback_scheduled',
      params: { dueAt: dueAt.toISOString(), note: body.note ?? null },
    });
  });
  return { caseId: found.id, callbackDueAt: dueAt.toISOString(), warnings };
}

export async function cancelCallback(ctx: ActorContext, caseId: string) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  await ctx.em.transactional(async (em) => {
    const rows = await em.execute<{ id: string }[]>(
      'update collection_case set callback_due_at = null where id = ? and callback_due_at is not null returning id',
      [found.id],
    );
    if (rows.length > 0) await note({ ...ctx, em }, found.id, 'callback', 'Rappel annulé.', { code: 'callback_cancelled', params: {} });
  });
  return { caseId: found.id, callbackDueAt: null, warnings: [] };
}

/** Flags the debtor vulnerable: every automated contact stops (the dunning run reads vulnerable_since). */
export async function flagVulnerable(ctx: ActorContext, caseId: string, noteText: string) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  await ctx.em.transactional(async (em) => {
    const rows = await em.execute<{ id: string }[]>(
      `update collection_case set vulnerable_since = ?, vulnerability_note = ?, vulnerability_flagged_by = ?
        where id = ? and vulnerable_since is null returning id`,
      [ctx.clock.now(), noteText, ctx.actor.userId, found.id],
    );
    if (rows.length === 0) throw new AppError('already_vulnerable', 409);
    await note({ ...ctx, em }, found.id, 'vulnerability', `Débiteur signalé vulnérable : contact suspendu. ${noteText}`, { code: 'vulnerability_flagged', params: { note: noteText } });
  });
  return { caseId: found.id, vulnerable: true };
}

/** A manager lifts the flag, saying why; the note of the flag is kept on the timeline only. */
export async function liftVulnerability(ctx: ActorContext, caseId: string, noteText: string) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  await ctx.em.transactional(async (em) => {
    const rows = await em.execute<{ id: string }[]>(
      `update collection_case set vulnerable_since = null, vulnerability_note = null, vulnerability_flagged_by = null
        where id = ? and vulnerable_since is not null returning id`,
      [found.id],
    );
    if (rows.length === 0) throw new AppError('not_vulnerable', 409);
    await note({ ...ctx, em }, found.id, 'vulnerability', `Signalement de vulnérabilité levé par ${ctx.actor.name} : ${noteText}`, {
      code: 'vulnerability_lifted',
      params: { by: ctx.actor.name, note: noteText },
    });
  });
  return { caseId: found.id, vulnerable: false };
}

const contactTables = {
  email: { table: 'debtor_email', column: 'email', label: 'e-mail' },
  phone: { table: 'debtor_phone', column: 'phone', label: 'téléphone' },
  address: { table: 'debtor_address', column: 'line1', label: 'adresse' },
} as const;

/** Adds an e-mail, a phone (stored as E.164) or a postal address to the case's debtor. */
export async function addContact(ctx: ActorContext, caseId: string, body: AddContactBody) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  let value: string;
  let rows: { id: string }[];
  if (body.kind === 'email') {
    value = body.email.toLowerCase();
    rows = await ctx.em.execute('insert into debtor_email (debtor_id, email) values (?, ?) on conflict do nothing returning id', [found.debtorId, value]);
  } else if (body.kind === 'phone') {
    const phone = toE164(body.phone);
    if (!phone) throw new AppError('invalid_phone', 400, { phone: body.phone });
    value = phone;
    rows = await ctx.em.execute('insert into debtor_phone (debtor_id, phone) values (?, ?) on conflict do nothing returning id', [found.debtorId, value]);
  } else {
    value = `${body.line1}, ${body.postalCode} ${body.city}`;
    rows = await ctx.em.execute(
      'insert into debtor_address (debtor_id, line1, postal_code, city, country) values (?, ?, ?, ?, ?) on conflict do nothing returning id',
      [found.debtorId, body.line1, body.postalCode, body.city, body.country],
    );
  }
  const [row] = rows;
  if (!row) throw new AppError('contact_exists', 409, { kind: body.kind });
  await note(ctx, found.id, 'note', `Contact ajouté (${contactTables[body.kind].label}) : ${value}.`, { code: 'contact_added', params: { contactKind: body.kind, value } });
  return { id: row.id, kind: body.kind, value, valid: true };
}

/** Marks a contact valid or invalid (wrong number, bounced e-mail, returned mail). */
export async function setContactValidity(
  ctx: ActorContext,
  caseId: string,
  kind: keyof typeof contactTables,
  contactId: string,
  body: { valid: boolean; note?: string | undefined },
) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const { table, column, label } = contactTables[kind];
  const [row] = await ctx.em.execute<{ id: string; value: string }[]>(
    `update ${table} set valid = ? where id = ? and debtor_id = ? returning id, ${column} as value`,
    [body.valid, contactId, found.debtorId],
  );
  if (!row) throw new AppError('not_found', 404);
  await note(
    ctx,
    found.id,
    'note',
    `Contact ${body.valid ? 'de nouveau valide' : 'marqué invalide'} (${label}) : ${row.value}.${body.note ? ` ${body.note}` : ''}`,
    { code: body.valid ? 'contact_valid_again' : 'contact_marked_invalid', params: { contactKind: kind, value: row.value, note: body.note ?? null } },
  );
  return { id: row.id, kind, value: row.value, valid: body.valid };
}
