import { z } from 'zod';
import { instant, paginationQuery, uuid } from './common.ts';

/**
 * A signed card-provider event that does not match the checkout session we opened: kept for a
 * human, never recorded as a payment (issue #13, item 8).
 */
export const paymentAnomalyKinds = ['unknown_session', 'amount_mismatch', 'currency_mismatch', 'case_mismatch', 'already_paid'] as const;
export const paymentAnomalyKind = z
  .enum(paymentAnomalyKinds)
  .describe(
    'unknown_session: no checkout session of ours has this id; amount_mismatch / currency_mismatch: the event pays another ' +
      'amount or currency than the session; case_mismatch: the event names another case than the session; already_paid: ' +
      'another event already completed this session',
  );
export type PaymentAnomalyKind = z.infer<typeof paymentAnomalyKind>;

const sessionTerms = z.object({ amountCents: z.number().int(), currency: z.string(), caseId: z.string().nullable() });

export const paymentAnomaly = z
  .object({
    id: uuid,
    kind: paymentAnomalyKind,
    creditorId: uuid.nullable(),
    creditorName: z.string().nullable(),
    caseId: uuid.nullable(),
    caseReference: z.string().nullable(),
    provider: z.string(),
    providerSessionId: z.string(),
    providerEventId: z.string(),
    expected: sessionTerms.nullable().describe('What our checkout session says; null for an unknown session'),
    received: sessionTerms.extend({ paymentReference: z.string().nullable() }).describe('What the event says'),
    rawEvent: z.unknown().describe('The event as the provider sent it'),
    createdAt: instant,
    resolvedAt: instant.nullable(),
    resolvedBy: z.object({ id: uuid, name: z.string() }).nullable(),
    resolutionNote: z.string().nullable(),
  })
  .meta({ id: 'PaymentAnomaly' });
export type PaymentAnomaly = z.infer<typeof paymentAnomaly>;

export const listPaymentAnomaliesQuery = paginationQuery.extend({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
});

export const resolvePaymentAnomalyBody = z.object({
  note: z.string().trim().min(3).max(2000).describe('What was done (refund, payment recorded by hand, provider contacted...)'),
});
