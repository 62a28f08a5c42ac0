import { Document, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer';
import { frenchDate } from '@relance/domain/calendar';
import React, { type ReactElement, type ReactNode } from 'react';
import { amount, rate } from './format.ts';
import { FONT_FAMILY } from './letters.ts';

// The documents of a remittance run (issue 17), as react-pdf documents:
// - the remittance statement (relevé de reversement) sent to the creditor with each remittance:
//   every payment collected (case, debtor, date, amount), the commission on it, and what is
//   transferred (CPCE R124-5 and R124-6: the creditor is told of every payment and paid within
//   the mandate's term);
// - the commission invoice, with the mentions French law requires of an invoice between
//   professionals: a sequential number and the issue date (CGI 242 nonies A), the date of the
//   service, both parties' names, addresses, SIREN and VAT numbers, each rate's total HT and VAT
//   and the total TTC, the disbursements outside VAT (débours, CGI 267 II 2°), the due date, the
//   late-payment penalty rate and the 40 € recovery indemnity (C. com. L441-9, L441-10, D441-5),
//   and the absence of discount for early payment.
// Written with createElement (Node runs these files by type stripping).

const h = React.createElement;
type Element = ReactElement;

export type MoneyParty = {
  readonly name: string;
  readonly legalForm: string | null;
  readonly addressLines: readonly string[];
  readonly siren: string | null;
  readonly vatNumber: string | null;
};

export type StatementPayment = {
  readonly receivedOn: string;
  readonly caseReference: string;
  readonly debtorName: string;
  readonly method: string;
  readonly direct: boolean;
  readonly amountCents: number;
  readonly commissionCents: number;
  readonly fixedFeeCents: number;
};

export type RemittanceStatementProps = {
  readonly reference: string;
  readonly issuedOn: string;
  readonly through: string;
  readonly agency: MoneyParty & { readonly clientFundsIban: string | null };
  readonly creditor: MoneyParty & { readonly mandateReference: string; readonly iban: string | null };
  readonly basis: 'net' | 'gross';
  readonly payments: readonly StatementPayment[];
  readonly invoiceNumber: string | null;
  readonly deadline: string | null;
  readonly totals: {
    readonly collectedCents: number;
    readonly directCents: number;
    readonly heldCents: number;
    readonly commissionHtCents: number;
    readonly vatCents: number;
    readonly commissionTtcCents: number;
    readonly disbursementsCents: number;
    readonly deductedCents: number;
    readonly netCents: number;
  };
};

export type InvoiceLine = { readonly label: string; readonly detail: string; readonly htCents: number };
export type InvoiceDisbursement = { readonly label: string; readonly amountCents: number; readonly settlement: 'billed' | 'deducted' };

export type CommissionInvoiceProps = {
  readonly number: string;
  readonly issuedOn: string;
  readonly serviceOn: string;
  readonly servicePeriod: { readonly from: string; readonly to: string } | null;
  readonly dueOn: string;
  readonly seller: MoneyParty;
  readonly buyer: MoneyParty & { readonly mandateReference: string };
  readonly lines: readonly InvoiceLine[];
  readonly htCents: number;
  readonly vatRateBasisPoints: number;
  readonly vatCents: number;
  readonly ttcCents: number;
  readonly disbursements: readonly InvoiceDisbursement[];
  readonly disbursementsCents: number;
  readonly totalCents: number;
  readonly deductedCents: number;
  readonly toPayCents: number;
  readonly statementReference: string | null;
  readonly sellerIban: string | null;
};

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 8.5, lineHeight: 1.35, paddingTop: 32, paddingBottom: 48, paddingHorizontal: 40, color: '#111111' },
  title: { fontSize: 14, fontWeight: 'bold', marginBottom: 2 },
  subtitle: { fontSize: 8, marginBottom: 10, color: '#444444' },
  parties: { flexDirection: 'row', marginBottom: 10 },
  party: { width: '50%', paddingRight: 10 },
  partyHead: { fontWeight: 'bold', color: '#444444', marginBottom: 1 },
  bold: { fontWeight: 'bold' },
  paragraph: { marginBottom: 4 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#cccccc' },
  headRow: { flexDirection: 'row', fontWeight: 'bold', backgroundColor: '#f0f0f0', borderBottomWidth: 0.5, borderBottomColor: '#999999' },
  totalRow: { flexDirection: 'row', fontWeight: 'bold', backgroundColor: '#f0f0f0' },
  cell: { padding: 2 },
  right: { padding: 2, textAlign: 'right' },
  section: { marginTop: 8 },
  sectionHead: { fontWeight: 'bold', marginBottom: 2 },
  legal: { marginTop: 10, fontSize: 7.5, color: '#333333' },
  footer: { position: 'absolute', bottom: 20, left: 40, right: 40, fontSize: 7, color: '#666666', textAlign: 'center' },
});

const money = (cents: number): string => amount(cents, 'EUR', 'fr');
const p = (text: string, key?: string): Element => h(Text, { key, style: styles.paragraph }, text);

