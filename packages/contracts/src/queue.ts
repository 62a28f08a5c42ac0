import { z } from 'zod';
import { caseStatus, caseSummary } from './cases.ts';
import { businessDate, instant, paginationQuery, uuid } from './common.ts';

// The agents' work queue: claim the next case (a lease), keep it alive, release or finish it.

export const priorityReason = z
  .object({
    code: z.enum([
      'balance',
      'days_past_due',
      'professional_debtor',
      'promise_due',
      'promise_broken',
      'callback_due',
      'prescription_near',
      'not_contactable',
      'contacted_recently',
      'insolvency_proceedings',
      'company_ceased',
      'address_changed',
      'young_company',
    ]),
    points: z.number().int(),
    params: z.record(z.string(), z.number()),
  })
  .meta({ id: 'PriorityReason' });

/** Why this case came first: a due callback, then a promise due or broken, then the score. */
export const queueTier = z.enum(['callback', 'promise', 'priority']);

export const queueClaim = z
  .object({
    case: caseSummary,
    tier: queueTier,
    score: z.number().int().describe('packages/domain priorityOf score'),
    reasons: z.array(priorityReason),
    leaseExpiresAt: instant,
  })
  .meta({ id: 'QueueClaim' });
export type QueueClaim = z.infer<typeof queueClaim>;

export const queueLease = z.object({ caseId: uuid, leaseExpiresAt: instant }).meta({ id: 'QueueLease' });

export const caseIdParams = z.object({ caseId: uuid });

/**
 * What happened when nothing was logged on the case during the lease: a call attempt that reached
 * no one (logged as a call, through the legal gate, and counted by the cap), or a callback
 * scheduled (one must be).
 */
export const queueOutcome = z.enum(['no_answer', 'voicemail', 'wrong_number', 'callback_scheduled']);
export type QueueOutcome = z.infer<typeof queueOutcome>;

export const queueDoneBody = z
  .object({ outcome: queueOutcome.optional().describe('Required when nothing was logged on the case by the caller since the lease began') })
  .nullish()
  .meta({ id: 'QueueDoneBody' });
export type QueueDoneBody = z.infer<typeof queueDoneBody>;

export const debtorSegment = z.enum(['company', 'person']).describe('company = professional debtor, person = consumer');

export const listQueueQuery = paginationQuery.extend({
  creditorId: uuid.optional(),
  segment: debtorSegment.optional(),
  status: caseStatus.optional(),
  portfolioId: uuid.optional(),
});

export const queueItem = z
  .object({
    id: uuid,
    reference: z.string(),
    creditorId: uuid,
    creditorName: z.string(),
    debtorName: z.string(),
    debtorKind: debtorSegment,
    status: caseStatus,
    department: z.string().nullable(),
    portfolioId: uuid.nullable(),
    assignedAgentId: uuid.nullable(),
    queueRank: z.number().int(),
    callbackDueAt: instant.nullable(),
    promiseDueOn: businessDate.nullable(),
    promiseBroken: z.boolean(),
    leasedBy: uuid.nullable().describe('The agent holding the case now (lease not expired), else null'),
    leasedUntil: instant.nullable(),
    workedOn: businessDate.nullable(),
  })
  .meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof queueItem>;

export const queueStats = z
  .object({
    day: businessDate,
    workedByMe: z.number().int().describe('Cases I worked today: cases on which I wrote a timeline entry (the team board\'s definition)'),
    workedByTeam: z.number().int().describe("The team board's total of cases worked today"),
    teamSize: z.number().int().describe('Active agents'),
    holding: z.number().int().describe('Cases I hold a live lease on'),
  })
  .meta({ id: 'QueueStats' });
