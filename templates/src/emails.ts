import { frenchDate } from '@relance/domain/calendar';
import { formatCreditorReference, formatIban } from '@relance/domain/identifiers';
import { L111_8_PARAGRAPH_2, L111_8_PARAGRAPH_3 } from './compliance.ts';
import { amount, longDate, rate } from './format.ts';
import type { LetterKind, LetterProps, ReceiptDocument } from './letter-model.ts';
import { agencyContact, agencySignature, amountDue, closingOf, firstLetterLine, greetingOf, onlineText, receiptDocumentOf } from './letters.ts';

// The first reminder by email (the R124-4 letter's content, branded by the creditor):
// pure, returns strings; the channel adapter sends them.

export type ReminderEmail = { readonly fromName: string; readonly subject: string; readonly html: string; readonly text: string };

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;

export function firstReminderEmail(props: LetterProps<'first'>): ReminderEmail {
  return letterEmail('first', props);
}

const SUBJECTS: Record<LetterKind, { fr: string; en: string }> = {
  first: { fr: 'relance amiable', en: 'payment reminder' },
  reminder: { fr: 'second rappel avant mise en demeure', en: 'second reminder before formal notice' },
  mise_en_demeure: { fr: 'mise en demeure de payer', en: 'formal notice to pay' },
  plan: { fr: "votre échéancier", en: 'your payment plan' },
  receipt: { fr: 'quittance de votre paiement', en: 'receipt for your payment' },
  dispute: { fr: 'accusé de réception de votre contestation', en: 'acknowledgment of your dispute' },
};

/** CPCE R124-6: the subject of each payment document (a receipt letter is one of three). */
const RECEIPT_SUBJECTS: Record<ReceiptDocument, { fr: string; en: string }> = {
  receipt: SUBJECTS.receipt,
  direct_payment_acknowledgment: { fr: 'paiement direct au créancier pris en compte', en: 'payment made to the creditor recorded' },
  cancellation: { fr: 'annulation de quittance', en: 'cancelled receipt' },
};

/** What the e-mail of a payment document says above the décompte (the document itself is attached). */
function receiptDemand(props: LetterProps, due: string): { fr: string; en: string } {
  switch (receiptDocumentOf(props)) {
    case 'receipt':
      return {
        fr: `Vous trouverez ci-joint la quittance de votre paiement. Le solde restant à la date de ce paiement est de ${due}.`,
        en: `Please find attached the receipt for your payment. The balance remaining as of this payment is ${due}.`,
      };
    case 'direct_payment_acknowledgment':
      return {
        fr: `Le créancier nous a informés avoir reçu directement votre paiement ; vous trouverez ci-joint notre accusé (ce n'est pas une quittance de notre agence). Le solde restant à la date de ce paiement est de ${due}.`,
        en: `The creditor has told us it received your payment directly; please find attached our acknowledgment (not a receipt from our agency). The balance remaining as of this payment is ${due}.`,
      };
    case 'cancellation':
      return {
        fr: `La quittance de votre paiement est annulée, ce paiement n'ayant pas été honoré ; le détail figure dans l'avis ci-joint. Le solde rétabli est de ${due}.`,
        en: `The receipt for your payment is cancelled, as the payment did not stand; the details are in the attached notice. The restored balance is ${due}.`,
      };
  }
}

/**
 * The e-mail of any letter kind: the same R124-4 content as the letter (agency, amicable
 * statement, creditor, décompte lines, IBAN + RF, link, L111-8, the first letter's reference on
 * later ones), with a subject and a demand paragraph proper to the kind. The sender attaches the
 * letter PDF for the kinds whose details live in the letter (plan, receipt, dispute).
 */
