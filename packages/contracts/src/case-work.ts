import { z } from 'zod';
import { businessDate, cents, dateInput, instant, uuid } from './common.ts';
import { contactRuleReason } from './contact-rules.ts';

// Case work beyond calls and notes: status changes with a reason, callbacks, contacts,
// vulnerability and disputes (issue 5, "The case screen").

export const caseOutcome = z.enum(['paid', 'partially_paid', 'irrecoverable', 'returned_to_creditor']);
export type CaseOutcome = z.infer<typeof caseOutcome>;

/**
 * The statuses an agent sets by hand. 'promise' and 'payment_plan' come from recording a promise
 * or a plan, 'disputed' from flagging a dispute (which also pauses contact and tells the creditor).
 */
export const manualCaseStatus = z.enum(['amicable', 'legal', 'bailiff', 'closed']);

export const changeStatusBody = z
  .object({
    status: manualCaseStatus,
    reason: z.string().trim().min(3).max(1000).describe('Why: written on the timeline'),
    outcome: caseOutcome.optional().describe('Required when closing'),
  })
  .meta({ id: 'ChangeStatusBody' });
export type ChangeStatusBody = z.infer<typeof changeStatusBody>;

export const statusChange = z.object({ caseId: uuid, from: z.string(), to: z.string(), changed: z.boolean() }).meta({ id: 'StatusChange' });

/**
 * Managers move up to 500 cases at once from the case list. Each case goes through the same rules
 * as the case screen's status change (transition table, open dispute, escalation only through a
 * legal action): the allowed ones move, the others are listed with the code they were refused with.
 */
export const bulkStatusBody = z
  .object({
    caseIds: z.array(uuid).min(1).max(500).describe('At most 500 cases'),
    status: manualCaseStatus,
    reason: z.string().trim().min(3).max(1000).describe('Why: written on each moved case\'s timeline and in the audit trail'),
    outcome: caseOutcome.optional().describe('Required when closing'),
  })
  .meta({ id: 'BulkStatusBody' });
export type BulkStatusBody = z.infer<typeof bulkStatusBody>;

export const bulkStatusResult = z
  .object({
    moved: z.number().int().describe('Cases that changed status'),
    unchanged: z.number().int().describe('Cases already in that status'),
    refused: z
      .array(z.object({ caseId: uuid, reference: z.string().nullable(), code: z.string(), message: z.string(), details: z.unknown().optional() }))
      .describe('Cases the rules kept where they were, with the code and message a single change would have answered'),
  })
  .meta({ id: 'BulkStatusResult' });
export type BulkStatusResult = z.infer<typeof bulkStatusResult>;

export const scheduleCallbackBody = z
  .object({
    date: dateInput.describe('Day of the callback, Europe/Paris'),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
      .describe('Time of the callback, Europe/Paris wall clock'),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'ScheduleCallbackBody' });
export type ScheduleCallbackBody = z.infer<typeof scheduleCallbackBody>;

export const callback = z
  .object({
    caseId: uuid,
    callbackDueAt: instant.nullable(),
    warnings: z.array(contactRuleReason).describe('Contact rules the callback time would break (the call itself is checked when logged)'),
  })
  .meta({ id: 'Callback' });

export const addContactBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('email'), email: z.email().max(254) }),
    z.object({ kind: z.literal('phone'), phone: z.string().trim().min(1).max(30).describe('French or E.164; stored as E.164') }),
    z.object({
      kind: z.literal('address'),
      line1: z.string().trim().min(1).max(200),
      postalCode: z.string().trim().min(1).max(16),
      city: z.string().trim().min(1).max(100),
      country: z.string().trim().length(2).toUpperCase().default('FR'),
    }),
  ])
  .meta({ id: 'AddContactBody' });
export type AddContactBody = z.infer<typeof addContactBody>;

export const contactKind = z.enum(['email', 'phone', 'address']);
export const contactParams = z.object({ id: uuid, kind: contactKind, contactId: uuid });
export const setContactValidityBody = z.object({
  valid: z.boolean(),
  note: z.string().trim().max(500).optional().describe('Why, e.g. "wrong number", "returned mail"'),
});
export const contactResult = z.object({ id: uuid, kind: contactKind, value: z.string(), valid: z.boolean() }).meta({ id: 'DebtorContact' });

export const vulnerabilityBody = z.object({
  note: z.string().trim().min(3).max(2000).describe('What the agent learned (illness, bereavement, hardship...); staff only'),
});
export const liftVulnerabilityBody = z.object({ note: z.string().trim().min(3).max(2000) });

