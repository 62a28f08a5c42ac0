import { createHash } from 'node:crypto';
import { type CaseDocument, MAX_UPLOAD_BYTES, type PieceKind, type PortalDocument } from '@relance/contracts/documents';
import { findAccessible, isAgencyStaff } from '../../plugins/access.ts';
import type { ActorContext, PortalContext, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordCaseRead } from '../audit/service.ts';
import { recordActivity } from '../cases/activities.ts';
import { CollectionCase } from '../cases/entities.ts';
import { verifiedCaseId } from '../portal/verification.ts';

export const caseDocumentKinds = ['upload', 'letter', 'email', 'sms', 'plan_agreement', 'receipt', 'dispute_acknowledgment', 'legal_filing', 'legal_act', 'dispute_evidence', 'debtor_attachment'] as const;
export type CaseDocumentKind = (typeof caseDocumentKinds)[number];

/**
 * Files the debtor sent from their page (documents/evidence.ts): not among the letters they
 * received, and a message's attachment ('debtor_attachment': a payslip, a medical certificate) is
 * for agency staff only, like the message itself; a dispute's evidence the creditor sees.
 */
const SENT_BY_DEBTOR = `kind not in ('dispute_evidence', 'debtor_attachment')`;
const STAFF_ONLY_KINDS = `kind <> 'debtor_attachment'`;

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
  /** An upload that is a pièce for a legal action (invoice, contract...). */
  pieceKind?: PieceKind | null;
  /** A document of a legal action (its requête, bordereau, generated pièces). */
  legalActionId?: string | null;
};

/**
 * Keeps a file on a case with its SHA-256 (evidence of what was sent or received). Runs on the
 * caller's transaction (request entity manager or worker client), so a message and its evidence
 * are written together or not at all.
 */
