import { z } from 'zod';
import { caseOutcome } from './case-work.ts';
import { businessDate, cents, uuid } from './common.ts';

// The managers' prescription lists (issue 15): cases whose every claim is prescribed, proposed for
// closure (nothing may be demanded any more), and claims that prescribe within 90 days with the
// action that would interrupt them.

export const interruptingAction = z
  .enum(['obtain_payment', 'obtain_acknowledgment', 'injonction_de_payer', 'court_claim'])
  .describe(
    'obtain_payment / obtain_acknowledgment: a payment or a written or electronic acknowledgment of the debt (C. civ. 2240); ' +
      "injonction_de_payer: file an injonction de payer request (C. civ. 2241); court_claim: a forclusion (consumer credit, C. conso. R312-35) is kept only by a court claim",
  );

const caseColumns = {
  caseId: uuid,
  reference: z.string(),
  creditorId: uuid,
  creditorName: z.string(),
  debtorName: z.string(),
  status: z.string(),
  currency: z.string().length(3),
};

export const prescribedClaim = z.object({
  claimRef: z.string(),
  nature: z.string(),
  basis: z.string(),
  prescriptionDate: businessDate.describe('Last day it could be pursued'),
  owedCents: cents.nullable().describe('What remains on it; null when the décompte cannot be computed'),
});

export const closureProposal = z
  .object({
    ...caseColumns,
    prescribedSince: businessDate.describe('The day after the last claim prescribed (C. civ. 2229)'),
    prescribedCents: cents.nullable().describe('What remains on the prescribed claims: never demanded'),
    paidCents: cents.describe('What the debtor paid on the case: it stays paid (C. civ. 2249)'),
    suggestedOutcome: caseOutcome.describe('irrecoverable when nothing was paid; paid when nothing remains; else partially_paid'),
    suggestedReason: z.string().describe('"Prescription acquise" with the claims and articles: the reason to close with'),
    claims: z.array(prescribedClaim),
  })
  .meta({ id: 'ClosureProposal' });
export type ClosureProposal = z.infer<typeof closureProposal>;

export const imminentPrescription = z
  .object({
    ...caseColumns,
    claimRef: z.string(),
    nature: z.string(),
    basis: z.string(),
    forclusion: z.boolean().describe('A délai de forclusion (consumer credit): the debtor acknowledging it does not interrupt it (C. civ. 2220)'),
    dueDate: businessDate,
    prescriptionDate: businessDate.describe('Last day the claim can be pursued'),
    daysLeft: z.number().int().min(0),
    owedCents: cents.nullable().describe('What remains on the claim; null when the décompte cannot be computed'),
    actions: z.array(z.object({ action: interruptingAction, article: z.string() })).describe('What would interrupt it, in order of preference'),
  })
  .meta({ id: 'ImminentPrescription' });
export type ImminentPrescription = z.infer<typeof imminentPrescription>;
