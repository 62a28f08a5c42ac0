import type { BusinessDate } from '@relance/domain/dates';
import type { StatementLine } from '@relance/domain/statement';

// The props of the documents of a legal action (issue 16): the requête en injonction de payer
// (CPC 1405 to 1425, layout of the Cerfa 12948 form), its bordereau de pièces, the petites créances
// request to a commissaire de justice (CPCE L125-1, R125-1 ff.), the hand-over summary for an
// enforcement, the décompte and the mandate attestation filed as pièces. Plain data only: the
// server reads the rows, a template is props -> document. French only: they go to a French court
// or a commissaire de justice.

export type LegalAgency = {
  readonly name: string;
  readonly siren: string;
  readonly addressLines: readonly string[];
  readonly phone: string;
  readonly email: string;
};

/** The creditor, represented by the agency under its mandate (CPC 1407: "par tout mandataire"). */
export type LegalCreditor = {
  readonly legalName: string;
  readonly kind: 'company' | 'private_individual';
  readonly siren: string | null;
  readonly addressLines: readonly string[];
  readonly mandate: {
    readonly reference: string;
    readonly signedOn: BusinessDate;
    readonly validUntil: BusinessDate | null;
    readonly coversJudicial: boolean;
  };
};

export type LegalDebtor = {
  readonly kind: 'company' | 'person';
  readonly name: string;
  readonly siren: string | null;
  readonly addressLines: readonly string[];
};

/** The décompte as of the filing date: the domain statement's lines and totals. */
export type LegalStatement = {
  readonly asOf: BusinessDate;
  readonly currency: string;
  readonly lines: readonly StatementLine[];
  readonly totals: {
    readonly principalCents: number;
    readonly interestCents: number;
    readonly indemnityCents: number;
    readonly paidCents: number;
    readonly balanceCents: number;
  };
  /** The mise en demeure's date, when recorded (interest basis where L441-10 does not apply). */
  readonly miseEnDemeureOn: BusinessDate | null;
};

export type LegalClaim = {
  readonly ref: string;
  readonly issueDate: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly amountCents: number;
  /** What the claim is for, in words ("Vente de marchandises", "Prestation de services"). */
  readonly nature: string;
};

/** One pièce of the bordereau, numbered in the order it is filed. */
export type LegalPiece = { readonly number: number; readonly title: string; readonly description?: string };

export type LegalCourt = {
  readonly kind: 'tribunal_judiciaire' | 'tribunal_commerce' | 'tribunal_activites_economiques';
  readonly name: string;
  readonly addressLines: readonly string[];
};

export type LegalCommissaire = { readonly etude: string; readonly name: string; readonly addressLines: readonly string[]; readonly email: string | null };

export type LegalDocumentCommon = {
  readonly caseReference: string;
  readonly agency: LegalAgency;
  readonly creditor: LegalCreditor;
  readonly debtor: LegalDebtor;
  readonly statement: LegalStatement;
  readonly claims: readonly LegalClaim[];
  /** Where and when the document is signed ("Nantes", the filing date). */
  readonly place: string;
  readonly date: BusinessDate;
  /** Who signs for the agency (name, function). */
  readonly signatory: string;
};

export type RequeteProps = LegalDocumentCommon & { readonly court: LegalCourt; readonly pieces: readonly LegalPiece[] };

export type BordereauProps = Pick<LegalDocumentCommon, 'caseReference' | 'agency' | 'creditor' | 'debtor' | 'place' | 'date' | 'signatory'> & {
  /** What the bordereau accompanies ("Requête en injonction de payer", "Demande de procédure simplifiée"). */
  readonly accompanies: string;
  readonly recipient: string;
  readonly pieces: readonly LegalPiece[];
};

export type PetitesCreancesProps = LegalDocumentCommon & { readonly commissaire: LegalCommissaire; readonly pieces: readonly LegalPiece[] };

export type LegalContact = { readonly kind: 'address' | 'email' | 'phone'; readonly value: string; readonly valid: boolean };
export type LegalPayment = { readonly date: BusinessDate; readonly amountCents: number; readonly method: string };

export type HandoverProps = LegalDocumentCommon & {
  readonly commissaire: LegalCommissaire | null;
  /** The enforceable title the commissaire enforces (CPCE L111-2, L111-3). */
  readonly title: { readonly description: string; readonly on: BusinessDate | null };
  readonly contacts: readonly LegalContact[];
  readonly payments: readonly LegalPayment[];
  readonly pieces: readonly LegalPiece[];
};

export type DecompteProps = LegalDocumentCommon;

export type MandateAttestationProps = Pick<LegalDocumentCommon, 'caseReference' | 'agency' | 'creditor' | 'debtor' | 'place' | 'date' | 'signatory'>;

/** The proof of the mise en demeure's presentation, described from the postal provider's event. */
export type PresentationProofProps = Pick<LegalDocumentCommon, 'caseReference' | 'agency' | 'debtor' | 'place' | 'date' | 'signatory'> & {
  readonly letterReference: string | null;
  readonly sentOn: BusinessDate | null;
  readonly events: readonly { readonly label: string; readonly at: string; readonly provider: string; readonly providerEventId: string }[];
};
