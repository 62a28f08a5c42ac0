import { errorBody, idParams } from '@relance/contracts/common';
import { GATE_REFUSAL_DESCRIPTION } from '@relance/contracts/contact-rules';
import {
  message,
  messagePage,
  messageParams,
  messagePreview,
  outboxQuery,
  providerEvent,
  providerEventAnswer,
  queueMessageBody,
  resendMessageBody,
} from '@relance/contracts/messages';
import type { FastifyInstance, } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../plugins/errors.ts';
import { actorContextOf, contextOf } from '../../plugins/request-context.ts';
import { keepRawJsonBodies, verifiedRawBody } from '../../plugins/signed-webhook.ts';
import { LOCAL_POST_PROVIDER, LOCAL_SMS_PROVIDER, SMTP_PROVIDER } from './channels.ts';
import { MESSAGING_SIGNATURE_HEADER, messagingWebhookSecret } from './provider-signature.ts';
import { applyProviderEvent, getMessagePreview, listCaseMessages, listOutbox, queueMessageForCase, resendMessage } from './service.ts';

export async function messageRoutes(app: FastifyInstance) {
  caseMessageRoutes(app);
  outboxRoutes(app);
  messagePreviewRoute(app);
}


/** A case's messages, and a message sent now. */
function caseMessageRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/cases/:id/messages', {
    config: { access: ['admin', 'manager', 'agent', 'creditor'] },
    schema: {
      tags: ['messages'],
      summary: "The case's messages (e-mail, SMS, letters) with their status and reason, newest first",
      params: idParams,
      response: { 200: z.object({ items: z.array(message) }), 401: errorBody, 404: errorBody },
    },
    handler: async (request) => listCaseMessages(actorContextOf(request), request.params.id),
  });

  r.post('/api/v1/cases/:id/messages', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['messages'],
      summary: 'Send a message now (queued, then checked, rendered, kept as evidence and sent by the worker)',
      description:
        'The legal gate decides first, as for every door: a demand (first_letter, firmer_reminder, mise_en_demeure) obeys the contact window, ' +
        'the cap, a dispute, a vulnerability flag, a plan or promise, the mandate and prescription; a notice (receipt, plan_agreement, ' +
        'dispute_acknowledgment) needs only a mandate in force and a contact point. Nothing is queued when it refuses. ' +
        'The send job asks the gate again: a refusal by then (a dispute opened meanwhile) blocks the message with the code as its reason; ' +
        'a deferral (the window closed meanwhile) sends it at the next allowed instant. ' +
        GATE_REFUSAL_DESCRIPTION,
      params: idParams,
      body: queueMessageBody,
      response: { 201: message, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await queueMessageForCase(actorContextOf(request), request.params.id, request.body)),
  });
}

/** Every message to debtors, and a message sent again. */
function outboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/messages/:id/resend', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['messages'],
      summary: 'Send a message again: a new message with the same case, channel, template and language',
      description: `The legal gate decides as for a first send (POST /cases/{id}/messages). ${GATE_REFUSAL_DESCRIPTION}`,
      params: messageParams,
      body: resendMessageBody,
      response: { 201: message, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await resendMessage(actorContextOf(request), request.params.id, request.body ?? {})),
  });

  r.get('/api/v1/messages', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['messages'],
      summary: 'Outbox: every message to debtors, newest first, by channel, status and creditor',
      querystring: outboxQuery,
      response: { 200: messagePage, 400: errorBody, 401: errorBody, 403: errorBody },
    },
    handler: async (request) => listOutbox(actorContextOf(request), request.query),
  });
}

function messagePreviewRoute(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/messages/:id/preview', {
    config: { access: ['admin', 'manager', 'agent'] },
    schema: {
      tags: ['messages'],
      summary: 'A message as the debtor sees it: the e-mail read back from its kept source, the SMS text, the letter PDF link',
      params: messageParams,
      response: { 200: messagePreview, 401: errorBody, 403: errorBody, 404: errorBody },
    },
    handler: async (request) => getMessagePreview(actorContextOf(request), request.params.id),
  });
}

const PROVIDER_PATHS = [
  { path: '/api/v1/messages/webhooks/local-sms', provider: LOCAL_SMS_PROVIDER, summary: 'Callback of the local SMS provider (delivered, failed)' },
  {
    path: '/api/v1/messages/webhooks/local-post',
    provider: LOCAL_POST_PROVIDER,
    summary:
      'Callback of the local postal provider (first presentation of a registered letter, delivered, returned, acknowledgment of receipt); the first presentation or delivery of a registered mise en demeure records the case\'s mise en demeure date',
  },
  {
    path: '/api/v1/messages/webhooks/email-bounce',
    provider: SMTP_PROVIDER,
    summary: 'Bounce notice for an e-mail (event email.bounced; providerMessageId = the Message-ID we sent)',
  },
] as const;

/** Signed provider callbacks: they need the raw body to check the signature, so they parse JSON themselves. */
export async function messageWebhookRoutes(app: FastifyInstance) {
  keepRawJsonBodies(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { path, provider, summary } of PROVIDER_PATHS) {
    r.post(path, {
      config: { access: 'webhook' },
      schema: {
        tags: ['messages'],
        summary,
        description:
          `Header \`${MESSAGING_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">\`; a bad, missing or stale ` +
          'signature answers 401 and changes nothing; an event id already received answers `duplicate` and changes nothing.',
        response: { 200: providerEventAnswer, 400: errorBody, 401: errorBody },
      },
      handler: async (request) => {
        const ctx = contextOf(request);
        const raw = verifiedRawBody(request, { header: MESSAGING_SIGNATURE_HEADER, secret: messagingWebhookSecret(ctx.secrets), now: ctx.clock.now() });
        let event: z.infer<typeof providerEvent>;
        try {
          event = providerEvent.parse(JSON.parse(raw));
        } catch {
          throw new AppError('validation_failed', 400);
        }
        if (provider === SMTP_PROVIDER && event.type !== 'email.bounced') throw new AppError('validation_failed', 400);
        if (provider !== SMTP_PROVIDER && event.type === 'email.bounced') throw new AppError('validation_failed', 400);
        const outcome = await applyProviderEvent(ctx, provider, event);
        return { received: true as const, outcome };
      },
    });
  }
}
