import { z } from 'zod';
import { disputeResolution } from './case-work.ts';
import { instant, pageOf, uuid } from './common.ts';

// Issue 18, "Dispute and write": what a debtor says to the agency from their page. A dispute (with
// its reason from a fixed list, free text, the claim it contests and one piece of evidence) stops
// every contact until it is resolved; a message (with its topic and an optional attachment) lands
// on the agent's timeline and in the team's inbox, and the agency's replies show on the page.

/** What the debtor's evidence may be: a PDF, a JPEG photo or a PNG image, 10 MB at most (checked from the content, decoded at upload). */
export const evidenceContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** The longest text a debtor or an agent writes on the page (a dispute's grounds, a message). */
export const MAX_TALK_TEXT = 4000;

export const disputeReasonCodes = ['not_owed', 'already_paid', 'amount_wrong', 'goods_or_service_defective', 'not_me', 'other'] as const;
export const disputeReasonCode = z.enum(disputeReasonCodes).describe(
  'not_owed: nothing is owed; already_paid: paid already; amount_wrong: the amount is wrong; goods_or_service_defective: not delivered or defective; not_me: the debtor is not the person owing; other: say why in `text`',
);
export type DisputeReasonCode = z.infer<typeof disputeReasonCode>;

/**
 * The fields of `POST /api/v1/portal/{token}/disputes` (multipart/form-data, or JSON without a file):
 * `text` is required with reason `other` (400 dispute_text_required), `claimRef` names one of the
 * claims the page shows (422 dispute_claim_unknown otherwise).
 */
export const portalDisputeFields = z
  .object({
    reason: disputeReasonCode,
    text: z.string().trim().max(MAX_TALK_TEXT).optional().describe('The debtor’s own words (required for reason other)'),
    claimRef: z.string().trim().min(1).max(200).optional().describe('Contest one claim only: its invoice reference as the page shows it'),
  })
  .meta({ id: 'PortalDisputeFields', examples: [{ reason: 'already_paid', text: 'Payée par virement le 3 octobre.', claimRef: 'FAC-2026-0042' }] });
export type PortalDisputeFields = z.infer<typeof portalDisputeFields>;

/** A file the debtor sent (evidence of a dispute, a message's attachment), to download again from the page. */
export const portalAttachment = z
  .object({
    id: uuid,
    fileName: z.string(),
    contentType: z.enum(evidenceContentTypes),
    sizeBytes: z.number().int(),
    downloadUrl: z.string().describe('Relative URL on the debtor’s own page'),
  })
  .meta({ id: 'PortalAttachment' });
export type PortalAttachment = z.infer<typeof portalAttachment>;

/** A dispute as the debtor sees it: its state in plain words, never an agent's internal text. */
export const portalDispute = z
  .object({
    id: uuid,
    openedVia: z.enum(['portal', 'staff']).describe('portal: filed on this page; staff: recorded by the agency (its internal text is not shown)'),
    reason: disputeReasonCode.nullable().describe('null for a dispute the agency recorded'),
    text: z.string().nullable(),
    claimRef: z.string().nullable().describe('The one claim contested; null for the whole debt'),
    openedAt: instant,
    state: z.enum(['open', 'resolved']),
    outcome: disputeResolution.nullable().describe('upheld: the debtor was right; rejected: collection resumes; settled: an agreement was found'),
    resolvedAt: instant.nullable(),
    evidence: z.array(portalAttachment),
  })
  .meta({ id: 'PortalDispute' });
export type PortalDispute = z.infer<typeof portalDispute>;

export const portalDisputeList = z.object({ items: z.array(portalDispute) }).meta({ id: 'PortalDisputeList' });
export type PortalDisputeList = z.infer<typeof portalDisputeList>;

/** The answer to a dispute sent from the page: the new one (201), or the one already open (200, alreadyOpen). */
export const portalDisputeResult = portalDispute
  .extend({ alreadyOpen: z.boolean().describe('true: a dispute was already open; nothing new was recorded and this is its state') })
  .meta({ id: 'PortalDisputeResult' });
export type PortalDisputeResult = z.infer<typeof portalDisputeResult>;

// ---------------------------------------------------------------------------------------------
// Messages between the debtor and the agency

export const portalMessageTopics = ['hardship', 'wrong_address', 'already_paid', 'question', 'other'] as const;
export const portalMessageTopic = z
  .enum(portalMessageTopics)
  .describe('hardship: financial difficulty; wrong_address: the letters go to a wrong address; already_paid: paid already (attach the proof); question; other');
export type PortalMessageTopic = z.infer<typeof portalMessageTopic>;

/** The fields of `POST /api/v1/portal/{token}/messages` (JSON, or multipart/form-data with one `file`). */
export const portalMessageFields = z
  .object({
    topic: portalMessageTopic,
    body: z.string().trim().min(1).max(MAX_TALK_TEXT),
  })
  .meta({ id: 'PortalMessageFields', examples: [{ topic: 'hardship', body: 'Je suis au chômage depuis septembre : puis-je payer 50 € par mois ?' }] });
export type PortalMessageFields = z.infer<typeof portalMessageFields>;

/** One message of the thread as the debtor sees it (the agency writes as the agency: no agent's name). */
export const portalMessage = z
  .object({
    id: uuid,
    direction: z.enum(['in', 'out']).describe('in: written by the debtor; out: the agency’s reply'),
    topic: portalMessageTopic.nullable(),
    body: z.string(),
    attachment: portalAttachment.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'PortalMessage' });
export type PortalMessage = z.infer<typeof portalMessage>;
export const portalMessageList = z.object({ items: z.array(portalMessage) }).meta({ id: 'PortalMessageList' });
export type PortalMessageList = z.infer<typeof portalMessageList>;

// Staff side: the team's inbox and the case's thread.

/** One message as the agency sees it (internal: creditors never read these). */
export const staffPortalMessage = z
  .object({
    id: uuid,
    caseId: uuid,
    caseReference: z.string(),
    debtorName: z.string(),
    creditorName: z.string(),
    direction: z.enum(['in', 'out']),
    topic: portalMessageTopic.nullable(),
    body: z.string(),
    attachment: z
      .object({ id: uuid, fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), downloadUrl: z.string() })
      .nullable(),
    authorName: z.string().nullable().describe('The agent who replied; null for the debtor'),
    createdAt: instant,
    readAt: instant.nullable(),
    answeredAt: instant.nullable().describe('When an agent replied or marked it answered; null while it waits'),
  })
  .meta({ id: 'StaffPortalMessage' });
export type StaffPortalMessage = z.infer<typeof staffPortalMessage>;

export const portalInboxQuery = z.object({
  status: z.enum(['unanswered', 'all']).default('unanswered').describe('unanswered: the debtors’ messages no one answered yet'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PortalInboxQuery = z.infer<typeof portalInboxQuery>;
export const portalInboxPage = pageOf(staffPortalMessage).meta({ id: 'PortalInboxPage' });
export const staffPortalThread = z.object({ items: z.array(staffPortalMessage) }).meta({ id: 'StaffPortalThread' });
export type StaffPortalThread = z.infer<typeof staffPortalThread>;

export const portalReplyBody = z
  .object({ body: z.string().trim().min(1).max(MAX_TALK_TEXT).describe('Shown on the debtor’s page, signed by the agency') })
  .meta({ id: 'PortalReplyBody', examples: [{ body: 'Bonjour, nous avons bien reçu votre justificatif : nous le vérifions et revenons vers vous.' }] });
export type PortalReplyBody = z.infer<typeof portalReplyBody>;

export const portalMessageParams = z.object({ messageId: uuid });
