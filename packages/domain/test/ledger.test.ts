import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionOnPayment, remittanceDeadline, remittanceTermsBreachLaw, remittanceUrgency, withVat } from '../src/commission.ts';
import {
  accountBalances,
  assertBalanced,
  bankDebitConfirmedPostings,
  clientFundsCheck,
  commissionDeductedPostings,
  commissionInvoicedPostings,
  deductibleCents,
  feesTransferredPostings,
  invoicePaidPostings,
  LedgerError,
  legalCostAdvancedPostings,
  legalCostBilledPostings,
  legalCostDeductedPostings,
  type Posting,
  paymentReceivedPostings,
  refundSentPostings,
  remittanceSentPostings,
  reversalOf,
  suspenseMatchedPostings,
  unmatchedReceiptPostings,
} from '../src/ledger.ts';

const creditors = ['cr-a', 'cr-b', 'cr-c'];
const cases = ['case-1', 'case-2', 'case-3', 'case-4'];

/** The books as a simulation keeps them, to build only operations the server would allow. */
type Books = { journal: Posting[][]; suspense: number[] };

const balanceOf = (books: Books, account: Posting['account'], creditorId: string | null, caseId: string | null = null): number =>
  accountBalances(books.journal.flat().filter((line) => (caseId === null ? true : line.caseId === caseId))).find(
    (row) => row.account === account && (creditorId === null || row.creditorId === creditorId),
  )?.balanceCents ?? 0;

