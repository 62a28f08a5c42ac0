import { documentContentTypes, errorBody, fileResponse, idParams } from '@relance/contracts/common';
import {
  caseDocument,
  caseDocumentList,
  documentParams,
  MAX_UPLOAD_BYTES,
  type PieceKind,
  pieceKind,
  portalDocumentList,
  portalDocumentParams,
} from '@relance/contracts/documents';
import { portalTokenParams } from '@relance/contracts/portal';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../plugins/errors.ts';
import { actorContextOf, portalContextOf } from '../../plugins/request-context.ts';
import {
  type DocumentContent,
  getCaseDocumentContent,
  getPortalDocumentContent,
  listCaseDocuments,
  listPortalDocuments,
  uploadCaseDocument,
} from './service.ts';

function sendDocument(reply: FastifyReply, document: DocumentContent) {
  const asciiName = document.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', document.contentType)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`)
    .send(document.content);
}

/** The text of a multipart field sent before the file (undefined when absent or a file). */
function fieldValue(part: unknown): string | undefined {
  const field = Array.isArray(part) ? part[0] : part;
  return field && typeof field === 'object' && (field as { type?: string }).type === 'field' ? String((field as { value: unknown }).value) : undefined;
}

/** The multipart upload: its one file (10 MB at most) and the `title` and `pieceKind` fields sent before it. */
async function readUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer; title: string | undefined; pieceKind: PieceKind | undefined }> {
  const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  if (!file) throw new AppError('file_required', 400);
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('document_too_large', 413, { maxBytes: MAX_UPLOAD_BYTES });
    throw error;
  }
  if (file.file.truncated) throw new AppError('document_too_large', 413, { maxBytes: MAX_UPLOAD_BYTES });
  const kindText = fieldValue(file.fields.pieceKind);
  const kind = kindText === undefined ? undefined : pieceKind.safeParse(kindText);
  if (kind && !kind.success) throw new AppError('validation_failed', 400, { field: 'pieceKind', allowed: pieceKind.options });
  return { fileName: file.filename, bytes, title: fieldValue(file.fields.title), pieceKind: kind?.data };
}

export async function documentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/documents', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['documents'],
      summary: 'Files kept on the case: every letter, e-mail and SMS sent (evidence, with SHA-256) and uploads',
      params: idParams,
      response: { 200: caseDocumentList, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => listCaseDocuments(actorContextOf(request), request.params.id),
  });

  r.get('/api/v1/cases/:id/documents/:documentId/download', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['documents'],
      summary: 'Download one file (Content-Disposition attachment, `Digest: sha-256=<base64>`)',
      params: documentParams,
      response: { 200: fileResponse('The file, with the content type it was kept with', documentContentTypes), 404: errorBody },
    },
    handler: async (request, reply) => {
      const document = await getCaseDocumentContent(actorContextOf(request), request.params.id, request.params.documentId);
      return sendDocument(reply, document);
    },
  });

  r.post('/api/v1/cases/:id/documents', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['documents'],
      summary: 'Add a file to the case (multipart field `file`, optional fields `title` and `pieceKind` before it): PDF, PNG, JPEG or plain text, 10 MB at most',
      description:
        'The type is read from the content, not from the declared type; the extension must match it. A creditor adds files to its own cases only. `pieceKind` (invoice, contract, purchase_order, delivery_note, correspondence, title, other) marks the file as a pièce a legal action files, numbered on its bordereau; another value is 400 validation_failed.',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: caseDocument, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (request, reply) => {
      // The case is checked before the body is read: another creditor's case is 404 whatever is sent.
      return reply.code(201).send(await uploadCaseDocument(actorContextOf(request), request.params.id, () => readUpload(request)));
    },
  });

  r.get('/api/v1/portal/:token/documents', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: "The debtor's own letters and e-mails, to read again or download",
      params: portalTokenParams,
      response: { 200: portalDocumentList, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => listPortalDocuments(portalContextOf(request)),
  });

  r.get('/api/v1/portal/:token/documents/:documentId/download', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: 'Download one of the debtor’s letters or e-mails',
      params: portalDocumentParams,
      response: { 200: fileResponse('The file, with the content type it was kept with', documentContentTypes), 401: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => sendDocument(reply, await getPortalDocumentContent(portalContextOf(request), request.params.documentId)),
  });
}
