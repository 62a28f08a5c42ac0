import { z } from 'zod';
import { brand } from './creditors.ts';
import { businessDate, cents, currency, instant, paginationQuery, uuid } from './common.ts';

export const caseStatus = z.enum([
  'new',
  'amicable',
  'promise',
  'payment_plan',
  'disputed',
  'legal',
  'bailiff',
  'closed',
]);
export type CaseStatus = z.infer<typeof caseStatus>;
export const debtorKind = z.enum(['company', 'person']).describe('company = professional debtor, person = consumer');
export type DebtorKind = z.infer<typeof debtorKind>;

export const caseSummary = z
  .object({
    id: uuid,
    reference: z.string(),
    creditorId: uuid,
    creditorName: z.string(),
    debtorName: z.string(),
    debtorKind,
    status: caseStatus,
    claimCount: z.number().int(),
    principalCents: cents,
    paidCents: cents,
    balanceCents: cents,
    currency,
    oldestDueDate: businessDate,
    daysPastDue: z.number().int(),
    priorityScore: z.number().describe('Amount x age for now: balance in euros x days past due'),
    assignedAgentId: uuid.nullable(),
    openedOn: businessDate,
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummary>;

export const listCasesQuery = paginationQuery.extend({
  creditorId: uuid.optional(),
  status: caseStatus.optional(),
  q: z.string().trim().max(100).optional().describe('Search in debtor name and case reference'),
});

export const contactValidity = z.object({ valid: z.boolean() });
export const debtor = z.object({
  id: uuid,
  kind: debtorKind,
  displayName: z.string(),
  companyName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  siren: z.string().nullable(),
  emails: z.array(z.object({ id: uuid, email: z.string(), valid: z.boolean() })),
  phones: z.array(z.object({ id: uuid, phone: z.string(), valid: z.boolean() })),
  addresses: z.array(
    z.object({ id: uuid, line1: z.string(), postalCode: z.string(), city: z.string(), country: z.string(), valid: z.boolean() }),
  ),
});

export const claim = z.object({
  id: uuid,
  invoiceRef: z.string(),
  issueDate: businessDate,
  dueDate: businessDate,
  amountCents: cents,
  currency,
});

export const activityKind = z.enum(['import', 'call', 'note', 'payment', 'status_change', 'portal_visit', 'checkout']);
export const callOutcome = z.enum([
  'reached_debtor',
  'reached_third_party',
  'no_answer',
  'voicemail',
  'wrong_number',
  'refuses_to_pay',
  'disputes',
  'promise_to_pay',
  'plan_agreed',
  'says_already_paid',
  'asks_callback',
]);
export const activity = z
  .object({
    id: uuid,
    kind: activityKind,
    authorName: z.string().nullable().describe('null for the system or the debtor'),
    text: z.string(),
    callOutcome: callOutcome.nullable(),
    occurredAt: instant,
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof activity>;

export const payment = z.object({
  id: uuid,
  amountCents: cents,
  currency,
  receivedOn: businessDate,
  method: z.enum(['card', 'transfer', 'cheque', 'direct_to_creditor', 'other']),
  providerReference: z.string().nullable(),
});

export const caseDetail = caseSummary
  .extend({
    debtor,
    creditorBrand: brand,
    claims: z.array(claim),
    payments: z.array(payment),
    activities: z.array(activity).describe('Timeline, newest first'),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetail>;

export const createActivityBody = z.object({
  kind: z.enum(['call', 'note']),
  text: z.string().trim().min(1).max(5000),
  callOutcome: callOutcome.optional().describe('Required for a call'),
});

export const portalLink = z.object({
  url: z.string().describe('Link to send to the debtor'),
  expiresAt: instant,
});
