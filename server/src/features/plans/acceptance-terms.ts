import { createHash } from 'node:crypto';
import type { Locale } from '@relance/contracts/errors';
import { centsFromDatabase, formatMoney } from '@relance/domain/money';
import { canonicalJson } from '../../plugins/idempotency.ts';
import type { SqlExec } from '../../plugins/sql.ts';

// The terms a debtor accepts on their page, kept as proof. C. civ. 1366: an electronic writing is
// worth a paper one when its author can be identified and its integrity is guaranteed; C. civ. 2240:
// the debtor's acceptance of the plan is an acknowledgment of the debt. So the page shows the
// totals, every installment and the commitment in the debtor's language; the acceptance sends back
// the SHA-256 of exactly those terms (the page's copy); the server rebuilds them from the plan it
// is about to activate and refuses when they differ (409 plan_terms_changed). The terms and their
// digest are stored on the plan with the time, the address and the browser of the acceptance.

export type TermsInput = {
  locale: Locale;
  creditorName: string;
  caseReference: string;
  debtCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  frequency: 'weekly' | 'biweekly' | 'monthly';
  graceDays: number;
  installments: readonly { index: number; dueOn: string; amountCents: number }[];
};

export type AcceptanceTerms = TermsInput & { version: 1; commitment: string };

const frequencyWords = {
  fr: { weekly: 'hebdomadaires', biweekly: 'toutes les deux semaines', monthly: 'mensuelles' },
  en: { weekly: 'weekly', biweekly: 'fortnightly', monthly: 'monthly' },
} as const;

/** The sentence next to the acceptance button, in the debtor's language. */
function commitmentText(input: TermsInput): string {
  const money = (cents: number) => formatMoney(cents, input.currency, input.locale);
  const count = input.installments.length;
  const frequency = frequencyWords[input.locale][input.frequency];
  if (input.locale === 'en') {
    const waiver = input.discountCents > 0 ? ` (after a waiver of ${money(input.discountCents)} on ${money(input.debtCents)})` : '';
    return (
      `I undertake to pay ${input.creditorName} the sum of ${money(input.totalCents)}${waiver} in ${count} ${frequency} installment(s), ` +
      `on the dates and for the amounts of the schedule shown (file ${input.caseReference}). By accepting this plan I acknowledge owing this sum ` +
      `(article 2240 of the French Civil Code). If an installment remains unpaid ${input.graceDays} days after its date, the plan ends and the ` +
      'remaining balance is due again.'
    );
  }
  const waiver = input.discountCents > 0 ? ` (après une remise de ${money(input.discountCents)} sur ${money(input.debtCents)})` : '';
  return (
    `Je m'engage à payer à ${input.creditorName} la somme de ${money(input.totalCents)}${waiver} en ${count} échéance(s) ${frequency}, ` +
    `aux dates et pour les montants de l'échéancier affiché (dossier ${input.caseReference}). En acceptant cet échéancier, je reconnais devoir ` +
    `cette somme (article 2240 du Code civil). Si une échéance reste impayée ${input.graceDays} jours après sa date, l'échéancier prend fin ` +
    'et le solde restant redevient exigible.'
  );
}

/** The terms shown for a plan or an option, and their SHA-256 (hex, over the keys in sorted order). */
export function acceptanceTerms(input: TermsInput): { terms: AcceptanceTerms; digest: string } {
  const terms: AcceptanceTerms = { version: 1, ...input, installments: input.installments.map(({ index, dueOn, amountCents }) => ({ index, dueOn, amountCents })), commitment: commitmentText(input) };
  return { terms, digest: termsDigestOf(terms) };
}

export function termsDigestOf(terms: unknown): string {
  return createHash('sha256').update(canonicalJson(terms)).digest('hex');
}

/** Who the debtor owes and under which reference: the creditor's legal name, the case reference. */
export async function termsPartiesOf(exec: SqlExec, caseId: string): Promise<{ creditorName: string; caseReference: string }> {
  const [row] = await exec<{ legal_name: string; reference: string }>(
    'select cr.legal_name, c.reference from collection_case c join creditor cr on cr.id = c.creditor_id where c.id = ?',
    [caseId],
  );
  return { creditorName: row?.legal_name ?? '', caseReference: row?.reference ?? '' };
}

/** The terms of a stored plan, from its rows (what the page shows of a plan awaiting acceptance). */
export async function storedPlanTerms(exec: SqlExec, planId: string, locale: Locale) {
  const [plan] = await exec<{ case_id: string; debt_cents: string; discount_cents: string; total_cents: string; currency: string; frequency: TermsInput['frequency']; grace_days: number }>(
    'select case_id, debt_cents, discount_cents, total_cents, currency, frequency, grace_days from payment_plan where id = ?',
    [planId],
  );
  if (!plan) return null;
  const installments = await exec<{ index: number; due_on: string; amount_cents: string }>(
    'select index, due_on::text as due_on, amount_cents from payment_plan_installment where plan_id = ? order by index',
    [planId],
  );
  return acceptanceTerms({
    locale,
    ...(await termsPartiesOf(exec, plan.case_id)),
    debtCents: centsFromDatabase(plan.debt_cents, 'debt_cents'),
    discountCents: centsFromDatabase(plan.discount_cents, 'discount_cents'),
    totalCents: centsFromDatabase(plan.total_cents, 'total_cents'),
    currency: plan.currency,
    frequency: plan.frequency,
    graceDays: plan.grace_days,
    installments: installments.map((row) => ({ index: row.index, dueOn: row.due_on, amountCents: centsFromDatabase(row.amount_cents, 'amount_cents') })),
  });
}
