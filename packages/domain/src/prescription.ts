import { type ClaimNature, inferClaimNature, natureRegime } from './claim-nature.ts';
import { addDays, addMonths, addYears, type BusinessDate, diffDays, maxDate, parseBusinessDate } from './dates.ts';
import type { DebtorKind } from './interest.ts';
import type { CreditorKind } from './rates.ts';

// Prescription (limitation) of a claim.
// - Duration by the claim's nature (claim-nature.ts): commercial 5 years (C. com. L110-4),
//   consumer 2 years (C. conso. L218-2), residential rent 3 years (loi 89-462 art. 7-1),
//   consumer credit a 2-year forclusion (C. conso. R312-35), telecom 1 year (CPCE L34-2),
//   civil 5 years (C. civ. 2224). A claim without a nature gets the one inferred from the parties.
// - A forclusion (consumer credit) is not interrupted by the debtor's acknowledgment (C. civ.
//   2220): only a court claim (2241 al. 1 names it) or an enforcement act (2244) interrupts it,
//   and mediation (2238) does not suspend it.
// - Runs from the day the claim was payable: its due date (C. civ. 2224, 2233).
// - Interruption erases the time run and starts a new period of the same duration
//   (C. civ. 2231): acknowledgment by the debtor, e.g. a payment or an accepted plan (2240);
//   a court claim including an injonction de payer request (2241); an enforcement act (2244).
// - Suspension during mediation or conciliation (2238): the period stops running and resumes
//   for what was left, and for no less than six months after the mediation ends. The debtor's
//   acceptance, recorded by the commissaire, to take part in the petites créances procedure
//   suspends it the same way until the procedure ends (C. civ. 2238 al. 1, CPCE L125-1).
// - A mise en demeure does not interrupt (it is not in 2240-2246); it is reported as such.
// Dates: the last day of the period is `prescriptionDate`; the claim is prescribed on the
// following day (C. civ. 2229: prescription is acquired once the last day of the term is over).

export type InterruptingEventKind =
  | 'payment'
  | 'acknowledgment'
  | 'plan_accepted'
  | 'court_claim'
  | 'injonction_de_payer_request'
  | 'enforcement_act';

/** Events that suspend the period instead of interrupting it (C. civ. 2238). */
export const suspendingEventKinds = ['mediation', 'petites_creances_acceptance'] as const;
export type SuspendingEventKind = (typeof suspendingEventKinds)[number];

export function isSuspendingEvent(kind: string): kind is SuspendingEventKind {
  return (suspendingEventKinds as readonly string[]).includes(kind);
}

export type PrescriptionEvent =
  | { readonly kind: InterruptingEventKind | 'mise_en_demeure'; readonly date: BusinessDate; readonly claimRefs?: readonly string[] }
  | {
      /** mediation (C. civ. 2238) or the petites créances acceptance (2238 al. 1, CPCE L125-1): a suspension. */
      readonly kind: SuspendingEventKind;
      readonly date: BusinessDate;
      /** Last day of the mediation; absent while it is still going on. */
      readonly endDate?: BusinessDate;
      readonly claimRefs?: readonly string[];
    };

export const PRESCRIPTION_EVENT_ARTICLES: Record<PrescriptionEvent['kind'], string> = {
  payment: 'C. civ. 2240',
  acknowledgment: 'C. civ. 2240',
  plan_accepted: 'C. civ. 2240',
  court_claim: 'C. civ. 2241',
  injonction_de_payer_request: 'C. civ. 2241',
  enforcement_act: 'C. civ. 2244',
  mediation: 'C. civ. 2238',
  petites_creances_acceptance: 'C. civ. 2238 al. 1, CPCE L125-1',
  mise_en_demeure: 'C. civ. 2240 à 2246 (non interruptive)',
};

/** C. civ. 2238 al. 3: after mediation the period resumes for at least six months. */
export const MINIMUM_MONTHS_AFTER_MEDIATION = 6;

export type PrescriptionClaim = { readonly ref: string; readonly dueDate: BusinessDate; readonly nature?: ClaimNature };