type Column = { readonly width: string; readonly align?: 'right' };

function table(columns: readonly Column[], head: readonly string[], rows: readonly (readonly string[])[], totals: readonly (readonly string[])[] = []): Element {
  const line = (key: string, cells: readonly string[], style: typeof styles.row | typeof styles.headRow | typeof styles.totalRow): Element =>
    h(
      View,
      { key, style, wrap: false },
      ...cells.map((cell, index) => h(Text, { key: String(index), style: [columns[index]?.align === 'right' ? styles.right : styles.cell, { width: columns[index]?.width ?? 'auto' }] }, cell)),
    );
  return h(
    View,
    null,
    line('head', head, styles.headRow),
    ...rows.map((cells, index) => line(`r${index}`, cells, styles.row)),
    ...totals.map((cells, index) => line(`t${index}`, cells, styles.totalRow)),
  );
}

function party(title: string, who: MoneyParty, extra: readonly string[] = []): Element {
  const identity = [
    who.legalForm ? `${who.name} (${who.legalForm})` : who.name,
    ...who.addressLines,
    `SIREN : ${who.siren ?? 'non communiqué'}`,
    `N° TVA intracommunautaire : ${who.vatNumber ?? 'non communiqué'}`,
    ...extra,
  ];
  return h(View, { style: styles.party }, h(Text, { style: styles.partyHead }, title), ...identity.map((text, index) => h(Text, { key: String(index) }, text)));
}

