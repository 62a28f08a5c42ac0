import { z } from 'zod';
import { businessDate, cents, dateInput, instant, pageOf, paginationQuery, uuid } from './common.ts';

// Issue 17, the money capability: the client-funds ledger, receipts, bank statements (camt.053),
// commission and remittance runs (pain.001). Amounts are integer cents in EUR.

// ---------------------------------------------------------------------------------------------
// Ledger (packages/domain/src/ledger.ts holds the chart of accounts and the builders).

export const ledgerAccount = z.enum([
  'client_funds_bank',
  'creditor_payable',
  'remittance_in_transit',
  'debtor_refund_due',
  'suspense',
  'agency_fees_held',
  'agency_bank',
  'fees_in_client_account',
  'commission_receivable',
  'legal_costs_advanced',
  'commission_revenue',
  'vat_collected',
]);
export type LedgerAccountName = z.infer<typeof ledgerAccount>;

export const ledgerTransactionKind = z.enum([
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
]);

export const ledgerBook = z.enum(['client', 'agency']);

export const trialBalanceQuery = z.object({
  asOf: dateInput.optional().describe('Balances at the end of this day (Europe/Paris booking date); default today'),
});

export const trialBalanceRow = z.object({
  account: ledgerAccount,
  book: ledgerBook,
  creditorId: uuid.nullable(),
  creditorName: z.string().nullable(),
  debitCents: cents,
  creditCents: cents,
  balanceCents: cents.describe('On the account’s normal side: debits − credits for an asset, credits − debits otherwise'),
});

export const creditorBalance = z.object({
  creditorId: uuid,
  creditorName: z.string(),
  payableCents: cents.describe('Collected and not yet remitted'),
  inTransitCents: cents.describe('Remitted (sent to the bank), debit not yet on a statement'),
  refundsDueCents: cents.describe('Overpayments on this creditor’s cases, owed to the debtors'),
  commissionReceivableCents: cents.describe('Invoiced to the creditor and not yet paid or deducted'),
  legalCostsAdvancedCents: cents.describe('Court and commissaire fees the agency advanced, not yet billed'),
});

export const trialBalance = z
  .object({
    asOf: businessDate,
    rows: z.array(trialBalanceRow),
    totalDebitCents: cents,
    totalCreditCents: cents,
    clientFunds: z
      .object({
        bankCents: cents,
        owedToCreditorsCents: cents,
        owedToDebtorsCents: cents,
        suspenseCents: cents,
        agencyFeesHeldCents: cents,
        differenceCents: cents.describe('0 when the client account holds exactly what it owes (CPCE R124-2)'),
      })
      .describe('The client-funds account against what it owes'),
    creditors: z.array(creditorBalance),
  })
  .meta({ id: 'TrialBalance' });
export type TrialBalance = z.infer<typeof trialBalance>;

export const journalQuery = paginationQuery.extend({
  from: dateInput.optional(),
  to: dateInput.optional(),
  kind: ledgerTransactionKind.optional(),
  account: ledgerAccount.optional(),
  creditorId: uuid.optional(),
  caseId: uuid.optional(),
});

export const journalLine = z.object({
  account: ledgerAccount,
  book: ledgerBook,
  creditorId: uuid.nullable(),
  caseId: uuid.nullable(),
  debitCents: cents,
  creditCents: cents,
});

export const journalTransaction = z
  .object({
    id: uuid,
    seq: z.number().int().describe('Order in the journal'),
    kind: ledgerTransactionKind,
    bookedOn: businessDate,
    recordedAt: instant,
    description: z.string(),
    sourceType: z.string(),
    sourceId: uuid,
    creditorId: uuid.nullable(),
    creditorName: z.string().nullable(),
    caseId: uuid.nullable(),
    caseReference: z.string().nullable(),
    reversesId: uuid.nullable(),
    reversedById: uuid.nullable(),
    lines: z.array(journalLine),
  })
  .meta({ id: 'JournalTransaction' });
export type JournalTransaction = z.infer<typeof journalTransaction>;
export const journalPage = pageOf(journalTransaction).meta({ id: 'JournalPage' });

export const feeTransferBody = z
  .object({
    amountCents: cents.positive().max(100_000_000_000).optional().describe('Default: every fee held (the agency_fees_held balance)'),
    bookedOn: dateInput.optional().describe('The bank transfer’s date (default today)'),
  })
  .meta({ id: 'FeeTransferBody', examples: [{}] });
