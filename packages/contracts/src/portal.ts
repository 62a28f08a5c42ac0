import { z } from 'zod';
import { amountInput, businessDate, cents, currency, instant } from './common.ts';
import { brand } from './creditors.ts';

export const portalTokenParams = z.object({ token: z.string().min(20).max(200) });

export const portalCase = z
  .object({
    caseReference: z.string(),
    debtorName: z.string(),
    creditor: z.object({ legalName: z.string(), brand }),
    agency: z.object({ name: z.string(), statement: z.string().describe('Amicable collection statement (R124-4)') }),
    claims: z.array(
      z.object({ invoiceRef: z.string(), issueDate: businessDate, dueDate: businessDate, amountCents: cents }),
    ),
    payments: z.array(z.object({ receivedOn: businessDate, amountCents: cents, method: z.string() })),
    principalCents: cents,
    interestCents: cents.describe('Late-payment interest or penalties to date (décompte)'),
    indemnityCents: cents.describe('Fixed recovery indemnities, professional debtors only (C. com. D441-5)'),
    paidCents: cents,
    balanceCents: cents.describe('What the debtor is asked to pay: principal + interest + indemnities - paid'),
    amountsAsOf: z.iso.date(),
    interestComplete: z
      .boolean()
      .describe('false when a rate the décompte needs is not published yet: only principal is claimed'),
    currency,
    expiresAt: instant,
  })
  .meta({ id: 'PortalCase' });
export type PortalCase = z.infer<typeof portalCase>;

export const checkoutBody = z.object({
  amountCents: amountInput.optional().describe('Defaults to the whole balance'),
});
export const checkoutResponse = z.object({ checkoutUrl: z.string(), sessionId: z.string() });