function page(title: string, subtitle: string, footer: string, content: readonly ReactNode[]): Element {
  return h(
    Document,
    { title, author: footer, language: 'fr' },
    h(
      Page,
      { size: 'A4', style: styles.page },
      h(Text, { style: styles.title }, title),
      h(Text, { style: styles.subtitle }, subtitle),
      ...content,
      h(Text, { style: styles.footer, fixed: true, render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => `${footer} · page ${pageNumber} / ${totalPages}` }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// The remittance statement (relevé de reversement)

function statementPayments(props: RemittanceStatementProps): Element {
  const columns: Column[] = [{ width: '11%' }, { width: '13%' }, { width: '26%' }, { width: '14%' }, { width: '12%', align: 'right' }, { width: '12%', align: 'right' }, { width: '12%', align: 'right' }];
  const rows = props.payments.map((payment) => {
    const fee = payment.commissionCents + payment.fixedFeeCents;
    return [
      frenchDate(payment.receivedOn),
      payment.caseReference,
      payment.debtorName,
      payment.direct ? 'payé au créancier' : payment.method,
      money(payment.amountCents),
      money(fee),
      payment.direct ? '—' : money(payment.amountCents),
    ];
  });
  const t = props.totals;
  return table(columns, ['Date', 'Dossier', 'Débiteur', 'Mode', 'Montant', 'Commission HT', 'Détenu'], rows, [
    ['Total', '', '', '', money(t.collectedCents + t.directCents), money(t.commissionHtCents), money(t.heldCents)],
  ]);
}

function statementTotals(props: RemittanceStatementProps): Element {
  const t = props.totals;
  const rows: string[][] = [
    ['Encaissé par l’agence pour votre compte (compte de tiers)', money(t.collectedCents)],
    ['Payé directement entre vos mains (déclaré, non détenu par l’agence)', money(t.directCents)],
    ['Fonds détenus à reverser', money(t.heldCents)],
    [`Commission HT${props.invoiceNumber ? ` (facture ${props.invoiceNumber})` : ''}`, money(t.commissionHtCents)],
    ['TVA 20 %', money(t.vatCents)],
    ['Commission TTC', money(t.commissionTtcCents)],
    ['Débours (frais de procédure avancés, hors TVA)', money(t.disbursementsCents)],
    [props.basis === 'net' ? 'Déduit du reversement (commission et débours)' : 'Déduit du reversement (reversement brut : facture à régler séparément)', money(t.deductedCents)],
  ];
  return table([{ width: '75%' }, { width: '25%', align: 'right' }], ['Récapitulatif', 'Montant'], rows, [['Montant viré', money(t.netCents)]]);
}

export function remittanceStatementDocument(props: RemittanceStatementProps): Element {
  const account = props.creditor.iban ? `par virement sur le compte ${props.creditor.iban}` : 'aucun virement (compte de reversement non renseigné)';
  return page(
    'Relevé de reversement',
    `Réf. ${props.reference} · émis le ${frenchDate(props.issuedOn)} · encaissements jusqu’au ${frenchDate(props.through)}`,
    `${props.agency.name} · relevé ${props.reference}`,
    [
      h(
        View,
        { key: 'parties', style: styles.parties },
        party('Mandataire (agence de recouvrement)', props.agency, props.agency.clientFundsIban ? [`Compte de tiers : ${props.agency.clientFundsIban}`] : []),
        party('Mandant (créancier)', props.creditor, [`Mandat n° ${props.creditor.mandateReference}`]),
      ),
      p(
        `Conformément à votre mandat (CPCE R124-3) et à l’article R124-6 du code des procédures civiles d’exécution, nous vous reversons les fonds encaissés pour votre compte, ${account}. ` +
          (props.deadline ? `Date limite de reversement du plus ancien encaissement : ${frenchDate(props.deadline)}.` : ''),
        'intro',
      ),
      h(View, { key: 'payments', style: styles.section }, h(Text, { style: styles.sectionHead }, 'Paiements'), statementPayments(props)),
      h(View, { key: 'totals', style: styles.section }, statementTotals(props)),
      h(
        Text,
        { key: 'basis', style: styles.legal },
        props.basis === 'net'
          ? 'Reversement net : la commission et les débours sont déduits des fonds reversés, dans la limite de ces fonds ; le solde éventuel reste dû sur la facture.'
          : 'Reversement brut : les fonds sont reversés en totalité ; la commission et les débours font l’objet d’une facture à régler séparément.',
      ),
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// The commission invoice

function invoiceMentions(props: CommissionInvoiceProps): Element {
  const settlement =
    props.deductedCents > 0
      ? `Réglée par compensation sur le reversement ${props.statementReference ?? ''} à hauteur de ${money(props.deductedCents)} ; reste à payer : ${money(props.toPayCents)}.`
      : `Montant à payer : ${money(props.toPayCents)}${props.sellerIban ? `, par virement sur le compte ${props.sellerIban}` : ''}.`;
  return h(
    View,
    { style: styles.legal },
    p(settlement, 'settlement'),
    p(`Date d’échéance : ${frenchDate(props.dueOn)}.`, 'due'),
    p(
      'En cas de retard de paiement, des pénalités sont exigibles sans qu’un rappel soit nécessaire, au taux d’intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente majoré de 10 points de pourcentage (C. com. L441-10 II), ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € (C. com. L441-10 II et D441-5).',
      'penalties',
    ),
    p('Pas d’escompte pour paiement anticipé.', 'discount'),
    p('Débours : frais avancés au nom et pour le compte du mandant, hors du champ de la TVA (CGI 267 II 2°).', 'debours'),
  );
}

export function commissionInvoiceDocument(props: CommissionInvoiceProps): Element {
  const period = props.servicePeriod ? `encaissements du ${frenchDate(props.servicePeriod.from)} au ${frenchDate(props.servicePeriod.to)}` : '';
  const lines = table(
    [{ width: '40%' }, { width: '40%' }, { width: '20%', align: 'right' }],
    ['Désignation', 'Détail', 'Montant HT'],
    props.lines.map((line) => [line.label, line.detail, money(line.htCents)]),
    [
      ['Total HT', '', money(props.htCents)],
      [`TVA ${rate(props.vatRateBasisPoints, 'fr')}`, `sur ${money(props.htCents)}`, money(props.vatCents)],
      ['Total TTC', '', money(props.ttcCents)],
    ],
  );
  const disbursements =
    props.disbursements.length === 0
      ? null
      : h(
          View,
          { key: 'debours', style: styles.section },
          h(Text, { style: styles.sectionHead }, 'Débours (hors TVA)'),
          table(
            [{ width: '60%' }, { width: '20%' }, { width: '20%', align: 'right' }],
            ['Frais avancés', 'Règlement', 'Montant'],
            props.disbursements.map((cost) => [cost.label, cost.settlement === 'deducted' ? 'déduit du reversement' : 'facturé', money(cost.amountCents)]),
            [['Total débours', '', money(props.disbursementsCents)]],
          ),
        );
  return page(
    `Facture n° ${props.number}`,
    `Date d’émission : ${frenchDate(props.issuedOn)} · date de la prestation : ${frenchDate(props.serviceOn)}${period ? ` (${period})` : ''}`,
    `${props.seller.name} · facture ${props.number}`,
    [
      h(View, { key: 'parties', style: styles.parties }, party('Vendeur (prestataire)', props.seller), party('Client', props.buyer, [`Mandat de recouvrement n° ${props.buyer.mandateReference}`])),
      h(View, { key: 'lines', style: styles.section }, h(Text, { style: styles.sectionHead }, 'Prestation : recouvrement amiable de créances pour le compte de tiers'), lines),
      disbursements,
      h(View, { key: 'total', style: styles.section }, table([{ width: '80%' }, { width: '20%', align: 'right' }], ['Net à payer', ''], [], [['Total TTC + débours', money(props.totalCents)]])),
      h(View, { key: 'mentions' }, invoiceMentions(props)),
    ].filter((node) => node !== null),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering (on the caller's thread: a run's documents are a handful, made once)

type DocumentElement = Parameters<typeof renderToBuffer>[0];

export const renderRemittanceStatementPdf = async (props: RemittanceStatementProps): Promise<Buffer> => await renderToBuffer(remittanceStatementDocument(props) as DocumentElement);
export const renderCommissionInvoicePdf = async (props: CommissionInvoiceProps): Promise<Buffer> => await renderToBuffer(commissionInvoiceDocument(props) as DocumentElement);
