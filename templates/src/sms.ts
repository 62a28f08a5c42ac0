import { amount } from './format.ts';
import type { LetterProps } from './letter-model.ts';
import { amountDue } from './letters.ts';

// SMS reminder: the creditor's display name, the balance and the debtor's link. One GSM-7
// segment (160 septets) when the text allows it; the longest variant that fits is chosen.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** Length in GSM-7 septets (extended characters count 2), or null when the text needs UCS-2. */
export function gsmLength(text: string): number | null {
  let length = 0;
  for (const character of text) {
    if (GSM_BASIC.includes(character)) length += 1;
    else if (GSM_EXTENDED.includes(character)) length += 2;
    else return null;
  }
  return length;
}

/** Characters one segment holds for this text: 160 in GSM-7, 70 in UCS-2. */
export function smsFitsOneSegment(text: string): boolean {
  const septets = gsmLength(text);
  return septets === null ? [...text].length <= 70 : septets <= 160;
}

export function reminderSms(props: LetterProps): string {
  const due = amount(amountDue(props), props.statement.currency, props.locale).replace(/[\u00A0\u202F]/g, ' ');
  const name = props.creditor.brand.displayName;
  const url = props.case.portalUrl;
  const variants =
    props.locale === 'fr'
      ? [
          `${name} : votre dossier ${props.case.reference} présente un solde de ${due}. Pour payer, proposer un échéancier ou contester : ${url}`,
          `${name} : solde dû ${due}. Payer ou répondre : ${url}`,
          `${name} : ${url}`,
        ]
      : [
          `${name}: your case ${props.case.reference} has a balance of ${due}. To pay, propose a plan or dispute: ${url}`,
          `${name}: balance due ${due}. Pay or reply: ${url}`,
          `${name}: ${url}`,
        ];
  return variants.find(smsFitsOneSegment) ?? variants[variants.length - 1] ?? url;
}
