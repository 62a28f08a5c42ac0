import type { EntityManager } from '@mikro-orm/postgresql';
import type { Dispute, ResolveDisputeBody } from '@relance/contracts/case-work';
import type { DisputeReasonCode } from '@relance/contracts/portal-talk';
import type { TimelineEvent } from '@relance/contracts/timeline-events';
import { type CaseStatus, canTransition } from '@relance/domain/case-status';
import { findAccessible } from '../../plugins/access.ts';
import type { ActorContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { type DisputeRow, disputeSelect, toDisputeDto } from '../cases/dispute-row.ts';
import { CollectionCase } from '../cases/entities.ts';
import { changeCaseStatus, outcomeFr } from '../cases/status.ts';
import { addEntry, clockAt } from '../cases/timeline.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';

// Disputes (contestations). Flagging one opens a case_dispute row (one open per case, unique
// index), moves the case to 'disputed' through packages/domain's table (the status before is kept
// to restore it), stops every contact until it is resolved (the contact rules and the dunning run
// read the open row and the status), and tells the creditor (webhook event case.disputed: the
// creditor has to answer the debtor's grounds). The resolution says who was right:
// - upheld: the debtor was right, the case closes as returned to the creditor;
// - rejected: collection resumes where it was;
// - settled: an agreement was found, collection resumes on its terms;
// an explicit outcome closes the case instead. The creditor hears of it (case.dispute_resolved).

const RESOLUTION_FR = { upheld: 'contestation fondée', rejected: 'contestation rejetée', settled: 'accord trouvé' } as const;

export async function listDisputes(ctx: ActorContext, caseId: string): Promise<{ items: Dispute[]; nextCursor: null }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await ctx.em.execute<DisputeRow[]>(`${disputeSelect} where cd.case_id = ? order by cd.opened_at desc, cd.id`, [found.id]);
  return { items: rows.map(toDisputeDto), nextCursor: null };
}

export async function openDispute(ctx: ActorContext, caseId: string, reason: string): Promise<Dispute> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const id = await ctx.em.transactional(async (em) =>
    openDisputeIn({ ...ctx, em }, found, { via: 'staff', authorId: ctx.actor.userId, reason }),
  );
  return await disputeById(ctx, id);
}

/** How a dispute came in: an agent recording what the debtor said, or the debtor on their page. */
export type DisputeOpening = {
  via: 'staff' | 'portal';
  /** The agent; null for the debtor (who is no user). */
  authorId: string | null;
  /** The grounds as the agency reads them (case_dispute.reason): the agent's text, or the debtor's reason and words. */
  reason: string;
  reasonCode?: DisputeReasonCode | null;
  /** The one claim contested (a live claim of the case); none for the whole debt. */
  claim?: { id: string; ref: string } | null;
  /** Stores the evidence once the case may be disputed (locked, no dispute open): its document id and file name. */
  evidence?: (em: EntityManager) => Promise<{ documentId: string; fileName: string } | null>;
  /** The debtor's own words (case_dispute.debtor_text: their page shows them back), quoted on the timeline. */
  text?: string | null;
};

const REASON_FR: Record<DisputeReasonCode, string> = {
  not_owed: 'somme non due',
  already_paid: 'déjà payé',
  amount_wrong: 'montant erroné',
  goods_or_service_defective: 'marchandise ou prestation non livrée ou non conforme',
  not_me: "le débiteur dit ne pas être la personne redevable",
  other: 'autre motif',
};

/** The reason of the page's list as agents read it (French: the staff app's language). */
export function disputeReasonFr(code: DisputeReasonCode): string {
  return REASON_FR[code];
}

/**
 * The one path of both doors, in the caller's transaction: locks the case, refuses a closed case
 * (409 case_closed) or a second open dispute (409 dispute_already_open with its id), moves the case
 * to disputed (409 forbidden_transition at the legal or bailiff stage: the court hears it), stores
 * the evidence, writes the case_dispute row and the timeline entry, and tells the creditor
 * (case.disputed with the reason code, the claim and the evidence). Answers the dispute's id.
 */