export type PrescriptionInput = {
  readonly claim: PrescriptionClaim;
  readonly creditorKind: CreditorKind;
  readonly debtorKind: DebtorKind;
  /** Events of the case; an event without claimRefs concerns every claim of the case. */
  readonly events: readonly PrescriptionEvent[];
  readonly asOf: BusinessDate;
  /** How many days before the prescription date the work queue should warn. */
  readonly warningHorizonDays: number;
};

export type PrescriptionMove = {
  readonly kind: PrescriptionEvent['kind'];
  readonly date: BusinessDate;
  readonly article: string;
  readonly effect: 'interrupted' | 'suspended';
  readonly previousDate: BusinessDate;
  readonly newDate: BusinessDate;
};

export type IgnoredPrescriptionEvent = {
  readonly kind: PrescriptionEvent['kind'];
  readonly date: BusinessDate;
  readonly reason: 'does_not_interrupt' | 'does_not_interrupt_forclusion' | 'after_prescription' | 'after_as_of' | 'does_not_move';
};

export type Prescription = {
  readonly claimRef: string;
  readonly nature: ClaimNature;
  readonly durationYears: 1 | 2 | 3 | 5;
  readonly basis: string;
  /** Last day on which the claim can still be pursued. */
  readonly date: BusinessDate;
  readonly movedBy: readonly PrescriptionMove[];
  readonly ignored: readonly IgnoredPrescriptionEvent[];
  /** A mediation is still going on at asOf: the date will move again when it ends. */
  readonly suspendedAtAsOf: boolean;
  readonly prescribed: boolean;
  readonly daysLeft: number;
  readonly withinWarning: boolean;
};

/** The duration for a claim whose nature is not known: the regime of the nature inferred from the parties. */
export function prescriptionDuration(creditorKind: CreditorKind, debtorKind: DebtorKind): { readonly years: 1 | 2 | 3 | 5; readonly basis: string } {
  const { years, basis } = natureRegime(inferClaimNature(creditorKind, debtorKind));
  return { years, basis };
}

/** Events that interrupt a forclusion (C. civ. 2241 al. 1, 2244); the others do not (2220). */
const interruptsForclusion: ReadonlySet<PrescriptionEvent['kind']> = new Set(['court_claim', 'injonction_de_payer_request', 'enforcement_act']);

export function computePrescription(input: PrescriptionInput): Prescription {
  const { claim, asOf } = input;
  parseBusinessDate(claim.dueDate);
  parseBusinessDate(asOf);
  const nature = claim.nature ?? inferClaimNature(input.creditorKind, input.debtorKind);
  const { years, basis, forclusion } = natureRegime(nature);
  const relevant = input.events
    .filter((event) => event.claimRefs === undefined || event.claimRefs.includes(claim.ref))
    .map((event, index) => ({ event, index }))
    .sort((left, right) =>
      left.event.date === right.event.date ? left.index - right.index : left.event.date < right.event.date ? -1 : 1,
    )
    .map(({ event }) => event);

  let date = addYears(claim.dueDate, years);
  let suspendedAtAsOf = false;
  const movedBy: PrescriptionMove[] = [];
  const ignored: IgnoredPrescriptionEvent[] = [];

  for (const event of relevant) {
    parseBusinessDate(event.date);
    if (event.date > asOf) {
      ignored.push({ kind: event.kind, date: event.date, reason: 'after_as_of' });
      continue;
    }
    if (event.kind === 'mise_en_demeure') {
      ignored.push({ kind: event.kind, date: event.date, reason: 'does_not_interrupt' });
      continue;
    }
    if (forclusion && !interruptsForclusion.has(event.kind)) {
      ignored.push({ kind: event.kind, date: event.date, reason: 'does_not_interrupt_forclusion' });
      continue;
    }
    // A prescribed claim cannot be revived by a later interruption (what a debtor pays on it
    // anyway is not repaid, C. civ. 2249, but the period does not restart).
    if (event.date > date) {
      ignored.push({ kind: event.kind, date: event.date, reason: 'after_prescription' });
      continue;
    }
    const previousDate = date;
    if (event.kind === 'mediation' || event.kind === 'petites_creances_acceptance') {
      const ongoing = event.endDate === undefined || event.endDate > asOf;
      const lastSuspendedDay = ongoing ? asOf : (event.endDate ?? asOf);
      if (ongoing) suspendedAtAsOf = true;
      // The days from the start of the mediation to its last day do not count.
      const suspendedDays = diffDays(event.date, lastSuspendedDay) + 1;
      date = maxDate(addDays(date, suspendedDays), addMonths(lastSuspendedDay, MINIMUM_MONTHS_AFTER_MEDIATION));
      movedBy.push({ kind: event.kind, date: event.date, article: PRESCRIPTION_EVENT_ARTICLES[event.kind], effect: 'suspended', previousDate, newDate: date });
      continue;
    }
    // A new period runs from the interruption (C. civ. 2231), but never ends before the one that
    // was running: an acknowledgment before the claim was even payable cannot shorten its term.
    date = maxDate(date, addYears(event.date, years));
    if (date === previousDate) {
      ignored.push({ kind: event.kind, date: event.date, reason: 'does_not_move' });
      continue;
    }
    movedBy.push({
      kind: event.kind,
      date: event.date,
      article: `${PRESCRIPTION_EVENT_ARTICLES[event.kind]}, 2231`,
      effect: 'interrupted',
      previousDate,
      newDate: date,
    });
  }

  const daysLeft = diffDays(asOf, date);
  return {
    claimRef: claim.ref,
    nature,
    durationYears: years,
    basis,
    date,
    movedBy,
    ignored,
    suspendedAtAsOf,
    prescribed: asOf > date,
    daysLeft,
    withinWarning: asOf <= date && daysLeft <= input.warningHorizonDays,
  };
}

