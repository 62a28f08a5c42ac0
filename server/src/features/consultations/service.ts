import type { AnswerConsultationBody, Consultation, ConsultationListQuery, ConsultationStatus } from '@relance/contracts/consultations';
import { creditorScope, requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, rawSql, type SqlExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { addEntry, clockAt } from '../cases/timeline.ts';
import { notifyUser } from '../notifications/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';

// Dispute consultations (issue 19): while a dispute is open, an agent asks the creditor a question
// about it; the creditor answers once, joining files it uploaded to the case first
// (POST /cases/{id}/documents, a pièce kind allowed). The status is read, never stored:
// - answered: the creditor answered (answered_at);
// - closed: the dispute was resolved before any answer (the question no longer matters, and an
//   answer is refused with 409 consultation_closed);
// - open: otherwise.
// So resolving a dispute closes its consultations without the disputes feature knowing of them.
// The creditor hears of a question (webhook dispute.consultation_requested), the agent who asked
// hears of the answer (notification), both are written on the case timeline (creditor-visible).

type ConsultationRow = {
  id: string;
  case_id: string;
  case_reference: string;
  creditor_id: string;
  debtor_name: string;
  dispute_id: string;
  dispute_reason: string;
  question: string;
  asked_at: Date;
  asked_by_name: string | null;
  status: ConsultationStatus;
  answer: string | null;
  answer_document_ids: string[];
  answered_at: Date | null;
  answered_by_name: string | null;
  documents: { id: string; title: string; fileName: string }[] | null;
};

const STATUS_SQL = `case when dc.answered_at is not null then 'answered' when cd.resolved_at is not null then 'closed' else 'open' end`;

const SELECT = `select dc.id, dc.case_id, c.reference as case_reference, dc.creditor_id, d.display_name as debtor_name, dc.dispute_id,
       cd.reason as dispute_reason, dc.question, dc.asked_at, asker.name as asked_by_name, ${STATUS_SQL} as status,
       dc.answer, dc.answer_document_ids, dc.answered_at, answerer.name as answered_by_name,
       (select json_agg(json_build_object('id', doc.id, 'title', doc.title, 'fileName', doc.file_name) order by doc.created_at, doc.id)
          from case_document doc where doc.id = any(dc.answer_document_ids) and doc.case_id = dc.case_id) as documents
  from dispute_consultation dc
  join collection_case c on c.id = dc.case_id
  join debtor d on d.id = c.debtor_id
  join case_dispute cd on cd.id = dc.dispute_id
  left join app_user asker on asker.id = dc.asked_by
  left join app_user answerer on answerer.id = dc.answered_by`;

function toDto(row: ConsultationRow): Consultation {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    creditorId: row.creditor_id,
    debtorName: row.debtor_name,
    disputeId: row.dispute_id,
    disputeReason: row.dispute_reason,
    question: row.question,
    askedAt: new Date(row.asked_at).toISOString(),
    askedByName: row.asked_by_name,
    status: row.status,
    answer: row.answer,
    answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
    answeredByName: row.answered_by_name,
    documents: row.documents ?? [],
  };
}

