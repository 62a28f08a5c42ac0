// Case life cycle as a table of allowed moves (architecture convention 4). A forbidden move
// throws ForbiddenTransitionError; the API maps its code to a message in French and English.

export const caseStatuses = ['new', 'amicable', 'promise', 'payment_plan', 'disputed', 'legal', 'bailiff', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseOutcomes = ['paid', 'partially_paid', 'irrecoverable', 'returned_to_creditor'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** A closed case always says how it ended. */
export type CaseState =
  | { readonly status: Exclude<CaseStatus, 'closed'> }
  | { readonly status: 'closed'; readonly outcome: CaseOutcome };

/**
 * Allowed moves. Notes on the choices:
 * - a broken promise or plan sends the case back to amicable;
 * - a dispute stops collection until resolved (contact policy), then amicable or legal;
 * - legal (injonction de payer, CPC 1405 ff.) can still settle by promise or plan;
 * - bailiff (commissaire de justice) can settle by plan;
 * - closed is final: new money on a closed file is a new case.
 * Any open status may close (paid, returned to the creditor, irrecoverable).
 */
export const caseTransitions = {
  new: ['amicable', 'disputed', 'closed'],
  amicable: ['promise', 'payment_plan', 'disputed', 'legal', 'closed'],
  promise: ['amicable', 'payment_plan', 'disputed', 'legal', 'closed'],
  payment_plan: ['amicable', 'disputed', 'legal', 'closed'],
  disputed: ['amicable', 'legal', 'closed'],
  legal: ['promise', 'payment_plan', 'bailiff', 'closed'],
  bailiff: ['payment_plan', 'closed'],
  closed: [],
} as const satisfies Record<CaseStatus, readonly CaseStatus[]>;

export class ForbiddenTransitionError extends Error {
  readonly code = 'forbidden_transition';
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  constructor(from: CaseStatus, to: CaseStatus) {
    super(`A case cannot go from "${from}" to "${to}"`);
    this.name = 'ForbiddenTransitionError';
    this.from = from;
    this.to = to;
  }
}

export class MissingCaseOutcomeError extends Error {
  readonly code = 'missing_case_outcome';
  constructor() {
    super('Closing a case requires an outcome: paid, partially_paid, irrecoverable or returned_to_creditor');
    this.name = 'MissingCaseOutcomeError';
  }
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return (caseTransitions[from] as readonly CaseStatus[]).includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new ForbiddenTransitionError(from, to);
}

/** The state after moving to `to`; closing requires an outcome, and only closing takes one. */
export function transitionCase(current: CaseState, to: CaseStatus, outcome?: CaseOutcome): CaseState {
  assertTransition(current.status, to);
  if (to === 'closed') {
    if (outcome === undefined) throw new MissingCaseOutcomeError();
    return { status: 'closed', outcome };
  }
  return { status: to };
}
