import type { ClaimNature } from './claim-nature.ts';
import type { BusinessDate } from './dates.ts';
import { type PaymentLine, type Statement, type StatementLine, type StatementWarning, statementFigures } from './statement.ts';

// A case's standing: what is still owed on each claim, what of it may be demanded, and the
// décompte the debtor is shown.
// - A prescribed claim is never demanded (C. civ. 2219: prescription extinguishes the right to
//   act; demanding it from a consumer as if it were due is a misleading practice, C. conso.
//   L121-2). Its remainder is shown to staff and the creditor, apart, as "prescrit"; no letter,
//   message, portal amount or plan includes it.
// - Payments keep the allocation of the décompte (C. civ. 1342-10, 1343-1: buildStatement is not
//   changed). Money already allocated to a claim that is now prescribed stays on it: what was
//   paid on a prescribed debt is not repaid (C. civ. 2249), and it is not moved to the live
//   claims either (the debtor paid that debt, not the others).
// - What is owed on a claim = its principal, interest and indemnity lines minus the allocations to
//   it; the balance of the décompte is exactly the sum over the claims, so
//   balance = demandable + prescribed.
// - The debtor's décompte keeps the live claims' lines; each payment line keeps only what was
//   allocated to live claims, and its credit (an overpayment is refunded whatever it came from);
//   a payment with nothing left is not shown. Its totals add up as any décompte (R124-4 3°), and
//   its balance is the demandable amount.

/** What the standing needs of a claim's prescription (packages/domain prescription.ts computes it). */
export type ClaimPrescriptionFact = {
  readonly claimRef: string;
  readonly nature: ClaimNature;
  readonly basis: string;
  /** Last day the claim can be pursued. */
  readonly date: BusinessDate;
  readonly prescribed: boolean;
};

export type ClaimStanding = {
  readonly claimRef: string;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly indemnityCents: number;
  /** What the décompte allocated to this claim (all elements). */
  readonly paidCents: number;
  /** principal + interest + indemnity - paid: what is still owed on it. */
  readonly owedCents: number;
  readonly prescribed: boolean;
  /** Null when no prescription was given for the claim: it is then treated as live. */
  readonly prescription: ClaimPrescriptionFact | null;
};

export type CaseStanding = {
  readonly claims: readonly ClaimStanding[];
  /** What may be demanded: the owed amounts of the claims that are not prescribed. */
  readonly demandableCents: number;
  /** What remains on prescribed claims: shown apart, never demanded. */
  readonly prescribedCents: number;
  /** The décompte's balance: demandable + prescribed. */
  readonly balanceCents: number;
  /** Paid beyond everything owed, to refund (the décompte's credit). */
  readonly creditCents: number;
  /** The décompte restricted to the live claims: what a debtor is shown. */
  readonly debtorStatement: Statement;
};

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

const amountOf = (lines: readonly StatementLine[], kind: 'principal' | 'interest' | 'indemnity', claimRef: string): number =>
  sum(lines.filter((line) => line.kind === kind && line.claimRef === claimRef).map((line) => line.amountCents));

function claimStandings(statement: Statement, prescriptions: readonly ClaimPrescriptionFact[]): ClaimStanding[] {
  const payments = statement.lines.filter((line): line is PaymentLine => line.kind === 'payment');
  const refs = statement.lines.flatMap((line) => (line.kind === 'principal' ? [line.claimRef] : []));
  return refs.map((claimRef) => {
    const principalCents = amountOf(statement.lines, 'principal', claimRef);
    const interestCents = amountOf(statement.lines, 'interest', claimRef);
    const indemnityCents = amountOf(statement.lines, 'indemnity', claimRef);
    const paidCents = sum(payments.flatMap((line) => line.allocations.filter((a) => a.claimRef === claimRef).map((a) => a.amountCents)));
    const prescription = prescriptions.find((candidate) => candidate.claimRef === claimRef) ?? null;
    return {
      claimRef,
      principalCents,
      interestCents,
      indemnityCents,
      paidCents,
      owedCents: principalCents + interestCents + indemnityCents - paidCents,
      prescribed: prescription?.prescribed === true,
      prescription,
    };
  });
}

/** The décompte without the prescribed claims: their lines, and the allocations to them, are left out. */
export function restrictStatement(statement: Statement, liveClaimRefs: ReadonlySet<string>): Statement {
  const lines: StatementLine[] = statement.lines.flatMap((line): StatementLine[] => {
    if (line.kind !== 'payment') return liveClaimRefs.has(line.claimRef) ? [line] : [];
    const allocations = line.allocations.filter((allocation) => liveClaimRefs.has(allocation.claimRef));
    const amountCents = sum(allocations.map((allocation) => allocation.amountCents)) + line.creditCents;
    return amountCents > 0 ? [{ ...line, allocations, amountCents }] : [];
  });
  // A warning about a prescribed claim goes with it; those about payments stay (an overpayment's
  // line is always shown: its credit is kept).
  const warnings = statement.warnings.filter((warning: StatementWarning) => !('claimRef' in warning) || liveClaimRefs.has(warning.claimRef));
  return { asOf: statement.asOf, currency: statement.currency, lines, ...statementFigures(lines), warnings };
}

/**
 * The standing of a case from its décompte and its claims' prescriptions (computePrescription /
 * casePrescription, with the payments' interruptions from paymentInterruptions). A claim without
 * a prescription given is treated as live.
 */
export function caseStanding(statement: Statement, prescriptions: readonly ClaimPrescriptionFact[]): CaseStanding {
  const claims = claimStandings(statement, prescriptions);
  const live = new Set(claims.filter((claim) => !claim.prescribed).map((claim) => claim.claimRef));
  return {
    claims,
    demandableCents: sum(claims.filter((claim) => !claim.prescribed).map((claim) => claim.owedCents)),
    prescribedCents: sum(claims.filter((claim) => claim.prescribed).map((claim) => claim.owedCents)),
    balanceCents: statement.totals.balanceCents,
    creditCents: statement.totals.creditCents,
    debtorStatement: restrictStatement(statement, live),
  };
}
