import type { Allocation } from '@relance/domain/allocation';
import type { BusinessDate } from '@relance/domain/dates';
import type { DebtorKind } from '@relance/domain/interest';
import type { Statement } from '@relance/domain/statement';
import type { PlannableStep } from '@relance/domain/wording-check';

// The props every letter, email and SMS takes: plain data only, so a template is a pure
// function of them (architecture: templates are props -> document, branded by props).

export type Locale = 'fr' | 'en';
export type LocalizedText = { readonly fr: string; readonly en: string };

/**
 * Creditor logo. PNG and JPEG are drawn with react-pdf's Image. SVG is not drawn (react-pdf
 * has no general SVG-file renderer): pass a pre-rasterised PNG instead, otherwise the header
 * shows the creditor's display name in its colour.
 */
export type LetterLogo = {
  readonly format: 'png' | 'jpg' | 'svg';
  /** Raw bytes, or a data URL (`data:image/png;base64,...`). */
  readonly data: Uint8Array | string;
};

export type AgencyIdentity = {
  readonly name: string;
  readonly addressLines: readonly string[];
  /** CPCE R124-4 1°: the statement that the agency carries out amicable collection. */
  readonly amicableCollectionStatement: LocalizedText;
  /** R124-2: the account used only for funds collected for creditors. */
  readonly clientFundsIban: string;
  readonly bic: string;
  /** Where the debtor asks a question, asks for a plan or disputes (printed on every letter, e-mail and SMS). */
  readonly phone: string;
  readonly email: string;
};

export type CreditorBrand = {
  readonly displayName: string;
  /** `#RRGGBB`, used for the header rule, titles and table header. */
  readonly primaryColor: string;
  readonly logo?: LetterLogo;
};

export type CreditorIdentity = {
  readonly legalName: string;
  readonly addressLines: readonly string[];
  readonly brand: CreditorBrand;
  /** Lines under the closing: name, function, service. */
  readonly signatureLines: readonly string[];
  readonly footer: string;
  /** Sender name for emails and SMS ("Service clients Acme"). */
  readonly senderName: string;
  /**
   * False for a private individual not acting for professional needs: C. com. L441-10 does not
   * apply to its claims (legal interest from the mise en demeure instead). Absent: professional.
   */
  readonly actsProfessionally?: boolean;
};

export type DebtorIdentity = {
  readonly kind: DebtorKind;
  readonly name: string;
  readonly addressLines: readonly string[];
};

export type CaseIdentity = {
  readonly reference: string;
  /** ISO 11649 reference built from the case reference (creditorReferenceFor). */
  readonly creditorReference: string;
  /** The debtor's own page: pay, propose a plan, dispute. */
  readonly portalUrl: string;
};

/**
 * A fee that is not a line of the domain statement. Collection fees stay with the creditor
 * without an enforceable title (CPCE L111-8); the compliance check refuses them on a consumer,
 * and on a professional accepts only a justified complement to the D441-5 indemnity
 * (C. com. L441-10 II), which must name its legal basis.
 */
export type ExtraFee = {
  readonly kind: 'collection_fee';
  readonly label: LocalizedText;
  readonly amountCents: number;
  readonly legalBasis?: string;
};

export type FirstLetterReference = { readonly reference: string; readonly date: BusinessDate };

/**
 * The creditor's own words for a few paragraphs, in the letter's language, inside the legal
 * skeleton: they replace the greeting and the closing formula and add one paragraph of their
 * tone after the demand; the R124-4 mentions, the décompte and L111-8 are never theirs to change.
 */
export type CreditorWording = {
  readonly greeting?: string;
  readonly toneParagraph?: string;
  readonly closing?: string;
};

