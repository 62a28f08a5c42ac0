import type { BusinessDate } from '@relance/domain/dates';
import { formatMoney } from '@relance/domain/money';
import type { Locale, PaymentMethod } from './letter-model.ts';

// Display helpers shared by letters, emails and SMS. Amounts come from the domain's
// formatMoney; U+202F (narrow no-break space, the French group separator) is printed as
// U+00A0 because not every bundled font carries a glyph for it. Days as DD/MM/YYYY and anything in
// Paris time come from packages/domain calendar.ts (frenchDate, localDate, parisDateTime).

export function amount(cents: number, currency: string, locale: Locale): string {
  return formatMoney(cents, currency, locale).replace(/\u202F/g, '\u00A0');
}

const MONTHS: Record<Locale, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** '2025-03-01' -> '1er mars 2025' / '1 March 2025'. */
export function longDate(date: BusinessDate, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  const monthName = MONTHS[locale][(month ?? 1) - 1] ?? '';
  const dayText = locale === 'fr' && day === 1 ? '1er' : String(day);
  return `${dayText} ${monthName} ${year}`;
}

/** 1215 basis points -> '12,15 %' / '12.15%'. */
export function rate(basisPoints: number, locale: Locale): string {
  const text = (basisPoints / 100).toFixed(2);
  return locale === 'fr' ? `${text.replace('.', ',')}\u00A0%` : `${text}%`;
}

/**
 * How a payment was made, in words: the methods a letter offers (PaymentMethod) and those the
 * agency records besides (paid to the creditor, a credit note, other), one table for every document.
 */
export const PAYMENT_METHODS: Record<PaymentMethod | 'direct_to_creditor' | 'credit_note' | 'other', Record<Locale, string>> = {
  transfer: { fr: 'virement', en: 'bank transfer' },
  card: { fr: 'carte bancaire', en: 'card' },
  direct_debit: { fr: 'prélèvement SEPA', en: 'SEPA direct debit' },
  cheque: { fr: 'chèque', en: 'cheque' },
  cash: { fr: 'espèces', en: 'cash' },
  direct_to_creditor: { fr: 'payé au créancier', en: 'paid to the creditor' },
  credit_note: { fr: 'avoir', en: 'credit note' },
  other: { fr: 'autre', en: 'other' },
};