export function letterEmail<K extends LetterKind>(kind: K, props: LetterProps<K>): ReminderEmail {
  const { locale, agency, creditor, statement } = props;
  const fr = locale === 'fr';
  const color = SAFE_COLOR.test(creditor.brand.primaryColor) ? creditor.brand.primaryColor : '#333333';
  const money = (cents: number): string => amount(cents, statement.currency, locale);
  const due = money(amountDue(props));
  const rf = formatCreditorReference(props.case.creditorReference);
  const iban = formatIban(agency.clientFundsIban) ?? agency.clientFundsIban;
  const subjects = kind === 'receipt' ? RECEIPT_SUBJECTS[receiptDocumentOf(props)] : SUBJECTS[kind];
  const subject = fr
    ? `${creditor.brand.displayName} : ${subjects.fr}, dossier ${props.case.reference}`
    : `${creditor.brand.displayName}: ${subjects.en}, case ${props.case.reference}`;
  const lineRow = (line: (typeof statement.lines)[number]): string[] => {
    switch (line.kind) {
      case 'principal':
        return [fr ? `Principal, facture ${line.claimRef}` : `Principal, invoice ${line.claimRef}`, money(line.amountCents)];
      case 'interest':
        return [
          fr
            ? `Intérêts, facture ${line.claimRef} (${frenchDate(line.from)} au ${frenchDate(line.to)}, ${rate(line.rateBasisPoints, locale)})`
            : `Interest, invoice ${line.claimRef} (${frenchDate(line.from)} to ${frenchDate(line.to)}, ${rate(line.rateBasisPoints, locale)})`,
          money(line.amountCents),
        ];
      case 'indemnity':
        return [fr ? `Indemnité forfaitaire, facture ${line.claimRef}` : `Fixed indemnity, invoice ${line.claimRef}`, money(line.amountCents)];
      case 'payment':
        return [fr ? `Paiement reçu le ${frenchDate(line.date)}` : `Payment received on ${frenchDate(line.date)}`, money(0 - line.amountCents)];
    }
  };
  const lines = statement.lines.map(lineRow);
  lines.push([fr ? 'Solde dû' : 'Balance due', due]);
  const intro = fr
    ? `${agency.name} (${agency.addressLines.join(', ')}). ${agency.amicableCollectionStatement.fr} Nous intervenons pour le compte de ${creditor.legalName} (${creditor.addressLines.join(', ')}).`
    : `${agency.name} (${agency.addressLines.join(', ')}). ${agency.amicableCollectionStatement.en} We act on behalf of ${creditor.legalName} (${creditor.addressLines.join(', ')}).`;
  const deadline = longDate(props.deadline, locale);
  const demands: Record<LetterKind, { fr: string; en: string }> = {
    first: {
      fr: `Sauf erreur de notre part, la somme de ${due} reste impayée. Merci de la régler avant le ${deadline}.`,
      en: `Unless we are mistaken, the sum of ${due} remains unpaid. Please pay it by ${deadline}.`,
    },
    reminder: {
      fr: `Malgré notre précédent courrier, la somme de ${due} reste impayée. Nous vous demandons de la régler avant le ${deadline}, ou de nous contacter par téléphone ou par e-mail (coordonnées ci-dessous) si vous contestez cette somme.`,
      en: `Despite our previous letter, the sum of ${due} remains unpaid. Please pay it by ${deadline}, or contact us by phone or e-mail (details below) if you dispute it.`,
    },
    mise_en_demeure: {
      fr: `Nous vous mettons en demeure de régler la somme de ${due} avant le ${deadline}. À défaut, le créancier pourra saisir la juridiction compétente (par exemple par une requête en injonction de payer). Aucune décision de justice n'a été rendue à ce jour.`,
      en: `We give you formal notice to pay the sum of ${due} by ${deadline}. Failing that, the creditor may apply to the competent court (for example for an order for payment). No court decision has been made to date.`,
    },
    plan: {
      fr: `Vous trouverez ci-joint l'échéancier convenu. Le solde actuel est de ${due}.`,
      en: `Please find attached the agreed payment plan. The current balance is ${due}.`,
    },
    receipt: receiptDemand(props, due),
    dispute: {
      fr: `Nous avons bien reçu votre contestation ; les relances sont suspendues pendant son examen. Le détail figure dans le courrier ci-joint.`,
      en: `We have received your dispute; reminders are suspended while it is examined. The details are in the attached letter.`,
    },
  };
  const demand = demands[kind][locale];
  // CPCE R124-4, last paragraph: an e-mail after the first letter repeats its reference and date.
  const firstLetter = firstLetterLine(kind, props);
  const firstLetterText = firstLetter ? `${firstLetter}.` : null;
  const letterLine = fr
    ? `Dossier ${props.case.reference} · Notre référence ${props.letterReference} du ${longDate(props.letterDate, locale)}`
    : `Case ${props.case.reference} · Our reference ${props.letterReference} of ${longDate(props.letterDate, locale)}`;
  const howToPay = fr
    ? `Virement sur le compte de fonds de tiers de ${agency.name} : IBAN ${iban}${agency.bic.trim() ? `, BIC ${agency.bic}` : ''}, référence ${rf}.`
    : `Bank transfer to ${agency.name}'s client-funds account: IBAN ${iban}${agency.bic.trim() ? `, BIC ${agency.bic}` : ''}, reference ${rf}.`;
  const linkLabel = fr ? 'Voir mon dossier et payer par carte' : 'See my file and pay by card';
  const online = `${onlineText(locale)}${props.case.portalUrl}`;
  const contact = agencyContact(props);
  const signature = agencySignature(props);
  const legalTitle = "Article L111-8 du code des procédures civiles d'exécution, alinéas 2 et 3 :";

  const greeting = greetingOf(props);
  const tone = props.wording?.toneParagraph?.trim() ?? '';
  const closing = closingOf(props);
  const text = [
    subject,
    letterLine,
    ...(firstLetterText ? [firstLetterText] : []),
    '',
    greeting,
    '',
    intro,
    '',
    demand,
    '',
    ...(tone ? [tone, ''] : []),
    ...lines.map(([label, value]) => `- ${label} : ${value}`),
    '',
    howToPay,
    online,
    contact,
    '',
    legalTitle,
    L111_8_PARAGRAPH_2,
    L111_8_PARAGRAPH_3,
    '',
    closing,
    signature,
    ...creditor.signatureLines,
    creditor.footer,
  ].join('\n');

  const row = ([label, value]: string[]): string =>
    `<tr><td style="padding:4px;border-bottom:1px solid #ddd">${escapeHtml(label ?? '')}</td><td style="padding:4px;border-bottom:1px solid #ddd;text-align:right">${escapeHtml(value ?? '')}</td></tr>`;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#222;max-width:640px;margin:auto">
<div style="border-bottom:3px solid ${color};padding:8px 0"><strong style="font-size:20px;color:${color}">${escapeHtml(creditor.brand.displayName)}</strong></div>
<p style="font-size:12px;color:#555">${escapeHtml(letterLine)}${firstLetterText ? `<br>${escapeHtml(firstLetterText)}` : ''}</p>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}</p>
<p>${escapeHtml(demand)}</p>
${tone ? `<p>${escapeHtml(tone)}</p>` : ''}
<table style="border-collapse:collapse;width:100%">${lines.map(row).join('')}</table>
<p>${escapeHtml(howToPay)}</p>
<p>${escapeHtml(onlineText(locale))}<br><a href="${escapeHtml(props.case.portalUrl)}" style="display:inline-block;background:${color};color:#fff;padding:10px 16px;text-decoration:none">${escapeHtml(linkLabel)}</a><br>${escapeHtml(props.case.portalUrl)}</p>
<p><strong>${escapeHtml(contact)}</strong></p>
<div style="font-size:12px;background:#f5f5f5;padding:8px"><strong>${escapeHtml(legalTitle)}</strong><p>${escapeHtml(L111_8_PARAGRAPH_2)}</p><p>${escapeHtml(L111_8_PARAGRAPH_3)}</p></div>
<p>${escapeHtml(closing)}<br><strong>${escapeHtml(signature)}</strong>${creditor.signatureLines.map((line) => `<br>${escapeHtml(line)}`).join('')}</p>
<p style="font-size:11px;color:#666">${escapeHtml(creditor.footer)}</p>
</body></html>`;
  return { fromName: creditor.senderName, subject, html, text };
}
