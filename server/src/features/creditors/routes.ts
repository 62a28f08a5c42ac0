import { errorBody, fileResponse, idParams, pageOf, paginationQuery } from '@relance/contracts/common';
import { createCreditorBody, creditor, revokeMandateBody, updateCreditorBody } from '@relance/contracts/creditors';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../plugins/errors.ts';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { readLogoUpload } from './logo.ts';
import { revokeMandate } from './mandate.ts';
import {
  createCreditor,
  getCreditor,
  getCreditorLogo,
  getMandateDocument,
  listCreditors,
  MAX_MANDATE_DOCUMENT_BYTES,
  setCreditorLogo,
  setMandateDocument,
  toCreditorDto,
  todayFor,
  updateCreditor,
} from './service.ts';

/** The creditor record: list, create, read, edit. */
async function creditorRecordRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/creditors', {
    config: { access: ['admin', 'manager', 'agent', 'accountant', 'creditor'] },
    schema: {
      tags: ['creditors'],
      summary: 'List creditors (a creditor user gets only their own)',
      querystring: paginationQuery,
      response: { 200: pageOf(creditor), 401: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      const page = await listCreditors(ctx, request.query);
      return { items: page.items.map((c) => toCreditorDto(c, todayFor(ctx))), nextCursor: page.nextCursor };
    },
  });

  r.post('/api/v1/creditors', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['creditors'],
      summary: 'Create a creditor with its brand and R124-3 mandate',
      body: createCreditorBody,
      response: { 201: creditor, 400: errorBody, 403: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const created = await createCreditor(ctx, request.body);
      return reply.code(201).send(toCreditorDto(created, todayFor(ctx)));
    },
  });

  r.get('/api/v1/creditors/:id', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['creditors'],
      summary: 'One creditor',
      params: idParams,
      response: { 200: creditor, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return toCreditorDto(await getCreditor(ctx, request.params.id), todayFor(ctx));
    },
  });

  r.patch('/api/v1/creditors/:id', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['creditors'],
      summary: 'Edit a creditor: identity, mandate and its terms, remittance account, brand (only the fields sent change)',
      description: 'A change of mandate.coversJudicial (whether the mandate covers judicial steps) is recorded in the audit trail.',
      params: idParams,
      body: updateCreditorBody,
      response: { 200: creditor, 400: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return toCreditorDto(await updateCreditor(ctx, request.params.id, request.body), todayFor(ctx));
    },
  });
}

/** The signed R124-3 mandate: upload, download; its revocation. */
async function mandateDocumentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/creditors/:id/mandate/revoke', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['creditors'],
      summary: "Record that the creditor ended the mandate (R124-3): every contact with its debtors stops; managers are notified",
      description:
        'Idempotent: the first revocation stands (its date and reason); calling again answers the creditor unchanged and notifies no one. ' +
        'From then on the legal gate refuses every action on its cases (422 mandate_revoked) and the daily run pauses them (reason mandate). ' +
        'Recorded in the audit trail with its reason.',
      params: idParams,
      body: revokeMandateBody,
      response: { 200: creditor, 400: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      return toCreditorDto(await revokeMandate(ctx, request.params.id, request.body.reason), todayFor(ctx));
    },
  });

  r.put('/api/v1/creditors/:id/mandate-document', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['creditors'],
      summary: 'Upload the signed R124-3 mandate (multipart field `file`, PDF, 10 MB at most); stored with its SHA-256',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 200: creditor, 400: errorBody, 404: errorBody, 413: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      const file = await request.file({ limits: { fileSize: MAX_MANDATE_DOCUMENT_BYTES, files: 1 } });
      if (!file) throw new AppError('file_required', 400);
      const bytes = await file.toBuffer();
      const updated = await setMandateDocument(ctx, request.params.id, { fileName: file.filename, bytes });
      return toCreditorDto(updated, todayFor(ctx));
    },
  });

  r.get('/api/v1/creditors/:id/mandate-document', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['creditors'],
      summary: 'Download the signed mandate (PDF; 404 for a foreign creditor)',
      params: idParams,
      response: { 200: fileResponse('The signed mandate', ['application/pdf']), 404: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = actorContextOf(request);
      const document = await getMandateDocument(ctx, request.params.id);
      const asciiName = document.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
        .header('cache-control', 'private, no-store')
        .header('digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`)
        .send(document.bytes);
    },
  });
}

/** The brand logo: uploaded by the agency, served to anyone (letters, the debtor's page). */
async function logoRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put('/api/v1/creditors/:id/logo', {
    config: { access: ['admin', 'manager'] },
    schema: {
      tags: ['creditors'],
      summary: 'Upload the brand logo (multipart field `file`: PNG, JPEG, WebP or SVG, 512 KB and 4000 x 4000 pixels at most; stored re-encoded as PNG, SVG rasterised)',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 200: creditor, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => {
      const ctx = actorContextOf(request);
      const updated = await setCreditorLogo(ctx, request.params.id, await readLogoUpload(request, ctx.locale));
      return toCreditorDto(updated, todayFor(ctx));
    },
  });

  // Logos are shown on debtors' pages and letters, so they are public (like any brand asset).
  r.get('/api/v1/brand-assets/:id/logo', {
    config: { access: 'public' },
    schema: {
      tags: ['creditors'],
      summary: "A creditor's logo (public brand asset)",
      params: idParams,
      response: { 200: fileResponse('The logo', ['image/png', 'image/svg+xml']), 404: errorBody },
    },
    handler: async (request, reply) => {
      const logo = await getCreditorLogo(contextOf(request), request.params.id);
      if (!logo) throw new AppError('not_found', 404);
      return reply
        .header('content-type', logo.contentType)
        .header('cache-control', 'public, max-age=86400')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(logo.bytes);
    },
  });
}

export async function creditorRoutes(app: FastifyInstance) {
  await creditorRecordRoutes(app);
  await mandateDocumentRoutes(app);
  await logoRoutes(app);
}
