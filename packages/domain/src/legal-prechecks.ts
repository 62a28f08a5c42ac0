import type { ClaimNature } from './claim-nature.ts';
import { addDays, type BusinessDate, diffDays } from './dates.ts';
import type { GateReasonCode, GateVerdict } from './legal-gate.ts';
import type { LegalActionKind } from './legal-procedure.ts';

// The pre-checks of a judicial step (issue 16), each with its verdict, shown before the step is
// proposed, at approval and at filing. What the legal gate already decides (mandate in force and
// covering judicial steps, an open dispute, a vulnerable debtor, every claim prescribed, a closed
// case) is read from its verdict, never decided twice; the checks below add what only judicial
// steps need:
// - claims certain, liquid and payable (CPC 1405): not disputed (the gate), not prescribed
//   (excluded, and the ones prescribing within 90 days highlighted), due;
// - a mise en demeure presented at least N days before (8 by default, agency setting): the
//   debtor was told the step was planned (shared legal document, "Escalation", C. civ. 1344);
// - petites créances: at most 5,000 € principal and interest included (CPCE R125-1), a
//   contractual or statutory cause (L125-1);
// - the debtor's address known (the court, CPC 1406, and the commissaire's district depend on it);
// - a commissaire's enforcement needs an enforceable title (CPCE L111-2).

/** CPCE R125-1: petites créances up to 5,000 € principal and interest included. */
export const PETITES_CREANCES_MAX_CENTS = 500_000;
/** Default days between the mise en demeure's presentation and a judicial step (agency setting). */
export const DEFAULT_DAYS_AFTER_MISE_EN_DEMEURE = 8;
/** A claim prescribing within this many days is highlighted: file before it, or it is lost. */
export const IMMINENT_PRESCRIPTION_DAYS = 90;

export const legalCheckNames = ['case_standing', 'claims_payable', 'no_dispute', 'mandate_judicial', 'mise_en_demeure', 'amount_threshold', 'debtor_address', 'title', 'court'] as const;
export type LegalCheckName = (typeof legalCheckNames)[number];

export type LegalCheck = {
  readonly check: LegalCheckName;
  readonly status: 'pass' | 'fail' | 'warn';
  /** When it fails: the API error code (packages/contracts errors.ts); when it warns, the warning's code. */
  readonly code: string | null;
  readonly params: Readonly<Record<string, string | number | readonly string[]>>;
};

export type PrecheckClaim = {
  readonly ref: string;
  readonly dueDate: BusinessDate;
  readonly prescriptionDate: BusinessDate;
  readonly nature: ClaimNature;
};

export type PrecheckFacts = {
  readonly kind: LegalActionKind;
  readonly today: BusinessDate;
  /** The legal gate's verdict on `legal_action` for this case now. */
  readonly gate: GateVerdict;
  readonly claims: readonly PrecheckClaim[];
  /** Principal, interest and indemnities of the claims not prescribed, as of today (the décompte). */
  readonly claimedCents: number;
  /** The latest mise en demeure: when it was sent and first presented (null while unknown). */
  readonly miseEnDemeure: { readonly sentOn: BusinessDate; readonly presentedOn: BusinessDate | null } | null;
  readonly minDaysAfterMiseEnDemeure: number;
  readonly debtorAddressKnown: boolean;
  /** An enforceable title the case already has (an earlier action's, or one the creditor holds). */
  readonly titleOn: BusinessDate | null;
  /** Whether a competent court was found in the directory (injonction de payer), or a commissaire for the district. */
  readonly venueFound: boolean;
};

export type PrecheckResult = {
  readonly ok: boolean;
  readonly checks: readonly LegalCheck[];
  /** The claims the step covers: due and not prescribed. */
  readonly includedClaims: readonly string[];
  readonly excludedClaims: readonly { readonly ref: string; readonly reason: 'prescribed' | 'not_due' }[];
  readonly imminentClaims: readonly { readonly ref: string; readonly prescriptionDate: BusinessDate }[];
};

const pass = (check: LegalCheckName, params: LegalCheck['params'] = {}): LegalCheck => ({ check, status: 'pass', code: null, params });
const fail = (check: LegalCheckName, code: string, params: LegalCheck['params'] = {}): LegalCheck => ({ check, status: 'fail', code, params });
const warn = (check: LegalCheckName, code: string, params: LegalCheck['params'] = {}): LegalCheck => ({ check, status: 'warn', code, params });

function gateCheck(gate: GateVerdict, check: LegalCheckName, matches: (code: GateReasonCode) => boolean): LegalCheck {
  const reason = gate.reasons.find((candidate) => matches(candidate.code));
  return reason ? fail(check, reason.code, reason.params) : pass(check);
}

