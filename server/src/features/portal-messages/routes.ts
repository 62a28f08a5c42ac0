import { idempotencyHeaders } from '@relance/contracts/cases';
import { errorBody, idParams } from '@relance/contracts/common';
import { portalTokenParams } from '@relance/contracts/portal';
import {
  MAX_EVIDENCE_BYTES,
  MAX_TALK_TEXT,
  portalInboxPage,
  portalInboxQuery,
  portalMessage,
  portalMessageList,
  portalMessageParams,
  portalMessageTopics,
  portalReplyBody,
  staffPortalMessage,
  staffPortalThread,
} from '@relance/contracts/portal-talk';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readForm } from '../../plugins/multipart-form.ts';
import { actorContextOf, portalContextOf, portalRateLimit, userContextOf } from '../../plugins/request-context.ts';
import { verifiedCaseId } from '../portal/verification.ts';
import { listPortalMessages, sendPortalMessage } from './debtor.ts';
import { caseThread, listInbox, markAnswered, markRead, replyToDebtor } from './inbox.ts';

const STAFF = ['admin', 'manager', 'agent'] as const;

/** The debtor's side: their thread with the agency, on their page. */
async function debtorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portal/:token/messages', {
    config: { access: 'portal', rateLimit: portalRateLimit(60) },
    schema: {
      tags: ['portal'],
      summary: "The debtor's messages to the agency and its replies, oldest first",
      description: 'Needs the verified session (401 portal_verification_required before the check; 404 portal_link_invalid for a dead link).',
      params: portalTokenParams,
      response: { 200: portalMessageList, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => await listPortalMessages(portalContextOf(request)),
  });

  r.post('/api/v1/portal/:token/messages', {
    config: { access: 'portal', rateLimit: portalRateLimit(10) },
    schema: {
      tags: ['portal'],
      summary: 'The debtor writes to the agency (hardship, wrong address, already paid with the proof, a question): it lands on the case timeline and in the team inbox',
      description:
        `JSON \`{ topic, body }\` or multipart/form-data with the same fields and an optional \`file\`: topic ${portalMessageTopics.join(', ')}; ` +
        `body 1 to ${MAX_TALK_TEXT} characters (400 portal_message_invalid otherwise). The file is a PDF, JPEG or PNG of ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB ` +
        'at most, bounded while read (413 document_too_large), typed from its bytes (415 evidence_type_not_allowed), images decoded and re-encoded ' +
        'without metadata, a PDF complete (422 evidence_unreadable); kept as a case document the creditor does not see. 201: the message. ' +
        'With an `Idempotency-Key` a retry replays the first answer; without one, the same topic, text and file again within ten minutes ' +
        'answer the message already recorded (200). Creditors never see these messages.',
      consumes: ['multipart/form-data', 'application/json'],
      params: portalTokenParams,
      headers: idempotencyHeaders,
      response: { 200: portalMessage, 201: portalMessage, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 422: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const ctx = portalContextOf(request);
      await verifiedCaseId(ctx);
      const form = await readForm(request, { maxFileBytes: MAX_EVIDENCE_BYTES });
      const result = await sendPortalMessage(ctx, form, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });
}

/** The agency's side: the team inbox, a case's thread, replies, read and answered marks. */
async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portal-messages', {
    config: { access: [...STAFF] },
    schema: {
      tags: ['portal-messages'],
      summary: "The team inbox: what debtors wrote from their page, newest first (unanswered by default), with the case, the topic and any file",
      description: 'Agency staff only (a creditor never sees these messages: 403). `status=all` lists answered ones too. Paginated by `cursor`.',
      querystring: portalInboxQuery,
      response: { 200: portalInboxPage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => await listInbox(actorContextOf(request), request.query),
  });

  r.get('/api/v1/cases/:id/portal-messages', {
    config: { access: [...STAFF] },
    schema: {
      tags: ['portal-messages'],
      summary: "A case's thread with its debtor (their messages and the agency's replies), oldest first",
      params: idParams,
      response: { 200: staffPortalThread, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => await caseThread(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/cases/:id/portal-messages', {
    config: { access: [...STAFF] },
    schema: {
      tags: ['portal-messages'],
      summary: "Reply to the debtor on their page (signed by the agency); the debtor's waiting messages count as answered",
      description:
        'Shown on the debtor’s page only: nothing is e-mailed or texted (a contact goes through the messages feature and the legal gate). ' +
        'A timeline entry records it. An `Idempotency-Key` header makes a retry return the first response.',
      params: idParams,
      headers: idempotencyHeaders,
      body: portalReplyBody,
      response: { 201: staffPortalMessage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) => {
      const result = await replyToDebtor(userContextOf(request), request.params.id, request.body, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });

  r.post('/api/v1/portal-messages/:messageId/read', {
    config: { access: [...STAFF] },
    schema: {
      tags: ['portal-messages'],
      summary: "Mark a debtor's message as read (the first reader and time are kept)",
      params: portalMessageParams,
      response: { 200: staffPortalMessage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => await markRead(userContextOf(request), request.params.messageId),
  });

  r.post('/api/v1/portal-messages/:messageId/answered', {
    config: { access: [...STAFF] },
    schema: {
      tags: ['portal-messages'],
      summary: "Mark a debtor's message as answered without a written reply (handled by phone, or nothing to answer)",
      description: 'It leaves the unanswered inbox; a timeline entry says who closed it. Already answered: unchanged.',
      params: portalMessageParams,
      response: { 200: staffPortalMessage, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => await markAnswered(userContextOf(request), request.params.messageId),
  });
}

export async function portalMessageRoutes(app: FastifyInstance) {
  await debtorRoutes(app);
  await staffRoutes(app);
}
