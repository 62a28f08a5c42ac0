import type { matchSuggestion } from '@relance/contracts/money';
import type { z } from 'zod';
import { todayInParis } from '../../plugins/context.ts';
import { emExec } from '../../plugins/sql.ts';
import { outstandingFigures, type ReadContext } from '../cases/statement.ts';

// Where an unmatched credit may belong, computed when the queue is read (never stored: balances
// move). Candidates come from cheap lookups (a case reference or an invoice reference written in
// the transfer's text, an open installment of that amount, a debtor whose name shares a word with
// the payer's, a case whose principal left equals the amount); each is then scored on its real
// balance today. Best first; at most five.

type Suggestion = z.infer<typeof matchSuggestion>;
type Reason = Suggestion['reasons'][number];

export type SuggestionInput = { readonly amountCents: number; readonly text: string | null; readonly counterpartyName: string | null };

const WEIGHTS: Record<Reason, number> = {
  reference_in_text: 50,
  invoice_in_text: 40,
  amount_equals_balance: 30,
  amount_equals_installment: 30,
  name_matches: 25,
};

/** Words not telling one payer from another: civilities and legal forms. */
const NOISE = new Set(['monsieur', 'madame', 'mme', 'mlle', 'mr', 'mrs', 'sarl', 'sas', 'sasu', 'eurl', 'ste', 'societe', 'ets', 'les', 'et', 'fils', 'cie', 'and']);

export function nameWords(name: string | null): string[] {
  if (!name) return [];
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return [...new Set(plain.split(/[^a-z0-9]+/).filter((word) => word.length >= 3 && !NOISE.has(word)))];
}

/** Tokens of the free text that may be a reference (letters, digits, dashes, slashes). */
function textTokens(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.toUpperCase().split(/[\s,;:()]+/).filter((token) => token.length >= 4 && /\d/.test(token)).map((token) => token.replace(/[.]+$/, '')))].slice(0, 50);
}

type CandidateRow = {
  id: string;
  reference: string;
  debtor_name: string;
  creditor_name: string;
  reference_in_text: boolean;
  invoice_in_text: boolean;
  installment: boolean;
  principal: boolean;
};

async function candidates(ctx: ReadContext, input: SuggestionInput): Promise<CandidateRow[]> {
  const tokens = textTokens(input.text);
  const compact = tokens.map((token) => token.replace(/[^0-9A-Z]/g, ''));
  const words = nameWords(input.counterpartyName);
  return await emExec(ctx.em)<CandidateRow>(
    `with by_reference as (
       select id from collection_case where upper(regexp_replace(reference, '[^0-9A-Za-z]', '', 'g')) in (select jsonb_array_elements_text(?::jsonb))),
     by_invoice as (
       select distinct case_id as id from claim where upper(invoice_ref) in (select jsonb_array_elements_text(?::jsonb))),
     by_installment as (
       select distinct p.case_id as id from payment_plan p join payment_plan_installment i on i.plan_id = p.id
        where p.status = 'active' and i.amount_cents - i.paid_cents = ?),
     by_name as (
       select c.id from collection_case c join debtor d on d.id = c.debtor_id
        where c.status <> 'closed' and exists (select 1 from jsonb_array_elements_text(?::jsonb) w where lower(d.display_name) like '%' || w || '%')
        limit 50),
     by_principal as (
       select cl.case_id as id from claim cl join collection_case c on c.id = cl.case_id where c.status <> 'closed'
        group by cl.case_id having sum(cl.amount_cents) - coalesce((select sum(p.amount_cents) from payment p where p.case_id = cl.case_id), 0) = ?
        limit 50),
     found as (select id from by_reference union select id from by_invoice union select id from by_installment union select id from by_name union select id from by_principal)
     select c.id, c.reference, d.display_name as debtor_name, cr.legal_name as creditor_name,
            c.id in (select id from by_reference) as reference_in_text,
            c.id in (select id from by_invoice) as invoice_in_text,
            c.id in (select id from by_installment) as installment,
            c.id in (select id from by_principal) as principal
       from found f join collection_case c on c.id = f.id join debtor d on d.id = c.debtor_id join creditor cr on cr.id = c.creditor_id
      limit 60`,
    [JSON.stringify(compact), JSON.stringify(tokens), input.amountCents, JSON.stringify(words), input.amountCents],
  );
}

/** The cases an unmatched credit may pay, best first, each with its score (0-100) and reasons. */
export async function suggestionsFor(ctx: ReadContext, input: SuggestionInput): Promise<Suggestion[]> {
  const rows = await candidates(ctx, input);
  if (rows.length === 0) return [];
  const figures = await outstandingFigures(ctx, rows.map((row) => row.id), todayInParis(ctx.clock));
  const payerWords = nameWords(input.counterpartyName);
  const scored = rows.map((row) => {
    const balanceCents = Math.max(0, figures.get(row.id)?.balanceCents ?? 0);
    const reasons: Reason[] = [];
    if (row.reference_in_text) reasons.push('reference_in_text');
    if (row.invoice_in_text) reasons.push('invoice_in_text');
    // The balance today (interest included), or the principal left (what an earlier letter may have shown).
    if (balanceCents === input.amountCents || row.principal) reasons.push('amount_equals_balance');
    if (row.installment) reasons.push('amount_equals_installment');
    const debtorWords = nameWords(row.debtor_name);
    const shared = debtorWords.filter((word) => payerWords.includes(word)).length;
    const nameShare = debtorWords.length === 0 ? 0 : shared / debtorWords.length;
    if (nameShare >= 0.5) reasons.push('name_matches');
    const score = Math.min(
      100,
      reasons.reduce((sum, reason) => sum + (reason === 'name_matches' ? Math.round(WEIGHTS.name_matches * nameShare) : WEIGHTS[reason]), 0),
    );
    return { caseId: row.id, caseReference: row.reference, debtorName: row.debtor_name, creditorName: row.creditor_name, balanceCents, score, reasons };
  });
  return scored
    .filter((suggestion) => suggestion.score > 0)
    .sort((a, b) => b.score - a.score || a.caseReference.localeCompare(b.caseReference))
    .slice(0, 5);
}