export const vulnerability = z
  .object({
    since: instant,
    note: z.string().nullable(),
    flaggedBy: uuid.nullable(),
    flaggedByName: z.string().nullable(),
  })
  .meta({ id: 'Vulnerability' });

export const disputeResolution = z.enum(['upheld', 'rejected', 'settled']);
export type DisputeResolution = z.infer<typeof disputeResolution>;

export const openDisputeBody = z.object({ reason: z.string().trim().min(3).max(2000).describe("The debtor's grounds") }).meta({ id: 'OpenDisputeBody' });

export const resolveDisputeBody = z
  .object({
    resolution: disputeResolution.describe('upheld: the debtor was right (the case closes, returned to the creditor); rejected / settled: collection resumes'),
    note: z.string().trim().min(3).max(2000),
    outcome: caseOutcome.optional().describe('Close the case with this outcome instead of resuming'),
  })
  .meta({ id: 'ResolveDisputeBody' });
export type ResolveDisputeBody = z.infer<typeof resolveDisputeBody>;

export const dispute = z
  .object({
    id: uuid,
    caseId: uuid,
    reason: z.string(),
    openedBy: uuid.nullable().describe('null when the debtor filed it on their page'),
    openedByName: z.string().nullable(),
    openedVia: z.enum(['staff', 'portal']).describe('staff: recorded by an agent; portal: filed by the debtor on their page'),
    reasonCode: z
      .enum(['not_owed', 'already_paid', 'amount_wrong', 'goods_or_service_defective', 'not_me', 'other'])
      .nullable()
      .describe("The reason the debtor chose on their page (null for an agent's dispute)"),
    claimRef: z.string().nullable().describe('The one claim contested; null for the whole debt'),
    evidenceDocumentId: uuid.nullable().describe("The debtor's evidence, a case document"),
    openedAt: instant,
    statusBefore: z.string(),
    resolution: disputeResolution.nullable(),
    resolutionNote: z.string().nullable(),
    resolvedBy: uuid.nullable(),
    resolvedAt: instant.nullable(),
  })
  .meta({ id: 'Dispute' });
export type Dispute = z.infer<typeof dispute>;
export const disputeParams = z.object({ id: uuid.describe('Case id'), disputeId: uuid });

export const prescriptionMove = z.object({
  kind: z.string(),
  date: businessDate,
  article: z.string(),
  effect: z.enum(['interrupted', 'suspended']),
  previousDate: businessDate,
  newDate: businessDate,
});
export const claimPrescription = z
  .object({
    claimRef: z.string(),
    nature: z.string().describe('The nature whose regime applies (commercial, consumer, residential_rent, consumer_credit, telecom, civil)'),
    date: businessDate.describe('Last day the claim can be pursued'),
    basis: z.string().describe('Article of the regime: C. com. L110-4, C. conso. L218-2, loi 89-462 art. 7-1, C. conso. R312-35, CPCE L34-2, C. civ. 2224'),
    prescribed: z.boolean().describe('Prescribed today: never demanded'),
    daysLeft: z.number().int(),
    withinWarning: z.boolean().describe('Prescribes within 90 days: on the managers\' "prescription imminente" list'),
    owedCents: cents.nullable().describe("What remains on the claim (today's décompte); null when the décompte cannot be computed"),
    movedBy: z.array(prescriptionMove).describe('Acknowledgments (C. civ. 2240), court claims (2241), enforcement (2244), mediation (2238)'),
  })
  .meta({ id: 'ClaimPrescription' });

export const casePrescription = z
  .object({
    date: businessDate.describe('Last day the next claim to prescribe can still be pursued; once every claim is prescribed, the last of them'),
    claimRef: z.string().describe('That claim'),
    basis: z.string().describe('C. conso. L218-2 (2 years), C. com. L110-4 or C. civ. 2224 (5 years), ...'),
    prescribed: z.boolean().describe('Every claim of the case is prescribed: nothing may be demanded, the case is proposed for closure'),
    daysLeft: z.number().int(),
    withinWarning: z.boolean(),
    movedBy: z.array(prescriptionMove).describe('Acknowledgments (C. civ. 2240), court claims (2241), enforcement (2244), mediation (2238)'),
    prescribedClaims: z.number().int().describe('How many claims are prescribed'),
    claims: z.array(claimPrescription).describe('Each claim, moved by the payments allocated to it and the legal events that concern it'),
  })
  .meta({ id: 'CasePrescription' });
