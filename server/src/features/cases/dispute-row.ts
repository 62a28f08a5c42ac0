import type { Dispute } from '@relance/contracts/case-work';

/**
 * A case_dispute row as read with its opener's name, and its API form: shared by the disputes
 * feature (list, open, resolve) and the case detail (the open dispute, if any). It lives in cases:
 * disputes builds on cases, never the other way round (server/test/feature-cycles.test.ts).
 */
export type DisputeRow = {
  id: string;
  case_id: string;
  reason: string;
  opened_by: string | null;
  opened_by_name: string | null;
  opened_at: Date;
  opened_via: 'staff' | 'portal';
  reason_code: Dispute['reasonCode'];
  claim_ref: string | null;
  evidence_document_id: string | null;
  status_before: string;
  resolution: Dispute['resolution'];
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
};

export const disputeSelect = `select cd.*, u.name as opened_by_name, cl.invoice_ref as claim_ref
  from case_dispute cd left join app_user u on u.id = cd.opened_by left join claim cl on cl.id = cd.claim_id`;

export function toDisputeDto(row: DisputeRow): Dispute {
  return {
    id: row.id,
    caseId: row.case_id,
    reason: row.reason,
    openedBy: row.opened_by,
    openedByName: row.opened_by_name,
    openedVia: row.opened_via,
    reasonCode: row.reason_code,
    claimRef: row.claim_ref,
    evidenceDocumentId: row.evidence_document_id,
    openedAt: new Date(row.opened_at).toISOString(),
    statusBefore: row.status_before,
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
  };
}
