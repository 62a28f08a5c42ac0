import { Canvas, Document, Font, Image, Link, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { frenchDate } from '@relance/domain/calendar';
import { formatCreditorReference, formatIban } from '@relance/domain/identifiers';
import type { StatementLine } from '@relance/domain/statement';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import React, { type ReactElement, type ReactNode } from 'react';
import { L111_8_PARAGRAPH_2, L111_8_PARAGRAPH_3, L111_8_TRANSLATION_EN } from './compliance.ts';
import { amount, longDate, PAYMENT_METHODS, rate } from './format.ts';
import type { LetterKind, LetterLogo, LetterProps, Locale, ReceiptDocument } from './letter-model.ts';

// The letters of a case, as react-pdf documents. Every letter carries the CPCE R124-4
// mentions (agency identity and amicable statement, creditor identity, décompte by element,
// demand and how to pay, L111-8 paragraphs 2 and 3, first letter's reference after the first)
// and is branded entirely from props. Written with createElement: Node runs these files by
// type stripping, which does not transform JSX.

const h = React.createElement;

export const FONT_FAMILY = 'Liberation Sans';
Font.register({
  family: FONT_FAMILY,
  fonts: [
    { src: `${import.meta.dirname}/../fonts/LiberationSans-Regular.ttf`, fontWeight: 'normal' },
    { src: `${import.meta.dirname}/../fonts/LiberationSans-Bold.ttf`, fontWeight: 'bold' },
  ],
});
// No hyphenation: a legal text split by inserted hyphens is no longer "word for word".
Font.registerHyphenationCallback((word) => [word]);

/**
 * The characters of almost every letter: printable ASCII, the Latin-1 letters (French and most
 * Western European names), the no-break space of amounts (format.ts prints French digit grouping with it), and the French
 * typography a letter uses (« », ’, –, …, €, n°, §, œ). Every embedded font subset starts with their
 * glyphs (our pdfkit patch, patches/pdfkit@0.20.1.patch), so a letter within them embeds the same font
 * files as every other and they are built once per process, not once per letter: about 10 % of a
 * letter's rendering, for about 15 KB more per PDF. A letter with another character (a Polish or
 * Turkish name) builds its own subset, as before.
 */
export const COMMON_LETTER_CHARACTERS = ((): string => {
  let characters = '';
  for (let code = 0x20; code <= 0x7e; code += 1) characters += String.fromCharCode(code);
  for (let code = 0xc0; code <= 0xff; code += 1) if (code !== 0xd7 && code !== 0xf7) characters += String.fromCharCode(code);
  return `${characters}\u00a0«»°§·€£ŒœŸ‘’“”–—…`;
})();
PDFDocument.setSubsetPreseed(COMMON_LETTER_CHARACTERS);

/** A4's height in PDF points, as react-pdf sizes an 'A4' page. */
export const A4_HEIGHT_PT = 841.89;
const PAGE_PADDING_TOP = 28;
const PAGE_PADDING_BOTTOM = 48;

const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 8.5,
    lineHeight: 1.3,
    paddingTop: PAGE_PADDING_TOP,
    paddingBottom: PAGE_PADDING_BOTTOM,
    paddingHorizontal: 40,
    color: '#222222',
  },
  singlePageContent: { minHeight: A4_HEIGHT_PT - PAGE_PADDING_TOP - PAGE_PADDING_BOTTOM },
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-start' },
  logo: { maxHeight: 36, maxWidth: 140, objectFit: 'contain' },
  brandName: { fontSize: 16, fontWeight: 'bold' },
  agencyBlock: { width: 220, textAlign: 'right', fontSize: 7.5 },
  rule: { height: 2, marginTop: 6, marginBottom: 8 },
  addresses: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 6 },
  creditorBlock: { width: 220, fontSize: 7.5 },
  debtorBlock: { width: 220, marginTop: 4 },
  bold: { fontWeight: 'bold' },
  refs: { fontSize: 7.5, marginBottom: 4 },
  title: { fontSize: 13, fontWeight: 'bold', marginBottom: 5 },
  paragraph: { marginBottom: 4 },
  table: { marginVertical: 4, borderWidth: 0.5, borderColor: '#bbbbbb' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#dddddd' },
  headRow: { flexDirection: 'row', color: '#ffffff', fontWeight: 'bold' },
  cellElement: { width: '34%', padding: 2.5 },
  cellDetail: { width: '46%', padding: 2.5 },
  cellAmount: { width: '20%', padding: 2.5, textAlign: 'right' },
  totalRow: { flexDirection: 'row', fontWeight: 'bold', backgroundColor: '#f2f2f2' },
  payBox: { flexDirection: 'row', borderWidth: 1, padding: 6, marginVertical: 5 },
  payText: { flexGrow: 1, flexShrink: 1, flexBasis: 0, paddingRight: 8 },
  qr: { width: 62, height: 62 },
  legal: { fontSize: 7, marginTop: 4, padding: 5, backgroundColor: '#f5f5f5' },
  legalTitle: { fontWeight: 'bold', marginBottom: 2 },
  signature: { marginTop: 6 },
  footer: { position: 'absolute', bottom: 18, left: 40, right: 40, fontSize: 6.5, color: '#666666', textAlign: 'center' },
});