async function consultationById(ctx: ActorContext, id: string): Promise<Consultation> {
  const [row] = await ctx.em.execute<ConsultationRow[]>(`${SELECT} where dc.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toDto(row);
}

/** The consultations the caller may see, newest first (a creditor's own; staff every creditor's, or one). */
export async function listConsultations(ctx: ActorContext, query: ConsultationListQuery): Promise<{ items: Consultation[]; nextCursor: null }> {
  const creditorId = creditorScope(ctx.actor) ?? query.creditorId;
  const filters: SqlFragment[] = [];
  if (creditorId) filters.push(sql`dc.creditor_id = ${creditorId}::uuid`);
  if (query.caseId) filters.push(sql`dc.case_id = ${query.caseId}::uuid`);
  if (query.status) filters.push(sql`${rawSql(STATUS_SQL)} = ${query.status}`);
  const statement = sql`${rawSql(SELECT)} ${whereAll(filters)} order by dc.asked_at desc, dc.id limit 200`;
  const rows = await ctx.em.execute<ConsultationRow[]>(statement.sql, [...statement.params]);
  return { items: rows.map(toDto), nextCursor: null };
}

/**
 * An agent asks the creditor about an open dispute of the case (409 dispute_not_open once it is
 * resolved). The same question still unanswered on the same dispute is the same consultation (a
 * retry writes nothing twice: `created` false). Timeline entry, webhook dispute.consultation_requested.
 */
export async function askConsultation(
  ctx: ActorContext,
  caseId: string,
  disputeId: string,
  question: string,
): Promise<{ consultation: Consultation; created: boolean }> {
  await requireAccess(ctx, 'case', caseId);
  const result = await ctx.em.transactional(async (em) => {
    const now = ctx.clock.now();
    const [dispute] = await em.execute<{ id: string; creditor_id: string; resolved_at: Date | null; reference: string; external_ref: string | null }[]>(
      `select cd.id, cd.creditor_id, cd.resolved_at, c.reference, c.external_ref
         from case_dispute cd join collection_case c on c.id = cd.case_id where cd.id = ? and cd.case_id = ? for update of cd`,
      [disputeId, caseId],
    );
    if (!dispute) throw new AppError('not_found', 404);
    if (dispute.resolved_at) throw new AppError('dispute_not_open', 409);
    const [existing] = await em.execute<{ id: string }[]>(
      'select id from dispute_consultation where dispute_id = ? and md5(question) = md5(?) and answered_at is null',
      [disputeId, question],
    );
    if (existing) return { id: existing.id, created: false };
    const [row] = await em.execute<{ id: string }[]>(
      `insert into dispute_consultation (case_id, creditor_id, dispute_id, question, asked_by, asked_at) values (?, ?, ?, ?, ?, ?) returning id`,
      [caseId, dispute.creditor_id, disputeId, question, ctx.actor.userId, now],
    );
    const id = (row as { id: string }).id;
    await addEntry(emExec(em), clockAt(now), { caseId, kind: 'dispute', authorId: ctx.actor.userId, text: `Question posée au créancier sur le litige : « ${question} »`, event: { code: 'consultation_asked', params: { question } } });
    await emitCreditorEvent(em, {
      creditorId: dispute.creditor_id,
      type: 'dispute.consultation_requested',
      data: { caseId, reference: dispute.reference, externalRef: dispute.external_ref, disputeId, consultationId: id, question },
      occurredAt: now,
    });
    return { id, created: true };
  });
  return { consultation: await consultationById(ctx, result.id), created: result.created };
}

type LockedConsultation = {
  id: string;
  case_id: string;
  creditor_id: string;
  asked_by: string | null;
  answer: string | null;
  answer_document_ids: string[];
  resolved_at: Date | null;
};

const sameSet = (left: readonly string[], right: readonly string[]) => left.length === right.length && [...left].sort().join() === [...right].sort().join();

/**
 * The creditor answers, once. The files must be this case's (422 consultation_document_not_in_case
 * otherwise, whoever's they are). The same answer again returns the consultation as it is; another
 * one once answered is 409 consultation_already_answered; after the dispute was resolved, 409
 * consultation_closed. Timeline entry (with the files' names), notification to the agent who asked.
 */
export async function answerConsultation(ctx: ActorContext, id: string, body: AnswerConsultationBody): Promise<Consultation> {
  await requireAccess(ctx, 'consultation', id);
  const documentIds = [...new Set(body.documentIds ?? [])];
  await ctx.em.transactional(async (em) => {
    const now = ctx.clock.now();
    const [found] = await em.execute<LockedConsultation[]>(
      `select dc.id, dc.case_id, dc.creditor_id, dc.asked_by, dc.answer, dc.answer_document_ids, cd.resolved_at
         from dispute_consultation dc join case_dispute cd on cd.id = dc.dispute_id where dc.id = ? for update of dc`,
      [id],
    );
    if (!found) throw new AppError('not_found', 404);
    if (found.answer !== null) {
      if (found.answer === body.answer && sameSet(found.answer_document_ids, documentIds)) return;
      throw new AppError('consultation_already_answered', 409);
    }
    if (found.resolved_at) throw new AppError('consultation_closed', 409);
    const files = await caseFiles(emExec(em), found.case_id, documentIds);
    await em.execute('update dispute_consultation set answer = ?, answer_document_ids = ?::uuid[], answered_by = ?, answered_at = ? where id = ?', [
      body.answer,
      `{${documentIds.join(',')}}`,
      ctx.actor.userId,
      now,
      id,
    ]);
    const joined = files.length > 0 ? ` Pièces jointes : ${files.join(', ')}.` : '';
    await addEntry(emExec(em), clockAt(now), {
      caseId: found.case_id,
      kind: 'dispute',
      authorId: ctx.actor.userId,
      text: `Réponse du créancier à la question sur le litige : « ${body.answer} »${joined}`,
      event: { code: 'consultation_answered', params: { answer: body.answer, files: files.length > 0 ? files.join(', ') : null } },
    });
    if (found.asked_by) {
      await notifyUser(emExec(em), clockAt(now), {
        userId: found.asked_by,
        kind: 'consultation_answered',
        text: `Le créancier a répondu à votre question sur le litige${files.length > 0 ? ` (${files.length} pièce(s))` : ''}.`,
        creditorId: found.creditor_id,
        caseId: found.case_id,
        dedupeKey: `consultation_answered:${id}`,
      });
    }
  });
  return await consultationById(ctx, id);
}

/** The names of the files, each of which must be a file of the case the caller may see. */
async function caseFiles(exec: SqlExec, caseId: string, documentIds: readonly string[]): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const rows = await exec<{ id: string; file_name: string }>(
    `select id, file_name from case_document where case_id = ? and id = any(?::uuid[]) and kind <> 'debtor_attachment' order by created_at, id`,
    [caseId, `{${documentIds.join(',')}}`],
  );
  if (rows.length !== documentIds.length) {
    const known = new Set(rows.map((row) => row.id));
    throw new AppError('consultation_document_not_in_case', 422, { documentIds: documentIds.filter((documentId) => !known.has(documentId)) });
  }
  return rows.map((row) => row.file_name);
}
