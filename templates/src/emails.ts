import { formatCreditorReference, formatIban } from '@relance/domain/identifiers';
import { L111_8_PARAGRAPH_2, L111_8_PARAGRAPH_3 } from './compliance.ts';
import { amount, longDate } from './format.ts';
import type { LetterProps } from './letter-model.ts';
import { amountDue } from './letters.ts';

// The first reminder by email (the R124-4 letter's content, branded by the creditor):
// pure, returns strings; the channel adapter sends them.

export type ReminderEmail = { readonly fromName: string; readonly subject: string; readonly html: string; readonly text: string };

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;

export function firstReminderEmail(props: LetterProps<'first'>): ReminderEmail {
  const { locale, agency, creditor, statement } = props;
  const fr = locale === 'fr';
  const color = SAFE_COLOR.test(creditor.brand.primaryColor) ? creditor.brand.primaryColor : '#333333';
  const money = (cents: number): string => amount(cents, statement.currency, locale);
  const due = money(amountDue(props));
  const rf = formatCreditorReference(props.case.creditorReference);
  const iban = formatIban(agency.clientFundsIban) ?? agency.clientFundsIban;
  const subject = fr
    ? `${creditor.brand.displayName} : relance amiable, dossier ${props.case.reference}`
    : `${creditor.brand.displayName}: payment reminder, case ${props.case.reference}`;
  const lines = statement.lines.map((line) => {
    switch (line.kind) {
      case 'principal':
        return [fr ? `Principal, facture ${line.claimRef}` : `Principal, invoice ${line.claimRef}`, money(line.amountCents)];
      case 'interest':
        return [fr ? `Intérêts, facture ${line.claimRef} (${line.from} au ${line.to})` : `Interest, invoice ${line.claimRef} (${line.from} to ${line.to})`, money(line.amountCents)];
      case 'indemnity':
        return [fr ? `Indemnité forfaitaire, facture ${line.claimRef}` : `Fixed indemnity, invoice ${line.claimRef}`, money(line.amountCents)];
      case 'payment':
        return [fr ? `Paiement reçu le ${line.date}` : `Payment received on ${line.date}`, money(0 - line.amountCents)];
    }
  });
  lines.push([fr ? 'Solde dû' : 'Balance due', due]);
  const intro = fr
    ? `${agency.name} (${agency.addressLines.join(', ')}). ${agency.amicableCollectionStatement.fr} Nous intervenons pour le compte de ${creditor.legalName} (${creditor.addressLines.join(', ')}).`
    : `${agency.name} (${agency.addressLines.join(', ')}). ${agency.amicableCollectionStatement.en} We act on behalf of ${creditor.legalName} (${creditor.addressLines.join(', ')}).`;
  const demand = fr
    ? `Sauf erreur de notre part, la somme de ${due} reste impayée. Merci de la régler avant le ${longDate(props.deadline, locale)}.`
    : `Unless we are mistaken, the sum of ${due} remains unpaid. Please pay it by ${longDate(props.deadline, locale)}.`;
  const howToPay = fr
    ? `Virement sur le compte de fonds de tiers de ${agency.name} : IBAN ${iban}, BIC ${agency.bic}, référence ${rf}.`
    : `Bank transfer to ${agency.name}'s client-funds account: IBAN ${iban}, BIC ${agency.bic}, reference ${rf}.`;
  const linkLabel = fr ? 'Payer ou répondre en ligne' : 'Pay or reply online';
  const legalTitle = "Article L111-8 du code des procédures civiles d'exécution, alinéas 2 et 3 :";

  const text = [
    subject,
    '',
    intro,
    '',
    demand,
    '',
    ...lines.map(([label, value]) => `- ${label} : ${value}`),
    '',
    howToPay,
    `${linkLabel} : ${props.case.portalUrl}`,
    '',
    legalTitle,
    L111_8_PARAGRAPH_2,
    L111_8_PARAGRAPH_3,
    '',
    ...creditor.signatureLines,
    creditor.footer,
  ].join('\n');

  const row = ([label, value]: string[]): string =>
    `<tr><td style="padding:4px;border-bottom:1px solid #ddd">${escapeHtml(label ?? '')}</td><td style="padding:4px;border-bottom:1px solid #ddd;text-align:right">${escapeHtml(value ?? '')}</td></tr>`;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#222;max-width:640px;margin:auto">
<div style="border-bottom:3px solid ${color};padding:8px 0"><strong style="font-size:20px;color:${color}">${escapeHtml(creditor.brand.displayName)}</strong></div>
<p>${escapeHtml(intro)}</p>
<p>${escapeHtml(demand)}</p>
<table style="border-collapse:collapse;width:100%">${lines.map(row).join('')}</table>
<p>${escapeHtml(howToPay)}</p>
<p><a href="${escapeHtml(props.case.portalUrl)}" style="display:inline-block;background:${color};color:#fff;padding:10px 16px;text-decoration:none">${escapeHtml(linkLabel)}</a><br>${escapeHtml(props.case.portalUrl)}</p>
<div style="font-size:12px;background:#f5f5f5;padding:8px"><strong>${escapeHtml(legalTitle)}</strong><p>${escapeHtml(L111_8_PARAGRAPH_2)}</p><p>${escapeHtml(L111_8_PARAGRAPH_3)}</p></div>
<p>${creditor.signatureLines.map(escapeHtml).join('<br>')}</p>
<p style="font-size:11px;color:#666">${escapeHtml(creditor.footer)}</p>
</body></html>`;
  return { fromName: creditor.senderName, subject, html, text };
}
