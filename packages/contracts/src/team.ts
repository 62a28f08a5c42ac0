import { z } from 'zod';
import { businessDate, cents, dateInput, uuid } from './common.ts';

export const teamBoardQuery = z.object({ from: dateInput, to: dateInput });

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
    byPortfolio: z
      .array(
        agentFigures.extend({
          portfolioId: uuid.nullable().describe('null: the cases in no portfolio'),
          name: z.string().nullable(),
        }),
      )
      .describe(
        "Per portfolio of the cases, the same figures counted on the portfolio's cases: cases worked by anyone, calls, promises and plans by staff, every payment received on them",
      ),
  })
  .meta({ id: 'TeamBoard' });
export type TeamBoard = z.infer<typeof teamBoard>;

/** Bands of days since a case's last action (anything on its timeline), as the queue-health view groups them. */
export const queueHealthBands = ['0-7', '8-14', '15-30', '31-60', '61+', 'never'] as const;
export const queueHealthBand = z.enum(queueHealthBands);

export const queueHealth = z
  .object({
    asOf: businessDate,
    openCases: z.number().int(),
    bands: z.array(z.object({ band: queueHealthBand, cases: z.number().int(), balanceCents: cents.describe('Principal not yet paid, summed') })),
    byCreditor: z.array(
      z.object({
        creditorId: uuid,
        name: z.string(),
        openCases: z.number().int(),
        staleCases: z.number().int().describe('Open cases with no action for more than 30 days, or never worked'),
      }),
    ),
  })
  .meta({
    id: 'QueueHealth',
    examples: [
      {
        asOf: '2026-11-23',
        openCases: 300,
        bands: [
          { band: '0-7', cases: 120, balanceCents: 1_834_500_00 },
          { band: '8-14', cases: 40, balanceCents: 402_100_00 },
          { band: '15-30', cases: 30, balanceCents: 310_000_00 },
          { band: '31-60', cases: 20, balanceCents: 150_250_00 },
          { band: '61+', cases: 10, balanceCents: 90_000_00 },
          { band: 'never', cases: 80, balanceCents: 640_000_00 },
        ],
        byCreditor: [{ creditorId: '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', name: 'Fibrea Télécom', openCases: 180, staleCases: 52 }],
      },
    ],
  });
export type QueueHealth = z.infer<typeof queueHealth>;
