import { createHash } from 'node:crypto';
import type { SqlExec } from '../../plugins/sql.ts';

export const caseDocumentKinds = ['upload', 'letter', 'email', 'sms', 'plan_agreement', 'receipt', 'dispute_acknowledgment'] as const;
export type CaseDocumentKind = (typeof caseDocumentKinds)[number];

export type NewCaseDocument = {
  caseId: string;
  creditorId: string;
  kind: CaseDocumentKind;
  title: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  visibleToDebtor?: boolean;
  createdBy?: string | null;
};

/**
 * Keeps a file on a case with its SHA-256 (evidence of what was sent or received). Runs on the
 * caller's transaction (request entity manager or worker client), so a message and its evidence
 * are written together or not at all.
 */
export async function storeCaseDocument(exec: SqlExec, document: NewCaseDocument): Promise<{ id: string; sha256: string }> {
  const sha256 = createHash('sha256').update(document.content).digest('hex');
  const [row] = await exec<{ id: string }>(
    `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content, visible_to_debtor, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      document.caseId,
      document.creditorId,
      document.kind,
      document.title,
      document.fileName,
      document.contentType,
      document.content.length,
      sha256,
      document.content,
      document.visibleToDebtor ?? false,
      document.createdBy ?? null,
    ],
  );
  if (!row) throw new Error('case_document insert returned no row');
  return { id: row.id, sha256 };
}
