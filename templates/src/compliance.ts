import { createHash } from 'node:crypto';
import { creditorReferenceFor, isValidCreditorReference, isValidIban } from '@relance/domain/identifiers';
import { checkWording, wordingProblemMessage } from '@relance/domain/wording-check';
import type { LetterKind, LetterProps, LocalizedText } from './letter-model.ts';

// CPCE R124-4 and R124-7: a letter lacking one of the mentions is a criminal fine, so a
// missing mention is a refusal, not a warning. This check is pure and runs before sending.

/** CPCE L111-8, 2nd paragraph, word for word (printed in French in every letter, R124-4 5°). */
export const L111_8_PARAGRAPH_2 =
  "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire.";

/** CPCE L111-8, 3rd paragraph, word for word. */
export const L111_8_PARAGRAPH_3 =
  "Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi.";

/** Courtesy translation printed under the French text in English letters; the French text is the law. */
export const L111_8_TRANSLATION_EN = [
  'Collection costs incurred without an enforceable title remain payable by the creditor, unless they relate to an act the law requires the creditor to perform. Any stipulation to the contrary is deemed unwritten, unless the law provides otherwise.',
  'However, a creditor who shows that the steps taken to recover the debt were necessary may ask the enforcement judge to leave all or part of the costs thus incurred payable by a debtor acting in bad faith.',
] as const;

// SHA-256 of paragraph 2 + '\n' + paragraph 3 as published. An edit of the constants (a
// "typo fix", a curly apostrophe) changes the hash and every letter is refused until a
// reviewer compares the text with Légifrance again and updates both.
const L111_8_SHA256 = '4b3b5e7c2b6e36fbaddde139012b7c6aca0b67386cc96edea0caa28db3644f27';

// SEPA countries (EU/EEA and the other SEPA members): a transfer to one of their IBANs needs no
// BIC since 2016 (Regulation (EU) 260/2012, art. 5(7)), so a letter may print the IBAN alone.
const SEPA_COUNTRIES = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO CH GB MC SM VA AD GI GF GP MQ RE YT PM BL MF'.split(' '),
);

export function ibanIsInSepa(iban: string): boolean {
  return SEPA_COUNTRIES.has(iban.replace(/\s/g, '').slice(0, 2).toUpperCase());
}

export function l1118TextIsUntouched(paragraph2: string = L111_8_PARAGRAPH_2, paragraph3: string = L111_8_PARAGRAPH_3): boolean {
  return createHash('sha256').update(`${paragraph2}\n${paragraph3}`).digest('hex') === L111_8_SHA256;
}

export type ComplianceProblemCode =
  | 'agency_identity_missing'
  | 'amicable_statement_missing'
  | 'creditor_identity_missing'
  | 'statement_elements_missing'
  | 'statement_does_not_add_up'
  | 'payment_instructions_missing'
  | 'l111_8_text_altered'
  | 'first_letter_reference_missing'
  | 'collection_fee_on_consumer'
  | 'unjustified_collection_fee'
  | 'missing_rate'
  | 'letter_details_missing'
  | 'agency_contact_missing'
  | 'creditor_wording_not_allowed';

export type ComplianceProblem = { readonly code: ComplianceProblemCode; readonly message: LocalizedText };
export type ComplianceResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly ComplianceProblem[] };

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';
const noLines = (lines: readonly string[] | undefined): boolean => !lines || lines.every(blank);

