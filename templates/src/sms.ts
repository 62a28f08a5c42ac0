import { amount } from './format.ts';
import type { LetterKind, LetterProps } from './letter-model.ts';
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

/**
 * Segments a text takes: one segment holds 160 GSM-7 septets (70 UCS-2 characters); a longer
 * text is sent concatenated, each part holding 153 septets (67 UCS-2 characters) because of the
 * concatenation header. Operators bill per segment.
 */
export function smsSegments(text: string): number {
  const septets = gsmLength(text);
  if (septets === null) {
    const length = [...text].length;
    return length <= 70 ? 1 : Math.ceil(length / 67);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/**
 * The SMS of a letter kind. Reminders use the balance variants of reminderSms; a mise en demeure
 * says a registered letter follows; plan, receipt and dispute point to the debtor's page where
 * the letter is. The longest variant that fits one segment is chosen.
 */
export function letterSms(kind: LetterKind, props: LetterProps): string {
  if (kind === 'first' || kind === 'reminder') return reminderSms(props);
  const due = amount(amountDue(props), props.statement.currency, props.locale).replace(/[\u00A0\u202F]/g, ' ');
  const name = props.creditor.brand.displayName;
  const url = props.case.portalUrl;
  const ref = props.case.reference;
  const fr = props.locale === 'fr';
  const variants: Record<Exclude<LetterKind, 'first' | 'reminder'>, string[]> = {
    mise_en_demeure: fr
      ? [`${name} : mise en demeure, dossier ${ref}, solde ${due}. Courrier recommandé envoyé. Payer ou répondre : ${url}`, `${name} : mise en demeure, solde ${due} : ${url}`]
      : [`${name}: formal notice, case ${ref}, balance ${due}. Registered letter sent. Pay or reply: ${url}`, `${name}: formal notice, balance ${due}: ${url}`],
    plan: fr ? [`${name} : votre échéancier pour le dossier ${ref} est disponible : ${url}`] : [`${name}: your payment plan for case ${ref} is available: ${url}`],
    receipt: fr ? [`${name} : paiement reçu, merci. Quittance et solde : ${url}`] : [`${name}: payment received, thank you. Receipt and balance: ${url}`],
    dispute: fr
      ? [`${name} : contestation reçue pour le dossier ${ref}, relances suspendues. Suivi : ${url}`]
      : [`${name}: dispute received for case ${ref}, reminders suspended. Follow-up: ${url}`],
  };
  const list = [...variants[kind], `${name} : ${url}`];
  return list.find(smsFitsOneSegment) ?? list[0] ?? url;
}