export type CasePrescriptionInput = Omit<PrescriptionInput, 'claim'> & {
  readonly claims: readonly PrescriptionClaim[];
};

/**
 * The date a case must be acted on by: the earliest prescription date of its claims, each moved
 * by the events that concern it (an acknowledgment such as an accepted plan, C. civ. 2240, moves
 * every claim; a payment designated to one claim moves that claim). Null for a case without claims.
 */
export function casePrescription(input: CasePrescriptionInput): (Prescription & { readonly claims: readonly Prescription[] }) | null {
  const claims = input.claims.map((claim) => computePrescription({ ...input, claim }));
  const earliest = claims.reduce<Prescription | null>((first, next) => (first === null || next.date < first.date ? next : first), null);
  return earliest ? { ...earliest, claims } : null;
}

/**
 * The interruptions the payments of a décompte carry (C. civ. 2240: a payment acknowledges the
 * claim it pays): each payment concerns the claims it was allocated to (the one the debtor
 * designated, or those the allocation rules of C. civ. 1342-10 chose), not the whole case. A
 * payment that went entirely to credit (overpayment) acknowledges nothing.
 */
export function paymentInterruptions(
  payments: readonly { readonly date: BusinessDate; readonly allocations: readonly { readonly claimRef: string; readonly amountCents: number }[] }[],
): PrescriptionEvent[] {
  return payments.flatMap((payment) => {
    const claimRefs = [...new Set(payment.allocations.filter((allocation) => allocation.amountCents > 0).map((allocation) => allocation.claimRef))];
    return claimRefs.length === 0 ? [] : [{ kind: 'payment' as const, date: payment.date, claimRefs }];
  });
}

/** What the agency can do to keep a claim alive before its prescription date. */
export type InterruptingAction = 'obtain_payment' | 'obtain_acknowledgment' | 'injonction_de_payer' | 'court_claim';

/**
 * The actions that would interrupt a claim's prescription, by its nature: obtain a payment, or a
 * written or electronic acknowledgment of the debt (C. civ. 2240; an agent's note of an oral "yes"
 * is weak evidence), or file an injonction de payer request (2241). A forclusion (consumer credit,
 * C. conso. R312-35) is not interrupted by the debtor's acknowledgment (2220): only a court claim
 * (2241 al. 1: an assignation or an injonction de payer request) keeps it.
 */
export function interruptingActions(nature: ClaimNature): readonly { readonly action: InterruptingAction; readonly article: string }[] {
  if (natureRegime(nature).forclusion) return [{ action: 'court_claim', article: 'C. conso. R312-35, C. civ. 2241' }];
  return [
    { action: 'obtain_payment', article: 'C. civ. 2240' },
    { action: 'obtain_acknowledgment', article: 'C. civ. 2240' },
    { action: 'injonction_de_payer', article: 'C. civ. 2241' },
  ];
}