type Texts = Record<Locale, string>;
const t = (locale: Locale, texts: Texts): string => texts[locale];

const TITLES: Record<LetterKind, Texts> = {
  first: { fr: 'Relance amiable', en: 'Amicable payment reminder' },
  reminder: { fr: 'Seconde relance', en: 'Second reminder' },
  mise_en_demeure: { fr: 'Mise en demeure de payer', en: 'Formal notice to pay' },
  plan: { fr: "Accord d'échéancier de paiement", en: 'Payment plan agreement' },
  receipt: { fr: 'Quittance (reçu de paiement)', en: 'Receipt for your payment' },
  dispute: { fr: 'Accusé de réception de votre contestation', en: 'Acknowledgment of your dispute' },
};

const RECEIPT_TITLES: Record<ReceiptDocument, Texts> = {
  receipt: TITLES.receipt,
  direct_payment_acknowledgment: { fr: 'Accusé de paiement direct au créancier', en: 'Acknowledgment of a payment made to the creditor' },
  cancellation: { fr: 'Avis d’annulation de quittance', en: 'Notice of a cancelled receipt' },
};

/** Which payment document a receipt letter is (a receipt unless the props say otherwise). */
export function receiptDocumentOf(props: LetterProps): ReceiptDocument {
  return (props as Partial<LetterProps<'receipt'>>).receipt?.document ?? 'receipt';
}

/** The letter's title: its kind's, or for a receipt letter the payment document's. */
export function letterTitle(kind: LetterKind, props: LetterProps): string {
  return kind === 'receipt' ? RECEIPT_TITLES[receiptDocumentOf(props)][props.locale] : TITLES[kind][props.locale];
}

const ELEMENTS: Record<'principal' | 'interest' | 'indemnity', Texts> = {
  principal: { fr: 'principal', en: 'principal' },
  interest: { fr: 'intérêts', en: 'interest' },
  indemnity: { fr: 'indemnité forfaitaire', en: 'fixed indemnity' },
};

/** Total the debtor is asked to pay: the statement balance plus any accepted extra fee. */
export function amountDue(props: LetterProps): number {
  return props.statement.totals.balanceCents + (props.extraFees ?? []).reduce((total, fee) => total + fee.amountCents, 0);
}

/**
 * A QR code as vector data: the module count per side and its dark modules as horizontal runs, three
 * numbers each (row, first column, length).
 */
export type QrCode = { readonly size: number; readonly darkRuns: Uint16Array };

/**
 * The QR code to the debtor's page, drawn as vectors in the PDF: sharp at any print resolution,
 * and no PNG to encode here and decode again in the PDF writer (which cost more than the rest of
 * the letter).
 */
