// What a debtor may pay alone on their page, by card. The creditor sets a floor for an amount of
// the debtor's choice (creditor.portal_min_payment_cents, in the mandate's portal rules): small
// card payments cost more in fees than they bring and spread the debt over years. Two amounts are
// always accepted below it, since refusing them would refuse the debt itself: the whole balance
// (C. civ. 1342-4: the creditor may refuse a partial payment, never the whole), and what is still
// due on the next installment of the plan the debtor agreed to (the agreement fixed that amount).
// Never more than the balance: the page takes no overpayment (an excess would have to be refunded,
// C. civ. 1302-1).

export type DebtorAmountRules = {
  /** What the debtor's page asks for (the décompte's balance on live claims). */
  readonly balanceCents: number;
  /** The creditor's floor for an amount of the debtor's choice. */
  readonly minCents: number;
  /** Still due on the next installment of the active plan; null without an active plan. */
  readonly nextInstallmentDueCents: number | null;
};

export type DebtorAmountRefusal =
  | { readonly code: 'nothing_to_pay' }
  | { readonly code: 'amount_too_high'; readonly balanceCents: number }
  | { readonly code: 'amount_too_low'; readonly minCents: number; readonly balanceCents: number; readonly nextInstallmentCents: number | null };

/** Why the page refuses `amountCents`, or null when the debtor may pay it by card. */
export function debtorAmountRefusal(amountCents: number, rules: DebtorAmountRules): DebtorAmountRefusal | null {
  const { balanceCents, minCents, nextInstallmentDueCents } = rules;
  if (balanceCents <= 0) return { code: 'nothing_to_pay' };
  if (amountCents > balanceCents) return { code: 'amount_too_high', balanceCents };
  if (amountCents === balanceCents) return null;
  if (nextInstallmentDueCents !== null && nextInstallmentDueCents > 0 && amountCents === Math.min(nextInstallmentDueCents, balanceCents)) return null;
  if (amountCents < minCents || amountCents < 1) {
    return { code: 'amount_too_low', minCents, balanceCents, nextInstallmentCents: nextInstallmentDueCents };
  }
  return null;
}
