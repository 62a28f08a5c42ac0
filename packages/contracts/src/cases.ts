import { z } from 'zod';
import { caseOutcome, casePrescription, dispute, vulnerability } from './case-work.ts';
import { amountInput, businessDate, cents, currency, dateInput, instant, MAX_AMOUNT_CENTS, paginationQuery, uuid } from './common.ts';
import { contactRuleReason, gateOverride } from './contact-rules.ts';
import { brand, mandateStanding } from './creditors.ts';
import { timelineEvent } from './timeline-events.ts';

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
    closedOutcome: caseOutcome.nullable().describe('How a closed case ended (paid, partially paid, irrecoverable, returned to the creditor); null while open'),
    claimCount: z.number().int(),
    principalCents: cents,
    paidCents: cents,
    balanceCents: cents.describe('Principal minus payments (no interest); see outstandingCents'),
    outstandingCents: cents
      .nullable()
      .describe("Today's décompte balance (principal, interest, indemnities, less payments); null where not computed (queue claim) or not computable (a rate half-year missing)"),
    currency,
    oldestDueDate: businessDate,
    daysPastDue: z.number().int(),
    priorityScore: z.number().describe("The queue's stored priority (collection_case.queue_rank, refreshed by the queue); the list is ordered by it"),
    assignedAgentId: uuid.nullable(),
    openedOn: businessDate,
    disputeOpen: z.boolean().describe('A dispute is open: contact is paused'),
    vulnerable: z.boolean().nullable().describe('Flagged vulnerable (contact paused); null for creditor users, who are not told'),
    callbackDueAt: instant.nullable().describe('A callback the agent scheduled; the queue serves it first once due'),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummary>;

const dayCount = z.coerce.number().int().min(0).max(36_500);
const centsBound = z.coerce.number().int().min(0).max(MAX_AMOUNT_CENTS);

/**
 * The case list's filters (the list, and the exports of features/exports): all optional, combined
 * with "and". Age = days since placement (opened_on, Paris day); amount = principal placed (sum of
 * the claims). The bands the screen offers are packages/domain case-bands.ts.
 */
export const caseFilters = z.object({
  creditorId: uuid.optional().describe('Staff only; a creditor user always gets its own creditor'),
  status: caseStatus.optional(),
  q: z.string().trim().max(100).optional().describe('Search in debtor name and case reference'),
  flag: z.enum(['vulnerable', 'dispute_open']).optional().describe('Only flagged cases (vulnerable: staff only)'),
  debtorKind: debtorKind.optional(),
  disputed: z.enum(['true', 'false']).optional().describe('true: a dispute is open; false: none is open'),
  minAgeDays: dayCount.optional().describe('Placed at least this many days ago'),
  maxAgeDays: dayCount.optional().describe('Placed at most this many days ago'),
  minAmountCents: centsBound.optional().describe('Principal placed at least this (cents)'),
  maxAmountCents: centsBound.optional().describe('Principal placed at most this (cents)'),
  assignedTo: z.union([uuid, z.literal('none')]).optional().describe("The agent the case is assigned to; 'none': no agent"),
});
export type CaseFilterQuery = z.infer<typeof caseFilters>;

export const listCasesQuery = paginationQuery.extend(caseFilters.shape);

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

/**
 * The nature of a claim decides its prescription (packages/domain claim-nature.ts, the same list):
 * commercial 5 years (C. com. L110-4), consumer 2 years (C. conso. L218-2), residential_rent 3 years
 * (loi 89-462 art. 7-1), consumer_credit a 2-year forclusion (C. conso. R312-35), telecom 1 year
 * (CPCE L34-2), civil 5 years (C. civ. 2224).
 */
export const claimNature = z
  .enum(['commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil'])
  .describe('commercial 5 y (C. com. L110-4), consumer 2 y (C. conso. L218-2), residential_rent 3 y (loi 89-462 art. 7-1), consumer_credit 2-y forclusion (C. conso. R312-35), telecom 1 y (CPCE L34-2), civil 5 y (C. civ. 2224)');
export type ClaimNatureCode = z.infer<typeof claimNature>;
export const natureSource = z
  .enum(['given', 'creditor_default', 'inferred'])
  .describe("given: stated on the claim (file, API, case screen); creditor_default: the creditor's default nature; inferred: from the parties");

