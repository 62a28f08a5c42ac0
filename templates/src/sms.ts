import { frenchDate } from '@relance/domain/calendar';
import { amount } from './format.ts';
import type { LetterKind, LetterProps } from './letter-model.ts';
import { amountDue } from './letters.ts';

// SMS: the agency acting for the creditor, the balance and the debtor's link, and after the first
// letter that letter's reference and date. One GSM-7 segment (160 septets) when the text allows it;
// the longest variant that fits is chosen, else the shortest, which keeps every mandatory mention.

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

/**
 * Who writes, and after the first letter its reference and date (CPCE R124-4, last paragraph):
 * every SMS names the agency acting for the creditor, and one sent after the first letter repeats
 * that letter's reference and date, in every variant, even when that takes a second segment.
 */
function smsMentions(kind: LetterKind, props: LetterProps): { who: string; first: string } {
  const fr = props.locale === 'fr';
  const name = props.creditor.brand.displayName;
  const who = fr ? `${props.agency.name} pour ${name}` : `${props.agency.name} for ${name}`;
  const letter = props.firstLetter;
  const first =
    letter && (kind !== 'first' || letter.reference !== props.letterReference)
      ? fr
        ? ` Suite à notre lettre ${letter.reference} du ${frenchDate(letter.date)}.`
        : ` Further to our letter ${letter.reference} of ${frenchDate(letter.date)}.`
      : '';
  return { who, first };
}

const dueText = (props: LetterProps): string => amount(amountDue(props), props.statement.currency, props.locale).replace(/[\u00A0\u202F]/g, ' ');

/** The longest variant that fits one segment, else the last (the shortest, which keeps every mandatory mention). */
const pick = (variants: readonly string[]): string => variants.find(smsFitsOneSegment) ?? variants[variants.length - 1] ?? '';

export function reminderSms(props: LetterProps, kind: LetterKind = 'reminder'): string {
  const due = dueText(props);
  const url = props.case.portalUrl;
  const phone = props.agency.phone;
  const { who, first } = smsMentions(kind, props);
  return pick(
    props.locale === 'fr'
      ? [
          `${who} : votre dossier ${props.case.reference} présente un solde de ${due}.${first} Consulter et payer : ${url} Question, échéancier, contestation : ${phone}`,
          `${who} : dossier ${props.case.reference}, solde ${due}.${first} Payer : ${url} Tél. ${phone}`,
          `${who} : solde ${due}.${first} Payer : ${url}`,
          `${who}.${first} ${url}`,
        ]
      : [
          `${who}: your case ${props.case.reference} has a balance of ${due}.${first} See and pay: ${url} Question, plan, dispute: ${phone}`,
          `${who}: case ${props.case.reference}, balance ${due}.${first} Pay: ${url} Tel. ${phone}`,
          `${who}: balance ${due}.${first} Pay: ${url}`,
          `${who}.${first} ${url}`,
        ],
  );
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
 * the letter is (its "Vos courriers"). Every variant names the agency and, after the first letter,
 * that letter's reference and date.
 */
export function letterSms(kind: LetterKind, props: LetterProps): string {
  if (kind === 'first' || kind === 'reminder') return reminderSms(props, kind);
  const due = dueText(props);
  const url = props.case.portalUrl;
  const ref = props.case.reference;
  const { who, first } = smsMentions(kind, props);
  const fr = props.locale === 'fr';
  const variants: Record<Exclude<LetterKind, 'first' | 'reminder'>, string[]> = {
    mise_en_demeure: fr
      ? [`${who} : mise en demeure, dossier ${ref}, solde ${due}. Courrier recommandé envoyé.${first} Payer : ${url}`, `${who} : mise en demeure, solde ${due}.${first} ${url}`]
      : [`${who}: formal notice, case ${ref}, balance ${due}. Registered letter sent.${first} Pay: ${url}`, `${who}: formal notice, balance ${due}.${first} ${url}`],
    plan: fr ? [`${who} : votre échéancier pour le dossier ${ref} est dans vos courriers.${first} ${url}`] : [`${who}: your payment plan for case ${ref} is in your letters.${first} ${url}`],
    receipt: fr ? [`${who} : paiement reçu, merci.${first} Quittance et solde : ${url}`] : [`${who}: payment received, thank you.${first} Receipt and balance: ${url}`],
    dispute: fr
      ? [`${who} : contestation reçue pour le dossier ${ref}, relances suspendues.${first} Courrier : ${url}`]
      : [`${who}: dispute received for case ${ref}, reminders suspended.${first} Letter: ${url}`],
  };
  return pick([...variants[kind], `${who}.${first} ${url}`]);
}
