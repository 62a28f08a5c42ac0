import { z } from 'zod';
import { overpaymentFlag } from './cases.ts';
import { amountInput, dateInput, instant, uuid } from './common.ts';

// Actions of a creditor on its own cases (user or API key): money it received directly, and
// taking a case back.

export const directPaymentBody = z
  .object({
    date: dateInput.describe('Day the creditor received the money'),
    amountCents: amountInput,
    claimRef: z.string().trim().min(1).max(64).optional().describe('The claim the payer designated (C. civ. 1342-10)'),
    overpayment: overpaymentFlag,
  })
  .meta({ id: 'DirectPaymentBody', examples: [{ date: '2026-11-20', amountCents: 45_000, claimRef: 'FAC-2026-0142' }] });
export type DirectPaymentBody = z.infer<typeof directPaymentBody>;

export const recallBody = z
  .object({ reason: z.string().trim().min(1).max(500).describe('Why the creditor takes the case back') })
  .meta({ id: 'RecallBody', examples: [{ reason: 'Accord commercial trouvé directement avec le client.' }] });
export type RecallBody = z.infer<typeof recallBody>;

export const recalledCase = z
  .object({
    id: uuid,
    status: z.literal('closed'),
    closedOutcome: z.literal('returned_to_creditor'),
    recalledAt: instant,
    recallReason: z.string(),
  })
  .meta({ id: 'RecalledCase' });
export type RecalledCase = z.infer<typeof recalledCase>;
