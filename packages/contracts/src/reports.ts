import { z } from 'zod';
import { cents, currency, uuid } from './common.ts';

export const creditorDashboardQuery = z.object({
  creditorId: uuid.optional().describe('Staff choose a creditor; a creditor user always gets their own'),
});

export const creditorDashboard = z
  .object({
    creditorId: uuid,
    creditorName: z.string(),
    casesPlaced: z.number().int(),
    casesOpen: z.number().int(),
    amountPlacedCents: cents,
    amountCollectedCents: cents,
    recoveryRate: z.number().describe('Collected / placed, 0 to 1'),
    currency,
    byMonth: z.array(
      z.object({ month: z.string().describe('YYYY-MM'), placedCents: cents, collectedCents: cents }),
    ),
    byStatus: z.array(z.object({ status: z.string(), cases: z.number().int() })),
  })
  .meta({ id: 'CreditorDashboard' });
export type CreditorDashboard = z.infer<typeof creditorDashboard>;