export type LetterCommonProps = {
  readonly locale: Locale;
  /** This letter's own reference (the one later letters repeat when this is the first). */
  readonly letterReference: string;
  readonly letterDate: BusinessDate;
  /** Date by which payment (or a reply) is asked for. */
  readonly deadline: BusinessDate;
  readonly agency: AgencyIdentity;
  readonly creditor: CreditorIdentity;
  readonly debtor: DebtorIdentity;
  readonly case: CaseIdentity;
  /** The décompte, as built by @relance/domain buildStatement. */
  readonly statement: Statement;
  /**
   * False when the statement could not be built completely (a rate half-year missing:
   * MissingRateError); the compliance check then refuses to send anything.
   */
  readonly statementComplete: boolean;
  /** Half-years whose rates are missing, when known (`2026-H2`). */
  readonly missingRateHalfYears?: readonly string[];
  readonly extraFees?: readonly ExtraFee[];
  /** CPCE R124-4, last paragraph: required on every letter after the first. */
  readonly firstLetter?: FirstLetterReference;
  /** The creditor's greeting, tone paragraph and closing (defaults when absent). */
  readonly wording?: CreditorWording;
  /**
   * The steps the creditor's strategies plan (@relance/domain plannedStepsOfStrategies): the
   * compliance check reads the wording against them again before sending. None when absent.
   */
  readonly plannedSteps?: readonly PlannableStep[];
};

export type PaymentMethod = 'transfer' | 'card' | 'direct_debit' | 'cheque' | 'cash';

export type PlanInstallment = { readonly dueDate: BusinessDate; readonly amountCents: number };

export type PlanTerms = {
  readonly agreedOn: BusinessDate;
  readonly method: PaymentMethod;
  readonly installments: readonly PlanInstallment[];
};

/**
 * What a payment document is (CPCE R124-6): the agency's receipt for money it received (numbered
 * without gaps), the acknowledgment of a payment the creditor says it received directly (not a
 * receipt of the agency: no money reached it), or the notice that a receipt is cancelled (the
 * payment did not stand: a bank reversal, a cheque returned).
 */
export type ReceiptDocument = 'receipt' | 'direct_payment_acknowledgment' | 'cancellation';

/** How a payment was made, as a receipt names it (the methods a letter offers, and those recorded besides). */
export type ReceiptMethod = PaymentMethod | 'direct_to_creditor' | 'other';

/** CPCE R124-6: a receipt for every payment received. */
export type ReceiptTerms = {
  /** Default 'receipt'. */
  readonly document?: ReceiptDocument;
  /** Q-<year>-<seq>; null for an acknowledgment of a direct payment (not numbered). */
  readonly receiptNumber: string | null;
  /** The payment's own date. */
  readonly receivedOn: BusinessDate;
  readonly amountCents: number;
  readonly method: ReceiptMethod;
  /** How this payment was allocated (per claim: principal, interest, indemnity), as of its date. */
  readonly allocations: readonly Allocation[];
  /** The balance remaining as of this payment (a cancellation: the balance restored today). */
  readonly remainingBalanceCents: number;
  /** A cancellation notice: when the receipt was issued, when and why it is cancelled. */
  readonly cancellation?: { readonly issuedOn: BusinessDate; readonly cancelledOn: BusinessDate; readonly reason: string };
};

export type DisputeTerms = {
  readonly receivedOn: BusinessDate;
  /** The debtor's grounds, as summarised by the agent. */
  readonly summary: string;
};

/** What a letter kind needs beyond the common props (nothing for the three reminders). */
type NoExtras = Record<never, never>;

export type LetterExtras = {
  readonly first: NoExtras;
  readonly reminder: NoExtras;
  readonly mise_en_demeure: NoExtras;
  readonly plan: { readonly plan: PlanTerms };
  readonly receipt: { readonly receipt: ReceiptTerms };
  readonly dispute: { readonly dispute: DisputeTerms };
};

export type LetterKind = keyof LetterExtras;

export const LETTER_KINDS: readonly LetterKind[] = ['first', 'reminder', 'mise_en_demeure', 'plan', 'receipt', 'dispute'];

export type LetterProps<K extends LetterKind = LetterKind> = LetterCommonProps & LetterExtras[K];
