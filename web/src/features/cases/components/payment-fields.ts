import { isBusinessDate } from '../../../shared/dates.ts';

/**
 * What is wrong with a payment's typed amount (already parsed to cents, null when unreadable) and
 * date, as message keys: the agents' payment form and the creditor's direct payment share it; a
 * direct payment also refuses a day after today (`notAfter`).
 */
export function paymentFieldProblems(
  cents: number | null,
  date: string,
  notAfter: string | null,
): { amount?: 'payment.amountInvalid' | 'payment.amountPositive'; date?: 'payment.dateRequired' } {
  const problems: { amount?: 'payment.amountInvalid' | 'payment.amountPositive'; date?: 'payment.dateRequired' } = {};
  if (cents === null) problems.amount = 'payment.amountInvalid';
  else if (cents <= 0) problems.amount = 'payment.amountPositive';
  if (!isBusinessDate(date) || (notAfter !== null && date > notAfter)) problems.date = 'payment.dateRequired';
  return problems;
}
