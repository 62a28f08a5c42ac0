import { type Allocation, type AllocationElement, allocatePayment, type OutstandingClaim } from './allocation.ts';
import { type BusinessDate, type HalfYear, maxDate, parseBusinessDate } from './dates.ts';
import {
  accrueInterest,
  betweenProfessionals,
  type ClaimNature,
  type ContractLateRateLimit,
  contractLateRateLimit,
  type DebtorKind,
  type InterestAccrual,
  type InterestStart,
  interestRuleFor,
} from './interest.ts';
import { type CostBearer, chargeableToDebtor } from './legal-costs.ts';
import type { CreditorKind, RateTable } from './rates.ts';

// The décompte: principal, interest per period, indemnities, payments and balance, each
// element shown separately (CPCE R124-4 3°). Every amount printed is justified by a line;
// totals are sums of printed lines so the letter adds up. A missing rate makes the whole
// statement fail with MissingRateError rather than print an amount it cannot justify.

/** C. com. D441-5: fixed indemnity for collection costs per late invoice, between professionals only (L441-10). */
export const LATE_PAYMENT_INDEMNITY_CENTS = 40_00;
export const LATE_PAYMENT_INDEMNITY_BASIS = 'C. com. D441-5';

export type StatementClaim = {
  readonly ref: string;
  readonly issueDate: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly amountCents: number;
  readonly currency: string;
  readonly contractRateBasisPoints?: number;
  /** What the law lets a contractual late rate be depends on it (`contractLateRateLimit`); absent: the contract binds. */
  readonly nature?: ClaimNature;
};

export type StatementPayment = {
  readonly id: string;
  readonly date: BusinessDate;
  readonly amountCents: number;
  /** The claim the debtor said the payment is for (C. civ. 1342-10). */
  readonly claimRef?: string;
};

export type StatementInput = {
  readonly creditorKind: CreditorKind;
  /**
   * A private-individual creditor recorded as acting for professional needs (a company always
   * does): L441-10 then applies against a professional debtor, and the taux légal is the "autres
   * cas" one (CMF L313-2). Default false.
   */
  readonly creditorActsProfessionally?: boolean;
  readonly debtorKind: DebtorKind;
  readonly claims: readonly StatementClaim[];
  readonly payments: readonly StatementPayment[];
  readonly events: { readonly miseEnDemeureDate?: BusinessDate; readonly judgmentEnforceableDate?: BusinessDate };
  readonly asOf: BusinessDate;
  readonly rates: RateTable;
};

export type PrincipalLine = {
  readonly kind: 'principal';
  readonly claimRef: string;
  readonly issueDate: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly amountCents: number;
};

/** Interest on one claim for the days from `from` to `to`, both counted. */
export type InterestLine = {
  readonly kind: 'interest';
  readonly claimRef: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly days: number;
  readonly yearDays: 365 | 366;
  readonly rateBasisPoints: number;
  readonly baseCents: number;
  readonly amountCents: number;
  readonly legalBasis: string;
};

export type IndemnityLine = {
  readonly kind: 'indemnity';
  readonly claimRef: string;
  readonly amountCents: number;
  readonly legalBasis: typeof LATE_PAYMENT_INDEMNITY_BASIS;
};

export type PaymentLine = {
  readonly kind: 'payment';
  readonly id: string;
  readonly date: BusinessDate;
  readonly amountCents: number;
  readonly allocations: readonly Allocation[];
  readonly creditCents: number;
};

export type StatementLine = PrincipalLine | InterestLine | IndemnityLine | PaymentLine;

