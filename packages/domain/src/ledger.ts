// The client-funds ledger (issue 17): one double-entry, append-only journal that keeps two books.
//
// - The CLIENT book is the compte de tiers the agency must hold for funds collected for others
//   (CPCE R124-2 al. 2 and R124-4: a dedicated account, used for nothing else). Its one asset is
//   the bank account; everything in it is owed to someone: a creditor (its payable, then in transit
//   once a remittance is sent), a debtor (an overpayment to refund), nobody yet (unmatched receipts,
//   the suspense account), or the agency itself (commission deducted and not yet transferred out).
// - The AGENCY book is the agency's own: its bank account, its commission revenue, the VAT it
//   collected (CGI 256, 278: 20 % on the commission), commission invoiced and not yet paid, the legal
//   costs it advanced for a creditor, and its claim on the fees held in the client account.
//
// Every transaction balances in each book separately (`assertBalanced`), so the client book's
// invariant holds by construction and is checked again from the journal (`clientFundsCheck`):
// bank = owed to creditors + owed to debtors + suspense + agency fees held. The two books meet in
// a mirrored pair: `agency_fees_held` (client book, what the account owes the agency) and
// `fees_in_client_account` (agency book, the agency's claim on it).

export const ledgerBooks = ['client', 'agency'] as const;
export type LedgerBook = (typeof ledgerBooks)[number];

export type AccountScope = 'none' | 'creditor' | 'case';

type AccountDefinition = { readonly book: LedgerBook; readonly normal: 'debit' | 'credit'; readonly scope: AccountScope };

/** The chart of accounts: book, normal side (the side that increases it), and what a line names. */
export const LEDGER_ACCOUNTS = {
  // Client book (compte de tiers, R124-2).
  client_funds_bank: { book: 'client', normal: 'debit', scope: 'none' },
  creditor_payable: { book: 'client', normal: 'credit', scope: 'creditor' },
  remittance_in_transit: { book: 'client', normal: 'credit', scope: 'creditor' },
  debtor_refund_due: { book: 'client', normal: 'credit', scope: 'case' },
  suspense: { book: 'client', normal: 'credit', scope: 'none' },
  agency_fees_held: { book: 'client', normal: 'credit', scope: 'none' },
  // Agency book.
  agency_bank: { book: 'agency', normal: 'debit', scope: 'none' },
  fees_in_client_account: { book: 'agency', normal: 'debit', scope: 'none' },
  commission_receivable: { book: 'agency', normal: 'debit', scope: 'creditor' },
  legal_costs_advanced: { book: 'agency', normal: 'debit', scope: 'creditor' },
  commission_revenue: { book: 'agency', normal: 'credit', scope: 'none' },
  vat_collected: { book: 'agency', normal: 'credit', scope: 'none' },
} as const satisfies Record<string, AccountDefinition>;

export type LedgerAccount = keyof typeof LEDGER_ACCOUNTS;
export const ledgerAccounts = Object.keys(LEDGER_ACCOUNTS) as LedgerAccount[];

/** What a transaction records; each kind has its builder below (the only way postings are made). */
export const ledgerTransactionKinds = [
  'payment_received',
  'unmatched_receipt',
  'suspense_matched',
  'commission_invoiced',
  'commission_deducted',
  'remittance_sent',
  'refund_sent',
  'bank_debit_confirmed',
  'fees_transferred',
  'legal_cost_advanced',
  'legal_cost_billed',
  'legal_cost_deducted',
  'invoice_paid',
  'reversal',
] as const;
export type LedgerTransactionKind = (typeof ledgerTransactionKinds)[number];

/** One line of a transaction: exactly one side is positive, in integer cents. */
export type Posting = {
  readonly account: LedgerAccount;
  readonly creditorId: string | null;
  readonly caseId: string | null;
  readonly debitCents: number;
  readonly creditCents: number;
};

export class LedgerError extends Error {
  readonly code: 'ledger_unbalanced' | 'ledger_invalid_posting';
  constructor(code: 'ledger_unbalanced' | 'ledger_invalid_posting', message: string) {
    super(message);
    this.code = code;
    this.name = 'LedgerError';
  }
}

const debit = (account: LedgerAccount, cents: number, ids: { creditorId?: string | null; caseId?: string | null } = {}): Posting => ({
  account,
  creditorId: ids.creditorId ?? null,
  caseId: ids.caseId ?? null,
  debitCents: cents,
  creditCents: 0,
});
const credit = (account: LedgerAccount, cents: number, ids: { creditorId?: string | null; caseId?: string | null } = {}): Posting => ({
  ...debit(account, 0, ids),
  debitCents: 0,
  creditCents: cents,
});

/**
 * A transaction's postings are valid when every line has one positive integer side and names what
 * its account's scope requires, and the debits equal the credits in each book (so in the whole).
 * Zero lines are dropped by the builders, never posted.
 */
