import type { EntityManager } from '@mikro-orm/postgresql';
import type { DisputeResolution } from '@relance/contracts/case-work';
import {
  type DisputeReasonCode,
  type PortalAttachment,
  type PortalDispute,
  type PortalDisputeResult,
  portalDisputeFields,
} from '@relance/contracts/portal-talk';
import { type PortalContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { portalIdempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import type { FormFile } from '../../plugins/multipart-form.ts';
import { emExec } from '../../plugins/sql.ts';
import { checkEvidence, type Evidence, storeDebtorFile } from '../documents/evidence.ts';
import { verifiedCaseId } from '../portal/verification.ts';
import { disputeReasonFr, openDisputeIn } from './service.ts';

// The debtor's door to a dispute (issue 18): from their page, with a reason from the list, their
// own words, the one claim they contest and a piece of evidence. It goes down the staff's path
// (service.ts openDisputeIn): the case goes to disputed, every contact stops (the legal gate and the
// dunning run read the open case_dispute row), the creditor is told (case.disputed). A second
// dispute while one is open records nothing and answers the open one's state (200, alreadyOpen):
// the debtor who taps twice, or comes back a week later, sees where their dispute stands.

type PortalDisputeRow = {
  id: string;
  opened_via: 'staff' | 'portal';
  reason_code: DisputeReasonCode | null;
  debtor_text: string | null;
  claim_ref: string | null;
  opened_at: Date;
  resolution: DisputeResolution | null;
  resolved_at: Date | null;
  evidence_id: string | null;
  evidence_file_name: string | null;
  evidence_content_type: PortalAttachment['contentType'] | null;
  evidence_size: number | null;
};

const portalDisputeSelect = `
  select cd.id, cd.opened_via, cd.reason_code, cd.debtor_text, cl.invoice_ref as claim_ref, cd.opened_at, cd.resolution, cd.resolved_at,
         doc.id as evidence_id, doc.file_name as evidence_file_name, doc.content_type as evidence_content_type, doc.size_bytes as evidence_size
    from case_dispute cd
    left join claim cl on cl.id = cd.claim_id
    left join case_document doc on doc.id = cd.evidence_document_id and doc.visible_to_debtor`;

/** The download address of a file the debtor sent, on their own page. */
export function portalFileUrl(token: string, documentId: string): string {
  return `/api/v1/portal/${encodeURIComponent(token)}/documents/${documentId}/download`;
}

/**
 * A dispute as the debtor reads it. One the agency recorded shows its state only: the agent's text
 * is an internal note, not the debtor's words.
 */
function toPortalDispute(row: PortalDisputeRow, token: string): PortalDispute {
  const mine = row.opened_via === 'portal';
  return {
    id: row.id,
    openedVia: row.opened_via,
    reason: mine ? row.reason_code : null,
    text: mine ? row.debtor_text : null,
    claimRef: mine ? row.claim_ref : null,
    openedAt: new Date(row.opened_at).toISOString(),
    state: row.resolved_at ? 'resolved' : 'open',
    outcome: row.resolved_at ? row.resolution : null,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    evidence:
      row.evidence_id && row.evidence_file_name && row.evidence_content_type
        ? [
            {
              id: row.evidence_id,
              fileName: row.evidence_file_name,
              contentType: row.evidence_content_type,
              sizeBytes: Number(row.evidence_size ?? 0),
              downloadUrl: portalFileUrl(token, row.evidence_id),
            },
          ]
        : [],
  };
}

/** case_dispute.reason of a debtor's dispute, as agents read it: "Déjà payé : <their words>". */
function storedReason(code: DisputeReasonCode, text: string | undefined): string {
  const label = disputeReasonFr(code);
  const capitalised = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  return text ? `${capitalised} : ${text}` : capitalised;
}

/** The case's disputes, newest first, as the verified debtor sees them. */
export async function listPortalDisputes(ctx: PortalContext): Promise<{ items: PortalDispute[] }> {
  const caseId = await verifiedCaseId(ctx);
  const rows = await ctx.em.execute<PortalDisputeRow[]>(`${portalDisputeSelect} where cd.case_id = ? order by cd.opened_at desc, cd.id desc`, [caseId]);
  return { items: rows.map((row) => toPortalDispute(row, ctx.debtor.token)) };
}

async function portalDisputeById(em: EntityManager, token: string, id: string): Promise<PortalDispute> {
  const [row] = await em.execute<PortalDisputeRow[]>(`${portalDisputeSelect} where cd.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toPortalDispute(row, token);
}

/** The fields of the form, checked: 400 validation_failed (a reason not in the list...), 400 dispute_text_required for "other" without words. */
function disputeFields(fields: Record<string, unknown>) {
  const parsed = portalDisputeFields.safeParse({
    reason: fields.reason,
    text: typeof fields.text === 'string' && fields.text.trim() === '' ? undefined : fields.text,
    claimRef: typeof fields.claimRef === 'string' && fields.claimRef.trim() === '' ? undefined : fields.claimRef,
  });
  if (!parsed.success) {
    throw new AppError('validation_failed', 400, { issues: parsed.error.issues.map((issue) => ({ path: `/${issue.path.join('/')}`, message: issue.message })) });
  }
  if (parsed.data.reason === 'other' && !parsed.data.text) throw new AppError('dispute_text_required', 400, { field: 'text' });
  return parsed.data;
}

/** The claim the debtor names: one of the live (not prescribed) claims their page shows, else 422 dispute_claim_unknown. */
async function liveClaim(ctx: PortalContext, em: EntityManager, caseId: string, claimRef: string | undefined): Promise<{ id: string; ref: string } | null> {
  if (claimRef === undefined) return null;
  const [claim] = await em.execute<{ id: string; invoice_ref: string }[]>(
    'select id, invoice_ref from claim where case_id = ? and invoice_ref = ? and prescription_date >= ?::date',
    [caseId, claimRef, todayInParis(ctx.clock)],
  );
  if (!claim) throw new AppError('dispute_claim_unknown', 422, { claimRef });
  return { id: claim.id, ref: claim.invoice_ref };
}

const OPERATION = 'POST /api/v1/portal/:token/disputes';

/**
 * The debtor disputes from their page. The evidence is checked (type from its bytes, images decoded
 * and re-encoded, a PDF complete) before the transaction; it is stored only once the case may be
 * disputed. 201 with the new dispute; 200 with the open one (`alreadyOpen`) when one is open; a
 * closed case is 409 portal_case_closed, a case before the court 409 dispute_at_court_stage.
 */
export async function openPortalDispute(
  ctx: PortalContext,
  form: { fields: Record<string, unknown>; file: FormFile | null },
  idempotencyKey: string | undefined,
): Promise<StoredResponse<PortalDisputeResult, 200 | 201>> {
  const caseId = await verifiedCaseId(ctx);
  const fields = disputeFields(form.fields);
  const evidence = form.file ? await checkEvidence(form.file) : null;
  const guard = portalIdempotencyGuard(caseId, idempotencyKey, OPERATION, { ...fields, file: evidence?.sha256OfUpload ?? null });
  return await runIdempotently<PortalDisputeResult, 200 | 201>(ctx.em, guard, async (em) => {
    const [found] = await em.execute<{ id: string; creditor_id: string }[]>('select id, creditor_id from collection_case where id = ?', [caseId]);
    if (!found) throw new AppError('portal_link_invalid', 404);
    const claim = await liveClaim(ctx, em, caseId, fields.claimRef);
    try {
      const disputeId = await openDisputeIn({ ...ctx, em }, { id: found.id, creditorId: found.creditor_id }, {
        via: 'portal',
        authorId: null,
        reason: storedReason(fields.reason, fields.text),
        reasonCode: fields.reason,
        claim,
        text: fields.text ?? null,
        evidence: evidence ? (tx) => storeEvidence(tx, found.id, found.creditor_id, evidence) : undefined,
      });
      return { status: 201, body: { ...(await portalDisputeById(em, ctx.debtor.token, disputeId)), alreadyOpen: false } };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'dispute_already_open') {
        const openId = (error.details as { disputeId: string }).disputeId;
        return { status: 200, body: { ...(await portalDisputeById(em, ctx.debtor.token, openId)), alreadyOpen: true } };
      }
      if (error.code === 'case_closed') throw new AppError('portal_case_closed', 409);
      if (error.code === 'forbidden_transition') throw new AppError('dispute_at_court_stage', 409);
      throw error;
    }
  });
}

async function storeEvidence(em: EntityManager, caseId: string, creditorId: string, evidence: Evidence) {
  const stored = await storeDebtorFile(emExec(em), {
    caseId,
    creditorId,
    kind: 'dispute_evidence',
    title: `Pièce de la contestation du débiteur : ${evidence.fileName}`,
    evidence,
  });
  return { documentId: stored.id, fileName: evidence.fileName };
}