export type StatementWarning =
  | {
      readonly code: 'contract_rate_below_legal_floor';
      readonly claimRef: string;
      readonly halfYear: HalfYear;
      readonly contractRateBasisPoints: number;
      readonly floorBasisPoints: number;
    }
  | { readonly code: 'no_interest_without_mise_en_demeure'; readonly claimRef: string }
  /**
   * A contractual late rate outside L441-10 runs from the due date although no mise en demeure is
   * recorded: that is lawful only if the contract says the debtor is in default by the mere
   * exigibility of the debt (C. civ. 1231, 1344); otherwise interest runs from the mise en demeure.
   */
  | { readonly code: 'consumer_contract_rate_without_mise_en_demeure'; readonly claimRef: string; readonly contractRateBasisPoints: number }
  /** Consumer credit: default interest may not exceed the credit's own rate (C. conso. L312-39); to be checked by a person. */
  | {
      readonly code: 'contract_rate_cap_to_check';
      readonly claimRef: string;
      readonly nature: ClaimNature;
      readonly contractRateBasisPoints: number;
      readonly legalBasis: string;
    }
  /** Residential lease: a late-payment penalty clause is deemed unwritten (loi 89-462, art. 4 i)); the rate is not applied. */
  | {
      readonly code: 'contract_rate_set_aside';
      readonly claimRef: string;
      readonly nature: ClaimNature;
      readonly contractRateBasisPoints: number;
      readonly legalBasis: string;
    }
  | { readonly code: 'payment_after_as_of'; readonly paymentId: string; readonly date: BusinessDate }
  | { readonly code: 'overpayment'; readonly paymentId: string; readonly creditCents: number };

export type Statement = {
  readonly asOf: BusinessDate;
  readonly currency: string;
  readonly lines: readonly StatementLine[];
  readonly totals: {
    readonly principalCents: number;
    readonly interestCents: number;
    readonly indemnityCents: number;
    readonly paidCents: number;
    readonly creditCents: number;
    /** principal + interest + indemnity - (paid - credit) */
    readonly balanceCents: number;
  };
  /** What remains owed on each element after allocations. */
  readonly balances: { readonly principal: number; readonly interest: number; readonly indemnity: number };
  readonly warnings: readonly StatementWarning[];
};

export type StatementInputErrorCode =
  | 'no_claims'
  | 'currency_mismatch'
  | 'duplicate_claim_ref'
  | 'duplicate_payment_id'
  | 'invalid_amount'
  | 'invalid_rate';

export class StatementInputError extends Error {
  readonly code: StatementInputErrorCode;
  readonly details: Readonly<Record<string, string | number>>;
  constructor(code: StatementInputErrorCode, message: string, details: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.name = 'StatementInputError';
    this.code = code;
    this.details = details;
  }
}

type ClaimState = {
  readonly claim: StatementClaim;
  readonly interestStart: InterestStart | null;
  /** Interest accrues on days strictly after this date with the current base. */
  openAfter: BusinessDate | null;
  baseCents: number;
  readonly closedAccruals: InterestAccrual[];
  indemnityOwed: boolean;
  readonly paid: Record<AllocationElement, number>;
};

function validate(input: StatementInput): string {
  const [first] = input.claims;
  if (!first) throw new StatementInputError('no_claims', 'A statement needs at least one claim');
  parseBusinessDate(input.asOf);
  for (const date of [input.events.miseEnDemeureDate, input.events.judgmentEnforceableDate]) {
    if (date !== undefined) parseBusinessDate(date);
  }
  const refs = new Set<string>();
  for (const claim of input.claims) {
    if (claim.currency !== first.currency) {
      throw new StatementInputError('currency_mismatch', `Claim ${claim.ref} is in ${claim.currency}, not ${first.currency}`, {
        claimRef: claim.ref,
      });
    }
    if (refs.has(claim.ref)) throw new StatementInputError('duplicate_claim_ref', `Claim ${claim.ref} appears twice`, { claimRef: claim.ref });
    refs.add(claim.ref);
    parseBusinessDate(claim.issueDate);
    parseBusinessDate(claim.dueDate);
    if (!Number.isSafeInteger(claim.amountCents) || claim.amountCents <= 0) {
      throw new StatementInputError('invalid_amount', `Claim ${claim.ref} must have a positive amount in cents`, { claimRef: claim.ref });
    }
    const rate = claim.contractRateBasisPoints;
    if (rate !== undefined && (!Number.isSafeInteger(rate) || rate < 0)) {
      throw new StatementInputError('invalid_rate', `Claim ${claim.ref} has an invalid contractual rate`, { claimRef: claim.ref });
    }
  }
  const ids = new Set<string>();
  for (const payment of input.payments) {
    if (ids.has(payment.id)) throw new StatementInputError('duplicate_payment_id', `Payment ${payment.id} appears twice`, { paymentId: payment.id });
    ids.add(payment.id);
    parseBusinessDate(payment.date);
    if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) {
      throw new StatementInputError('invalid_amount', `Payment ${payment.id} must have a positive amount in cents`, {
        paymentId: payment.id,
      });
    }
  }
  return first.currency;
}

