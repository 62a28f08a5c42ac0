import { z } from 'zod';
import { businessDate, cents, claimNature, dateInput, uuid } from './common.ts';

// The décompte (statement of account) as the API returns it: the lines of packages/domain's
// buildStatement, each element shown separately (CPCE R124-4 3°). Totals are sums of printed
// lines, so a letter built from it adds up.

export const halfYear = z
  .string()
  .regex(/^\d{4}-H[12]$/, 'a half-year such as 2026-H2')
  .describe('Half-year, e.g. 2026-H2');

export const allocationElement = z.enum(['indemnity', 'interest', 'principal']);

export const statementLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('principal'),
    claimRef: z.string(),
    issueDate: businessDate,
    dueDate: businessDate,
    amountCents: cents,
  }),
  z.object({
    kind: z.literal('interest'),
    claimRef: z.string(),
    from: businessDate.describe('First day counted'),
    to: businessDate.describe('Last day counted'),
    days: z.number().int(),
    yearDays: z.union([z.literal(365), z.literal(366)]),
    rateBasisPoints: z.number().int(),
    baseCents: cents,
    amountCents: cents.describe('base x rate x days / yearDays, rounded half-up to the cent once per line'),
    legalBasis: z.string(),
  }),
  z.object({
    kind: z.literal('indemnity'),
    claimRef: z.string(),
    amountCents: cents,
    legalBasis: z.string(),
  }),
  z.object({
    kind: z.literal('payment'),
    id: z.string(),
    date: businessDate,
    amountCents: cents,
    allocations: z.array(z.object({ claimRef: z.string(), element: allocationElement, amountCents: cents })),
    creditCents: cents.describe('Part of the payment beyond everything owed: to refund'),
  }),
]);
export type StatementLine = z.infer<typeof statementLine>;



export const statementWarning = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('contract_rate_below_legal_floor'),
    claimRef: z.string(),
    halfYear,
    contractRateBasisPoints: z.number().int(),
    floorBasisPoints: z.number().int(),
  }),
  z.object({ code: z.literal('no_interest_without_mise_en_demeure'), claimRef: z.string() }),
  z
    .object({ code: z.literal('consumer_contract_rate_without_mise_en_demeure'), claimRef: z.string(), contractRateBasisPoints: z.number().int() })
    .describe(
      'A contractual late rate (not between professionals) runs from the due date with no mise en demeure recorded: lawful only if the contract puts the debtor in default on the due date (C. civ. 1231, 1344)',
    ),
  z
    .object({
      code: z.literal('contract_rate_cap_to_check'),
      claimRef: z.string(),
      nature: claimNature,
      contractRateBasisPoints: z.number().int(),
      legalBasis: z.string(),
    })
    .describe("Consumer credit: default interest may not exceed the credit's own rate (C. conso. L312-39); flagged, not computed"),
  z
    .object({
      code: z.literal('contract_rate_set_aside'),
      claimRef: z.string(),
      nature: claimNature,
      contractRateBasisPoints: z.number().int(),
      legalBasis: z.string(),
    })
    .describe('Residential lease: a late-payment penalty clause is deemed unwritten (loi 89-462 art. 4 i)); taux légal from the mise en demeure instead'),
  z.object({ code: z.literal('payment_after_as_of'), paymentId: z.string(), date: businessDate }),
  z.object({ code: z.literal('overpayment'), paymentId: z.string(), creditCents: cents }),
]);
export type StatementWarning = z.infer<typeof statementWarning>;

export const claimStanding = z
  .object({
    claimRef: z.string(),
    nature: z.string().nullable().describe('The nature whose regime gave the prescription (packages/domain claim-nature.ts)'),
    basis: z.string().nullable().describe('Article of the prescription regime, e.g. C. conso. L218-2'),
    prescriptionDate: businessDate.nullable().describe('Last day the claim can be pursued, moved by the interruptions (C. civ. 2231, 2240, 2241)'),
    prescribed: z.boolean().describe('Prescribed at asOf: never demanded, listed apart as "prescrit"'),
    daysLeft: z.number().int().nullable().describe('Days from asOf to the prescription date (negative once prescribed)'),
    principalCents: cents,
    interestCents: cents,
    indemnityCents: cents,
    paidCents: cents.describe('What the décompte allocated to this claim (C. civ. 1342-10); kept there even once prescribed (C. civ. 2249)'),
    owedCents: cents.describe('principal + interest + indemnity - paid: what remains on the claim'),
  })
  .meta({ id: 'ClaimStanding' });
