import { Document, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer';
import { frenchDate } from '@relance/domain/calendar';
import type { StatementLine } from '@relance/domain/statement';
import React, { type ReactElement, type ReactNode } from 'react';
import { amount, longDate, rate } from './format.ts';
import type {
  BordereauProps,
  DecompteProps,
  HandoverProps,
  LegalAgency,
  LegalCourt,
  LegalCreditor,
  LegalDebtor,
  LegalDocumentCommon,
  LegalPiece,
  LegalStatement,
  MandateAttestationProps,
  PetitesCreancesProps,
  PresentationProofProps,
  RequeteProps,
} from './legal-model.ts';
import { FONT_FAMILY } from './letters.ts';

// The documents of a legal action as react-pdf documents (legal-model.ts says which). The requête
// follows the sections of the Cerfa 12948 form (juridiction, demandeur, défendeur, montant et
// décompte, fondement, pièces, date et signature) and carries what CPC 1407 requires: the parties'
// identities, the precise amount with the décompte of each element, the basis of the claim and the
// bordereau of the pièces. Written with createElement (Node runs these files by type stripping).

const h = React.createElement;

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 9, lineHeight: 1.35, paddingTop: 32, paddingBottom: 48, paddingHorizontal: 44, color: '#111111' },
  title: { fontSize: 14, fontWeight: 'bold', textAlign: 'center', marginBottom: 2 },
  subtitle: { fontSize: 8, textAlign: 'center', marginBottom: 10, color: '#444444' },
  section: { borderWidth: 0.8, borderColor: '#333333', marginBottom: 7 },
  sectionHead: { backgroundColor: '#e6e6e6', paddingHorizontal: 5, paddingVertical: 2.5, fontWeight: 'bold', borderBottomWidth: 0.8, borderBottomColor: '#333333' },
  sectionBody: { padding: 5 },
  field: { flexDirection: 'row', marginBottom: 1.5 },
  fieldLabel: { width: '32%', color: '#444444' },
  fieldValue: { width: '68%' },
  bold: { fontWeight: 'bold' },
  paragraph: { marginBottom: 4 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#cccccc' },
  headRow: { flexDirection: 'row', fontWeight: 'bold', backgroundColor: '#f0f0f0', borderBottomWidth: 0.5, borderBottomColor: '#999999' },
  cellElement: { width: '32%', padding: 2 },
  cellDetail: { width: '48%', padding: 2 },
  cellAmount: { width: '20%', padding: 2, textAlign: 'right' },
  totalRow: { flexDirection: 'row', fontWeight: 'bold', backgroundColor: '#f0f0f0' },
  pieceNumber: { width: '12%', padding: 2, fontWeight: 'bold' },
  pieceTitle: { width: '88%', padding: 2 },
  signature: { marginTop: 10, alignItems: 'flex-end' },
  footer: { position: 'absolute', bottom: 20, left: 44, right: 44, fontSize: 7, color: '#666666', textAlign: 'center' },
});

type Element = ReactElement;

export const money = (cents: number, currency = 'EUR'): string => amount(cents, currency, 'fr');
const lines = (texts: readonly string[]): Element[] => texts.map((text, index) => h(Text, { key: index }, text));
export const p = (text: string, key?: string): Element => h(Text, { key, style: styles.paragraph }, text);

export function section(number: string, title: string, ...children: ReactNode[]): Element {
  return h(
    View,
    { style: styles.section },
    h(Text, { style: styles.sectionHead, minPresenceAhead: 40 }, number ? `${number}. ${title}` : title),
    h(View, { style: styles.sectionBody }, ...children),
  );
}

export function field(label: string, value: string, key?: string): Element {
  return h(View, { key: key ?? label, style: styles.field }, h(Text, { style: styles.fieldLabel }, label), h(Text, { style: styles.fieldValue }, value || '—'));
}