export function assertBalanced(postings: readonly Posting[]): void {
  if (postings.length < 2) throw new LedgerError('ledger_invalid_posting', 'a transaction has at least two lines');
  const totals: Record<LedgerBook, number> = { client: 0, agency: 0 };
  for (const posting of postings) {
    const { debitCents, creditCents } = posting;
    const sides = [debitCents, creditCents];
    if (!sides.every((cents) => Number.isSafeInteger(cents) && cents >= 0) || (debitCents > 0) === (creditCents > 0)) {
      throw new LedgerError('ledger_invalid_posting', `${posting.account}: exactly one side must be a positive integer of cents`);
    }
    const definition = LEDGER_ACCOUNTS[posting.account];
    if (!definition) throw new LedgerError('ledger_invalid_posting', `unknown account ${String(posting.account)}`);
    if (definition.scope === 'creditor' && posting.creditorId === null) {
      throw new LedgerError('ledger_invalid_posting', `${posting.account} names a creditor`);
    }
    if (definition.scope === 'case' && (posting.caseId === null || posting.creditorId === null)) {
      throw new LedgerError('ledger_invalid_posting', `${posting.account} names a case and its creditor`);
    }
    totals[definition.book] += debitCents - creditCents;
  }
  for (const book of ledgerBooks) {
    if (totals[book] !== 0) throw new LedgerError('ledger_unbalanced', `the ${book} book is off by ${totals[book]} cents`);
  }
}

const withoutZeros = (postings: Posting[]): Posting[] => postings.filter((posting) => posting.debitCents > 0 || posting.creditCents > 0);

/** A correction never edits: it posts the same lines on the other side (the reversing entry). */
export function reversalOf(postings: readonly Posting[]): Posting[] {
  return postings.map((posting) => ({ ...posting, debitCents: posting.creditCents, creditCents: posting.debitCents }));
}

// ---------------------------------------------------------------------------------------------
// The builders: one per transaction kind, each returning balanced postings.

/**
 * Money for a case arrives in the client account (card, transfer, cheque): it is owed to the
 * creditor up to the balance due, and the excess to the debtor who overpaid (a refund due, never a
 * negative balance).
 */
export function paymentReceivedPostings(input: { creditorId: string; caseId: string; amountCents: number; excessCents: number }): Posting[] {
  const excess = Math.min(Math.max(0, input.excessCents), input.amountCents);
  const ids = { creditorId: input.creditorId, caseId: input.caseId };
  return withoutZeros([
    debit('client_funds_bank', input.amountCents),
    credit('creditor_payable', input.amountCents - excess, ids),
    credit('debtor_refund_due', excess, ids),
  ]);
}

/** A bank credit we cannot yet attribute waits in suspense: it is in the account, owed to nobody known. */
export function unmatchedReceiptPostings(amountCents: number): Posting[] {
  return [debit('client_funds_bank', amountCents), credit('suspense', amountCents)];
}

/** A human attributes a suspense receipt to a case: the creditor (and the debtor for any excess) is now owed it. */
export function suspenseMatchedPostings(input: { creditorId: string; caseId: string; amountCents: number; excessCents: number }): Posting[] {
  const [, ...owed] = paymentReceivedPostings(input);
  return [debit('suspense', input.amountCents), ...owed];
}

/** Commission with its VAT (CGI 278), as an invoice line. */
export type CommissionAmount = { readonly htCents: number; readonly vatCents: number };
const ttcOf = (amount: CommissionAmount): number => amount.htCents + amount.vatCents;

/** The agency invoices its commission (agency book): a receivable on the creditor, revenue and VAT. */
export function commissionInvoicedPostings(creditorId: string, amount: CommissionAmount): Posting[] {
  return withoutZeros([
    debit('commission_receivable', ttcOf(amount), { creditorId }),
    credit('commission_revenue', amount.htCents),
    credit('vat_collected', amount.vatCents),
  ]);
}

/**
 * The commission invoice is settled by deduction from the creditor's funds (remittance basis
 * "net", R124-3): in the client book the creditor's payable becomes the agency's fees held; in
 * the agency book the receivable becomes its claim on the client account.
 */
export function commissionDeductedPostings(creditorId: string, ttcCents: number): Posting[] {
  return [
    debit('creditor_payable', ttcCents, { creditorId }),
    credit('agency_fees_held', ttcCents),
    debit('fees_in_client_account', ttcCents),
    credit('commission_receivable', ttcCents, { creditorId }),
  ];
}

/** The creditor pays an invoice (gross basis, or what deduction did not cover) to the agency's own account. */
export function invoicePaidPostings(creditorId: string, ttcCents: number): Posting[] {
  return [debit('agency_bank', ttcCents), credit('commission_receivable', ttcCents, { creditorId })];
}

/** A remittance is handed to the bank (pain.001 "sent"): owed to the creditor, now in transit. */
export function remittanceSentPostings(creditorId: string, amountCents: number): Posting[] {
  return [debit('creditor_payable', amountCents, { creditorId }), credit('remittance_in_transit', amountCents, { creditorId })];
}

/** The bank statement shows the remittance's debit: the money has left the client account. */
export function bankDebitConfirmedPostings(creditorId: string, amountCents: number): Posting[] {
  return [debit('remittance_in_transit', amountCents, { creditorId }), credit('client_funds_bank', amountCents)];
}

