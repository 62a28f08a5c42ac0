import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type PortalMessage, type PortalMessageFields, portalMessageFields } from '@relance/contracts/portal-talk';
import type { PortalContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { portalIdempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import type { FormFile } from '../../plugins/multipart-form.ts';
import { emExec } from '../../plugins/sql.ts';
import { addEntry } from '../cases/timeline.ts';
import { checkEvidence, type Evidence, storeDebtorFile } from '../documents/evidence.ts';
import { verifiedCaseId } from '../portal/verification.ts';
import { excerpt, type MessageRow, messageSelect, TOPIC_FR, toPortalMessage } from './rows.ts';

// The debtor writes to the agency from their page (issue 18): a topic from a list (hardship, wrong
// address, already paid, a question...), their words and an optional file (the proof of a payment,
// a payslip), checked as a dispute's evidence is (documents/evidence.ts) and kept as a case
// document the creditor does not see. The message lands on the case's timeline (kind
// 'debtor_message', staff only) and in the team's inbox; the agency's replies show on the page.

/** The thread of the case, oldest first, as the verified debtor reads it. */
export async function listPortalMessages(ctx: PortalContext): Promise<{ items: PortalMessage[] }> {
  const caseId = await verifiedCaseId(ctx);
  const rows = await ctx.em.execute<MessageRow[]>(`${messageSelect} where m.case_id = ? order by m.created_at, m.seq limit 500`, [caseId]);
  return { items: rows.map((row) => toPortalMessage(row, ctx.debtor.token)) };
}

function messageFields(fields: Record<string, unknown>): PortalMessageFields {
  const parsed = portalMessageFields.safeParse({ topic: fields.topic, body: fields.body });
  if (!parsed.success) {
    throw new AppError('portal_message_invalid', 400, {
      issues: parsed.error.issues.map((issue) => ({ path: `/${issue.path.join('/')}`, message: issue.message })),
    });
  }
  return parsed.data;
}

/** A double tap without a key: the same words on the same topic within ten minutes are the same message. */
const SAME_MESSAGE_MS = 10 * 60 * 1000;
const OPERATION = 'POST /api/v1/portal/:token/messages';

/**
 * A message from the debtor: 201 with it. With an `Idempotency-Key` a retry replays the first
 * answer; without one, the same topic, words and file sent again within ten minutes answer the
 * message already recorded (200) instead of a second one.
 */
export async function sendPortalMessage(
  ctx: PortalContext,
  form: { fields: Record<string, unknown>; file: FormFile | null },
  idempotencyKey: string | undefined,
): Promise<StoredResponse<PortalMessage, 200 | 201>> {
  const caseId = await verifiedCaseId(ctx);
  const fields = messageFields(form.fields);
  const evidence = form.file ? await checkEvidence(form.file) : null;
  const guard = portalIdempotencyGuard(caseId, idempotencyKey, OPERATION, { ...fields, file: evidence?.sha256OfUpload ?? null });
  return await runIdempotently<PortalMessage, 200 | 201>(ctx.em, guard, async (em) => {
    const [found] = await em.execute<{ id: string; creditor_id: string }[]>('select id, creditor_id from collection_case where id = ? for update', [caseId]);
    if (!found) throw new AppError('portal_link_invalid', 404);
    const now = ctx.clock.now();
    const same = await sameRecentMessage(em, caseId, fields, evidence, now);
    if (same) return { status: 200, body: toPortalMessage(same, ctx.debtor.token) };
    const attachment = evidence ? await storeAttachment(em, found, fields, evidence) : null;
    const [row] = await em.execute<{ id: string }[]>(
      `insert into portal_message (case_id, creditor_id, direction, topic, body, attachment_document_id, created_at)
       values (?, ?, 'in', ?, ?, ?, ?) returning id`,
      [caseId, found.creditor_id, fields.topic, fields.body, attachment?.id ?? null, now],
    );
    const id = (row as { id: string }).id;
    const file = evidence ? ` Pièce jointe : ${evidence.fileName}.` : '';
    await addEntry(emExec(em), ctx.clock, {
      caseId,
      kind: 'debtor_message',
      text: `Message du débiteur sur sa page (${TOPIC_FR[fields.topic]}) : « ${excerpt(fields.body)} ».${file} À traiter dans « Messages des débiteurs ».`,
      event: { code: 'debtor_message_received', params: { topic: fields.topic, excerpt: excerpt(fields.body), fileName: evidence?.fileName ?? null } },
    });
    const [stored] = await em.execute<MessageRow[]>(`${messageSelect} where m.id = ?`, [id]);
    return { status: 201, body: toPortalMessage(stored as MessageRow, ctx.debtor.token) };
  });
}

async function sameRecentMessage(em: EntityManager, caseId: string, fields: PortalMessageFields, evidence: Evidence | null, now: Date): Promise<MessageRow | null> {
  const [row] = await em.execute<MessageRow[]>(
    `${messageSelect}
      where m.case_id = ? and m.direction = 'in' and m.topic = ? and m.body = ? and m.created_at > ?::timestamptz
        and ${evidence ? 'doc.sha256 = ?' : 'm.attachment_document_id is null'}
      order by m.created_at desc, m.seq desc limit 1`,
    [caseId, fields.topic, fields.body, new Date(now.getTime() - SAME_MESSAGE_MS), ...(evidence ? [sha256Of(evidence)] : [])],
  );
  return row ?? null;
}

function sha256Of(evidence: Evidence): string {
  return createHash('sha256').update(evidence.bytes).digest('hex');
}

async function storeAttachment(em: EntityManager, found: { id: string; creditor_id: string }, fields: PortalMessageFields, evidence: Evidence) {
  return await storeDebtorFile(emExec(em), {
    caseId: found.id,
    creditorId: found.creditor_id,
    kind: 'debtor_attachment',
    title: `Pièce jointe au message du débiteur (${TOPIC_FR[fields.topic]}) : ${evidence.fileName}`,
    evidence,
  });
}