export async function storeCaseDocument(exec: SqlExec, document: NewCaseDocument): Promise<{ id: string; sha256: string }> {
  const sha256 = createHash('sha256').update(document.content).digest('hex');
  const [row] = await exec<{ id: string }>(
    `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content, visible_to_debtor, created_by,
                                piece_kind, legal_action_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
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
      document.pieceKind ?? null,
      document.legalActionId ?? null,
    ],
  );
  if (!row) throw new Error('case_document insert returned no row');
  return { id: row.id, sha256 };
}

// ---------------------------------------------------------------------------------------------
// Reading and uploading (case screen, debtor's page)


type DocumentRow = {
  id: string;
  case_id: string;
  kind: CaseDocumentKind;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  piece_kind: PieceKind | null;
  created_at: Date;
};

const documentColumns = 'id, case_id, kind, title, file_name, content_type, size_bytes, sha256, piece_kind, created_at';

function toDocumentDto(row: DocumentRow): CaseDocument {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256.trim(),
    pieceKind: row.piece_kind,
    createdAt: new Date(row.created_at).toISOString(),
    downloadUrl: `/api/v1/cases/${row.case_id}/documents/${row.id}/download`,
  };
}

/** The files of a case, newest first; a creditor user or API key sees its own cases only (foreign id -> 404). */
export async function listCaseDocuments(ctx: ActorContext, caseId: string): Promise<{ items: CaseDocument[] }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await ctx.em.execute<DocumentRow[]>(
    `select ${documentColumns} from case_document where case_id = ? ${isAgencyStaff(ctx.actor) ? '' : `and ${STAFF_ONLY_KINDS}`}
      order by created_at desc, id desc limit 500`,
    [found.id],
  );
  return { items: rows.map(toDocumentDto) };
}

export type DocumentContent = { fileName: string; contentType: string; sha256: string; content: Buffer };

async function documentContent(ctx: ServiceContext, caseId: string, documentId: string, reader: 'debtor' | 'staff' | 'creditor'): Promise<DocumentContent> {
  const [row] = await ctx.em.execute<{ file_name: string; content_type: string; sha256: string; content: Buffer }[]>(
    `select file_name, content_type, sha256, content from case_document
      where id = ? and case_id = ? ${reader === 'debtor' ? 'and visible_to_debtor' : reader === 'creditor' ? `and ${STAFF_ONLY_KINDS}` : ''}`,
    [documentId, caseId],
  );
  if (!row) throw new AppError('not_found', 404);
  return { fileName: row.file_name, contentType: row.content_type, sha256: row.sha256.trim(), content: row.content };
}

export async function getCaseDocumentContent(ctx: ActorContext, caseId: string, documentId: string): Promise<DocumentContent> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const content = await documentContent(ctx, found.id, documentId, isAgencyStaff(ctx.actor) ? 'staff' : 'creditor');
  await recordCaseRead(ctx, { action: 'document_downloaded', caseId: found.id, creditorId: found.creditorId, entity: 'document', entityId: documentId });
  return content;
}

/** The debtor's own letters and e-mails (visible_to_debtor), through their page's token. */
export async function listPortalDocuments(ctx: PortalContext): Promise<{ items: PortalDocument[] }> {
  const caseId = await verifiedCaseId(ctx);
  const rows = await ctx.em.execute<DocumentRow[]>(
    `select ${documentColumns} from case_document where case_id = ? and visible_to_debtor and ${SENT_BY_DEBTOR} order by created_at desc, id desc limit 200`,
    [caseId],
  );
  return {
    items: rows.map((row) => {
      const { sha256: _hash, ...rest } = toDocumentDto(row);
      return { ...rest, downloadUrl: `/api/v1/portal/${encodeURIComponent(ctx.debtor.token)}/documents/${row.id}/download` };
    }),
  };
}

export async function getPortalDocumentContent(ctx: PortalContext, documentId: string): Promise<DocumentContent> {
  const caseId = await verifiedCaseId(ctx);
  return await documentContent(ctx, caseId, documentId, 'debtor');
}

/**
 * The type of an upload, from its first bytes (the declared type is not trusted): PDF, PNG,
 * JPEG, or plain text (UTF-8 without control characters other than tab and line breaks).
 */
export function sniffUploadType(bytes: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/plain' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return null;
  return 'text/plain';
}

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt', 'text', 'csv', 'log'],
};

/**
 * A file added to the case by staff (a debtor's letter, a proof of delivery...) or by the creditor
 * on its own case (an invoice, the contract: pièces for a legal action, with their kind), with a
 * timeline entry.
 */
export async function uploadCaseDocument(
  ctx: ActorContext,
  caseId: string,
  read: () => Promise<{ fileName: string; bytes: Buffer; title?: string | undefined; pieceKind?: PieceKind | undefined }>,
): Promise<CaseDocument> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const file = await read();
  if (file.bytes.length > MAX_UPLOAD_BYTES) throw new AppError('document_too_large', 413, { maxBytes: MAX_UPLOAD_BYTES });
  const sniffed = sniffUploadType(file.bytes);
  const extension = file.fileName.toLowerCase().split('.').pop() ?? '';
  if (!sniffed || !(EXTENSIONS[sniffed] ?? []).includes(extension)) {
    throw new AppError('document_type_not_allowed', 415, { allowed: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed from the name
  const fileName = file.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
  const title = file.title?.trim().slice(0, 200) || fileName;
  return await ctx.em.transactional(async (em) => {
    const stored = await storeCaseDocument(emExec(em), {
      caseId: found.id,
      creditorId: found.creditorId,
      kind: 'upload',
      title,
      fileName,
      contentType: sniffed === 'text/plain' ? 'text/plain; charset=utf-8' : sniffed,
      content: file.bytes,
      visibleToDebtor: false,
      createdBy: ctx.actor.userId,
      pieceKind: file.pieceKind ?? null,
    });
    await recordActivity({ ...ctx, em }, { caseId: found.id, kind: 'document', text: `Document ajouté : ${title} (${fileName})`, authorId: ctx.actor.userId });
    const [row] = await em.execute<DocumentRow[]>(`select ${documentColumns} from case_document where id = ?`, [stored.id]);
    return toDocumentDto(row as DocumentRow);
  });
}

/**
 * Marks a file of the case as a pièce of the given kind (e.g. the title a creditor already holds,
 * named when an enforcement is proposed). 404 when the file is not this case's.
 */
export async function markCaseDocumentAsPiece(exec: SqlExec, caseId: string, documentId: string, pieceKind: 'title' | 'invoice' | 'contract'): Promise<void> {
  const rows = await exec<{ id: string }>('update case_document set piece_kind = ? where id = ? and case_id = ? returning id', [pieceKind, documentId, caseId]);
  if (rows.length === 0) throw new AppError('not_found', 404, { documentId });
}