export const claim = z
  .object({
    id: uuid,
    invoiceRef: z.string(),
    issueDate: businessDate,
    dueDate: businessDate,
    amountCents: cents,
    currency,
    contractRateBasisPoints: z
      .number()
      .int()
      .nullable()
      .describe('Contractual late-payment rate in basis points (12.15 % = 1215); null when the legal default applies'),
    nature: claimNature,
    natureSource,
    prescriptionDate: businessDate.describe('Last day the claim can be pursued (its nature, due date and interruptions)'),
    prescribed: z.boolean().describe('The prescription date is past: the claim is never demanded'),
    prescribedAtIntake: z.boolean().describe('Already prescribed when the creditor placed it (accepted only flagged as such)'),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof claim>;

export const claimParams = z.object({ id: uuid.describe('Case id'), claimId: uuid });
export const updateClaimBody = z
  .object({ nature: claimNature })
  .meta({ id: 'UpdateClaimBody', examples: [{ nature: 'residential_rent' }] });
export type UpdateClaimBody = z.infer<typeof updateClaimBody>;

export const activityKind = z.enum([
  'import',
  'call',
  'note',
  'payment',
  'status_change',
  'portal_visit',
  'checkout',
  'message',
  'document',
  'dispute',
  'vulnerability',
  'callback',
  'promise',
  'plan',
  'legal',
  // Issue 18: a debtor's message from their page (internal: hidden from creditors like vulnerability).
  'debtor_message',
]);
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
    contactWarnings: z
      .array(contactRuleReason)
      .optional()
      .describe(
        'What the legal gate warned of: a call outside the hours in warn mode or a manager\'s override; a promise or a plan agreed with a vulnerable debtor (staff only)',
      ),
    staffOnly: z.literal(true).optional().describe("An agent's internal note, not shown to the creditor (staff see this mark; others never get the entry)"),
    event: timelineEvent.optional().describe('The entry as data, for the screen to say it in its language (absent on notes, calls and older entries: read text)'),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof activity>;

export const paymentMethod = z.enum(['card', 'transfer', 'cheque', 'direct_to_creditor', 'other']);
export type PaymentMethod = z.infer<typeof paymentMethod>;

export const payment = z
  .object({
    id: uuid,
    amountCents: cents,
    currency,
    receivedOn: businessDate,
    method: paymentMethod,
    providerReference: z.string().nullable(),
    claimRef: z.string().nullable().describe('The claim the payer designated (C. civ. 1342-10); null for the default order'),
    overpayment: z.boolean().describe('Recorded knowing it exceeded the balance due: the excess is to be refunded to the payer'),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof payment>;

export const caseDetail = caseSummary
  .extend({
    debtor,
    externalRef: z.string().nullable().describe("The creditor's own reference for the case"),
    miseEnDemeureOn: businessDate.nullable().describe('Starts the taux légal for a consumer debtor (C. civ. 1231-6, 1344-1)'),
    judgmentEnforceableOn: businessDate.nullable().describe('+5 points on the taux légal two months later (CMF L313-3)'),
    creditorBrand: brand,
    creditorMandate: mandateStanding.describe("The creditor's mandate: anything but in_force suspends every contact on the case (R124-3)"),
    claims: z.array(claim),
    payments: z.array(payment),
    activities: z.array(activity).describe("Timeline, newest first. Entries about the debtor's vulnerability (kind vulnerability) and 'vulnerable' contact warnings are for agency staff only: creditor users and API keys never get them"),
    refundDueCents: cents
      .nullable()
      .describe("Paid beyond everything owed, to refund to the payer (today's décompte); null when the décompte cannot be computed"),
    demandableCents: cents
      .nullable()
      .describe("What may be demanded today: the décompte's balance less what remains on prescribed claims; null when the décompte cannot be computed"),
    prescribedCents: cents.nullable().describe('What remains on prescribed claims: never demanded, listed apart as "prescrit"'),
    prescription: casePrescription.nullable().describe("Each claim's prescription date, moved by the payments allocated to it and the acknowledgments"),
    dispute: dispute.nullable().describe('The open dispute, if any'),
    vulnerability: vulnerability.nullable().describe('Staff only; null when not flagged (and always for creditor users)'),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetail>;

export const createActivityBody = z.object({
  kind: z.enum(['call', 'note']),
  text: z.string().trim().min(1).max(5000),
  callOutcome: callOutcome.optional().describe('Required for a call'),
  override: gateOverride.optional().describe('A call only, managers only: call anyway outside the hours or over the cap, saying why'),
  sharedWithCreditor: z.boolean().optional().describe("A note only: the creditor's users may read it; by default a note is the agency's own"),
});

export const createPortalLinkBody = z
  .object({
    keepPrevious: z
      .boolean()
      .default(false)
      .describe("Keep the case's earlier debtor links working (default: a new link revokes them)"),
    override: gateOverride.optional(),
  })
  .nullish()
  .describe('Optional: no body is the same as { "keepPrevious": false }');

export const portalLink = z.object({
  url: z.string().describe('Link to send to the debtor'),
  expiresAt: instant,
});

/** Up to two decimals, e.g. 10.5 for 10.50 % a year; stored as integer basis points. */
const ratePercent = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'at most two decimals');

export const createCaseClaim = z.object({
  ref: z.string().trim().min(1).max(64).describe("The creditor's invoice reference; unique per creditor"),
  issueDate: dateInput,
  dueDate: dateInput,
  amountCents: amountInput,
  currency: z.string().length(3).toUpperCase().default('EUR'),
  contractRatePercent: ratePercent
    .optional()
    .describe('Contractual late-payment rate, percent a year (C. com. L441-10: not below 3 x the taux légal)'),
  nature: claimNature
    .optional()
    .describe("The claim's nature; absent: the creditor's default nature, else inferred from the parties (natureSource says which)"),
  prescribedAtIntake: z
    .boolean()
    .optional()
    .describe(
      'true: the creditor knows this claim may already be prescribed and places it anyway; it is then stored flagged and never demanded. ' +
        'Without it, an already prescribed claim is refused (422 claim_prescribed_at_intake)',
    ),
});

export const createCaseBody = z
  .object({
    creditorId: uuid.optional().describe('Staff only; a creditor user always creates for its own creditor'),
    externalRef: z.string().trim().min(1).max(100).optional().describe("The creditor's own reference for the case; unique per creditor"),
    debtor: z.object({
      type: debtorKind,
      name: z.string().trim().min(1).max(200),
      siren: z.string().trim().max(20).optional().describe('9 digits, Luhn; spaces allowed'),
      email: z.email().max(254).optional(),
      phone: z.string().trim().min(1).max(30).optional().describe('French or E.164; stored as E.164'),
      address: z
        .object({
          line1: z.string().trim().min(1).max(200),
          postalCode: z.string().trim().min(1).max(16),
          city: z.string().trim().min(1).max(100),
        })
        .optional(),
    }),
    claims: z.array(createCaseClaim).min(1).max(500),
    miseEnDemeureDate: dateInput.optional().describe('Date of the mise en demeure already sent, if any'),
  })
  .meta({ id: 'CreateCaseBody' });
export type CreateCaseBody = z.infer<typeof createCaseBody>;

/**
 * A payment above the case's balance due (today's décompte: principal, interest and indemnities,
 * less what was paid) is refused (422 payment_above_balance) unless the caller says it knows: then
 * it is recorded as an overpayment, and the excess shows as an amount to refund.
 */
export const overpaymentFlag = z
  .boolean()
  .optional()
  .describe('true: record it even though it exceeds the balance due; the excess is to be refunded to the payer');

export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .describe('Retrying with the same key returns the first response; the same key with another body is refused'),
});

export const recordPaymentBody = z
  .object({
    date: dateInput.describe('Day the money was received'),
    amountCents: amountInput,
    method: paymentMethod,
    claimRef: z.string().trim().min(1).max(64).optional().describe('The claim the payer designated (C. civ. 1342-10)'),
    overpayment: overpaymentFlag,
  })
  .meta({ id: 'RecordPaymentBody' });
export type RecordPaymentBody = z.infer<typeof recordPaymentBody>;
