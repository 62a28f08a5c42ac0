import type { BusinessDate } from './dates.ts';

// Imputation des paiements.
// - C. civ. 1342-10: a payment goes to the debt the debtor designates; failing that, to debts
//   already due, then (not computable here: the one the debtor had most interest in paying)
//   the oldest, then pro rata.
// - C. civ. 1343-1: within a debt, a partial payment goes to interest before principal.
// - Agency policy within a claim (shared law document): indemnities, then interest/penalties,
//   then principal.

export type AllocationElement = 'indemnity' | 'interest' | 'principal';

/** Allocation order inside one claim (policy above, consistent with C. civ. 1343-1). */
export const ALLOCATION_ORDER: readonly AllocationElement[] = ['indemnity', 'interest', 'principal'];

export type OutstandingClaim = {
  readonly claimRef: string;
  readonly dueDate: BusinessDate;
  readonly indemnityCents: number;
  readonly interestCents: number;
  readonly principalCents: number;
};

export type PaymentToAllocate = {
  readonly date: BusinessDate;
  readonly amountCents: number;
  /** The claim the debtor designated (C. civ. 1342-10). */
  readonly claimRef?: string;
};

export type Allocation = {
  readonly claimRef: string;
  readonly element: AllocationElement;
  readonly amountCents: number;
};

export type AllocationResult = {
  readonly allocations: Allocation[];
  /** Whatever exceeds everything owed: a credit to refund to the debtor, never dropped. */
  readonly creditCents: number;
};

export class UnknownClaimReferenceError extends Error {
  readonly code = 'unknown_claim_reference';
  readonly claimRef: string;
  constructor(claimRef: string) {
    super(`The payment designates claim "${claimRef}", which is not part of this case`);
    this.name = 'UnknownClaimReferenceError';
    this.claimRef = claimRef;
  }
}

function assertNonNegativeCents(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer of cents, got ${value}`);
}

/**
 * Splits `amountCents` over `weights` in proportion, never giving a part more than its weight:
 * each part gets the floor of its exact share and the cents left go one each to the largest
 * fractional remainders (ties: earlier part first). Requires amountCents <= sum(weights).
 */
export function prorate(amountCents: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0 || amountCents === 0) return weights.map(() => 0);
  const amount = BigInt(amountCents);
  const totalBig = BigInt(total);
  const shares = weights.map((weight, index) => {
    const exact = amount * BigInt(weight);
    return { index, floor: Number(exact / totalBig), remainder: exact % totalBig };
  });
  let leftover = amountCents - shares.reduce((sum, share) => sum + share.floor, 0);
  const byRemainder = [...shares].sort((left, right) =>
    left.remainder === right.remainder ? left.index - right.index : left.remainder > right.remainder ? -1 : 1,
  );
  const result = shares.map((share) => share.floor);
  for (const share of byRemainder) {
    if (leftover === 0) break;
    if (share.remainder > 0n) {
      result[share.index] = (result[share.index] ?? 0) + 1;
      leftover -= 1;
    }
  }
  return result;
}

function amountOf(claim: OutstandingClaim, element: AllocationElement): number {
  return element === 'indemnity' ? claim.indemnityCents : element === 'interest' ? claim.interestCents : claim.principalCents;
}

/**
 * Groups claims in the order payments reach them: claims due on or before the payment date
 * first (C. civ. 1342-10 "dettes échues"), oldest due date first; then claims not yet due,
 * also oldest first. Claims with the same due date form one group, served pro rata.
 */
function claimGroups(claims: readonly OutstandingClaim[], paymentDate: BusinessDate): OutstandingClaim[][] {
  const sorted = [...claims].sort((left, right) => {
    const leftDue = left.dueDate <= paymentDate ? 0 : 1;
    const rightDue = right.dueDate <= paymentDate ? 0 : 1;
    if (leftDue !== rightDue) return leftDue - rightDue;
    return left.dueDate < right.dueDate ? -1 : left.dueDate > right.dueDate ? 1 : 0;
  });
  const groups: OutstandingClaim[][] = [];
  for (const claim of sorted) {
    const last = groups.at(-1);
    if (last?.[0]?.dueDate === claim.dueDate) last.push(claim);
    else groups.push([claim]);
  }
  return groups;
}

/**
 * Allocates one payment over what is outstanding on the payment date. Pure: the caller
 * computes the interest accrued to that date. A designated claim is served first (indemnity,
 * interest, then principal: the designation cannot reverse C. civ. 1343-1); what is left goes to
 * the other claims by the default order; anything beyond every debt is `creditCents`.
 * Conserves cents: sum(allocations) + creditCents === payment.amountCents.
 */
export function allocatePayment(outstanding: readonly OutstandingClaim[], payment: PaymentToAllocate): AllocationResult {
  assertNonNegativeCents('payment.amountCents', payment.amountCents);
  for (const claim of outstanding) {
    for (const element of ALLOCATION_ORDER) assertNonNegativeCents(`${claim.claimRef}.${element}`, amountOf(claim, element));
  }
  let remaining = payment.amountCents;
  const allocations: Allocation[] = [];
  const record = (claimRef: string, element: AllocationElement, amountCents: number): void => {
    if (amountCents === 0) return;
    const existing = allocations.findIndex((item) => item.claimRef === claimRef && item.element === element);
    if (existing >= 0) {
      const previous = allocations[existing];
      if (previous) allocations[existing] = { ...previous, amountCents: previous.amountCents + amountCents };
    } else {
      allocations.push({ claimRef, element, amountCents });
    }
    remaining -= amountCents;
  };

  let others = outstanding;
  if (payment.claimRef !== undefined) {
    const designated = outstanding.find((claim) => claim.claimRef === payment.claimRef);
    if (!designated) throw new UnknownClaimReferenceError(payment.claimRef);
    for (const element of ALLOCATION_ORDER) record(designated.claimRef, element, Math.min(remaining, amountOf(designated, element)));
    others = outstanding.filter((claim) => claim !== designated);
  }

  for (const group of claimGroups(others, payment.date)) {
    for (const element of ALLOCATION_ORDER) {
      if (remaining === 0) break;
      const owed = group.map((claim) => amountOf(claim, element));
      const toAllocate = Math.min(
        remaining,
        owed.reduce((sum, value) => sum + value, 0),
      );
      prorate(toAllocate, owed).forEach((share, index) => {
        const claim = group[index];
        if (claim) record(claim.claimRef, element, share);
      });
    }
  }
  return { allocations, creditCents: remaining };
}