export async function openDisputeIn(tx: ServiceContext, found: { id: string; creditorId: string }, opening: DisputeOpening): Promise<string> {
  const em = tx.em;
  const now = tx.clock.now();
  const [current] = await em.execute<{ status: CaseStatus; reference: string; external_ref: string | null }[]>(
    'select status, reference, external_ref from collection_case where id = ? for update',
    [found.id],
  );
  if (!current) throw new AppError('not_found', 404);
  if (current.status === 'closed') throw new AppError('case_closed', 409);
  const [open] = await em.execute<{ id: string }[]>('select id from case_dispute where case_id = ? and resolved_at is null', [found.id]);
  if (open) throw new AppError('dispute_already_open', 409, { disputeId: open.id });
  const statusReason = opening.via === 'staff' ? `Litige : ${opening.reason}` : `Contestation du débiteur sur sa page : ${opening.reason}`;
  await changeCaseStatus(tx, found.id, 'disputed', { reason: statusReason, authorId: opening.authorId });
  const evidence = (await opening.evidence?.(em)) ?? null;
  const [row] = await em.execute<{ id: string }[]>(
    `insert into case_dispute (case_id, creditor_id, reason, opened_by, opened_at, status_before, opened_via, reason_code, debtor_text, claim_id, evidence_document_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      found.id,
      found.creditorId,
      opening.reason,
      opening.authorId,
      now,
      current.status,
      opening.via,
      opening.reasonCode ?? null,
      opening.text ?? null,
      opening.claim?.id ?? null,
      evidence?.documentId ?? null,
    ],
  );
  const disputeId = (row as { id: string }).id;
  await addEntry(emExec(em), clockAt(now), { caseId: found.id, kind: 'dispute', authorId: opening.authorId, text: openingEntry(opening, evidence), event: openingEvent(opening, evidence) });
  await emitCreditorEvent(em, {
    creditorId: found.creditorId,
    type: 'case.disputed',
    data: {
      caseId: found.id,
      reference: current.reference,
      externalRef: current.external_ref,
      disputeId,
      reason: opening.reason,
      previousStatus: current.status,
      openedVia: opening.via,
      reasonCode: opening.reasonCode ?? null,
      claimRef: opening.claim?.ref ?? null,
      evidenceDocumentId: evidence?.documentId ?? null,
    },
    occurredAt: now,
  });
  return disputeId;
}

const CONTACT_STOPS = "Tout contact est suspendu jusqu'à sa résolution ; le créancier est informé.";

/** The opening as data: the screen says it in its language (the debtor's reason by label, their words as they wrote them). */
function openingEvent(opening: DisputeOpening, evidence: { fileName: string } | null): TimelineEvent {
  if (opening.via === 'staff') return { code: 'dispute_opened', params: { reason: opening.reason } };
  return {
    code: 'dispute_opened_by_debtor',
    params: {
      disputeReason: opening.reasonCode ?? null,
      reason: opening.reasonCode ? null : opening.reason,
      invoiceRef: opening.claim?.ref ?? null,
      words: opening.text ?? null,
      fileName: evidence?.fileName ?? null,
    },
  };
}

function openingEntry(opening: DisputeOpening, evidence: { fileName: string } | null): string {
  if (opening.via === 'staff') return `Litige ouvert : ${opening.reason}. ${CONTACT_STOPS}`;
  const what = opening.reasonCode ? disputeReasonFr(opening.reasonCode) : opening.reason;
  const scope = opening.claim ? `, sur la facture ${opening.claim.ref}` : ', sur toute la dette';
  const words = opening.text ? ` — « ${opening.text} »` : '';
  const file = evidence ? ` Pièce jointe : ${evidence.fileName}.` : '';
  return `Contestation déposée par le débiteur sur sa page : ${what}${scope}${words}.${file} ${CONTACT_STOPS}`;
}

async function disputeById(ctx: ActorContext, id: string): Promise<Dispute> {
  const [row] = await ctx.em.execute<DisputeRow[]>(`${disputeSelect} where cd.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toDisputeDto(row);
}

/** The status the case goes back to: the one before the dispute when the table allows it, else amicable. */
function statusAfter(statusBefore: string): CaseStatus {
  const before = statusBefore as CaseStatus;
  return before !== 'closed' && before !== 'disputed' && canTransition('disputed', before) ? before : 'amicable';
}

export async function resolveDispute(ctx: ActorContext, caseId: string, disputeId: string, body: ResolveDisputeBody): Promise<Dispute> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const now = ctx.clock.now();
    const [dispute] = await em.execute<{ id: string; status_before: string; resolved_at: Date | null }[]>(
      'select id, status_before, resolved_at from case_dispute where id = ? and case_id = ? for update',
      [disputeId, found.id],
    );
    if (!dispute) throw new AppError('not_found', 404);
    if (dispute.resolved_at) throw new AppError('dispute_not_open', 409);
    const outcome = body.outcome ?? (body.resolution === 'upheld' ? 'returned_to_creditor' : undefined);
    const target: CaseStatus = outcome ? 'closed' : statusAfter(dispute.status_before);
    await em.execute('update case_dispute set resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = ? where id = ?', [
      body.resolution,
      body.note,
      ctx.actor.userId,
      now,
      disputeId,
    ]);
    const [current] = await em.execute<{ status: CaseStatus; reference: string; external_ref: string | null }[]>(
      'select status, reference, external_ref from collection_case where id = ?',
      [found.id],
    );
    if (current?.status === 'disputed') {
      await changeCaseStatus(tx, found.id, target, {
        reason: `Litige résolu (${RESOLUTION_FR[body.resolution]}) : ${body.note}`,
        ...(outcome ? { outcome } : {}),
        authorId: ctx.actor.userId,
      });
    }
    await addEntry(emExec(em), clockAt(now), {
      caseId: found.id,
      kind: 'dispute',
      authorId: ctx.actor.userId,
      text: `Litige résolu (${RESOLUTION_FR[body.resolution]}) : ${body.note}${outcome ? ` Dossier clos (${outcomeFr[outcome]}).` : ' Le recouvrement reprend.'}`,
      event: { code: 'dispute_resolved', params: { resolution: body.resolution, note: body.note, outcome: outcome ?? null } },
    });
    await emitCreditorEvent(em, {
      creditorId: found.creditorId,
      type: 'case.dispute_resolved',
      data: {
        caseId: found.id,
        reference: current?.reference ?? null,
        externalRef: current?.external_ref ?? null,
        disputeId,
        resolution: body.resolution,
        note: body.note,
        status: current?.status === 'disputed' ? target : (current?.status ?? null),
        outcome: outcome ?? null,
      },
      occurredAt: now,
    });
  });
  return await disputeById(ctx, disputeId);
}