const cents = fc.integer({ min: 1, max: 5_000_000 });
const operation = fc.oneof(
  fc.record({ op: fc.constant('payment' as const), creditor: fc.constantFrom(...creditors), caseId: fc.constantFrom(...cases), amount: cents, excess: fc.nat({ max: 100_000 }) }),
  fc.record({ op: fc.constant('unmatched' as const), amount: cents }),
  fc.record({ op: fc.constant('match' as const), creditor: fc.constantFrom(...creditors), caseId: fc.constantFrom(...cases), excess: fc.nat({ max: 1000 }) }),
  fc.record({ op: fc.constant('commission' as const), creditor: fc.constantFrom(...creditors), ht: cents, deduct: fc.boolean() }),
  fc.record({ op: fc.constant('remit' as const), creditor: fc.constantFrom(...creditors), confirm: fc.boolean() }),
  fc.record({ op: fc.constant('refund' as const), creditor: fc.constantFrom(...creditors), caseId: fc.constantFrom(...cases) }),
  fc.record({ op: fc.constant('fees_out' as const) }),
  fc.record({ op: fc.constant('legal_cost' as const), creditor: fc.constantFrom(...creditors), amount: cents, deduct: fc.boolean() }),
  fc.record({ op: fc.constant('reverse_last' as const) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one operation the way the money feature does: only what the balances allow. */
function apply(books: Books, step: Operation): void {
  const post = (postings: Posting[]) => {
    assertBalanced(postings);
    books.journal.push(postings);
  };
  switch (step.op) {
    case 'payment':
      post(paymentReceivedPostings({ creditorId: step.creditor, caseId: step.caseId, amountCents: step.amount, excessCents: step.excess }));
      return;
    case 'unmatched':
      books.suspense.push(step.amount);
      post(unmatchedReceiptPostings(step.amount));
      return;
    case 'match': {
      const amount = books.suspense.pop();
      if (amount === undefined) return;
      post(suspenseMatchedPostings({ creditorId: step.creditor, caseId: step.caseId, amountCents: amount, excessCents: step.excess }));
      return;
    }
    case 'commission': {
      const amount = withVat(step.ht);
      post(commissionInvoicedPostings(step.creditor, amount));
      const deducted = deductibleCents(balanceOf(books, 'creditor_payable', step.creditor), amount.htCents + amount.vatCents);
      if (step.deduct && deducted > 0) post(commissionDeductedPostings(step.creditor, deducted));
      const rest = amount.htCents + amount.vatCents - (step.deduct ? deducted : 0);
      if (rest > 0) post(invoicePaidPostings(step.creditor, rest));
      return;
    }
    case 'remit': {
      const payable = balanceOf(books, 'creditor_payable', step.creditor);
      if (payable <= 0) return;
      post(remittanceSentPostings(step.creditor, payable));
      if (step.confirm) post(bankDebitConfirmedPostings(step.creditor, payable));
      return;
    }
    case 'refund': {
      const due = balanceOf(books, 'debtor_refund_due', step.creditor, step.caseId);
      if (due > 0) post(refundSentPostings({ creditorId: step.creditor, caseId: step.caseId, amountCents: due }));
      return;
    }
    case 'fees_out': {
      const held = balanceOf(books, 'agency_fees_held', null);
      if (held > 0) post(feesTransferredPostings(held));
      return;
    }
    case 'legal_cost': {
      post(legalCostAdvancedPostings(step.creditor, step.amount));
      const deducted = deductibleCents(balanceOf(books, 'creditor_payable', step.creditor), step.amount);
      if (step.deduct && deducted === step.amount) post(legalCostDeductedPostings(step.creditor, deducted));
      else post(legalCostBilledPostings(step.creditor, step.amount));
      return;
    }
    case 'reverse_last': {
      // Only a payment is ever reversed (a bank reversal, an undone match), and only while its
      // money is still owed to the creditor: the money feature checks the same.
      const last = books.journal.at(-1);
      if (!last?.some((line) => line.account === 'creditor_payable' && line.creditCents > 0 && last[0]?.account === 'client_funds_bank')) return;
      const owed = last.find((line) => line.account === 'creditor_payable');
      if (!owed?.creditorId || balanceOf(books, 'creditor_payable', owed.creditorId) < owed.creditCents) return;
      const refund = last.find((line) => line.account === 'debtor_refund_due');
      if (refund && balanceOf(books, 'debtor_refund_due', refund.creditorId, refund.caseId) < refund.creditCents) return;
      post(reversalOf(last));
      return;
    }
  }
}

describe('the ledger, property-based (CPCE R124-2: the client account holds what is owed to others)', () => {
  it('any sequence of operations keeps debits equal to credits, no payable negative, and the client account whole', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (steps) => {
        const books: Books = { journal: [], suspense: [] };
        for (const step of steps) apply(books, step);
        const lines = books.journal.flat();
        const debits = lines.reduce((sum, line) => sum + line.debitCents, 0);
        const credits = lines.reduce((sum, line) => sum + line.creditCents, 0);
        expect(debits).toBe(credits);
        const balances = accountBalances(lines);
        for (const row of balances.filter((r) => r.account === 'creditor_payable' || r.account === 'debtor_refund_due' || r.account === 'suspense')) {
          expect(row.balanceCents).toBeGreaterThanOrEqual(0);
        }
        const check = clientFundsCheck(balances);
        expect(check.differenceCents).toBe(0);
        expect(check.bankCents).toBeGreaterThanOrEqual(0);
        for (const book of ['client', 'agency'] as const) {
          const bookLines = balances.filter((row) => row.book === book);
          expect(bookLines.reduce((sum, row) => sum + row.debitCents, 0)).toBe(bookLines.reduce((sum, row) => sum + row.creditCents, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a reversing entry brings every account back to where it was', () => {
    fc.assert(
      fc.property(cents, fc.nat({ max: 10_000 }), (amount, excess) => {
        const postings = paymentReceivedPostings({ creditorId: 'cr-a', caseId: 'case-1', amountCents: amount, excessCents: excess });
        const balances = accountBalances([...postings, ...reversalOf(postings)]);
        expect(balances.every((row) => row.balanceCents === 0)).toBe(true);
      }),
    );
  });
});

describe('postings', () => {
  it('an overpayment is owed to the debtor, never a negative payable', () => {
    const postings = paymentReceivedPostings({ creditorId: 'cr-a', caseId: 'case-1', amountCents: 10_000, excessCents: 2_500 });
    expect(postings).toEqual([
      { account: 'client_funds_bank', creditorId: null, caseId: null, debitCents: 10_000, creditCents: 0 },
      { account: 'creditor_payable', creditorId: 'cr-a', caseId: 'case-1', debitCents: 0, creditCents: 7_500 },
      { account: 'debtor_refund_due', creditorId: 'cr-a', caseId: 'case-1', debitCents: 0, creditCents: 2_500 },
    ]);
  });

  it('refuses an unbalanced transaction, one unbalanced in one book, and a line with both sides', () => {
    expect(() => assertBalanced([...unmatchedReceiptPostings(100)].slice(0, 1))).toThrow(LedgerError);
    const crossBook: Posting[] = [
      { account: 'client_funds_bank', creditorId: null, caseId: null, debitCents: 100, creditCents: 0 },
      { account: 'commission_revenue', creditorId: null, caseId: null, debitCents: 0, creditCents: 100 },
    ];
    expect(() => assertBalanced(crossBook)).toThrow(/client book is off by 100/);
    const bothSides: Posting[] = [
      { account: 'client_funds_bank', creditorId: null, caseId: null, debitCents: 100, creditCents: 100 },
      { account: 'suspense', creditorId: null, caseId: null, debitCents: 0, creditCents: 0 },
    ];
    expect(() => assertBalanced(bothSides)).toThrow(/exactly one side/);
  });

  it('a payable line must name its creditor', () => {
    expect(() =>
      assertBalanced([
        { account: 'client_funds_bank', creditorId: null, caseId: null, debitCents: 100, creditCents: 0 },
        { account: 'creditor_payable', creditorId: null, caseId: null, debitCents: 0, creditCents: 100 },
      ]),
    ).toThrow(/names a creditor/);
  });
});

describe('commission (R124-3) and VAT (CGI 278)', () => {
  const terms = { percentBasisPoints: 1200, fixedFeeCents: null, tiers: [], onDirectPayments: false };
  const payment = { amountCents: 10_000, direct: false, caseAgeDays: 10, casePlacedCents: 50_000 };

  it('takes the percentage of the amount collected, rounded half-up, and none on a direct payment unless the mandate says so', () => {
    expect(commissionOnPayment(terms, payment)).toBe(1200);
    expect(commissionOnPayment(terms, { ...payment, amountCents: 1_234 })).toBe(148);
    expect(commissionOnPayment(terms, { ...payment, direct: true })).toBe(0);
    expect(commissionOnPayment({ ...terms, onDirectPayments: true }, { ...payment, direct: true })).toBe(1200);
  });

  it('applies the highest tier reached by the case', () => {
    const tiered = { ...terms, tiers: [{ basis: 'case_age_days' as const, from: 180, percentBasisPoints: 2000 }, { basis: 'case_age_days' as const, from: 365, percentBasisPoints: 2500 }] };
    expect(commissionOnPayment(tiered, payment)).toBe(1200);
    expect(commissionOnPayment(tiered, { ...payment, caseAgeDays: 200 })).toBe(2000);
    expect(commissionOnPayment(tiered, { ...payment, caseAgeDays: 400 })).toBe(2500);
  });

  it('computes the VAT once on the invoice total', () => {
    expect(withVat(1_2345)).toEqual({ htCents: 12_345, vatCents: 2_469 });
  });
});

describe('remittance deadline (R124-6: within one month of receipt unless stipulated)', () => {
  it('caps the mandate delay at one month without a stipulation', () => {
    expect(remittanceDeadline('2026-01-31', { delayDays: 45, longerDelayStipulated: false })).toBe('2026-02-28');
    expect(remittanceDeadline('2026-01-10', { delayDays: 45, longerDelayStipulated: true })).toBe('2026-02-24');
    expect(remittanceDeadline('2026-01-10', { delayDays: 15, longerDelayStipulated: false })).toBe('2026-01-25');
  });

  it('warns before the deadline and flags terms that break the law', () => {
    expect(remittanceUrgency('2026-02-10', '2026-02-01')).toBe('on_time');
    expect(remittanceUrgency('2026-02-10', '2026-02-06')).toBe('due_soon');
    expect(remittanceUrgency('2026-02-10', '2026-02-11')).toBe('overdue');
    expect(remittanceTermsBreachLaw({ delayDays: 45, longerDelayStipulated: false })).toBe(true);
    expect(remittanceTermsBreachLaw({ delayDays: 30, longerDelayStipulated: false })).toBe(false);
  });
});