function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function byDueDateThenRef(left: StatementClaim, right: StatementClaim): number {
  if (left.dueDate !== right.dueDate) return left.dueDate < right.dueDate ? -1 : 1;
  return left.ref < right.ref ? -1 : left.ref > right.ref ? 1 : 0;
}

/**
 * What the statement says about a claim's interest basis before computing it: no interest for
 * want of a mise en demeure; a contractual rate running without one; a contractual rate the
 * nature of the claim caps (to check) or sets aside. Only for claims already due at `asOf`.
 */
function interestBasisWarnings(
  claim: StatementClaim,
  interestStart: InterestStart | null,
  miseEnDemeureDate: BusinessDate | undefined,
  asOf: BusinessDate,
): StatementWarning[] {
  if (claim.dueDate >= asOf) return [];
  const warnings: StatementWarning[] = [];
  const { ref: claimRef, nature, contractRateBasisPoints } = claim;
  const limit: ContractLateRateLimit = contractLateRateLimit(nature);
  const penalties = interestStart?.rule.kind === 'late_payment_penalty';
  const contractual = interestStart?.rule.kind === 'contractual' && contractRateBasisPoints !== undefined;
  if (nature !== undefined && contractRateBasisPoints !== undefined && limit.kind === 'unwritten' && !penalties) {
    warnings.push({ code: 'contract_rate_set_aside', claimRef, nature, contractRateBasisPoints, legalBasis: limit.legalBasis });
  }
  if (interestStart === null) warnings.push({ code: 'no_interest_without_mise_en_demeure', claimRef });
  if (contractual && miseEnDemeureDate === undefined) {
    warnings.push({ code: 'consumer_contract_rate_without_mise_en_demeure', claimRef, contractRateBasisPoints });
  }
  if (contractual && nature !== undefined && limit.kind === 'cap_to_check') {
    warnings.push({ code: 'contract_rate_cap_to_check', claimRef, nature, contractRateBasisPoints, legalBasis: limit.legalBasis });
  }
  return warnings;
}

/**
 * Builds the décompte at `asOf`. Payments are processed in date order (same date: input order);
 * each is allocated against what is owed on its date, including interest accrued up to and
 * including that date. The interest used for that allocation is the rounded amount of the
 * current lines cut at the payment date; the printed lines are cut only where the base changes
 * (a payment reached that claim's principal), so a claim untouched by a payment keeps one line
 * per rate period. A principal payment reduces the base from the day after the payment.
 */