export function checkLetterCompliance<K extends LetterKind>(kind: K, props: LetterProps<K>): ComplianceResult {
  const problems: ComplianceProblem[] = [];
  const refuse = (code: ComplianceProblemCode, fr: string, en: string): void => {
    problems.push({ code, message: { fr, en } });
  };
  const { agency, creditor, debtor, statement } = props;

  // R124-4 1°
  if (blank(agency.name) || noLines(agency.addressLines)) {
    refuse('agency_identity_missing', "Le nom ou l'adresse de l'agence manque.", "The agency's name or address is missing.");
  }
  if (blank(agency.amicableCollectionStatement.fr) || blank(agency.amicableCollectionStatement[props.locale])) {
    refuse(
      'amicable_statement_missing',
      "La mention que l'agence exerce une activité de recouvrement amiable manque.",
      'The statement that the agency carries out amicable collection is missing.',
    );
  }
  // The letter is signed by the agency acting for the creditor and gives the agency's phone and
  // e-mail for questions and disputes (shared legal document, "Words the agency may not use").
  if (!agencyContactComplete(agency)) {
    refuse(
      'agency_contact_missing',
      "Le téléphone ou l'e-mail de l'agence, à donner au débiteur pour ses questions et contestations, manque.",
      "The agency's phone or e-mail, given to the debtor for questions and disputes, is missing.",
    );
  }
  // R124-4 2°
  if (blank(creditor.legalName) || noLines(creditor.addressLines)) {
    refuse('creditor_identity_missing', "Le nom ou l'adresse du créancier manque.", "The creditor's name or address is missing.");
  }
  // No amount that depends on a missing rate (checked before the décompte itself).
  if (!props.statementComplete || (props.missingRateHalfYears?.length ?? 0) > 0) {
    const halfYears = props.missingRateHalfYears?.join(', ') ?? '';
    refuse(
      'missing_rate',
      `Le décompte dépend d'un taux non renseigné${halfYears ? ` (${halfYears})` : ''} : aucun montant ne peut être justifié.`,
      `The statement depends on a missing rate${halfYears ? ` (${halfYears})` : ''}: no amount can be justified.`,
    );
  }
  // R124-4 3°: principal, interest and accessories each shown separately.
  const principalLines = statement.lines.filter((line) => line.kind === 'principal');
  const interestWithoutRate = statement.lines.some(
    (line) => line.kind === 'interest' && (!Number.isSafeInteger(line.rateBasisPoints) || line.rateBasisPoints <= 0 || blank(line.from) || blank(line.to)),
  );
  if (principalLines.length === 0 || interestWithoutRate) {
    refuse(
      'statement_elements_missing',
      'Le décompte ne détaille pas le principal de chaque créance et les intérêts par période avec leur taux.',
      'The statement does not show the principal of each claim and the interest per period with its rate.',
    );
  }
  const sumOf = (kindOfLine: 'principal' | 'interest' | 'indemnity' | 'payment'): number =>
    statement.lines.filter((line) => line.kind === kindOfLine).reduce((total, line) => total + line.amountCents, 0);
  const { totals } = statement;
  if (
    sumOf('principal') !== totals.principalCents ||
    sumOf('interest') !== totals.interestCents ||
    sumOf('indemnity') !== totals.indemnityCents ||
    sumOf('payment') !== totals.paidCents ||
    totals.principalCents + totals.interestCents + totals.indemnityCents - (totals.paidCents - totals.creditCents) !== totals.balanceCents
  ) {
    refuse('statement_does_not_add_up', 'Les totaux du décompte ne sont pas la somme de ses lignes.', 'The statement totals are not the sum of its lines.');
  }
  // L111-8: collection fees stay with the creditor; D441-5's indemnity is for professionals only.
  const fees = props.extraFees ?? [];
  if (debtor.kind === 'person' && (fees.length > 0 || statement.lines.some((line) => line.kind === 'indemnity'))) {
    refuse(
      'collection_fee_on_consumer',
      'Des frais de recouvrement ne peuvent pas être réclamés à un consommateur (CPCE L111-8).',
      'Collection fees cannot be charged to a consumer debtor (CPCE L111-8).',
    );
  }
  if (debtor.kind === 'company' && fees.some((fee) => blank(fee.legalBasis))) {
    refuse(
      'unjustified_collection_fee',
      "Des frais de recouvrement sans fondement légal restent à la charge du créancier (CPCE L111-8, C. com. L441-10 II).",
      'Collection fees without a legal basis stay with the creditor (CPCE L111-8, C. com. L441-10 II).',
    );
  }
  // R124-4 4°: how to pay.
  let referenceMatchesCase = false;
  try {
    referenceMatchesCase = creditorReferenceFor(props.case.reference) === props.case.creditorReference.replace(/\s/g, '').toUpperCase();
  } catch {
    referenceMatchesCase = false;
  }
  if (
    !isValidIban(agency.clientFundsIban) ||
    (blank(agency.bic) && !ibanIsInSepa(agency.clientFundsIban)) ||
    !isValidCreditorReference(props.case.creditorReference) ||
    !referenceMatchesCase ||
    !/^https?:\/\/\S+$/.test(props.case.portalUrl)
  ) {
    refuse(
      'payment_instructions_missing',
      "Les modalités de paiement sont incomplètes (IBAN du compte de fonds de tiers, référence RF du dossier, lien de paiement).",
      'Payment instructions are incomplete (client-funds IBAN, the case RF reference, payment link).',
    );
  }
  // R124-4 5°
  if (!l1118TextIsUntouched()) {
    refuse('l111_8_text_altered', "Le texte de l'article L111-8 a été modifié.", 'The text of article L111-8 has been altered.');
  }
  // R124-4, last paragraph: every later contact repeats the first letter's reference and date. A
  // payment document (R124-6) is owed for every payment, even one made before any letter: it repeats
  // the first letter when there is one (firstLetterLine), and is never held back for lack of one.
  if (kind !== 'first' && kind !== 'receipt' && (blank(props.firstLetter?.reference) || blank(props.firstLetter?.date))) {
    refuse(
      'first_letter_reference_missing',
      'La référence et la date de la première lettre doivent être rappelées.',
      "The first letter's reference and date must be repeated.",
    );
  }
  // The creditor's words, read again against the steps its strategies plan today (a strategy may
  // have lost its mise en demeure since the wording was approved): @relance/domain wording-check.
  const wordingRefusal = creditorWordingRefusal(props);
  if (wordingRefusal) problems.push(wordingRefusal);
  if (!detailsPresent(kind, props)) {
    refuse('letter_details_missing', 'Les éléments propres à ce courrier manquent.', "This letter's own details are missing.");
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function detailsPresent(kind: LetterKind, props: LetterProps): boolean {
  const extras = props as Partial<LetterProps<'plan'> & LetterProps<'receipt'> & LetterProps<'dispute'>>;
  switch (kind) {
    case 'plan':
      return (extras.plan?.installments.length ?? 0) > 0;
    case 'receipt': {
      // R124-6: a receipt and its cancellation name the receipt's number; an acknowledgment of a
      // payment made to the creditor has none (the agency received nothing); a cancellation says why.
      const receipt = extras.receipt;
      if (receipt === undefined || receipt.amountCents <= 0) return false;
      const document = receipt.document ?? 'receipt';
      if (document !== 'direct_payment_acknowledgment' && blank(receipt.receiptNumber ?? undefined)) return false;
      return document !== 'cancellation' || !blank(receipt.cancellation?.reason);
    }
    case 'dispute':
      return extras.dispute !== undefined && !blank(extras.dispute.receivedOn);
    default:
      return !blank(props.deadline);
  }
}

// A run's letters of one creditor share its wording: its verdict is kept (at most 500, the oldest
// dropped first) rather than read again for each letter (about 1 ms a letter).
const wordingVerdicts = new Map<string, ComplianceProblem | null>();

function creditorWordingRefusal(props: LetterProps): ComplianceProblem | null {
  const names = [props.creditor.legalName, props.creditor.brand.displayName];
  const key = JSON.stringify([props.wording ?? {}, props.plannedSteps ?? [], names]);
  const kept = wordingVerdicts.get(key);
  if (kept !== undefined) return kept;
  const found = checkWording(props.wording ?? {}, props.plannedSteps ?? [], { ownNames: names });
  const verdict: ComplianceProblem | null =
    found.length === 0
      ? null
      : {
          code: 'creditor_wording_not_allowed',
          message: {
            fr: `Les textes du créancier ne sont pas admis : ${found.map((problem) => wordingProblemMessage(problem, 'fr')).join(' ; ')}.`,
            en: `The creditor's wording is not allowed: ${found.map((problem) => wordingProblemMessage(problem, 'en')).join('; ')}.`,
          },
        };
  if (wordingVerdicts.size >= 500) wordingVerdicts.delete(wordingVerdicts.keys().next().value as string);
  wordingVerdicts.set(key, verdict);
  return verdict;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone a person can dial (8 digits at least) and an e-mail address. */
export function agencyContactComplete(agency: { readonly phone: string; readonly email: string }): boolean {
  return (agency.phone.match(/\d/g)?.length ?? 0) >= 8 && EMAIL.test(agency.email.trim());
}