/** An overpayment is paid back to the debtor from the client account. */
export function refundSentPostings(input: { creditorId: string; caseId: string; amountCents: number }): Posting[] {
  return [debit('debtor_refund_due', input.amountCents, { creditorId: input.creditorId, caseId: input.caseId }), credit('client_funds_bank', input.amountCents)];
}

/** The agency transfers the fees it earned out of the client account into its own. */
export function feesTransferredPostings(amountCents: number): Posting[] {
  return [debit('agency_fees_held', amountCents), credit('client_funds_bank', amountCents), debit('agency_bank', amountCents), credit('fees_in_client_account', amountCents)];
}

/** The agency pays a court or commissaire fee for a creditor from its own account (agency book). */
export function legalCostAdvancedPostings(creditorId: string, amountCents: number): Posting[] {
  return [debit('legal_costs_advanced', amountCents, { creditorId }), credit('agency_bank', amountCents)];
}

/** An advanced cost is put on the creditor's invoice as a disbursement (débours, outside VAT: CGI 267 II 2°). */
export function legalCostBilledPostings(creditorId: string, amountCents: number): Posting[] {
  return [debit('commission_receivable', amountCents, { creditorId }), credit('legal_costs_advanced', amountCents, { creditorId })];
}

/** An advanced cost is recovered from the creditor's funds in the client account (net basis). */
export function legalCostDeductedPostings(creditorId: string, amountCents: number): Posting[] {
  return [
    debit('creditor_payable', amountCents, { creditorId }),
    credit('agency_fees_held', amountCents),
    debit('fees_in_client_account', amountCents),
    credit('legal_costs_advanced', amountCents, { creditorId }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading the journal.

export type JournalLine = Posting;

export type AccountBalance = {
  readonly account: LedgerAccount;
  readonly book: LedgerBook;
  readonly creditorId: string | null;
  readonly debitCents: number;
  readonly creditCents: number;
  /** Debits less credits for a debit-normal account, credits less debits otherwise. */
  readonly balanceCents: number;
};

/** Balances per account and creditor (a case-scoped account is summed per creditor). */
export function accountBalances(lines: Iterable<JournalLine>): AccountBalance[] {
  const byKey = new Map<string, { account: LedgerAccount; creditorId: string | null; debit: number; credit: number }>();
  for (const line of lines) {
    const creditorId = LEDGER_ACCOUNTS[line.account].scope === 'none' ? null : line.creditorId;
    const key = `${line.account}|${creditorId ?? ''}`;
    const row = byKey.get(key) ?? { account: line.account, creditorId, debit: 0, credit: 0 };
    row.debit += line.debitCents;
    row.credit += line.creditCents;
    byKey.set(key, row);
  }
  return [...byKey.values()]
    .map((row) => {
      const definition = LEDGER_ACCOUNTS[row.account];
      const net = row.debit - row.credit;
      return {
        account: row.account,
        book: definition.book,
        creditorId: row.creditorId,
        debitCents: row.debit,
        creditCents: row.credit,
        balanceCents: definition.normal === 'debit' ? net : -net,
      };
    })
    .sort((a, b) => ledgerAccounts.indexOf(a.account) - ledgerAccounts.indexOf(b.account) || (a.creditorId ?? '').localeCompare(b.creditorId ?? ''));
}

export type ClientFundsCheck = {
  readonly bankCents: number;
  readonly owedToCreditorsCents: number;
  readonly owedToDebtorsCents: number;
  readonly suspenseCents: number;
  readonly agencyFeesHeldCents: number;
  /** bank − (creditors + debtors + suspense + agency fees): zero when the client account is whole. */
  readonly differenceCents: number;
};

/** R124-2: the client account holds exactly what is owed to others plus the agency's earned, untransferred fees. */
export function clientFundsCheck(balances: readonly AccountBalance[]): ClientFundsCheck {
  const total = (...accounts: LedgerAccount[]) => balances.filter((row) => accounts.includes(row.account)).reduce((sum, row) => sum + row.balanceCents, 0);
  const bankCents = total('client_funds_bank');
  const owedToCreditorsCents = total('creditor_payable', 'remittance_in_transit');
  const owedToDebtorsCents = total('debtor_refund_due');
  const suspenseCents = total('suspense');
  const agencyFeesHeldCents = total('agency_fees_held');
  return {
    bankCents,
    owedToCreditorsCents,
    owedToDebtorsCents,
    suspenseCents,
    agencyFeesHeldCents,
    differenceCents: bankCents - owedToCreditorsCents - owedToDebtorsCents - suspenseCents - agencyFeesHeldCents,
  };
}

/**
 * How much of a commission may be deducted from a creditor's payable: never more than it holds, so
 * a payable never goes negative by deduction; the rest stays on the invoice, to be paid by the
 * creditor (or deducted from a later remittance).
 */
export function deductibleCents(payableCents: number, dueCents: number): number {
  return Math.max(0, Math.min(payableCents, dueCents));
}
