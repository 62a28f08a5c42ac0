import { z } from 'zod';
import { amountInput, businessDate, cents, currency, instant } from './common.ts';
import { brand } from './creditors.ts';

export const portalTokenParams = z.object({ token: z.string().min(20).max(200) });

const portalBrandAndBalance = {
  creditor: z.object({ legalName: z.string(), brand }),
  agency: z.object({
    name: z.string(),
    statement: z.string().describe('Amicable collection statement (R124-4)'),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  balanceCents: cents.describe('What the debtor is asked to pay: principal + interest + indemnities - paid'),
  amountsAsOf: z.iso.date(),
  currency,
  expiresAt: instant,
};

/** Before the check: the brand, the agency's statement and the balance; nothing else about the debtor. */
const portalCaseLocked = z.object({
  verified: z.literal(false),
  ...portalBrandAndBalance,
  lockedUntil: instant.nullable().describe('Set while the link is locked after five wrong answers'),
});

const portalCaseOpen = z.object({
  verified: z.literal(true),
  ...portalBrandAndBalance,
  caseReference: z.string(),
  debtorName: z.string(),
  claims: z.array(
    z.object({
      invoiceRef: z.string(),
      issueDate: businessDate,
      dueDate: businessDate,
      amountCents: cents.describe('Principal of the invoice'),
      interestCents: cents,
      indemnityCents: cents.describe('The 40 € fixed recovery indemnity (C. com. D441-5), professional debtors only'),
      paidCents: cents.describe('What the payments received went to on this claim (interest, indemnity, principal)'),
      balanceCents: cents,
      interestRegime: z
        .enum(['late_payment_penalty', 'contractual', 'legal'])
        .nullable()
        .describe('The interest the claim bears, for a plain-words explanation: C. com. L441-10, C. civ. 1103 or C. civ. 1231-6'),
      legalBasis: z.string().nullable().describe('The articles the interest rests on, as the décompte prints them'),
    }),
  ),
  payments: z.array(z.object({ receivedOn: businessDate, amountCents: cents, method: z.string() })),
  principalCents: cents,
  interestCents: cents.describe('Late-payment interest or penalties to date (décompte)'),
  indemnityCents: cents.describe('Fixed recovery indemnities, professional debtors only (C. com. D441-5)'),
  paidCents: cents,
  interestComplete: z
    .boolean()
    .describe('false when a rate the décompte needs is not published yet: only principal is claimed'),
});

export const portalCase = z.discriminatedUnion('verified', [portalCaseLocked, portalCaseOpen]).meta({ id: 'PortalCase' });
export type PortalCase = z.infer<typeof portalCase>;

export const checkoutBody = z.object({
  amountCents: amountInput.optional().describe('Defaults to the whole balance'),
});
export const checkoutResponse = z.object({ checkoutUrl: z.string(), sessionId: z.string() });

export const portalVerifyBody = z
  .object({ answer: z.string().trim().min(1).max(60).describe('The postcode of the address the letter went to, or the reference printed on it') })
  .meta({ id: 'PortalVerifyBody', examples: [{ answer: '75011' }] });
export const portalVerifyResponse = z.object({ verified: z.literal(true), expiresAt: instant });
export type VerifiedPortalCase = Extract<PortalCase, { verified: true }>;