export function qrCode(url: string): QrCode {
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const runs: number[] = [];
  for (let row = 0; row < size; row += 1) {
    let column = 0;
    while (column < size) {
      if (!data[row * size + column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < size && data[row * size + column]) column += 1;
      runs.push(row, start, column - start);
    }
  }
  return { size, darkRuns: Uint16Array.from(runs) };
}

/**
 * Draws the QR code on a react-pdf Canvas: one PDF rectangle (`re`) per run of dark modules, all
 * filled at once. An SVG path would say the same in five operators per run, parsed and converted
 * first: the QR code was a quarter of the page's drawing and 10 % of a letter's time.
 */
function paintQrCode(qr: QrCode) {
  return (painter: QrPainter, width: number): null => {
    painter.scale(width / qr.size);
    for (let index = 0; index < qr.darkRuns.length; index += 3) {
      painter.rect(qr.darkRuns[index + 1] as number, qr.darkRuns[index] as number, qr.darkRuns[index + 2] as number, 1);
    }
    painter.fill('#000000');
    return null;
  };
}

/** The part of react-pdf's Canvas painter the QR code uses. */
type QrPainter = { scale: (factor: number) => QrPainter; rect: (x: number, y: number, w: number, h: number) => QrPainter; fill: (color: string) => QrPainter };

function logoElement(logo: LetterLogo | undefined, displayName: string, color: string): ReactElement {
  // SVG is not drawn (see LetterLogo): the display name stands in for it.
  if (logo && logo.format !== 'svg') {
    const src = typeof logo.data === 'string' ? logo.data : { data: Buffer.from(logo.data), format: logo.format };
    return h(Image, { style: styles.logo, src });
  }
  return h(Text, { style: [styles.brandName, { color }] }, displayName);
}

function statementRows(props: LetterProps): ReactNode[] {
  const { locale, statement } = props;
  const money = (cents: number): string => amount(cents, statement.currency, locale);
  const row = (key: string, element: string, detail: string, value: string): ReactElement =>
    h(
      View,
      { key, style: styles.row, wrap: false },
      h(Text, { style: styles.cellElement }, element),
      h(Text, { style: styles.cellDetail }, detail),
      h(Text, { style: styles.cellAmount }, value),
    );
  const describe = (line: StatementLine, index: number): ReactElement => {
    switch (line.kind) {
      case 'principal':
        return row(
          `l${index}`,
          t(locale, { fr: `Principal, facture ${line.claimRef}`, en: `Principal, invoice ${line.claimRef}` }),
          t(locale, {
            fr: `émise le ${frenchDate(line.issueDate)}, échue le ${frenchDate(line.dueDate)}`,
            en: `issued ${frenchDate(line.issueDate)}, due ${frenchDate(line.dueDate)}`,
          }),
          money(line.amountCents),
        );
      case 'interest':
        return row(
          `l${index}`,
          t(locale, { fr: `Intérêts, facture ${line.claimRef}`, en: `Interest, invoice ${line.claimRef}` }),
          t(locale, {
            fr: `du ${frenchDate(line.from)} au ${frenchDate(line.to)} (${line.days} j), taux ${rate(line.rateBasisPoints, locale)} sur ${money(line.baseCents)}, ${line.legalBasis}`,
            en: `${frenchDate(line.from)} to ${frenchDate(line.to)} (${line.days} days), rate ${rate(line.rateBasisPoints, locale)} on ${money(line.baseCents)}, ${line.legalBasis}`,
          }),
          money(line.amountCents),
        );
      case 'indemnity':
        return row(
          `l${index}`,
          t(locale, { fr: `Indemnité forfaitaire, facture ${line.claimRef}`, en: `Fixed indemnity, invoice ${line.claimRef}` }),
          t(locale, { fr: `frais de recouvrement, ${line.legalBasis}`, en: `collection costs, ${line.legalBasis}` }),
          money(line.amountCents),
        );
      case 'payment':
        return row(
          `l${index}`,
          t(locale, { fr: 'Paiement reçu', en: 'Payment received' }),
          t(locale, { fr: `le ${frenchDate(line.date)}`, en: `on ${frenchDate(line.date)}` }),
          money(0 - line.amountCents),
        );
    }
  };
  const rows: ReactNode[] = statement.lines.map(describe);
  (props.extraFees ?? []).forEach((fee, index) => {
    rows.push(row(`f${index}`, fee.label[locale], fee.legalBasis ?? '', money(fee.amountCents)));
  });
  return rows;
}

function statementTable(props: LetterProps): ReactElement {
  const { locale, statement } = props;
  const color = props.creditor.brand.primaryColor;
  return h(
    View,
    { style: styles.table },
    h(
      View,
      { style: [styles.headRow, { backgroundColor: color }] },
      h(Text, { style: styles.cellElement }, t(locale, { fr: 'Élément', en: 'Element' })),
      h(Text, { style: styles.cellDetail }, t(locale, { fr: 'Fondement et calcul', en: 'Basis and calculation' })),
      h(Text, { style: styles.cellAmount }, t(locale, { fr: 'Montant', en: 'Amount' })),
    ),
    ...statementRows(props),
    h(
      View,
      { style: styles.totalRow },
      h(Text, { style: styles.cellElement }, t(locale, { fr: 'Solde dû', en: 'Balance due' })),
      h(
        Text,
        { style: styles.cellDetail },
        t(locale, { fr: `décompte arrêté au ${frenchDate(statement.asOf)}`, en: `statement as of ${frenchDate(statement.asOf)}` }),
      ),
      h(Text, { style: styles.cellAmount }, amount(amountDue(props), statement.currency, locale)),
    ),
  );
}

function paymentBox(props: LetterProps, qr: QrCode): ReactElement {
  const { locale, agency } = props;
  const color = props.creditor.brand.primaryColor;
  const rf = formatCreditorReference(props.case.creditorReference);
  return h(
    View,
    { style: [styles.payBox, { borderColor: color }], wrap: false },
    h(
      View,
      { style: styles.payText },
      h(Text, { style: [styles.bold, { color }] }, t(locale, { fr: 'Comment payer', en: 'How to pay' })),
      h(
        Text,
        null,
        t(locale, {
          fr: `Par virement sur le compte de fonds de tiers de ${agency.name} : IBAN ${formatIban(agency.clientFundsIban) ?? agency.clientFundsIban}${agency.bic.trim() ? `, BIC ${agency.bic}` : ''}, en indiquant impérativement la référence ${rf}.`,
          en: `By bank transfer to ${agency.name}'s client-funds account: IBAN ${formatIban(agency.clientFundsIban) ?? agency.clientFundsIban}${agency.bic.trim() ? `, BIC ${agency.bic}` : ''}, quoting the reference ${rf}.`,
        }),
      ),
      h(Text, null, onlineText(locale), h(Link, { src: props.case.portalUrl, style: { color } }, props.case.portalUrl)),
      h(Text, { style: styles.bold }, agencyContact(props)),
    ),
    h(Canvas, { style: styles.qr, paint: paintQrCode(qr) }),
  );
}

function legalBox(locale: Locale): ReactElement {
  const children: ReactNode[] = [
    h(
      Text,
      { key: 'title', style: styles.legalTitle },
      "Article L111-8 du code des procédures civiles d'exécution, alinéas 2 et 3 :",
    ),
    h(Text, { key: 'p2', style: styles.paragraph }, L111_8_PARAGRAPH_2),
    h(Text, { key: 'p3', style: styles.paragraph }, L111_8_PARAGRAPH_3),
  ];
  if (locale === 'en') {
    children.push(
      h(Text, { key: 'en-title', style: styles.legalTitle }, 'English translation, for information only (the French text above is the law):'),
      h(Text, { key: 'en2', style: styles.paragraph }, L111_8_TRANSLATION_EN[0]),
      h(Text, { key: 'en3' }, L111_8_TRANSLATION_EN[1]),
    );
  }
  return h(View, { style: styles.legal, wrap: false }, ...children);
}

/**
 * What the debtor's page offers today (server/src/features/portal, web/src/features/portal): the
 * file, its invoices and letters, and a card payment. Nothing else is promised online: a plan or a
 * dispute goes through the agency's phone or e-mail (agencyContact).
 */
export function onlineText(locale: Locale): string {
  return locale === 'fr'
    ? 'En ligne, consultez votre dossier et vos courriers, et payez par carte bancaire : '
    : 'Online, see your file and your letters, and pay by card: ';
}

/** The agency's phone and e-mail, for questions, a payment plan or a dispute. */
export function agencyContact(props: LetterProps): string {
  const { agency } = props;
  return props.locale === 'fr'
    ? `Une question, un échéancier, une contestation ? Contactez ${agency.name} : tél. ${agency.phone}, ${agency.email}.`
    : `A question, a payment plan, a dispute? Contact ${agency.name}: tel. ${agency.phone}, ${agency.email}.`;
}

/** The signature: the agency, acting for the creditor. */
export function agencySignature(props: LetterProps): string {
  const { agency, creditor } = props;
  return props.locale === 'fr'
    ? `${agency.name}, société de recouvrement amiable, pour le compte de ${creditor.legalName}`
    : `${agency.name}, amicable debt collection agency, on behalf of ${creditor.legalName}`;
}

/**
 * CPCE R124-4, last paragraph: every contact after the first letter repeats its reference and
 * date (null on the first letter itself; a first-letter e-mail or SMS sent after it repeats it too).
 */
export function firstLetterLine(kind: LetterKind, props: LetterProps): string | null {
  const first = props.firstLetter;
  if (!first || (kind === 'first' && first.reference === props.letterReference)) return null;
  return props.locale === 'fr'
    ? `Rappel de notre première lettre : référence ${first.reference} du ${longDate(first.date, props.locale)}`
    : `Our first letter: reference ${first.reference} of ${longDate(first.date, props.locale)}`;
}

type Paragraph = (key: string, texts: Texts) => ReactElement;

/**
 * CPCE R124-6, the payment documents. A receipt: the agency received the sum (its number, the
 * payment's own date, amount and method, how it was allocated and the balance as of that payment).
 * An acknowledgment: the creditor told the agency it received the sum directly; the agency did not
 * receive it and gives no receipt. A cancellation: the receipt is void, the balance restored.
 */
function receiptParagraphs(props: LetterProps<'receipt'>, p: Paragraph): ReactNode[] {
  const { locale, receipt } = props;
  const money = (cents: number): string => amount(cents, props.statement.currency, locale);
  const sum = money(receipt.amountCents);
  const on = longDate(receipt.receivedOn, locale);
  const method = PAYMENT_METHODS[receipt.method];
  const creditor = props.creditor.legalName;
  const allocation = receipt.allocations.map((entry) => `${ELEMENTS[entry.element][locale]} ${entry.claimRef} : ${money(entry.amountCents)}`).join(' ; ');
  const balance = money(receipt.remainingBalanceCents);
  const allocationParagraph = p('allocation', {
    fr: `Imputation de ce paiement : ${allocation || 'aucune'}. Solde restant dû à la date de ce paiement (décompte arrêté au ${longDate(receipt.receivedOn, locale)}) : ${balance}.`,
    en: `Allocation of this payment: ${allocation || 'none'}. Balance remaining as of this payment (statement as of ${longDate(receipt.receivedOn, locale)}): ${balance}.`,
  });
  switch (receipt.document ?? 'receipt') {
    case 'receipt':
      return [
        p('received', {
          fr: `Quittance n° ${receipt.receiptNumber} (CPCE art. R124-6) : nous avons reçu, pour le compte de ${creditor}, la somme de ${sum} le ${on}, par ${method.fr}.`,
          en: `Receipt no. ${receipt.receiptNumber} (CPCE art. R124-6): we received, on behalf of ${creditor}, the sum of ${sum} on ${on}, by ${method.en}.`,
        }),
        allocationParagraph,
      ];
    case 'direct_payment_acknowledgment':
      return [
        p('declared', {
          fr: `${creditor} nous a informés avoir reçu directement de votre part la somme de ${sum} le ${on}. Ce paiement n'a pas transité par notre agence : ce document n'est pas une quittance de notre part, il en prend acte pour la tenue de votre dossier.`,
          en: `${creditor} has told us that it received the sum of ${sum} directly from you on ${on}. This payment did not pass through our agency: this document is not a receipt from us; it records the payment for your file.`,
        }),
        allocationParagraph,
      ];
    case 'cancellation': {
      const cancellation = receipt.cancellation;
      const issued = cancellation ? longDate(cancellation.issuedOn, locale) : '';
      const cancelledOn = cancellation ? longDate(cancellation.cancelledOn, locale) : '';
      return [
        p('cancelled', {
          fr: `La quittance n° ${receipt.receiptNumber} du ${issued}, relative au paiement de ${sum} du ${on} (${method.fr}), est annulée le ${cancelledOn}. Motif : ${cancellation?.reason ?? ''}.`,
          en: `Receipt no. ${receipt.receiptNumber} of ${issued}, for the payment of ${sum} on ${on} (${method.en}), is cancelled on ${cancelledOn}. Reason: ${cancellation?.reason ?? ''}.`,
        }),
        p('void', {
          fr: `Ce paiement est réputé non avenu : il ne vient plus en déduction de votre dette, dont le solde est rétabli à ${balance} (décompte ci-dessous).`,
          en: `This payment is void: it no longer reduces your debt, whose balance is restored to ${balance} (statement below).`,
        }),
      ];
    }
  }
}

/** The paragraphs that differ between letters; everything else is the shared R124-4 skeleton. */
function bodyParagraphs(kind: LetterKind, props: LetterProps): ReactNode[] {
  const { locale } = props;
  const money = (cents: number): string => amount(cents, props.statement.currency, locale);
  const due = money(amountDue(props));
  const deadline = longDate(props.deadline, locale);
  const p = (key: string, texts: Texts): ReactElement => h(Text, { key, style: styles.paragraph }, t(locale, texts));
  // Where C. com. L441-10 does not apply (a consumer debtor, or a creditor not acting
  // professionally), the mise en demeure starts interest at the taux légal (C. civ. 1231-6, 1344-1).
  const interestFromNotice = props.debtor.kind === 'person' || props.creditor.actsProfessionally === false;
  switch (kind) {
    case 'first':
      return [
        p('demand', {
          fr: `Sauf erreur de notre part, la somme de ${due} reste impayée. Nous vous demandons de la régler avant le ${deadline}, ou de nous contacter si vous rencontrez une difficulté : un échéancier peut vous être proposé.`,
          en: `Unless we are mistaken, the sum of ${due} remains unpaid. We ask you to pay it by ${deadline}, or to contact us if you have any difficulty: a payment plan can be offered.`,
        }),
      ];
    case 'reminder':
      return [
        p('demand', {
          fr: `Malgré notre première lettre, la somme de ${due} reste impayée à ce jour. Nous vous demandons de la régler sans délai et au plus tard le ${deadline}. Si vous avez déjà payé, merci de ne pas tenir compte de ce courrier ; si vous contestez la créance, dites-le-nous par téléphone ou par e-mail (coordonnées ci-dessous).`,
          en: `Despite our first letter, the sum of ${due} is still unpaid. We ask you to pay it without delay and by ${deadline} at the latest. If you have already paid, please disregard this letter; if you dispute the debt, tell us by phone or e-mail (details below).`,
        }),
      ];
    case 'mise_en_demeure':
      return [
        p('demand', {
          fr: `Par la présente, nous vous mettons en demeure de payer la somme de ${due}, détaillée ci-dessous élément par élément, au plus tard le ${deadline}.`,
          en: `We hereby give you formal notice to pay the sum of ${due}, detailed below element by element, by ${deadline} at the latest.`,
        }),
        ...(interestFromNotice
          ? [
              p('interest', {
                fr: 'La présente mise en demeure fait courir les intérêts au taux légal sur les sommes dues (C. civ. art. 1231-6 et 1344-1).',
                en: 'This formal notice starts interest at the statutory rate on the sums due (French Civil Code art. 1231-6 and 1344-1).',
              }),
            ]
          : []),
        p('next', {
          fr: `À défaut de paiement ou d'accord dans ce délai, le créancier pourra saisir le tribunal compétent, notamment par une requête en injonction de payer. Aucune décision de justice n'a été rendue à ce jour : seul un juge peut en rendre une, après examen du dossier.`,
          en: 'Without payment or an agreement by that date, the creditor may apply to the competent court, in particular for an order for payment (injonction de payer). No court decision has been made at this date: only a judge can make one, after examining the file.',
        }),
      ];
    case 'plan': {
      const { plan } = props as LetterProps<'plan'>;
      const color = props.creditor.brand.primaryColor;
      return [
        p('agreed', {
          fr: `Nous confirmons l'échéancier convenu le ${longDate(plan.agreedOn, locale)} pour le règlement de la somme de ${due}, payable par ${PAYMENT_METHODS[plan.method].fr} selon le calendrier suivant :`,
          en: `We confirm the payment plan agreed on ${longDate(plan.agreedOn, locale)} for the sum of ${due}, payable by ${PAYMENT_METHODS[plan.method].en} on the following schedule:`,
        }),
        h(
          View,
          { key: 'installments', style: styles.table },
          h(
            View,
            { style: [styles.headRow, { backgroundColor: color }] },
            h(Text, { style: styles.cellElement }, t(locale, { fr: 'Échéance', en: 'Installment' })),
            h(Text, { style: styles.cellDetail }, t(locale, { fr: 'Date', en: 'Date' })),
            h(Text, { style: styles.cellAmount }, t(locale, { fr: 'Montant', en: 'Amount' })),
          ),
          ...plan.installments.map((installment, index) =>
            h(
              View,
              { key: `i${index}`, style: styles.row, wrap: false },
              h(Text, { style: styles.cellElement }, `${index + 1} / ${plan.installments.length}`),
              h(Text, { style: styles.cellDetail }, frenchDate(installment.dueDate)),
              h(Text, { style: styles.cellAmount }, money(installment.amountCents)),
            ),
          ),
        ),
        p('terms', {
          fr: "Tant que les échéances sont honorées, aucune autre relance ne vous sera adressée. En cas d'échéance impayée, nous reprendrons contact avec vous avant toute autre démarche.",
          en: 'As long as the installments are paid, you will receive no other reminder. If an installment is missed, we will contact you before taking any other step.',
        }),
      ];
    }
    case 'receipt':
      return receiptParagraphs(props as LetterProps<'receipt'>, p);
    case 'dispute': {
      const { dispute } = props as LetterProps<'dispute'>;
      return [
        p('received', {
          fr: `Nous avons bien reçu le ${longDate(dispute.receivedOn, locale)} votre contestation : « ${dispute.summary} ». Nous l'avons transmise au créancier et suspendons toute relance jusqu'à son examen ; nous vous écrirons de nouveau pour vous en donner la réponse.`,
          en: `We received your dispute on ${longDate(dispute.receivedOn, locale)}: "${dispute.summary}". We have passed it to the creditor and suspended all reminders until it has been examined; we will write to you again with the answer.`,
        }),
        p('amount', {
          fr: `Pour votre information, le décompte de la créance contestée, d'un montant de ${due}, figure ci-dessous.`,
          en: `For your information, the statement of the disputed claim, amounting to ${due}, is set out below.`,
        }),
      ];
    }
  }
}

/** The creditor's greeting, or the usual one. */
export function greetingOf(props: LetterProps): string {
  return props.wording?.greeting?.trim() || (props.locale === 'fr' ? 'Madame, Monsieur,' : 'Dear Sir or Madam,');
}

/** The creditor's closing formula, or the usual one. */
export function closingOf(props: LetterProps): string {
  return props.wording?.closing?.trim() || (props.locale === 'fr' ? 'Veuillez agréer nos salutations distinguées.' : 'Yours faithfully,');
}

/**
 * How the page is laid out. `single`: one A4 page, not paginated, and `onLayout` receives react-pdf's
 * layout so the caller can tell whether the content overflowed it. `paginated`: as many pages as the
 * content needs.
 */
export type LetterPagination = { mode: 'single'; onLayout: (layout: unknown) => void } | { mode: 'paginated' };

/** One letter as a react-pdf Document, with the QR code to the portal link. */
export function letterDocument<K extends LetterKind>(
  kind: K,
  props: LetterProps<K>,
  qr: QrCode,
  pagination: LetterPagination = { mode: 'paginated' },
): ReactElement {
  const { locale, agency, creditor, debtor } = props;
  const color = creditor.brand.primaryColor;
  const lines = (texts: readonly string[]): ReactNode[] => texts.map((text, index) => h(Text, { key: index }, text));
  const references: string[] = [
    t(locale, {
      fr: `Dossier ${props.case.reference} · Notre lettre ${props.letterReference} du ${longDate(props.letterDate, locale)}`,
      en: `Case ${props.case.reference} · Our letter ${props.letterReference} of ${longDate(props.letterDate, locale)}`,
    }),
  ];
  const firstLetter = firstLetterLine(kind, props);
  if (firstLetter) references.push(firstLetter);
  const content: ReactNode[] = [
      h(
        View,
        { style: styles.header },
        logoElement(creditor.brand.logo, creditor.brand.displayName, color),
        h(
          View,
          { style: styles.agencyBlock },
          h(Text, { style: styles.bold }, agency.name),
          ...lines(agency.addressLines),
          h(Text, null, `${locale === 'fr' ? 'Tél.' : 'Tel.'} ${agency.phone} · ${agency.email}`),
          h(Text, null, agency.amicableCollectionStatement[locale]),
        ),
      ),
      h(View, { style: [styles.rule, { backgroundColor: color }] }),
      h(
        View,
        { style: styles.addresses },
        h(
          View,
          { style: styles.creditorBlock },
          h(Text, { style: styles.bold }, t(locale, { fr: 'Créancier', en: 'Creditor' })),
          h(Text, null, creditor.legalName),
          ...lines(creditor.addressLines),
        ),
        h(View, { style: styles.debtorBlock }, h(Text, { style: styles.bold }, debtor.name), ...lines(debtor.addressLines)),
      ),
      h(View, { style: styles.refs }, ...lines(references)),
      h(Text, { style: [styles.title, { color }] }, letterTitle(kind, props)),
      h(
        Text,
        { style: styles.paragraph },
        t(locale, {
          fr: `${greetingOf(props)} ${agency.name} intervient pour le compte de ${creditor.legalName} (${creditor.brand.displayName}), qui lui a confié le recouvrement amiable de la créance détaillée ci-dessous.`,
          en: `${greetingOf(props)} ${agency.name} acts on behalf of ${creditor.legalName} (${creditor.brand.displayName}), which has instructed it to collect, amicably, the debt detailed below.`,
        }),
      ),
      ...bodyParagraphs(kind, props),
      ...(props.wording?.toneParagraph?.trim() ? [h(Text, { style: styles.paragraph }, props.wording.toneParagraph.trim())] : []),
      statementTable(props),
      paymentBox(props, qr),
      legalBox(locale),
      h(
        View,
        { style: styles.signature, wrap: false },
        h(Text, null, closingOf(props)),
        h(Text, { style: styles.bold }, agencySignature(props)),
        ...lines(creditor.signatureLines),
      ),
  ];
  const footer = h(Text, { style: styles.footer, fixed: true }, `${creditor.footer} · ${agency.name}, ${agency.addressLines.join(', ')}`);
  const documentProps = { title: `${letterTitle(kind, props)} ${props.case.reference}`, author: agency.name, language: locale };
  if (pagination.mode === 'paginated') {
    return h(Document, documentProps, h(Page, { size: 'A4', style: styles.page }, ...content, footer));
  }
  // One page that react-pdf does not paginate: it then lays the page out once instead of twice (its
  // pagination lays every page out again to give it its height), 20 % of a letter. Such a page is as
  // tall as its content, so the content sits in a box at least as tall as an A4 page's content area:
  // a letter that fits is exactly A4, one that does not comes out taller, which onLayout reports.
  // react-pdf passes a document's layout to onRender under an internal name; render.test.ts's long
  // letter fails if that ever stops (the overflow would go unnoticed).
  const onRender = (rendered: object): void => pagination.onLayout((rendered as { _INTERNAL__LAYOUT__DATA_?: unknown })._INTERNAL__LAYOUT__DATA_);
  return h(
    Document,
    { ...documentProps, onRender },
    h(Page, { size: 'A4', style: styles.page, wrap: false }, h(View, { style: styles.singlePageContent }, ...content), footer),
  );
}
