import { documentContentTypes, errorBody, fileResponse, idParams } from '@relance/contracts/common';
import { legalDocumentList, legalDocumentParams, legalDossierSent } from '@relance/contracts/legal-actions';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContextOf } from '../../plugins/request-context.ts';
import { buildDossier, legalDocumentContent, listLegalDocuments, sendDossierToCommissaire } from './dossier.ts';

// The documents of a legal action (documents.ts, dossier.ts): the list, one file, the ZIP dossier
// de dépôt, and the dossier sent by e-mail to a commissaire de justice.

function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; sha256: string; content: Buffer }) {
  const asciiName = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
    .send(file.content);
}

export async function legalDocumentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/legal-actions/:id/documents', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'The documents of a legal action: requête and bordereau (injonction de payer), request letter (petites créances) or hand-over summary (enforcement), the numbered pièces, the acts',
      description:
        'Prepared once both parties approved. Pièces in the bordereau’s order: the invoices and contract (case uploads with a pieceKind, and the creditor’s uploads), the mise en demeure and the proof of its presentation, the décompte as of the day, the mandate attestation. A creditor sees its own actions only (404 otherwise).',
      params: idParams,
      response: { 200: legalDocumentList, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => listLegalDocuments(actorContextOf(request), request.params.id),
  });

  r.get('/api/v1/legal-actions/:id/documents/:documentId/download', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'Download one document of a legal action (Content-Disposition attachment, `Digest: sha-256=<base64>`)',
      params: legalDocumentParams,
      response: { 200: fileResponse('The file, with the content type it was kept with', documentContentTypes), 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request, reply) => sendFile(reply, await legalDocumentContent(actorContextOf(request), request.params.id, request.params.documentId)),
  });

  r.get('/api/v1/legal-actions/:id/dossier.zip', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['legal'],
      summary: 'The dossier de dépôt as a ZIP: the requête (or request letter, or hand-over), the bordereau and the pièces named "01 - Facture ….pdf"',
      description:
        'For a commissaire de justice (petites créances, enforcement) the ZIP also holds manifest.json: parties, claims, décompte as of today, title, contacts, payments and every file with its SHA-256. 409 legal_documents_not_ready before both approvals.',
      params: idParams,
      response: { 200: fileResponse('The ZIP archive', ['application/zip']), 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => {
      const dossier = await buildDossier(actorContextOf(request), request.params.id);
      return sendFile(reply, { fileName: dossier.fileName, contentType: 'application/zip', sha256: dossier.sha256, content: dossier.content });
    },
  });

  r.post('/api/v1/legal-actions/:id/send-to-commissaire', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['legal'],
      summary: 'Send the dossier (ZIP with manifest.json and PDFs) by e-mail to the action’s commissaire de justice',
      description:
        'Only where the commissaire accepts e-mail (409 legal_commissaire_no_email otherwise); 409 legal_documents_not_ready before both approvals; 422 when the legal gate refuses (a dispute opened, the mandate revoked). Recorded in the audit trail and on the case timeline.',
      params: idParams,
      response: { 200: legalDossierSent, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request) => sendDossierToCommissaire(actorContextOf(request), request.server.mailer, request.params.id),
  });
}