function claimsCheck(facts: PrecheckFacts, included: readonly string[], excluded: PrecheckResult['excludedClaims'], imminent: PrecheckResult['imminentClaims']): LegalCheck {
  const fromGate = gateCheck(facts.gate, 'claims_payable', (code) => code === 'claim_prescribed' || code === 'nothing_due');
  if (fromGate.status === 'fail') return fromGate;
  if (included.length === 0) return fail('claims_payable', 'legal_nothing_payable', { excluded: excluded.map((claim) => claim.ref) });
  if (imminent.length > 0) return warn('claims_payable', 'legal_prescription_imminent', { claims: imminent.map((claim) => claim.ref), first: imminent[0]?.prescriptionDate ?? '' });
  if (excluded.length > 0) return warn('claims_payable', 'legal_claims_excluded', { claims: excluded.map((claim) => claim.ref) });
  return pass('claims_payable', { claims: included });
}

function miseEnDemeureCheck(facts: PrecheckFacts): LegalCheck {
  // A title already exists for an enforcement: the mise en demeure belonged to the earlier step.
  if (facts.kind === 'commissaire_enforcement') return pass('mise_en_demeure', { required: 0 });
  const med = facts.miseEnDemeure;
  if (med === null) return fail('mise_en_demeure', 'legal_mise_en_demeure_missing');
  if (med.presentedOn === null) return fail('mise_en_demeure', 'legal_mise_en_demeure_not_presented', { sentOn: med.sentOn });
  const days = diffDays(med.presentedOn, facts.today);
  if (days < facts.minDaysAfterMiseEnDemeure) {
    return fail('mise_en_demeure', 'legal_mise_en_demeure_too_recent', {
      presentedOn: med.presentedOn,
      days,
      required: facts.minDaysAfterMiseEnDemeure,
      from: addDays(med.presentedOn, facts.minDaysAfterMiseEnDemeure),
    });
  }
  return pass('mise_en_demeure', { presentedOn: med.presentedOn, days });
}

function amountCheck(facts: PrecheckFacts): LegalCheck {
  if (facts.kind !== 'petites_creances') return pass('amount_threshold', { claimedCents: facts.claimedCents });
  if (facts.claimedCents > PETITES_CREANCES_MAX_CENTS) {
    return fail('amount_threshold', 'legal_amount_over_threshold', { claimedCents: facts.claimedCents, maxCents: PETITES_CREANCES_MAX_CENTS });
  }
  // Every claim nature Relance knows (invoices, rent, credit, telecom, civil debts) has a
  // contractual or statutory cause (L125-1); a claim in tort would not, and is not taken in.
  return pass('amount_threshold', { claimedCents: facts.claimedCents, maxCents: PETITES_CREANCES_MAX_CENTS });
}

/** Every pre-check's verdict; `ok` when none fails (warnings do not stop the step). */
export function legalPrechecks(facts: PrecheckFacts): PrecheckResult {
  const excluded: { ref: string; reason: 'prescribed' | 'not_due' }[] = [];
  const included: string[] = [];
  const imminent: { ref: string; prescriptionDate: BusinessDate }[] = [];
  for (const claim of facts.claims) {
    if (claim.prescriptionDate < facts.today) excluded.push({ ref: claim.ref, reason: 'prescribed' });
    else if (claim.dueDate > facts.today) excluded.push({ ref: claim.ref, reason: 'not_due' });
    else {
      included.push(claim.ref);
      if (diffDays(facts.today, claim.prescriptionDate) <= IMMINENT_PRESCRIPTION_DAYS) imminent.push({ ref: claim.ref, prescriptionDate: claim.prescriptionDate });
    }
  }
  imminent.sort((left, right) => (left.prescriptionDate < right.prescriptionDate ? -1 : 1));
  const checks: LegalCheck[] = [
    gateCheck(facts.gate, 'case_standing', (code) => code === 'case_closed' || code === 'contact_refused_vulnerable' || code === 'insolvency_proceedings'),
    claimsCheck(facts, included, excluded, imminent),
    gateCheck(facts.gate, 'no_dispute', (code) => code === 'contact_refused_dispute'),
    gateCheck(facts.gate, 'mandate_judicial', (code) => code.startsWith('mandate_')),
    miseEnDemeureCheck(facts),
    amountCheck(facts),
    facts.debtorAddressKnown ? pass('debtor_address') : fail('debtor_address', 'legal_address_missing'),
    facts.kind !== 'commissaire_enforcement'
      ? pass('title', { required: 0 })
      : facts.titleOn
        ? pass('title', { titleOn: facts.titleOn })
        : fail('title', 'legal_title_missing'),
    facts.venueFound ? pass('court') : warn('court', facts.kind === 'injonction_de_payer' ? 'legal_court_to_choose' : 'legal_commissaire_to_choose'),
  ];
  return { ok: checks.every((check) => check.status !== 'fail'), checks, includedClaims: included, excludedClaims: excluded, imminentClaims: imminent };
}

/** The first failing check's code (the 422 a refused proposal answers). */
export function firstFailure(result: PrecheckResult): LegalCheck | null {
  return result.checks.find((check) => check.status === 'fail') ?? null;
}
