import { z } from 'zod';
import { instant, paginationQuery, uuid } from './common.ts';
import { gateOverride } from './contact-rules.ts';

// Messages to debtors: one per channel and template, from queued to sent / delivered /
// bounced / failed, or blocked by the compliance check (CPCE R124-4, R124-7) with its reason.

export const messageTemplates = ['first_letter', 'firmer_reminder', 'mise_en_demeure', 'plan_agreement', 'receipt', 'dispute_acknowledgment'] as const;
export const messageTemplate = z.enum(messageTemplates);
export type MessageTemplateName = z.infer<typeof messageTemplate>;
export const messageChannels = ['email', 'sms', 'letter', 'registered_letter'] as const;
export const messageChannel = z.enum(messageChannels);
export const messageStatuses = ['queued', 'blocked', 'sent', 'delivered', 'bounced', 'failed'] as const;
export const messageStatus = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatus>;

export const message = z
  .object({
    id: uuid,
    caseId: uuid,
    caseReference: z.string(),
    creditorId: uuid,
    creditorName: z.string(),
    debtorName: z.string(),
    channel: messageChannel,
    template: messageTemplate,
    locale: z.enum(['fr', 'en']),
    reference: z.string().nullable().describe("The message's own reference (printed on the letter)"),
    recipient: z.string().nullable().describe('E-mail address, E.164 phone number or postal address'),
    subject: z.string().nullable(),
    status: messageStatus,
    statusReason: z.string().nullable().describe('Why it is blocked, failed or bounced (French)'),
    provider: z.string().nullable(),
    segments: z.number().int().nullable().describe('SMS parts billed'),
    documentId: uuid.nullable().describe('The evidence kept (PDF, e-mail source, SMS text)'),
    downloadUrl: z.string().nullable(),
    firstLetterId: uuid.nullable().describe('The first R124-4 letter this one refers to'),
    queuedAt: instant,
    sentAt: instant.nullable(),
    deliveredAt: instant.nullable(),
    presentedAt: instant
      .nullable()
      .describe("First presentation of a registered letter at the debtor's address; for a mise en demeure, its date (C. civ. 1344-1)"),
    acknowledgedAt: instant.nullable().describe('Acknowledgment of receipt of a registered letter'),
    failedAt: instant.nullable(),
  })
  .meta({
    id: 'Message',
    examples: [
      {
        id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
        caseId: '5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
        caseReference: 'DOS-0000042',
        creditorId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        creditorName: 'Fibrea',
        debtorName: 'Jean Durand',
        channel: 'email',
        template: 'first_letter',
        locale: 'fr',
        reference: 'DOS-0000042-M1',
        recipient: 'jean.durand@example.fr',
        subject: 'Fibrea : relance amiable, dossier DOS-0000042',
        status: 'sent',
        statusReason: null,
        provider: 'smtp',
        segments: null,
        documentId: '3a9f2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
        downloadUrl: '/api/v1/cases/5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f/documents/3a9f2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b/download',
        firstLetterId: null,
        queuedAt: '2026-11-23T08:00:00.000Z',
        sentAt: '2026-11-23T08:00:03.000Z',
        deliveredAt: null,
        presentedAt: null,
        acknowledgedAt: null,
        failedAt: null,
      },
    ],
  });
export type Message = z.infer<typeof message>;

export const messagePage = z.object({ items: z.array(message), nextCursor: z.string().nullable() }).meta({ id: 'MessagePage' });
export type MessagePage = z.infer<typeof messagePage>;

export const outboxQuery = paginationQuery.extend({
  channel: messageChannel.optional(),
  status: messageStatus.optional(),
  creditorId: uuid.optional(),
});
export type OutboxQuery = z.infer<typeof outboxQuery>;

export const messageParams = z.object({ id: uuid.describe('Message id') });

/** A message as the debtor sees it: the e-mail parsed from its stored source, the SMS text, or the letter PDF link. */
export const messagePreview = z
  .object({
    message,
    from: z.string().nullable(),
    replyTo: z.string().nullable(),
    to: z.string().nullable(),
    subject: z.string().nullable(),
    html: z.string().nullable().describe('E-mail HTML, to show in a sandboxed iframe'),
    text: z.string().nullable(),
    attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
  })
  .meta({ id: 'MessagePreview' });
