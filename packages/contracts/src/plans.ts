import { z } from 'zod';
import { amountInput, businessDate, cents, dateInput, instant, thresholdInput, uuid } from './common.ts';
import { contactRuleReason } from './contact-rules.ts';

// Échéancier (payment plan): negotiated on the décompte's balance, checked against the
// creditor's plan rules; outside them or beyond the agent's authority it waits for a manager.

export const planFrequency = z.enum(['weekly', 'biweekly', 'monthly']);
export const planStatus = z.enum(['pending_approval', 'refused', 'agreed_pending_acceptance', 'active', 'completed', 'broken', 'cancelled']);
export type PlanStatus = z.infer<typeof planStatus>;

export const planProposalBody = z
  .object({
    totalCents: amountInput.optional().describe("Debt the plan settles before any discount, at most the demandable amount (400 amount_too_high): prescribed claims are never part of a plan; default: the debtor's décompte balance today"),
    downPaymentCents: amountInput.optional(),
    downPaymentOn: dateInput.optional().describe('Default: the first date'),
    installments: z.union([
      z.object({ count: z.number().int().min(1).max(600) }),
      z.object({ amountCents: amountInput }),
    ]),
    frequency: planFrequency,
    firstDate: dateInput,
    discountCents: thresholdInput.optional().describe('Amount waived; the schedule covers totalCents - discountCents'),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'PlanProposalBody' });
export type PlanProposalBody = z.infer<typeof planProposalBody>;

export const scheduledPayment = z.object({
  kind: z.enum(['down_payment', 'installment']),
  index: z.number().int(),
  nominalDate: businessDate,
  dueDate: businessDate,
  amountCents: cents,
});

/** A broken rule, named; the fields give its numbers (see packages/domain validatePlan). */
export const planRuleViolation = z
  .object({
    code: z.enum([
      'duration_exceeded',
      'installment_below_minimum',
      'too_many_installments',
      'discount_exceeded',
      'amount_needs_manager',
      'duration_needs_manager',
      'first_due_outside_window',
    ]),
  })
  .catchall(z.unknown());
export type PlanRuleViolation = z.infer<typeof planRuleViolation>;

export const planPreview = z
  .object({
    debtCents: cents,
    discountCents: cents,
    totalCents: cents,
    currency: z.string().length(3),
    frequency: planFrequency,
    payments: z.array(scheduledPayment),
    violations: z.array(planRuleViolation),
    needsApproval: z.boolean().describe("True when a rule is broken or the plan is beyond the caller's authority"),
    gate: z
      .object({
        decision: z.enum(['allowed', 'deferred', 'refused']),
        reasons: z.array(contactRuleReason).describe('Why proposing it would be refused (422 with the first code)'),
        warnings: z.array(contactRuleReason).describe('Allowed, with a warning recorded (a vulnerable debtor)'),
      })
      .describe("The legal gate's verdict on proposing a plan on this case now (dispute, mandate, prescription, a plan already open)"),
    rules: z.object({
      maxDurationMonths: z.number().int(),
      minInstallmentCents: cents,
      maxAgentDiscountBasisPoints: z.number().int(),
      managerApprovalAboveCents: cents.nullable(),
      managerApprovalAboveMonths: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'PlanPreview' });
export type PlanPreview = z.infer<typeof planPreview>;

export const planInstallment = z.object({
  index: z.number().int(),
  kind: z.enum(['down_payment', 'installment']),
  nominalOn: businessDate,
  dueOn: businessDate,
  amountCents: cents,
  paidCents: cents,
  paidOn: businessDate.nullable(),
});

export const paymentPlan = z
  .object({
    id: uuid,
    caseId: uuid,
    caseReference: z.string(),
    status: planStatus,
    debtCents: cents,
    discountCents: cents,
    totalCents: cents,
    currency: z.string().length(3),
    frequency: planFrequency,
    violations: z.array(planRuleViolation),
    note: z.string().nullable(),
    graceDays: z.number().int(),
    proposedBy: uuid.nullable(),
    proposedByName: z.string().nullable(),
    proposedVia: z.enum(['staff', 'debtor']).describe("'debtor': proposed or chosen by the debtor on their page (proposedBy is then null)"),
    proposedAt: instant,
    decidedBy: uuid.nullable(),
    decidedAt: instant.nullable(),
    decisionComment: z.string().nullable(),
    acceptedVia: z
      .enum(['portal', 'oral', 'written'])
      .nullable()
      .describe('What made the plan active: the debtor on their page, an agent noting an oral acceptance, or a written acceptance received'),
    acceptanceNote: z.string().nullable(),
    writtenAcceptance: z
      .object({ receivedOn: businessDate, documentId: uuid.nullable(), note: z.string().nullable() })
      .nullable()
      .describe("The debtor's written acceptance, once received: with the electronic one on their page, the acknowledgment that interrupts prescription (C. civ. 2240)"),
    electronicAcceptance: z
      .object({
        acceptedAt: instant,
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        termsSha256: z.string().length(64),
        terms: z.record(z.string(), z.unknown()).describe('The exact terms shown to the debtor (totals, schedule, the commitment in their language)'),
      })
      .nullable()
      .describe("The debtor's acceptance on their page (C. civ. 1366: an electronic writing, its author and integrity kept): when, from where, and the terms shown with their SHA-256"),
    agreementDocumentId: uuid.nullable().describe('The plan agreement letter stored on the case when the plan was agreed'),
    acknowledged: z.boolean().describe('The acceptance is an acknowledgment of the debt (portal or written): prescription was interrupted'),
    activatedOn: businessDate.nullable(),
    endedOn: businessDate.nullable(),
    installments: z.array(planInstallment),
    warnings: z
      .array(contactRuleReason)
      .optional()
      .describe('In the answer to a proposal only: what the legal gate warned of (a vulnerable debtor), also recorded on the timeline'),
  })
  .meta({ id: 'PaymentPlan' });
export type PaymentPlan = z.infer<typeof paymentPlan>;

export const planIdParams = z.object({ planId: uuid });
export const approvalDecisionBody = z.object({ comment: z.string().trim().min(1).max(2000) }).meta({ id: 'ApprovalDecisionBody' });
export const oralAcceptanceBody = z
  .object({ note: z.string().trim().min(1).max(2000).describe('How and when the debtor accepted (call, date, words)') })
  .meta({ id: 'OralAcceptanceBody' });
export const writtenAcceptanceBody = z
  .object({
    receivedOn: dateInput.describe('The day the written acceptance was received (not in the future, not before the plan was proposed)'),
    note: z.string().trim().min(1).max(2000).describe('What was received: a signed agreement letter, a letter, an e-mail'),
    documentId: uuid.optional().describe('The document of the case that holds it (uploaded first)'),
  })
  .meta({ id: 'WrittenAcceptanceBody' });
export type WrittenAcceptanceBody = z.infer<typeof writtenAcceptanceBody>;

export const notification = z
  .object({
    id: uuid,
    kind: z.enum(['plan_approved', 'plan_refused', 'mandate_revoked', 'mandate_expiring', 'mandate_expired', 'legal_action_proposed', 'legal_action_ready', 'legal_deadline', 'legal_lapsed', 'remittance_overdue', 'remittance_terms_breach', 'consultation_answered', 'registry_company_ceased', 'registry_insolvency']),
    text: z.string(),
    caseId: uuid.nullable(),
    planId: uuid.nullable(),
    creditorId: uuid.nullable().describe('The creditor a mandate notification is about'),
    createdAt: instant,
    readAt: instant.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notification>;