export function buildStatement(input: StatementInput): Statement {
  const currency = validate(input);
  const { asOf, rates, events } = input;
  const creditorActsProfessionally = input.creditorActsProfessionally === true;
  // C. com. L441-10 / D441-5: the indemnity is owed only between professionals.
  const indemnityApplies = betweenProfessionals({ creditorKind: input.creditorKind, creditorActsProfessionally, debtorKind: input.debtorKind });
  const warnings: StatementWarning[] = [];

  const states: ClaimState[] = [...input.claims].sort(byDueDateThenRef).map((claim) => {
    const interestStart = interestRuleFor({
      creditorKind: input.creditorKind,
      creditorActsProfessionally,
      debtorKind: input.debtorKind,
      dueDate: claim.dueDate,
      ...(claim.nature === undefined ? {} : { nature: claim.nature }),
      ...(claim.contractRateBasisPoints === undefined ? {} : { contractRateBasisPoints: claim.contractRateBasisPoints }),
      ...(events.miseEnDemeureDate === undefined ? {} : { miseEnDemeureDate: events.miseEnDemeureDate }),
      ...(events.judgmentEnforceableDate === undefined ? {} : { judgmentEnforceableDate: events.judgmentEnforceableDate }),
    });
    warnings.push(...interestBasisWarnings(claim, interestStart, events.miseEnDemeureDate, asOf));
    return {
      claim,
      interestStart,
      openAfter: interestStart?.accruesAfter ?? null,
      baseCents: claim.amountCents,
      closedAccruals: [],
      indemnityOwed: false,
      paid: { indemnity: 0, interest: 0, principal: 0 },
    };
  });

  const openAccruals = (state: ClaimState, through: BusinessDate): InterestAccrual[] => {
    if (state.interestStart === null || state.openAfter === null || through <= state.openAfter) return [];
    return accrueInterest(state.baseCents, state.interestStart.rule, state.openAfter, through, rates);
  };
  const closePeriod = (state: ClaimState, through: BusinessDate): void => {
    state.closedAccruals.push(...openAccruals(state, through));
    if (state.openAfter !== null) state.openAfter = maxDate(state.openAfter, through);
  };
  const principalOutstanding = (state: ClaimState): number => state.claim.amountCents - state.paid.principal;
  // C. com. L441-10 / D441-5: the indemnity is owed, without reminder, once an invoice is late,
  // that is when some principal is still unpaid on a day after its due date.
  const markLateInvoices = (on: BusinessDate): void => {
    if (!indemnityApplies) return;
    for (const state of states) {
      if (on > state.claim.dueDate && principalOutstanding(state) > 0) state.indemnityOwed = true;
    }
  };

  const paymentLines: PaymentLine[] = [];
  const payments = input.payments
    .map((payment, index) => ({ payment, index }))
    .filter(({ payment }) => {
      if (payment.date <= asOf) return true;
      warnings.push({ code: 'payment_after_as_of', paymentId: payment.id, date: payment.date });
      return false;
    })
    .sort((left, right) =>
      left.payment.date === right.payment.date ? left.index - right.index : left.payment.date < right.payment.date ? -1 : 1,
    )
    .map(({ payment }) => payment);

  for (const payment of payments) {
    markLateInvoices(payment.date);
    const outstanding: OutstandingClaim[] = states.map((state) => ({
      claimRef: state.claim.ref,
      dueDate: state.claim.dueDate,
      indemnityCents: state.indemnityOwed ? LATE_PAYMENT_INDEMNITY_CENTS - state.paid.indemnity : 0,
      interestCents:
        sumCents(state.closedAccruals.map((accrual) => accrual.amountCents)) +
        sumCents(openAccruals(state, payment.date).map((accrual) => accrual.amountCents)) -
        state.paid.interest,
      principalCents: principalOutstanding(state),
    }));
    const { allocations, creditCents } = allocatePayment(
      outstanding,
      payment.claimRef === undefined
        ? { date: payment.date, amountCents: payment.amountCents }
        : { date: payment.date, amountCents: payment.amountCents, claimRef: payment.claimRef },
    );
    for (const allocation of allocations) {
      const state = states.find((candidate) => candidate.claim.ref === allocation.claimRef);
      if (!state) continue;
      if (allocation.element === 'principal') {
        closePeriod(state, payment.date);
        state.baseCents -= allocation.amountCents;
      }
      state.paid[allocation.element] += allocation.amountCents;
    }
    if (creditCents > 0) warnings.push({ code: 'overpayment', paymentId: payment.id, creditCents });
    paymentLines.push({ kind: 'payment', id: payment.id, date: payment.date, amountCents: payment.amountCents, allocations, creditCents });
  }

  markLateInvoices(asOf);
  for (const state of states) closePeriod(state, asOf);

  const lines: StatementLine[] = [];
  const rejectedRateWarnings = new Set<string>();
  for (const state of states) {
    const { claim } = state;
    lines.push({ kind: 'principal', claimRef: claim.ref, issueDate: claim.issueDate, dueDate: claim.dueDate, amountCents: claim.amountCents });
    if (state.indemnityOwed) {
      lines.push({ kind: 'indemnity', claimRef: claim.ref, amountCents: LATE_PAYMENT_INDEMNITY_CENTS, legalBasis: LATE_PAYMENT_INDEMNITY_BASIS });
    }
    for (const accrual of state.closedAccruals) {
      lines.push({
        kind: 'interest',
        claimRef: claim.ref,
        from: accrual.from,
        to: accrual.to,
        days: accrual.days,
        yearDays: accrual.yearDays,
        rateBasisPoints: accrual.rateBasisPoints,
        baseCents: accrual.baseCents,
        amountCents: accrual.amountCents,
        legalBasis: accrual.legalBasis,
      });
      const rejected = accrual.rejectedContractRate;
      const warningKey = `${claim.ref}|${accrual.halfYear}`;
      if (rejected && !rejectedRateWarnings.has(warningKey)) {
        rejectedRateWarnings.add(warningKey);
        warnings.push({ code: 'contract_rate_below_legal_floor', claimRef: claim.ref, halfYear: accrual.halfYear, ...rejected });
      }
    }
  }
  lines.push(...paymentLines);
  return { asOf, currency, lines, ...statementFigures(lines), warnings };
}

