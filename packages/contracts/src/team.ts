import { z } from 'zod';
import { businessDate, cents, uuid } from './common.ts';

export const teamBoardQuery = z.object({ from: businessDate, to: businessDate });

export const agentFigures = z.object({
  casesWorked: z.number().int().describe('Distinct cases with an activity by the agent in the period'),
  calls: z.number().int(),
  rightPartyContacts: z.number().int().describe('Calls that reached the debtor (reached, promise, plan, refusal, dispute, says paid)'),
  promisesMade: z.number().int(),
  promisesKept: z.number().int().describe('Of the promises made in the period, those kept'),
  promisesBroken: z.number().int().describe('Of the promises made in the period, those broken'),
  plansAgreed: z.number().int().describe('Plans proposed by the agent that became active in the period'),
  plansKept: z.number().int().describe('Of those, plans not broken (active or completed)'),
  plansBroken: z.number().int(),
  collectedCents: cents.describe('Payments received in the period on cases assigned to the agent'),
});

export const teamBoard = z
  .object({
    from: businessDate,
    to: businessDate,
    agents: z.array(agentFigures.extend({ agentId: uuid, name: z.string(), role: z.string() })),
    team: agentFigures,
  })
  .meta({ id: 'TeamBoard' });
export type TeamBoard = z.infer<typeof teamBoard>;