export function page(title: string, subtitle: string, footer: string, content: ReactNode[]): Element {
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
// Parties

export function courtAddressee(court: LegalCourt): string {
  return court.kind === 'tribunal_judiciaire' ? `Madame, Monsieur le juge du ${court.name}` : `Madame, Monsieur le président du ${court.name}`;
}

export function agencyFields(agency: LegalAgency): Element[] {
  return [
    field('Mandataire', `${agency.name}, société de recouvrement amiable de créances pour le compte de tiers`, 'agency'),
    field('SIREN du mandataire', agency.siren, 'agency-siren'),
    field('Adresse', agency.addressLines.join(', '), 'agency-address'),
    field('Contact', `${agency.phone} · ${agency.email}`, 'agency-contact'),
  ];
}

export function creditorFields(creditor: LegalCreditor): Element[] {
  const validity = creditor.mandate.validUntil ? `, valable jusqu’au ${frenchDate(creditor.mandate.validUntil)}` : '';
  return [
    field(creditor.kind === 'company' ? 'Dénomination' : 'Nom et prénom', creditor.legalName, 'creditor'),
    field('Forme', creditor.kind === 'company' ? 'Personne morale' : 'Personne physique', 'creditor-kind'),
    ...(creditor.siren ? [field('SIREN', creditor.siren, 'creditor-siren')] : []),
    field(creditor.kind === 'company' ? 'Siège social' : 'Domicile', creditor.addressLines.join(', '), 'creditor-address'),
    field('Mandat', `n° ${creditor.mandate.reference} signé le ${frenchDate(creditor.mandate.signedOn)}${validity}`, 'mandate'),
  ];
}

export function debtorFields(debtor: LegalDebtor): Element[] {
  return [
    field(debtor.kind === 'company' ? 'Dénomination' : 'Nom et prénom', debtor.name, 'debtor'),
    field('Forme', debtor.kind === 'company' ? 'Personne morale (commerçant ou société)' : 'Personne physique', 'debtor-kind'),
    ...(debtor.kind === 'company' ? [field('SIREN', debtor.siren ?? 'non communiqué', 'debtor-siren')] : []),
    field(debtor.kind === 'company' ? 'Siège social' : 'Domicile', debtor.addressLines.join(', '), 'debtor-address'),
  ];
}

export function signatureBlock(props: Pick<LegalDocumentCommon, 'place' | 'date' | 'signatory' | 'agency' | 'creditor'>): Element {
  return h(
    View,
    { style: styles.signature, wrap: false },
    h(Text, null, `Fait à ${props.place}, le ${longDate(props.date, 'fr')}`),
    h(Text, { style: styles.bold }, `Pour ${props.creditor.legalName}, par son mandataire ${props.agency.name}`),
    h(Text, null, props.signatory),
    h(Text, { style: { marginTop: 22 } }, 'Signature :'),
  );
}

// ---------------------------------------------------------------------------------------------
// Décompte and pièces

function describeLine(line: StatementLine, currency: string): [string, string, number] {
  switch (line.kind) {
    case 'principal':
      return [`Principal, facture ${line.claimRef}`, `émise le ${frenchDate(line.issueDate)}, échue le ${frenchDate(line.dueDate)}`, line.amountCents];
    case 'interest':
      return [
        `Intérêts, facture ${line.claimRef}`,
        `du ${frenchDate(line.from)} au ${frenchDate(line.to)} (${line.days} j), taux ${rate(line.rateBasisPoints, 'fr')} sur ${money(line.baseCents, currency)}, ${line.legalBasis}`,
        line.amountCents,
      ];
    case 'indemnity':
      return [`Indemnité forfaitaire, facture ${line.claimRef}`, `frais de recouvrement, ${line.legalBasis}`, line.amountCents];
    case 'payment':
      return ['Paiement reçu, déduit', `le ${frenchDate(line.date)}`, 0 - line.amountCents];
  }
}

/** The décompte of each element (CPC 1407): principal per invoice, interest with its basis and period, indemnities, payments, total. */
export function decompteTable(statement: LegalStatement): Element {
  const row = (key: string, cells: [string, string, string], style: typeof styles.row | typeof styles.headRow | typeof styles.totalRow = styles.row): Element =>
    h(
      View,
      { key, style, wrap: false },
      h(Text, { style: styles.cellElement }, cells[0]),
      h(Text, { style: styles.cellDetail }, cells[1]),
      h(Text, { style: styles.cellAmount }, cells[2]),
    );
  const { totals, currency } = statement;
  return h(
    View,
    null,
    row('head', ['Élément', 'Fondement et calcul', 'Montant'], styles.headRow),
    ...statement.lines.map((line, index) => {
      const [element, detail, cents] = describeLine(line, currency);
      return row(`l${index}`, [element, detail, money(cents, currency)]);
    }),
    row('principal', ['Total principal', '', money(totals.principalCents, currency)]),
    row('interest', ['Total intérêts', '', money(totals.interestCents, currency)]),
    row('indemnity', ['Total indemnités forfaitaires', '', money(totals.indemnityCents, currency)]),
    row('paid', ['Paiements déduits', '', money(0 - totals.paidCents, currency)]),
    row('total', ['Total réclamé', `décompte arrêté au ${frenchDate(statement.asOf)}`, money(totals.balanceCents, currency)], styles.totalRow),
  );
}

export function piecesTable(pieces: readonly LegalPiece[]): Element {
  if (pieces.length === 0) return p('Aucune pièce.');
  return h(
    View,
    null,
    ...pieces.map((piece) =>
      h(
        View,
        { key: String(piece.number), style: styles.row, wrap: false },
        h(Text, { style: styles.pieceNumber }, `Pièce n° ${piece.number}`),
        h(Text, { style: styles.pieceTitle }, piece.description ? `${piece.title} — ${piece.description}` : piece.title),
      ),
    ),
  );
}

function claimsBasis(props: LegalDocumentCommon): Element[] {
  const currency = props.statement.currency;
  const relation = props.debtor.kind === 'company' ? 'dans le cadre de relations commerciales entre professionnels' : 'au titre d’un contrat conclu avec le défendeur';
  return [
    p(
      `La créance résulte de ${props.claims.length > 1 ? 'factures demeurées impayées' : 'une facture demeurée impayée'}, émise${props.claims.length > 1 ? 's' : ''} par le demandeur ${relation}, à leur échéance et malgré mise en demeure${props.statement.miseEnDemeureOn ? ` du ${frenchDate(props.statement.miseEnDemeureOn)}` : ''} :`,
      'intro',
    ),
    ...props.claims.map((claim) =>
      field(
        `Facture ${claim.ref}`,
        `${claim.nature}, émise le ${frenchDate(claim.issueDate)}, échue le ${frenchDate(claim.dueDate)}, ${money(claim.amountCents, currency)}`,
        `claim-${claim.ref}`,
      ),
    ),
    p(
      `La créance est certaine, liquide et exigible (CPC art. 1405). Les intérêts sont calculés comme indiqué au décompte, sur le fondement qui y figure pour chaque période${props.statement.totals.indemnityCents > 0 ? ' ; l’indemnité forfaitaire pour frais de recouvrement est due de plein droit entre professionnels (C. com. L441-10 et D441-5)' : ''}.`,
      'payable',
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// The documents

export const footerOf = (props: { agency: LegalAgency; caseReference: string }): string => `${props.agency.name} · dossier ${props.caseReference}`;

export function requeteDocument(props: RequeteProps): Element {
  const { court, statement } = props;
  const currency = statement.currency;
  const subtitle =
    court.kind === 'tribunal_judiciaire'
      ? 'Articles 1405 à 1425 du code de procédure civile · présentation du formulaire Cerfa n° 12948 (tribunal judiciaire)'
      : `Articles 1405 à 1425 du code de procédure civile · ${court.kind === 'tribunal_commerce' ? 'tribunal de commerce' : 'tribunal des activités économiques'} (créance entre commerçants ou sociétés commerciales)`;
  return page('Requête en injonction de payer', subtitle, footerOf(props), [
    section('1', 'Juridiction saisie', field('Juridiction', court.name, 'court'), field('Adresse', court.addressLines.join(', '), 'court-address'), p(`À l’attention de ${courtAddressee(court)}`, 'addressee')),
    section('2', 'Demandeur (le créancier)', ...creditorFields(props.creditor), p('Représenté par son mandataire (CPC art. 1407 : la requête est remise ou adressée par le créancier ou par tout mandataire) :', 'represented'), ...agencyFields(props.agency)),
    section('3', 'Défendeur (le débiteur)', ...debtorFields(props.debtor)),
    section(
      '4',
      `Montant de la demande — décompte au ${frenchDate(statement.asOf)}`,
      p(
        `Le demandeur sollicite qu’il soit enjoint au défendeur de lui payer la somme de ${money(statement.totals.balanceCents, currency)}, soit ${money(statement.totals.principalCents - statement.totals.paidCents, currency)} en principal après déduction des paiements, ${money(statement.totals.interestCents, currency)} d’intérêts et ${money(statement.totals.indemnityCents, currency)} d’indemnités forfaitaires, détaillée élément par élément ci-dessous, outre les intérêts postérieurs et les dépens.`,
        'demand',
      ),
      decompteTable(statement),
    ),
    section('5', 'Fondement de la créance', ...claimsBasis(props)),
    section('6', 'Bordereau des pièces justificatives', piecesTable(props.pieces)),
    section(
      '7',
      'Date et signature',
      p('Le demandeur certifie l’exactitude des renseignements ci-dessus et joint les pièces énumérées au bordereau.', 'certify'),
      signatureBlock(props),
    ),
  ]);
}

export function bordereauDocument(props: BordereauProps): Element {
  return page('Bordereau de pièces communiquées', `${props.accompanies} · ${props.recipient}`, footerOf(props), [
    section('', 'Parties', field('Demandeur', `${props.creditor.legalName}, représenté par ${props.agency.name} (mandat n° ${props.creditor.mandate.reference})`, 'creditor'), field('Défendeur', props.debtor.name, 'debtor'), field('Dossier', props.caseReference, 'case')),
    section('', `Pièces (${props.pieces.length})`, piecesTable(props.pieces)),
    signatureBlock(props),
  ]);
}

export function petitesCreancesDocument(props: PetitesCreancesProps): Element {
  const { commissaire, statement } = props;
  const currency = statement.currency;
  return page('Demande de procédure simplifiée de recouvrement des petites créances', 'Articles L125-1 et R125-1 à R125-8 du code des procédures civiles d’exécution', footerOf(props), [
    section('', 'Destinataire', field('Commissaire de justice', `${commissaire.name}, ${commissaire.etude}`, 'commissaire'), field('Adresse', commissaire.addressLines.join(', '), 'commissaire-address'), ...(commissaire.email ? [field('E-mail', commissaire.email, 'commissaire-email')] : [])),
    p(
      `Maître, nous vous demandons, pour le compte de notre mandant ${props.creditor.legalName}, de mettre en œuvre la procédure simplifiée de recouvrement des petites créances prévue par l’article L125-1 du code des procédures civiles d’exécution à l’encontre de ${props.debtor.name}, pour une créance d’origine contractuelle d’un montant de ${money(statement.totals.balanceCents, currency)}, principal et intérêts compris, n’excédant pas 5 000 € (R125-1).`,
      'request',
    ),
    section('1', 'Créancier, représenté par son mandataire', ...creditorFields(props.creditor), ...agencyFields(props.agency)),
    section('2', 'Débiteur', ...debtorFields(props.debtor)),
    section('3', `Montant et décompte au ${frenchDate(statement.asOf)}`, decompteTable(statement)),
    section('4', 'Fondement de la créance', ...claimsBasis(props)),
    section('5', 'Pièces jointes', piecesTable(props.pieces)),
    p('Nous vous remercions d’adresser au débiteur l’invitation à participer à la procédure (R125-3) et de nous tenir informés de sa réponse dans le délai d’un mois (R125-5).', 'close'),
    signatureBlock(props),
  ]);
}

export function handoverDocument(props: HandoverProps): Element {
  const { statement } = props;
  const currency = statement.currency;
  const contactLabel = { address: 'Adresse', email: 'E-mail', phone: 'Téléphone' } as const;
  return page('Transmission au commissaire de justice pour exécution', 'Code des procédures civiles d’exécution, articles L111-2, L111-8 et L122-1', footerOf(props), [
    section('', 'Commissaire de justice', ...(props.commissaire ? [field('Étude', `${props.commissaire.name}, ${props.commissaire.etude}`, 'commissaire'), field('Adresse', props.commissaire.addressLines.join(', '), 'commissaire-address')] : [p('À désigner.', 'none')])),
    section('1', 'Titre exécutoire', field('Titre', props.title.description, 'title'), field('Date', props.title.on ? frenchDate(props.title.on) : 'non renseignée', 'title-on')),
    section('2', 'Créancier, représenté par son mandataire', ...creditorFields(props.creditor), ...agencyFields(props.agency)),
    section(
      '3',
      'Débiteur : identité et coordonnées connues',
      ...debtorFields(props.debtor),
      ...props.contacts.map((contact, index) => field(contactLabel[contact.kind], `${contact.value}${contact.valid ? '' : ' (signalée invalide)'}`, `contact-${index}`)),
    ),
    section('4', `Décompte au ${frenchDate(statement.asOf)}`, decompteTable(statement)),
    section(
      '5',
      'Historique des paiements',
      ...(props.payments.length === 0 ? [p('Aucun paiement reçu.', 'none')] : props.payments.map((payment, index) => field(frenchDate(payment.date), `${money(payment.amountCents, currency)} (${payment.method})`, `payment-${index}`))),
    ),
    section('6', 'Pièces', piecesTable(props.pieces)),
    signatureBlock(props),
  ]);
}

export function decompteDocument(props: DecompteProps): Element {
  const { statement } = props;
  return page(`Décompte de la créance au ${frenchDate(statement.asOf)}`, `${props.creditor.legalName} contre ${props.debtor.name} · dossier ${props.caseReference}`, footerOf(props), [
    section('', 'Décompte élément par élément', decompteTable(statement)),
    ...(statement.miseEnDemeureOn ? [p(`Mise en demeure présentée le ${frenchDate(statement.miseEnDemeureOn)}.`, 'med')] : []),
    signatureBlock(props),
  ]);
}

export function mandateAttestationDocument(props: MandateAttestationProps): Element {
  const { creditor, agency } = props;
  const validity = creditor.mandate.validUntil ? `jusqu’au ${frenchDate(creditor.mandate.validUntil)}` : 'pour une durée indéterminée';
  return page('Attestation de mandat', 'Mandat de recouvrement (CPCE R124-3) et pouvoir de représentation (CPC art. 1407)', footerOf(props), [
    section('', 'Mandant (créancier)', ...creditorFields(creditor)),
    section('', 'Mandataire', ...agencyFields(agency)),
    p(
      `${agency.name} atteste agir en vertu du mandat n° ${creditor.mandate.reference} signé le ${frenchDate(creditor.mandate.signedOn)} par ${creditor.legalName}, en vigueur ${validity}, ${creditor.mandate.coversJudicial ? 'qui l’autorise expressément à accomplir les démarches judiciaires, notamment à présenter une requête en injonction de payer et à saisir un commissaire de justice' : 'limité au recouvrement amiable'}, pour la créance détenue sur ${props.debtor.name} (dossier ${props.caseReference}).`,
      'attest',
    ),
    p('L’original du mandat est tenu à la disposition de la juridiction.', 'original'),
    signatureBlock({ ...props }),
  ]);
}

export function presentationProofDocument(props: PresentationProofProps): Element {
  return page('Preuve de présentation de la mise en demeure', `Lettre recommandée${props.letterReference ? ` ${props.letterReference}` : ''} · dossier ${props.caseReference}`, footerOf(props), [
    section(
      '',
      'Lettre recommandée',
      field('Destinataire', `${props.debtor.name}, ${props.debtor.addressLines.join(', ')}`, 'debtor'),
      field('Envoyée le', props.sentOn ? frenchDate(props.sentOn) : 'non renseigné', 'sent'),
    ),
    section(
      '',
      'Événements du prestataire postal',
      ...(props.events.length === 0
        ? [p('Aucun événement reçu du prestataire.', 'none')]
        : props.events.map((event, index) => field(event.at, `${event.label} (prestataire ${event.provider}, événement ${event.providerEventId})`, `event-${index}`))),
    ),
    p('Relevé établi d’après les notifications signées du prestataire postal conservées au dossier.', 'source'),
    h(View, { style: styles.signature }, h(Text, null, `${props.place}, le ${longDate(props.date, 'fr')}`), ...lines([props.agency.name, props.signatory])),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Rendering (on the caller's thread: a legal action's documents are a handful, made once)

type DocumentElement = Parameters<typeof renderToBuffer>[0];
const render = async (element: Element): Promise<Buffer> => await renderToBuffer(element as DocumentElement);

export const renderRequetePdf = async (props: RequeteProps): Promise<Buffer> => await render(requeteDocument(props));
export const renderBordereauPdf = async (props: BordereauProps): Promise<Buffer> => await render(bordereauDocument(props));
export const renderPetitesCreancesPdf = async (props: PetitesCreancesProps): Promise<Buffer> => await render(petitesCreancesDocument(props));
export const renderHandoverPdf = async (props: HandoverProps): Promise<Buffer> => await render(handoverDocument(props));
export const renderDecomptePdf = async (props: DecompteProps): Promise<Buffer> => await render(decompteDocument(props));
export const renderMandateAttestationPdf = async (props: MandateAttestationProps): Promise<Buffer> => await render(mandateAttestationDocument(props));
export const renderPresentationProofPdf = async (props: PresentationProofProps): Promise<Buffer> => await render(presentationProofDocument(props));
