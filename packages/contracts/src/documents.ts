import { z } from 'zod';
import { instant, uuid } from './common.ts';

// Evidence kept on a case: each letter / e-mail / SMS sent (the PDF, the full RFC 822 source,
// the text), and files uploaded by staff, each with its SHA-256.

export const caseDocumentKinds = ['upload', 'letter', 'email', 'sms', 'plan_agreement', 'receipt', 'dispute_acknowledgment', 'legal_filing', 'legal_act', 'dispute_evidence', 'debtor_attachment'] as const;
export const caseDocumentKind = z.enum(caseDocumentKinds);
export type CaseDocumentKind = z.infer<typeof caseDocumentKind>;

/** What an uploaded file proves, when it is a pièce a legal action may file (the bordereau numbers them). */
export const pieceKinds = ['invoice', 'contract', 'purchase_order', 'delivery_note', 'correspondence', 'title', 'other'] as const;
export const pieceKind = z.enum(pieceKinds);
export type PieceKind = z.infer<typeof pieceKind>;

/** What staff may upload: PDF, PNG, JPEG, plain text, at most 10 MB. */
export const uploadContentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const caseDocument = z
  .object({
    id: uuid,
    kind: caseDocumentKind,
    title: z.string(),
    fileName: z.string(),
    contentType: z.string().describe('MIME type: application/pdf, message/rfc822, text/plain, image/png, image/jpeg'),
    sizeBytes: z.number().int(),
    sha256: z.string().length(64).describe('SHA-256 of the content, hex'),
    pieceKind: pieceKind.nullable().describe('An upload that is a pièce for a legal action: invoice, contract, purchase order...'),
    createdAt: instant,
    downloadUrl: z.string().describe('Relative URL that streams the file (same authorisation as the list)'),
  })
  .meta({
    id: 'CaseDocument',
    examples: [
      {
        id: '3a9f2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
        kind: 'letter',
        title: 'Relance amiable (courrier) DOS-0000042-M1',
        fileName: 'DOS-0000042-M1.pdf',
        contentType: 'application/pdf',
        sizeBytes: 48213,
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        pieceKind: null,
        createdAt: '2026-11-23T09:12:00.000Z',
        downloadUrl: '/api/v1/cases/5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f/documents/3a9f2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b/download',
      },
    ],
  });
export type CaseDocument = z.infer<typeof caseDocument>;

export const caseDocumentList = z.object({ items: z.array(caseDocument) }).meta({ id: 'CaseDocumentList' });
export type CaseDocumentList = z.infer<typeof caseDocumentList>;

export const documentParams = z.object({ id: uuid.describe('Case id'), documentId: uuid });

/** What the debtor's page lists: their own letters and e-mails. */
export const portalDocument = caseDocument.omit({ sha256: true }).meta({ id: 'PortalDocument' });
export type PortalDocument = z.infer<typeof portalDocument>;
export const portalDocumentList = z.object({ items: z.array(portalDocument) }).meta({ id: 'PortalDocumentList' });
export const portalDocumentParams = z.object({ token: z.string().min(20).max(200), documentId: uuid });
