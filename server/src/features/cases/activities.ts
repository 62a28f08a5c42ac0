import type { Activity as ActivityDto } from '@relance/contracts/cases';
import type { ContactRuleReason, GateOverride } from '@relance/contracts/contact-rules';
import type { TimelineEvent, TimelineParam } from '@relance/contracts/timeline-events';
import { type Audience, findAccessible, seesVulnerability } from '../../plugins/access.ts';
import type { ActorContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { gateOriginOf, toReasonDto } from './contact-rules.ts';
import { CollectionCase } from './entities.ts';
import { assertGate } from './legal-gate.ts';
import { addEntry, clockAt, type TimelineKind } from './timeline.ts';

// The timeline as its readers see it, and the entries people add to it (calls, notes); the
// writing itself is timeline.ts's.

/**
 * The case timeline, as its audience may read it: the one place timeline entries are read for
 * showing (case detail, and any route or export to come). Anyone but agency staff (a creditor's
 * user or key, the debtor, an export) gets no 'vulnerability' entry (the flag, its note, its
 * lifting, a dunning step held for it) and no 'contact_refused_vulnerable' warning (recorded on a
 * promise or a plan agreed with a vulnerable debtor): the fact that a person is vulnerable and why
 * is health or hardship data the creditor has no need of. Nor any 'debtor_message' entry: what a
 * debtor writes to the agency from their page (hardship, a wrong address...) is internal. Nor an
 * agent's internal note (`activity.staff_only`: a note not shared with the creditor, the default).
 */
export async function listActivities(ctx: ServiceContext, caseId: string, audience: Audience): Promise<ActivityDto[]> {
  const staff = seesVulnerability(audience);
  const rows = await ctx.em.execute<
    {
      id: string;
      kind: ActivityDto['kind'];
      author_name: string | null;
      text: string;
      call_outcome: string | null;
      occurred_at: Date;
      contact_warnings: ContactRuleReason[] | null;
      staff_only: boolean;
      event: string | null;
      event_params: Record<string, TimelineParam> | null;
    }[]
  >(
    `select a.id, a.kind, u.name as author_name, a.text, a.call_outcome, a.occurred_at, a.contact_warnings, a.staff_only, a.event, a.event_params
       from activity a left join app_user u on u.id = a.author_id
      where a.case_id = ? and (?::boolean or (a.kind not in ('vulnerability', 'debtor_message') and not a.staff_only))
      order by a.occurred_at desc, a.id desc limit 200`,
    [caseId, staff],
  );
  return rows.map((row) => {
    const warnings = staff ? row.contact_warnings : (row.contact_warnings?.filter((reason) => reason.code !== 'contact_refused_vulnerable') ?? null);
    return {
      id: row.id,
      kind: row.kind,
      authorName: row.author_name,
      text: row.text,
      callOutcome: (row.call_outcome as ActivityDto['callOutcome']) ?? null,
      occurredAt: new Date(row.occurred_at).toISOString(),
      ...(warnings && warnings.length > 0 ? { contactWarnings: warnings } : {}),
      ...(row.staff_only ? { staffOnly: true as const } : {}),
      ...(row.event ? { event: { code: row.event, params: row.event_params ?? {} } } : {}),
    };
  });
}


/** Adds a timeline entry (cases/timeline.ts); used by this feature's routes and by other features' services. */
export async function recordActivity(
  ctx: ServiceContext,
  entry: { caseId: string; kind: TimelineKind; text: string; authorId?: string | null; callOutcome?: string | null; event?: TimelineEvent },
): Promise<void> {
  await addEntry(emExec(ctx.em), ctx.clock, entry);
}

/**
 * Logs a call or a note. A call goes through the legal gate first (cases/legal-gate.ts, action
 * 'call'): refused (422, the gate's code) on an open dispute, a vulnerable debtor, a closed
 * mandate, claims all prescribed or no valid phone; outside the hours, on a Sunday or a holiday
 * refused too (422 contact_outside_hours / contact_closed_day / contact_public_holiday) unless the
 * agency relaxed the hours to a warning, then logged with the warning recorded on the entry; over
 * the cap per debtor over 7 days (across channels and creditors) refused (422 contact_cap_reached).
 * A manager may override the window and the cap with a written reason (audit trail). The debtor
 * identity is locked for the transaction, so two agents calling the same person at once count each
 * other. A call answers a due callback (unless the debtor asks again).
 */
export async function logCaseActivity(
  ctx: ActorContext,
  caseId: string,
  body: {
    kind: 'call' | 'note';
    text: string;
    callOutcome?: string | undefined;
    override?: GateOverride | undefined;
    sharedWithCreditor?: boolean | undefined;
  },
): Promise<ActivityDto> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  if (body.kind === 'call' && !body.callOutcome) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'callOutcome', message: 'required for a call' }] });
  }
  if (body.kind !== 'call' && body.override) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'override', message: 'only for a call' }] });
  }
  if (body.kind !== 'note' && body.sharedWithCreditor !== undefined) {
    throw new AppError('validation_failed', 400, { issues: [{ path: 'sharedWithCreditor', message: 'only for a note' }] });
  }
  // An agent's note is the agency's own unless shared (issue 19); a call is the creditor's to read.
  const staffOnly = body.kind === 'note' && body.sharedWithCreditor !== true;
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    let warnings: ContactRuleReason[] | null = null;
    if (body.kind === 'call') {
      await em.execute(
        'select pg_advisory_xact_lock(hashtext(d.identity_key)) from collection_case c join debtor d on d.id = c.debtor_id where c.id = ?',
        [found.id],
      );
      const verdict = await assertGate(tx, found.id, {
        action: { kind: 'call' },
        origin: gateOriginOf(ctx.actor),
        actorId: ctx.actor.userId,
        at: now,
        ...(body.override ? { override: body.override } : {}),
      });
      if (verdict.warnings.length > 0) warnings = verdict.warnings.map((reason) => toReasonDto(reason, now));
    }
    const id = await addEntry(emExec(em), clockAt(now), {
      caseId: found.id,
      kind: body.kind,
      authorId: ctx.actor.userId,
      text: body.text,
      callOutcome: body.kind === 'call' ? (body.callOutcome ?? null) : null,
      contactWarnings: warnings,
      staffOnly,
    });
    if (body.kind === 'call' && body.callOutcome !== 'asks_callback') {
      await em.execute('update collection_case set callback_due_at = null where id = ? and callback_due_at <= ?', [found.id, now]);
    }
    return {
      id,
      kind: body.kind,
      authorName: ctx.actor.name,
      text: body.text,
      callOutcome: body.kind === 'call' ? ((body.callOutcome as ActivityDto['callOutcome']) ?? null) : null,
      occurredAt: now.toISOString(),
      ...(warnings ? { contactWarnings: warnings } : {}),
      ...(staffOnly ? { staffOnly: true as const } : {}),
    };
  });
}