export type FeeTransferBody = z.infer<typeof feeTransferBody>;
export const feeTransfer = z
  .object({ transactionId: uuid, amountCents: cents, heldAfterCents: cents.describe('Fees still held in the client account') })
  .meta({ id: 'FeeTransfer' });

// ---------------------------------------------------------------------------------------------
// Receipts (CPCE R124-6).

export const receiptKind = z.enum(['receipt', 'direct_payment_acknowledgment']);

export const receipt = z
  .object({
    id: uuid,
    kind: receiptKind.describe('receipt: money the agency received (numbered); direct_payment_acknowledgment: paid to the creditor, not a receipt'),
    number: z.string().nullable().describe('Q-<year>-<seq>, gap-free per agency and year; null for an acknowledgment'),
    paymentId: uuid,
    caseId: uuid,
    caseReference: z.string(),
    creditorId: uuid,
    creditorName: z.string(),
    amountCents: cents,
    currency: z.string(),
    receivedOn: businessDate,
    method: z.string(),
    issuedAt: instant,
    deliveredAt: instant.nullable(),
    cancelledAt: instant.nullable(),
    cancellationReason: z.string().nullable(),
    url: z.string().describe('The receipt PDF'),
    cancellationUrl: z.string().nullable().describe('The cancelled-receipt notice PDF, once the payment was reversed'),
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof receipt>;
export const receiptList = z.object({ items: z.array(receipt) }).meta({ id: 'ReceiptList' });
export const receiptRegisterQuery = paginationQuery.extend({
  from: dateInput.optional(),
  to: dateInput.optional(),
  creditorId: uuid.optional(),
  kind: receiptKind.optional(),
});
export const receiptPage = pageOf(receipt).meta({ id: 'ReceiptPage' });
export const receiptParams = z.object({ id: uuid });

/** A receipt as the debtor's page lists it (no creditor or staff detail). */
export const portalReceipt = z
  .object({
    id: uuid,
    kind: receiptKind,
    number: z.string().nullable(),
    receivedOn: businessDate,
    amountCents: cents,
    currency: z.string(),
    method: z.string(),
    cancelled: z.boolean(),
    url: z.string().describe('The receipt PDF under the portal token'),
    cancellationUrl: z.string().nullable().describe('The cancelled-receipt notice PDF, once the payment was reversed'),
  })
  .meta({ id: 'PortalReceipt' });
export type PortalReceipt = z.infer<typeof portalReceipt>;
export const portalReceiptList = z.object({ items: z.array(portalReceipt) }).meta({ id: 'PortalReceiptList' });
export const portalReceiptParams = z.object({ token: z.string().min(20).max(200), id: uuid });

// ---------------------------------------------------------------------------------------------
// Bank statements (camt.053) and reconciliation.

export const bankEntryStatus = z.enum([
  'matched',
  'unmatched',
  'reversal_applied',
  'reversal_unmatched',
  'debit_confirmed',
  'debit_unmatched',
  'foreign_currency',
  'returned',
  // Added by the bank part: an earlier entry whose money a later reversal or return took back; an
  // entry not booked (PDNG, INFO: outside the balance, nothing posted); an entry the bank already
  // reported in another statement (same AcctSvcrRef, side, amount and day: nothing posted twice).
  'reversed',
  'not_booked',
  'duplicate',
]);

export const matchSuggestion = z.object({
  caseId: uuid,
  caseReference: z.string(),
  debtorName: z.string(),
  creditorName: z.string(),
  balanceCents: cents,
  score: z.number().describe('0 to 100'),
  reasons: z.array(z.enum(['amount_equals_balance', 'amount_equals_installment', 'name_matches', 'reference_in_text', 'invoice_in_text'])),
});

export const bankEntry = z
  .object({
    id: uuid,
    statementId: uuid,
    entryReference: z.string().describe('AcctSvcrRef or NtryRef, with the transaction index for a split batch'),
    bookedOn: businessDate,
    valueOn: businessDate.nullable(),
    direction: z.enum(['credit', 'debit']),
    amountCents: cents,
    currency: z.string(),
    reversal: z.boolean().describe('RvslInd: this entry reverses an earlier one'),
    status: bankEntryStatus,
    structuredReference: z.string().nullable().describe('ISO 11649 RF creditor reference'),
    unstructuredText: z.string().nullable(),
    counterpartyName: z.string().nullable(),
    counterpartyIban: z.string().nullable(),
    paymentId: uuid.nullable(),
    caseId: uuid.nullable(),
    caseReference: z.string().nullable(),
    endToEndId: z.string().nullable().describe('Refs/EndToEndId (R…: a remittance, D…: a refund); added by the bank part'),
    returnReason: z.string().nullable().describe('RtrInf/Rsn/Cd of a returned transfer (AC04, MD07, …); added by the bank part'),
    reversesEntryId: uuid.nullable().describe('The earlier entry this reversal or return took back; added by the bank part'),
    reversedByEntryId: uuid.nullable().describe('The later entry that took this one back; added by the bank part'),
    suggestions: z.array(matchSuggestion).describe('For an unmatched credit: cases it may belong to, best first'),
  })
  .meta({ id: 'BankEntry' });
export type BankEntry = z.infer<typeof bankEntry>;

export const bankStatementSummary = z.object({
  id: uuid,
  statementIdentifier: z.string().describe('Stmt/Id of the file'),
  messageIdentifier: z.string(),
  schemaVersion: z.string().describe('camt.053.001.02, camt.053.001.08, ...'),
  accountIban: z.string(),
  currency: z.string(),
  fromDate: businessDate.nullable(),
  toDate: businessDate.nullable(),
  openingBalanceCents: cents,
  closingBalanceCents: cents,
  fileName: z.string(),
  importedAt: instant,
  counts: z.object({
    entries: z.number().int(),
    matched: z.number().int(),
    unmatched: z.number().int(),
    reversals: z.number().int(),
    debits: z.number().int(),
    other: z.number().int(),
  }),
});
export const bankStatement = bankStatementSummary
  .extend({
    alreadyImported: z.boolean().describe('true when this statement had been imported before: nothing was created'),
    entries: z.array(bankEntry),
  })
  .meta({ id: 'BankStatement' });
export type BankStatement = z.infer<typeof bankStatement>;
export const bankStatementPage = pageOf(bankStatementSummary).meta({ id: 'BankStatementPage' });

export const bankEntriesQuery = paginationQuery.extend({
  status: bankEntryStatus.optional(),
  statementId: uuid.optional(),
});
export const bankEntryPage = pageOf(bankEntry).meta({ id: 'BankEntryPage' });

export const matchBankEntryBody = z
  .object({ caseId: uuid.describe('The case this credit pays') })
  .meta({ id: 'MatchBankEntryBody', examples: [{ caseId: '0190a5c4-0000-7000-8000-000000000000' }] });
export const unmatchBankEntryBody = z
  .object({ reason: z.string().trim().min(3).max(500) })
  .meta({ id: 'UnmatchBankEntryBody', examples: [{ reason: 'Virement attribué au mauvais dossier' }] });

// ---------------------------------------------------------------------------------------------
// Commission invoices and remittance runs.

export const commissionInvoice = z
  .object({
    id: uuid,
    number: z.string().describe('F-<year>-<seq>, gap-free per agency and year (CGI 242 nonies A)'),
    creditorId: uuid,
    creditorName: z.string(),
    issuedOn: businessDate,
    dueOn: businessDate,
    htCents: cents,
    vatCents: cents,
    ttcCents: cents,
    disbursementsCents: cents.describe('Legal costs advanced, outside VAT (débours)'),
    totalCents: cents.describe('TTC + disbursements'),
    settlement: z.enum(['deducted', 'to_pay', 'partly_deducted', 'paid']).describe('paid: nothing left, deducted and paid together'),
    deductedCents: cents,
    paidCents: cents.describe('Paid by the creditor to the agency’s own account'),
    outstandingCents: cents.describe('Total − deducted − paid'),
    remittanceId: uuid.nullable(),
    url: z.string().describe('The invoice PDF'),
  })
  .meta({ id: 'CommissionInvoice' });
export type CommissionInvoice = z.infer<typeof commissionInvoice>;
export const commissionInvoicePage = pageOf(commissionInvoice).meta({ id: 'CommissionInvoicePage' });
export const commissionInvoiceQuery = paginationQuery.extend({ creditorId: uuid.optional() });
export const invoicePaymentBody = z
  .object({
    amountCents: cents.positive().max(100_000_000_000).describe('At most what the invoice still owes'),
    paidOn: dateInput.describe('The day the creditor’s transfer reached the agency’s account'),
  })
  .meta({ id: 'InvoicePaymentBody', examples: [{ amountCents: 12_000, paidOn: '2026-12-01' }] });
export type InvoicePaymentBody = z.infer<typeof invoicePaymentBody>;

export const remittance = z
  .object({
    id: uuid,
    runId: uuid,
    creditorId: uuid,
    creditorName: z.string(),
    paymentCount: z.number().int(),
    grossCents: cents.describe('Collected for the creditor in the period'),
    commissionTtcCents: cents,
    deductedCents: cents.describe('Commission and disbursements deducted (net basis)'),
    netCents: cents.describe('Transferred to the creditor'),
    oldestReceivedOn: businessDate.nullable(),
    deadline: businessDate.nullable().describe('R124-6: the last day the oldest payment may be remitted'),
    statementUrl: z.string().describe('The remittance statement PDF (relevé de reversement)'),
    invoice: commissionInvoice.nullable(),
    status: z.enum(['draft', 'sent', 'confirmed']),
  })
  .meta({ id: 'Remittance' });
export type Remittance = z.infer<typeof remittance>;
export const remittancePage = pageOf(remittance).meta({ id: 'RemittancePage' });
export const remittanceQuery = paginationQuery.extend({ creditorId: uuid.optional().describe('One creditor’s remittances (a creditor’s user sees its own only)') });

export const debtorRefund = z.object({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  amountCents: cents,
  iban: z.string().nullable().describe('Where it is sent (the payer’s account, from the bank statement); null: to refund by hand'),
  status: z.enum(['draft', 'sent', 'confirmed', 'manual', 'paid_by_hand']).describe('manual: to refund by hand; paid_by_hand: done, recorded by the accountant'),
});
export type DebtorRefund = z.infer<typeof debtorRefund>;

export const refundPaidByHandBody = z
  .object({
    paidOn: dateInput.describe('The day the money left the client account'),
    method: z.enum(['card_refund', 'cheque', 'transfer', 'cash']).describe('card_refund: through the card provider'),
  })
  .meta({ id: 'RefundPaidByHandBody', examples: [{ paidOn: '2026-12-01', method: 'cheque' }] });
export type RefundPaidByHandBody = z.infer<typeof refundPaidByHandBody>;

export const remittanceRun = z
  .object({
    id: uuid,
    status: z.enum(['draft', 'sent', 'confirmed']),
    through: businessDate.describe('Payments received up to this day are included'),
    createdAt: instant,
    createdBy: z.string().nullable(),
    sentAt: instant.nullable(),
    totalCents: cents.describe('Sum of the credit transfers of the pain.001'),
    remittances: z.array(remittance),
    refunds: z.array(debtorRefund),
    files: z
      .array(z.object({ kind: z.enum(['statement', 'invoice', 'pain001']), creditorId: uuid.nullable(), name: z.string(), url: z.string() }))
      .describe('Every document of the run, with download URLs'),
  })
  .meta({ id: 'RemittanceRun' });
export type RemittanceRun = z.infer<typeof remittanceRun>;
export const remittanceRunPage = pageOf(remittanceRun).meta({ id: 'RemittanceRunPage' });

export const createRemittanceRunBody = z
  .object({
    creditorId: uuid.optional().describe('One creditor; all creditors with funds held when absent'),
    through: dateInput.optional().describe('Include payments received up to this day (default today)'),
  })
  .meta({ id: 'CreateRemittanceRunBody', examples: [{ creditorId: '0190a5c4-0000-7000-8000-000000000000' }] });

export const heldFunds = z
  .object({
    items: z.array(
      z.object({
        creditorId: uuid,
        creditorName: z.string(),
        heldCents: cents,
        paymentCount: z.number().int(),
        oldestReceivedOn: businessDate.nullable(),
        deadline: businessDate.nullable(),
        urgency: z.enum(['on_time', 'due_soon', 'overdue']),
        termsBreachLaw: z.boolean().describe('The mandate’s delay exceeds one month without stipulating it (R124-6)'),
      }),
    ),
  })
  .meta({ id: 'HeldFunds' });
export type HeldFunds = z.infer<typeof heldFunds>;
