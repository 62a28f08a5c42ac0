import { renderToBuffer } from '@react-pdf/renderer';
import { frenchDate } from '@relance/domain/calendar';
import type { ReactElement } from 'react';
import { agencyFields, creditorFields, debtorFields, decompteTable, field, footerOf, money, p, page, piecesTable, section, signatureBlock } from './legal-documents.ts';
import type { LegalDocumentCommon, LegalPiece } from './legal-model.ts';

// The déclaration de créance to the mandataire judiciaire (issue 23), C. com. L622-24 to L622-26 and
// R622-23: who declares (the creditor, or its mandataire under a special power: L622-24 al. 2), the
// amount of the claim due at the opening judgment with the décompte at that day (interest stops
// running at the judgment, L622-28), the privileges and securities (none by default: an unsecured,
// chirographaire claim), and the pièces that prove the claim. Sent within two months of the BODACC
// publication (R622-24).

export type ClaimDeclarationProps = LegalDocumentCommon & {
  readonly proceeding: { readonly label: string; readonly judgmentDate: string; readonly publicationDate: string | null; readonly court: string | null };
  readonly mandataire: { readonly name: string; readonly address: string | null } | null;
  /** Last day to declare (R622-24). */
  readonly dueOn: string;
  /** The creditor's mandate lets the agency declare for it (a special power, L622-24 al. 2). */
  readonly byAgency: boolean;
  readonly pieces: readonly LegalPiece[];
};

function proceedingSection(props: ClaimDeclarationProps): ReactElement {
  const { proceeding, mandataire } = props;
  return section(
    '1',
    'Procédure collective et destinataire',
    field('Mandataire judiciaire', mandataire ? mandataire.name : 'à compléter (voir l’avis BODACC)', 'mandataire'),
    field('Adresse', mandataire?.address ?? '—', 'mandataire-address'),
    field('Procédure', `${proceeding.label} de ${props.debtor.name}`, 'proceeding'),
    field('Jugement d’ouverture', `${frenchDate(proceeding.judgmentDate)}${proceeding.court ? `, ${proceeding.court}` : ''}`, 'judgment'),
    field('Publication au BODACC', proceeding.publicationDate ? frenchDate(proceeding.publicationDate) : 'non publiée', 'publication'),
    field('À déclarer au plus tard le', frenchDate(props.dueOn), 'due'),
  );
}

function declarantSection(props: ClaimDeclarationProps): ReactElement {
  return section(
    '2',
    'Créancier déclarant',
    ...creditorFields(props.creditor),
    props.byAgency
      ? p('Déclaration faite pour le créancier par son mandataire, muni d’un pouvoir spécial (C. com. L622-24 al. 2), joint en pièce :', 'by-agency')
      : p('Déclaration faite par le créancier lui-même ; préparée par son mandataire de recouvrement :', 'by-creditor'),
    ...agencyFields(props.agency),
  );
}

function amountSection(props: ClaimDeclarationProps): ReactElement {
  const { statement } = props;
  const currency = statement.currency;
  return section(
    '4',
    `Montant de la créance au jour du jugement d’ouverture (${frenchDate(statement.asOf)})`,
    ...props.claims.map((claim) =>
      field(`Facture ${claim.ref}`, `${claim.nature}, émise le ${frenchDate(claim.issueDate)}, échue le ${frenchDate(claim.dueDate)} : ${money(claim.amountCents, currency)}`, `claim-${claim.ref}`),
    ),
    decompteTable(statement),
    field('Créance échue déclarée', money(statement.totals.balanceCents, currency), 'declared'),
    field('Créance à échoir', 'néant', 'future'),
    p('Les intérêts ont été arrêtés au jour du jugement d’ouverture (C. com. L622-28).', 'interest-stop'),
  );
}

export function claimDeclarationDocument(props: ClaimDeclarationProps): ReactElement {
  return page('Déclaration de créance', `Articles L622-24 à L622-26 et R622-23 du code de commerce · ${props.proceeding.label}`, footerOf(props), [
    proceedingSection(props),
    declarantSection(props),
    section('3', 'Débiteur', ...debtorFields(props.debtor)),
    amountSection(props),
    section('5', 'Privilèges et sûretés', p('Néant : créance chirographaire.', 'privileges')),
    section('6', 'Pièces justificatives (R622-23)', piecesTable(props.pieces)),
    section(
      '7',
      'Certification et signature',
      p('Le déclarant certifie sincère et véritable la créance déclarée ci-dessus et joint les pièces énumérées.', 'certify'),
      signatureBlock(props),
    ),
  ]);
}

type DocumentElement = Parameters<typeof renderToBuffer>[0];
export const renderClaimDeclarationPdf = async (props: ClaimDeclarationProps): Promise<Buffer> =>
  await renderToBuffer(claimDeclarationDocument(props) as DocumentElement);
