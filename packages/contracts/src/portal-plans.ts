import { z } from 'zod';
import { amountInput, businessDate, cents, currency, dateInput, instant, uuid } from './common.ts';
import { planFrequency, planInstallment, planStatus } from './plans.ts';

// The debtor's plans and promises on their page (issue 18): the plan offered by the agency, the
// plans the creditor's rules let the debtor take alone (accepted at once), a proposal outside them
// (to a manager), the electronic acceptance of exactly the terms shown, and a promise to pay.

export const portalPlanParams = z.object({ token: z.string().min(20).max(200), planId: uuid });

/** SHA-256 (hex) of the terms shown: the page sends back the digest it displayed. */
export const termsDigest = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex')
  .describe('SHA-256 (hex) of the exact terms the page showed (the `terms.digest` of the plan or option)');

/** What the debtor commits to when accepting: the sentence shown next to the button and its digest. */
export const portalPlanTerms = z
  .object({
    commitment: z.string().describe("The commitment in the debtor's language, shown next to the acceptance button"),
    digest: termsDigest,
  })
  .meta({ id: 'PortalPlanTerms' });

/** A plan as the debtor sees it on their page (no internal notes, rule checks or staff names). */
export const portalPlan = z
  .object({
    id: uuid,
    status: planStatus,
    totalCents: cents,
    discountCents: cents,
    currency: z.string().length(3),
    frequency: planFrequency,
    installments: z.array(planInstallment),
    proposedByDebtor: z.boolean().describe('The debtor proposed it on their page'),
    proposedAt: instant,
    acceptedAt: instant.nullable().describe('When the debtor accepted it on their page'),
    terms: portalPlanTerms
      .nullable()
      .describe('Awaiting acceptance: the terms to accept (send `digest` back); accepted on the page: the terms accepted; otherwise null'),
    agreementDownloadUrl: z.string().nullable().describe('The plan agreement letter (PDF), once the plan is agreed'),
  })
  .meta({ id: 'PortalPlan' });
export type PortalPlan = z.infer<typeof portalPlan>;

export const portalPlanOption = z
  .object({
    id: z.string().describe('`monthly-<count>`'),
    installments: z.number().int(),
    frequency: planFrequency,
    totalCents: cents,
    payments: z.array(z.object({ index: z.number().int(), dueOn: businessDate, amountCents: cents })),
    terms: portalPlanTerms,
  })
  .meta({ id: 'PortalPlanOption' });
export type PortalPlanOption = z.infer<typeof portalPlanOption>;

/** Why the debtor cannot choose or propose a plan now (a legal gate code, or nothing to pay). */
export const portalUnavailable = z
  .object({ code: z.string().describe('The legal gate code (contact_refused_dispute, plan_already_open, claim_prescribed, ...) or nothing_to_pay') })
  .nullable();

export const portalPlanChoice = z
  .object({
    unavailable: portalUnavailable.describe('Set when no plan may be chosen or proposed now; options is then empty'),
    balanceCents: cents.describe('The demandable amount a plan covers (prescribed claims excluded)'),
    currency,
    firstDate: z.object({
      earliest: businessDate,
      latest: businessDate.describe("today + the creditor's portalFirstDueWithinDays"),
      suggested: businessDate.describe('The 5th of next month, or the last day of the window'),
      chosen: businessDate.describe('The first date the options start on (the `firstDate` asked, else the suggested one)'),
    }),
    rules: z.object({ minInstallmentCents: cents, maxDurationMonths: z.number().int(), firstDueWithinDays: z.number().int() }),
    options: z.array(portalPlanOption).describe('Plans accepted at once when chosen: empty above the manager threshold or when the debt is too small for two installments'),
  })
  .meta({ id: 'PortalPlanChoice' });

export const portalPromise = z
  .object({
    id: uuid,
    amountCents: cents,
    currency: z.string().length(3),
    dueOn: businessDate,
    status: z.enum(['pending', 'kept', 'broken', 'superseded']),
    madeOn: businessDate,
    madeByDebtor: z.boolean(),
  })
  .meta({ id: 'PortalPromise' });
export type PortalPromise = z.infer<typeof portalPromise>;

export const portalPromiseRules = z.object({
  unavailable: portalUnavailable.describe('Set when no promise may be made now (a plan running, a promise pending, the legal gate)'),
  minAmountCents: cents.describe("The creditor's least amount of the debtor's choice (the balance itself is always accepted)"),
  maxAmountCents: cents.describe('The balance'),
  earliest: businessDate,
  latest: businessDate.describe("today + the creditor's promiseWithinDays"),
});

export const portalPlansQuery = z.object({
  firstDate: dateInput.optional().describe('The first due date the options start on (within the window; default: the suggested one)'),
});

export const portalPlans = z
  .object({
    items: z.array(portalPlan).describe('The plan awaiting approval or acceptance, the running one, and a proposal of the debtor refused in the last 30 days'),
    choice: portalPlanChoice,
    promise: portalPromise.nullable().describe('The pending promise, if any'),
    promiseRules: portalPromiseRules,
  })
  .meta({ id: 'PortalPlans' });
export type PortalPlans = z.infer<typeof portalPlans>;

export const portalPlanBody = z
  .discriminatedUnion('choice', [
    z.object({
      choice: z.literal('option'),
      optionId: z.string().regex(/^monthly-\d{1,3}$/),
      firstDate: dateInput,
      termsDigest,
    }),
    z.object({
      choice: z.literal('proposal'),
      installments: z.union([z.object({ count: z.number().int().min(1).max(600) }), z.object({ amountCents: amountInput })]),
      frequency: planFrequency.default('monthly'),
      firstDate: dateInput,
      reason: z.string().trim().max(1000).optional().describe('Why the debtor asks for this (hardship, income date...)'),
    }),
  ])
  .meta({ id: 'PortalPlanBody' });
export type PortalPlanBody = z.infer<typeof portalPlanBody>;

export const portalAcceptBody = z.object({ termsDigest }).meta({ id: 'PortalAcceptBody' });

export const portalPromiseBody = z
  .object({
    amountCents: amountInput,
    dueOn: dateInput.describe("Today to today + the creditor's promiseWithinDays"),
  })
  .meta({ id: 'PortalPromiseBody' });
export type PortalPromiseBody = z.infer<typeof portalPromiseBody>;
