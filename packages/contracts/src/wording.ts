import { z } from 'zod';
import { instant, uuid } from './common.ts';
import { letterWording } from './messages.ts';

// Issue 15, "Words the agency is responsible for": a creditor's edit of its letter wording is a
// proposal that an agency manager approves before any letter uses it (the wording in force stays
// until then); an agency manager's or administrator's own edit applies at once. Both are read by
// the one checker (@relance/domain wording-check) on saving and again on approval.

/** One phrase the checker refused, named as written, with why (and the article when one applies). */
export const wordingProblem = z
  .object({
    field: z.string().describe('`fr.toneParagraph`, `en.closing`, `brand.signature`, `brand.footer`...'),
    rule: z
      .string()
      .describe(
        'step_not_planned, false_deadline, court_document, penal_consequences, bad_payer_file, debt_publicity, third_party_contact, harassment, collection_fees, too_long',
      ),
    phrase: z.string().describe('The phrase as written'),
    step: z.string().nullable().describe('For step_not_planned: mise_en_demeure, contentieux, injonction_de_payer, commissaire_de_justice, home_visit'),
    article: z.string().nullable(),
    message: z.string().describe('« phrase » : why (article), in the caller’s language'),
  })
  .meta({ id: 'WordingProblem' });
export type WordingProblemDto = z.infer<typeof wordingProblem>;

export const wordingProposalStatus = z.enum(['pending', 'approved', 'refused', 'superseded']);
export type WordingProposalStatus = z.infer<typeof wordingProposalStatus>;

export const wordingProposal = z
  .object({
    id: uuid,
    creditorId: uuid,
    creditorName: z.string(),
    status: wordingProposalStatus.describe('superseded: replaced by a newer proposal or by the agency’s own edit before a decision'),
    wording: letterWording.describe('What the creditor proposes'),
    previous: letterWording.describe('The wording in force when it was proposed'),
    proposedAt: instant,
    proposedBy: z.string().nullable().describe('Name of who proposed it'),
    decidedAt: instant.nullable(),
    decidedBy: z.string().nullable(),
    reason: z.string().nullable().describe('Why it was refused (or superseded)'),
    problems: z.array(wordingProblem).describe('What the checker says of it now, against the steps the strategies plan today (empty: approvable)'),
  })
  .meta({ id: 'WordingProposal' });
export type WordingProposal = z.infer<typeof wordingProposal>;

export const letterWordingSaved = z
  .object({
    outcome: z.enum(['applied', 'proposed']).describe('applied: in force now (agency manager or administrator); proposed: waits for approval (creditor)'),
    inForce: letterWording.describe('The wording letters use now'),
    proposal: wordingProposal.nullable(),
  })
  .meta({ id: 'LetterWordingSaved' });
export type LetterWordingSaved = z.infer<typeof letterWordingSaved>;

export const wordingProposalQuery = z.object({
  status: wordingProposalStatus.default('pending'),
});
export type WordingProposalQuery = z.infer<typeof wordingProposalQuery>;

export const refuseWordingProposalBody = z
  .object({ reason: z.string().trim().min(1).max(1000).describe('Shown to the creditor') })
  .meta({ id: 'RefuseWordingProposalBody', examples: [{ reason: 'Le paragraphe annonce un passage au contentieux que la stratégie ne prévoit pas.' }] });
export type RefuseWordingProposalBody = z.infer<typeof refuseWordingProposalBody>;

export const wordingProposalList = z.object({ items: z.array(wordingProposal) });
