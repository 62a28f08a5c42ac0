import { z } from 'zod';
import { countInput, instant, instantInput, thresholdInput, uuid } from './common.ts';

// Portfolios (managers): which cases a group of agents works, each agent's capacity and absences.

const department = z.string().regex(/^(\d{2}|2A|2B|97\d|98\d)$/, 'French département, e.g. 44, 2A, 971');

const portfolioFields = {
  name: z.string().trim().min(1).max(100),
  creditorId: uuid.nullable().default(null),
  debtorKind: z.enum(['company', 'person']).nullable().default(null).describe('company = professional, person = consumer'),
  minBalanceCents: thresholdInput.nullable().default(null),
  maxBalanceCents: thresholdInput.nullable().default(null),
  minDaysPastDue: countInput.nullable().default(null),
  maxDaysPastDue: countInput.nullable().default(null),
  departments: z.array(department).min(1).max(120).nullable().default(null),
  memberIds: z.array(uuid).max(500).default([]),
};

export const createPortfolioBody = z.object(portfolioFields).meta({ id: 'CreatePortfolio' });
export type CreatePortfolioBody = z.infer<typeof createPortfolioBody>;

export const updatePortfolioBody = z
  .object({
    name: portfolioFields.name.optional(),
    creditorId: uuid.nullable().optional(),
    debtorKind: z.enum(['company', 'person']).nullable().optional(),
    minBalanceCents: thresholdInput.nullable().optional(),
    maxBalanceCents: thresholdInput.nullable().optional(),
    minDaysPastDue: countInput.nullable().optional(),
    maxDaysPastDue: countInput.nullable().optional(),
    departments: z.array(department).min(1).max(120).nullable().optional(),
    memberIds: z.array(uuid).max(500).optional(),
  })
  .meta({ id: 'UpdatePortfolio' });
export type UpdatePortfolioBody = z.infer<typeof updatePortfolioBody>;

export const portfolio = z
  .object({
    id: uuid,
    name: z.string(),
    creditorId: uuid.nullable(),
    debtorKind: z.enum(['company', 'person']).nullable(),
    minBalanceCents: z.number().int().nullable(),
    maxBalanceCents: z.number().int().nullable(),
    minDaysPastDue: z.number().int().nullable(),
    maxDaysPastDue: z.number().int().nullable(),
    departments: z.array(z.string()).nullable(),
    memberIds: z.array(uuid),
    openCases: z.number().int(),
    balanceCents: z.number().int().describe('Open cases: principal placed minus payments received (cents)'),
    unassignedOpenCases: z.number().int().describe('Open cases of the portfolio with no agent'),
  })
  .meta({ id: 'Portfolio' });
export type Portfolio = z.infer<typeof portfolio>;

export const agentWorkload = z
  .object({
    agentId: uuid,
    name: z.string(),
    openCases: z.number().int().describe('Open cases assigned to the agent'),
    capacity: z.number().int(),
    overloaded: z.boolean(),
    awayUntil: instant.nullable(),
    portfolioIds: z.array(uuid),
  })
  .meta({ id: 'AgentWorkload' });
export type AgentWorkloadDto = z.infer<typeof agentWorkload>;

export const workload = z
  .object({
    agents: z.array(agentWorkload),
    unassignedOpenCases: z.number().int().describe('Open cases with no agent, or whose agent is away'),
  })
  .meta({ id: 'Workload' });
export type Workload = z.infer<typeof workload>;

export const rebalanceBody = z.object({ portfolioId: uuid.optional() }).default({});
export const rebalanceQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().describe('true: answer the moves (a preview) without applying them'),
});
export const rebalanceMove = z
  .object({
    caseId: uuid,
    reference: z.string(),
    portfolioId: uuid,
    fromAgentId: uuid.nullable().describe('Null: the case had no agent'),
    toAgentId: uuid,
  })
  .meta({ id: 'RebalanceMove' });
export const rebalanceResult = z
  .object({
    moved: z.number().int().describe('Cases taken from over-loaded agents'),
    assigned: z.number().int().describe('Unassigned cases given out'),
    dryRun: z.boolean(),
    byAgent: z
      .array(z.object({ agentId: uuid, gains: z.number().int(), losses: z.number().int() }))
      .describe('Per agent: cases received and cases given up'),
    moves: z.array(rebalanceMove).describe('The moves, the first 1,000 (all of them counted above)'),
  })
  .meta({ id: 'RebalanceResult' });
export type RebalanceResult = z.infer<typeof rebalanceResult>;

export const capacityBody = z.object({ capacity: z.number().int().min(0).max(100_000) });
export const awayBody = z.object({ until: instantInput });
export const agentAvailability = z
  .object({ agentId: uuid, capacity: z.number().int(), awayUntil: instant.nullable(), releasedLeases: z.number().int().optional() })
  .meta({ id: 'AgentAvailability' });

// Bulk reassignment from the case list (managers).
export const bulkAssignBody = z
  .object({
    caseIds: z.array(uuid).min(1).max(500).describe('At most 500 cases, all assigned in one transaction'),
    agentId: uuid.nullable().describe('The agent who gets the cases; null: unassign them'),
  })
  .meta({ id: 'BulkAssign' });
export type BulkAssignBody = z.infer<typeof bulkAssignBody>;
export const bulkAssignResult = z
  .object({ updated: z.number().int().describe('Cases whose agent changed'), unchanged: z.number().int().describe('Cases already with that agent') })
  .meta({ id: 'BulkAssignResult' });
