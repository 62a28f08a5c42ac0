import { z } from 'zod';

// What a timeline entry says, as data the screen renders in its own language (issue 20): the
// entry's `text` stays the French record (exports, the creditor's e-mails, the audit of what was
// written), and `event` carries the same facts as a code and parameters, so the staff app shows
// statuses, dates, amounts and provider codes by label, in French or in English, never raw.
//
// Parameters are rendered by their name, one convention for every event:
// - `…Cents`: an amount in cents (currency from the `currency` parameter, else the case's);
// - `…On`: a calendar date "YYYY-MM-DD" (shown JJ/MM/AAAA);
// - `…At`: an instant (ISO 8601), shown in the agency's time zone;
// - `…Status`: a case status; `channel`: a message channel; `method`: a payment method;
//   `outcome`: a closing outcome;
// - an object `{fr, en}`: a text the server already has in both languages (a letter's title, a
//   compliance problem, a provider's decline reason);
// - anything else (a reference, a count, a person's own words) is shown as it is.
// An event that moved the case (a promise kept, a plan completed) also has `fromStatus` and
// `toStatus`: the screen adds the move to its sentence.

/** A text the server has in both languages. */
export const localizedText = z.object({ fr: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedText>;

export const timelineParam = z.union([z.string(), z.number(), z.boolean(), z.null(), localizedText]);
export type TimelineParam = z.infer<typeof timelineParam>;

/** The events the server writes; the screen has a sentence for each, in French and in English. */
export const timelineEventCodes = [
  'case_placed',
  'import_claims_added',
  'import_claims_changed',
  'import_prescribed_at_intake',
  'status_changed',
  'payment_recorded',
  'payment_cancelled',
  'refund_paid',
  'card_checkout_opened',
  'card_declined',
  'message_sent',
  'message_blocked',
  'message_deferred',
  'message_not_sent',
  'message_rejected',
  'message_failed_after_retries',
  'message_tracking',
  'portal_verified',
  'portal_locked',
  'prior_formal_notice',
  'promise_kept',
  'promise_broken',
  'plan_completed',
  'plan_broken',
  'case_recalled',
  'case_paid_in_full',
  'promise_made',
  'promise_made_by_debtor',
  'callback_scheduled',
  'callback_cancelled',
  'vulnerability_flagged',
  'vulnerability_lifted',
  'contact_added',
  'contact_marked_invalid',
  'contact_valid_again',
  'dispute_opened',
  'dispute_opened_by_debtor',
  'dispute_resolved',
  'consultation_asked',
  'consultation_answered',
  'legal_proposed',
  'legal_approved',
  'legal_refused',
  'legal_event_recorded',
  'legal_cost_added',
  'legal_dossier_sent',
  'legal_documents_prepared',
  'legal_order_lapsed',
  'plan_proposed_for_approval',
  'plan_agreed',
  'plan_proposed_by_debtor',
  'plan_chosen_by_debtor',
  'plan_approved',
  'plan_refused',
  'plan_accepted_orally',
  'plan_accepted_online',
  'plan_accepted_in_writing',
  'plan_agreed_with_bailiff',
  'plan_letter_stored',
  'plan_letter_not_produced',
  'receipt_issued',
  'receipt_not_produced',
  'claim_nature_changed',
  'debtor_message_received',
  'debtor_message_answered',
  'debtor_message_closed',
  'credit_note_imported',
  'insolvency_recorded',
  'claim_declared',
  'registry_address_adopted',
] as const;
export type TimelineEventCode = (typeof timelineEventCodes)[number];

export type TimelineEvent = { code: TimelineEventCode; params: Record<string, TimelineParam> };

/**
 * As the API answers it. The code is any string here, not the enum: an entry written by a newer
 * server (or an older event retired since) must not fail the response; the screen falls back to
 * the entry's text for a code it has no sentence for.
 */
export const timelineEvent = z
  .object({
    code: z.string().describe(`One of: ${timelineEventCodes.join(', ')}`),
    params: z.record(z.string(), timelineParam),
  })
  .meta({
    id: 'TimelineEvent',
    description:
      'The entry as data: a code and parameters (…Cents amounts in cents, …On calendar dates, …At instants, …Status case statuses, {fr,en} texts). The entry\'s text is the same in French.',
  });
