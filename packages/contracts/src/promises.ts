import { z } from 'zod';
import { amountInput, businessDate, cents, dateInput, instant, uuid } from './common.ts';
import { contactRuleReason } from './contact-rules.ts';

// Promesse de paiement: the debtor's commitment to pay an amount by a date. Checked on the date
// plus the agency's grace days: kept when the payments received since it was made cover it.

export const promiseStatus = z.enum(['pending', 'kept', 'broken', 'superseded']);
export type PromiseStatus = z.infer<typeof promiseStatus>;

export const createPromiseBody = z
  .object({
    amountCents: amountInput,
    dueOn: dateInput.describe('Date the debtor promised to pay by (today or later)'),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'CreatePromiseBody' });
export type CreatePromiseBody = z.infer<typeof createPromiseBody>;

export const promiseToPay = z
  .object({
    id: uuid,
    caseId: uuid,
    amountCents: cents,
    currency: z.string().length(3),
    dueOn: businessDate,
    graceDays: z.number().int(),
    checkOn: businessDate.describe('Last day payments count; broken the day after when not covered'),
    note: z.string().nullable(),
    status: promiseStatus,
    madeBy: uuid.nullable(),
    madeByName: z.string().nullable(),
    madeVia: z.enum(['staff', 'debtor']).describe("'debtor': declared by the debtor on their page (madeBy is then null)"),
    madeOn: businessDate,
    madeAt: instant,
    resolvedOn: businessDate.nullable(),
    coveredCents: cents.nullable().describe('Payments received since the promise, when it was resolved'),
    warnings: z
      .array(contactRuleReason)
      .optional()
      .describe('In the answer to its creation only: what the legal gate warned of (a vulnerable debtor), also recorded on the timeline'),
  })
  .meta({ id: 'PromiseToPay' });
export type PromiseToPay = z.infer<typeof promiseToPay>;