export type MessagePreview = z.infer<typeof messagePreview>;

export const queueMessageBody = z
  .object({
    channel: messageChannel,
    template: messageTemplate,
    locale: z.enum(['fr', 'en']).optional(),
    override: gateOverride.optional(),
  })
  .meta({ id: 'QueueMessageBody', examples: [{ channel: 'letter', template: 'first_letter' }] });
export type QueueMessageBody = z.infer<typeof queueMessageBody>;

/** A resend: optionally a manager's override of the window and the cap, as for a first send. */
export const resendMessageBody = z
  .object({ override: gateOverride.optional() })
  .nullish()
  .meta({ id: 'ResendMessageBody', examples: [{}] });
export type ResendMessageBody = z.infer<typeof resendMessageBody>;

export const queuedMessage = z.object({ id: uuid, status: messageStatus }).meta({ id: 'QueuedMessage' });

/** Callbacks of the local SMS and postal providers (signed `local-messaging-signature: t=…,v1=…`). */
/**
 * letter.presented: a registered letter's first presentation at the address (the recipient absent,
 * it is then held at the post office); message.delivered: handed over; letter.acknowledged: the
 * acknowledgment of receipt signed. The order a La Poste e-LRAR service reports them in.
 */
export const providerEventTypes = ['letter.presented', 'message.delivered', 'message.failed', 'letter.acknowledged', 'email.bounced'] as const;
export const providerEvent = z.object({
  id: z.string().min(1).max(200).describe('Provider event id (de-duplication)'),
  type: z.enum(providerEventTypes),
  created: z.number().int().describe('Unix seconds'),
  data: z.object({
    providerMessageId: z.string().min(1).max(200),
    occurredAt: z.string().describe('ISO 8601'),
    reason: z.string().max(500).nullable().optional(),
    recipient: z.string().max(320).nullable().optional(),
  }),
});
export type ProviderEvent = z.infer<typeof providerEvent>;
export const providerEventAnswer = z.object({ received: z.literal(true), outcome: z.enum(['applied', 'duplicate', 'ignored']) });

/** The creditor's own paragraphs in one language (defaults when empty). */
export const wordingParagraphs = z.object({
  greeting: z.string().trim().max(120).optional().describe('Replaces "Madame, Monsieur,"'),
  toneParagraph: z.string().trim().max(800).optional().describe('One paragraph of the creditor’s tone, after the demand'),
  closing: z.string().trim().max(300).optional().describe('Replaces "Veuillez agréer nos salutations distinguées."'),
});
export const letterWording = z
  .object({ fr: wordingParagraphs, en: wordingParagraphs })
  .meta({
    id: 'LetterWording',
    examples: [
      {
        fr: { greeting: 'Chère cliente, cher client,', toneParagraph: 'Un imprévu ? Parlons-en : un échéancier est possible.', closing: 'Bien cordialement,' },
        en: {},
      },
    ],
  });
export type LetterWording = z.infer<typeof letterWording>;

export const letterPreviewBody = z
  .object({
    template: messageTemplate.default('first_letter'),
    locale: z.enum(['fr', 'en']).default('fr'),
    wording: letterWording.optional().describe('Unsaved wording to preview; the saved one when absent'),
    caseId: uuid.optional().describe("One of the creditor's cases; its most recent case when absent"),
  })
  .meta({ id: 'LetterPreviewBody' });
export type LetterPreviewBody = z.infer<typeof letterPreviewBody>;

export const letterPreview = z
  .object({
    caseId: uuid,
    caseReference: z.string(),
    subject: z.string(),
    html: z.string().describe('The e-mail version, to show in a sandboxed iframe'),
    pdfBase64: z.string().describe('The letter PDF'),
    compliance: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
    wordingProblems: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: 'LetterPreview' });
export type LetterPreview = z.infer<typeof letterPreview>;