export type ClaimStanding = z.infer<typeof claimStanding>;

export const statement = z
  .object({
    caseId: uuid,
    asOf: businessDate,
    currency: z.string().length(3),
    lines: z.array(statementLine),
    totals: z.object({
      principalCents: cents,
      interestCents: cents,
      indemnityCents: cents,
      paidCents: cents,
      creditCents: cents,
      balanceCents: cents.describe('principal + interest + indemnity - (paid - credit)'),
    }),
    balances: z
      .object({ principalCents: cents, interestCents: cents, indemnityCents: cents })
      .describe('What remains owed on each element after allocating the payments'),
    warnings: z.array(statementWarning),
    standing: z
      .object({
        demandableCents: cents.describe('What may be demanded: what remains on the claims that are not prescribed'),
        prescribedCents: cents.describe('What remains on prescribed claims: never demanded (balance = demandable + prescribed)'),
        claims: z.array(claimStanding).describe('Every claim of the décompte, in its order'),
      })
      .describe("Each claim's prescription and what remains on it. The debtor's décompte (portal, letters) has only the live claims, and prescribedCents 0"),
    procedureCosts: z
      .object({
        titleOn: businessDate.describe('The day the case’s title became enforceable'),
        lines: z.array(
          z.object({
            kind: z.literal('procedure_cost'),
            id: z.string(),
            date: businessDate,
            description: z.string(),
            amountCents: cents,
            legalBasis: z.string(),
          }),
        ),
        totalCents: cents,
        paidCents: cents.describe('What payments beyond the claims (the décompte’s credit) paid of these costs'),
        balanceCents: cents,
        totalDueCents: cents.describe('The décompte’s balance plus what remains of these costs'),
      })
      .optional()
      .describe('Frais de procédure: the costs borne by the debtor, present only once the case holds an enforceable title at asOf (CPCE L111-8 al. 1)'),
  })
  .meta({ id: 'Statement' });
export type Statement = z.infer<typeof statement>;

export const statementQuery = z.object({
  asOf: dateInput.optional().describe('Default: today in Europe/Paris'),
});

const basisPoints = z.number().int().min(0).max(100_00);

export const legalRate = z
  .object({
    halfYear,
    ecbBasisPoints: z.number().int().describe('ECB main refinancing rate in force on the first day (C. com. L441-10)'),
    defaultPenaltyBasisPoints: z.number().int().describe('B2B default penalty rate: ECB + 10 points'),
    legalPrivateIndividualBasisPoints: z.number().int().describe('Taux légal, creditor a private individual (CMF L313-2)'),
    legalOtherBasisPoints: z.number().int().describe('Taux légal, other cases (CMF L313-2)'),
    source: z.enum(['built_in', 'added']),
    addedAt: z.string().nullable(),
  })
  .meta({ id: 'LegalRate' });
export type LegalRate = z.infer<typeof legalRate>;

export const rateTable = z
  .object({
    items: z.array(legalRate).describe('Oldest first'),
    currentHalfYear: halfYear,
    missing: z.array(halfYear).describe('Half-years up to the current one that the table lacks'),
  })
  .meta({ id: 'RateTable' });
export type RateTableDto = z.infer<typeof rateTable>;

export const addRateBody = z
  .object({
    halfYear,
    ecbBasisPoints: basisPoints,
    legalPrivateIndividualBasisPoints: basisPoints,
    legalOtherBasisPoints: basisPoints,
  })
  .meta({ id: 'AddRateBody' });
export type AddRateBody = z.infer<typeof addRateBody>;