/**
 * The totals and what remains on each element, from the printed lines alone: totals are sums of
 * printed lines (so the letter adds up) and the remains are those totals less the payments'
 * allocations to each element. Shared by the décompte and its restriction to live claims.
 */
export function statementFigures(lines: readonly StatementLine[]): Pick<Statement, 'totals' | 'balances'> {
  const totalOf = (kind: StatementLine['kind']): number => sumCents(lines.filter((line) => line.kind === kind).map((line) => line.amountCents));
  const paymentLines = lines.filter((line): line is PaymentLine => line.kind === 'payment');
  const allocatedTo = (element: AllocationElement): number =>
    sumCents(paymentLines.flatMap((line) => line.allocations.filter((allocation) => allocation.element === element).map((allocation) => allocation.amountCents)));
  const principalCents = totalOf('principal');
  const interestCents = totalOf('interest');
  const indemnityCents = totalOf('indemnity');
  const paidCents = totalOf('payment');
  const creditCents = sumCents(paymentLines.map((line) => line.creditCents));
  return {
    totals: {
      principalCents,
      interestCents,
      indemnityCents,
      paidCents,
      creditCents,
      balanceCents: principalCents + interestCents + indemnityCents - (paidCents - creditCents),
    },
    balances: {
      principal: principalCents - allocatedTo('principal'),
      interest: interestCents - allocatedTo('interest'),
      indemnity: indemnityCents - allocatedTo('indemnity'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Frais de procédure (issue 16)

/** A cost recorded on a legal action of the case (greffe, commissaire), with who bears it. */
export type ProcedureCost = {
  readonly id: string;
  readonly date: BusinessDate;
  readonly description: string;
  readonly amountCents: number;
  readonly borneBy: CostBearer;
};

export const PROCEDURE_COST_BASIS = 'CPCE L111-8 al. 1';

export type ProcedureCostLine = {
  readonly kind: 'procedure_cost';
  readonly id: string;
  readonly date: BusinessDate;
  readonly description: string;
  readonly amountCents: number;
  readonly legalBasis: typeof PROCEDURE_COST_BASIS;
};

export type ProcedureCosts = {
  readonly titleOn: BusinessDate;
  readonly lines: readonly ProcedureCostLine[];
  readonly totalCents: number;
  /** What the payments beyond the claims' décompte (its credit) paid of these costs. */
  readonly paidCents: number;
  readonly balanceCents: number;
  /** The décompte's balance plus what remains of these costs: what the debtor owes in all. */
  readonly totalDueCents: number;
};

/**
 * The "frais de procédure" of the décompte at its date: the costs the debtor bears, printed only
 * once the case holds an enforceable title at that date (CPCE L111-8 al. 1, `chargeableToDebtor`),
 * never before (null then, and the décompte is unchanged). Payments go to the claims first
 * (C. civ. 1342-10, 1343-1, as the décompte allocates them); what they paid beyond the claims
 * (the décompte's credit) goes to these costs, and only the rest is to refund.
 */
export function procedureCostsOf(statement: Pick<Statement, 'asOf' | 'totals'>, costs: readonly ProcedureCost[], titleOn: BusinessDate | null): ProcedureCosts | null {
  if (titleOn === null || titleOn > statement.asOf) return null;
  const lines: ProcedureCostLine[] = costs
    .filter((cost) => cost.date <= statement.asOf && chargeableToDebtor(cost, titleOn, statement.asOf))
    .sort((left, right) => (left.date === right.date ? (left.id < right.id ? -1 : 1) : left.date < right.date ? -1 : 1))
    .map((cost) => ({ kind: 'procedure_cost', id: cost.id, date: cost.date, description: cost.description, amountCents: cost.amountCents, legalBasis: PROCEDURE_COST_BASIS }));
  const totalCents = sumCents(lines.map((line) => line.amountCents));
  const paidCents = Math.min(statement.totals.creditCents, totalCents);
  const balanceCents = totalCents - paidCents;
  return { titleOn, lines, totalCents, paidCents, balanceCents, totalDueCents: statement.totals.balanceCents + balanceCents };
}
