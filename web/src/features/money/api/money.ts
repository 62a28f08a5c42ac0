import type { CaseSummary } from '@relance/contracts/cases';
import type {
  BankEntry,
  BankStatement,
  CommissionInvoice,
  DebtorRefund,
  HeldFunds,
  JournalTransaction,
  Receipt,
  RefundPaidByHandBody,
  Remittance,
  RemittanceRun,
  TrialBalance,
} from '@relance/contracts/money';
import { infiniteQueryOptions, keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, moneyKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

// The finance screens' calls (issue 17), all under /api/v1: the ledger, bank statements and
// reconciliation, remittance runs, receipts and commission invoices. Every write invalidates
// `moneyKeys.all` (a match moves the journal, the trial balance, the held funds and the receipts).

export type BankStatementSummary = Omit<BankStatement, 'entries' | 'alreadyImported'>;

/** Query string from the non-empty values of `filters`. */
function search(filters: Record<string, string | undefined>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

// ---- Ledger ------------------------------------------------------------------------------------

export function trialBalanceOptions(asOf: string) {
  return queryOptions({
    queryKey: moneyKeys.trialBalance(asOf),
    queryFn: ({ signal }) => api<TrialBalance>(`/api/v1/ledger/trial-balance${search({ asOf })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export type JournalFilters = { from?: string; to?: string; kind?: string; account?: string; creditorId?: string; caseId?: string };

export function journalOptions(filters: JournalFilters) {
  return infiniteQueryOptions({
    queryKey: moneyKeys.journal(filters),
    queryFn: ({ signal, pageParam }) =>
      api<Page<JournalTransaction>>(`/api/v1/ledger/journal${search({ ...filters, cursor: pageParam }, { limit: '50' })}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// ---- Bank statements and reconciliation -------------------------------------------------------

export function statementsOptions() {
  return queryOptions({
    queryKey: moneyKeys.statements,
    queryFn: ({ signal }) => api<Page<BankStatementSummary>>('/api/v1/bank-statements?limit=100', { signal }),
  });
}

export function statementOptions(id: string) {
  return queryOptions({
    queryKey: moneyKeys.statement(id),
    queryFn: ({ signal }) => api<BankStatement>(`/api/v1/bank-statements/${id}`, { signal }),
  });
}

export function unmatchedEntriesOptions() {
  return queryOptions({
    queryKey: moneyKeys.unmatched,
    queryFn: ({ signal }) => api<Page<BankEntry>>('/api/v1/bank-entries?status=unmatched&limit=100', { signal }),
  });
}

/** The latest credits matched (by reference or by hand), to undo a wrong match without hunting for its statement. */
export function recentlyMatchedOptions() {
  return queryOptions({
    queryKey: moneyKeys.recentlyMatched,
    queryFn: ({ signal }) => api<Page<BankEntry>>('/api/v1/bank-entries?status=matched&limit=10', { signal }),
  });
}

function useMoneyWrite<TBody, TResult>(call: (body: TBody) => Promise<TResult>, alsoCases = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: moneyKeys.all });
      if (alsoCases) void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

/** Uploads a camt.053 (201: imported; 200 with alreadyImported: nothing created). */
export function useUploadStatement() {
  return useMoneyWrite((file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<BankStatement>('/api/v1/bank-statements', { method: 'POST', body: form });
  }, true);
}

export function useMatchEntry() {
  return useMoneyWrite(
    ({ entryId, caseId }: { entryId: string; caseId: string }) =>
      api<BankEntry>(`/api/v1/bank-entries/${entryId}/match`, { method: 'POST', body: { caseId } }),
    true,
  );
}

export function useUnmatchEntry() {
  return useMoneyWrite(
    ({ entryId, reason }: { entryId: string; reason: string }) =>
      api<BankEntry>(`/api/v1/bank-entries/${entryId}/unmatch`, { method: 'POST', body: { reason } }),
    true,
  );
}

/** Cases whose reference or debtor name holds `q` (the reconciliation's manual search). */
export function caseSearchOptions(q: string) {
  return queryOptions({
    queryKey: caseKeys.list({ q, limit: 8, for: 'reconciliation' }),
    queryFn: ({ signal }) => api<Page<CaseSummary>>(`/api/v1/cases${search({ q }, { limit: '8' })}`, { signal }),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

// ---- Remittances and commission invoices ------------------------------------------------------

export function heldFundsOptions() {
  return queryOptions({
    queryKey: moneyKeys.heldFunds,
    queryFn: ({ signal }) => api<HeldFunds>('/api/v1/remittances/held', { signal }),
  });
}

export function runsOptions() {
  return queryOptions({
    queryKey: moneyKeys.runs,
    queryFn: ({ signal }) => api<Page<RemittanceRun>>('/api/v1/remittances/runs?limit=50', { signal }),
  });
}

export function runOptions(id: string) {
  return queryOptions({
    queryKey: moneyKeys.run(id),
    queryFn: ({ signal }) => api<RemittanceRun>(`/api/v1/remittances/runs/${id}`, { signal }),
  });
}

export function useCreateRun() {
  return useMoneyWrite((body: { creditorId?: string; through?: string }) =>
    api<RemittanceRun>('/api/v1/remittances/runs', { method: 'POST', body }),
  );
}

export function useMarkRunSent() {
  return useMoneyWrite((runId: string) => api<RemittanceRun>(`/api/v1/remittances/runs/${runId}/sent`, { method: 'POST', body: {} }));
}

export function useRecordInvoicePayment() {
  return useMoneyWrite(({ invoiceId, ...body }: { invoiceId: string; amountCents: number; paidOn: string }) =>
    api<CommissionInvoice>(`/api/v1/commission-invoices/${invoiceId}/payments`, { method: 'POST', body }),
  );
}

export function useRecordRefundByHand() {
  return useMoneyWrite(({ refundId, ...body }: { refundId: string; paidOn: string; method: RefundPaidByHandBody['method'] }) =>
    api<DebtorRefund>(`/api/v1/debtor-refunds/${refundId}/paid`, { method: 'POST', body }),
  );
}

export type InvoiceFilters = { creditorId?: string };

export function invoicesOptions(filters: InvoiceFilters) {
  return infiniteQueryOptions({
    queryKey: moneyKeys.invoices(filters),
    queryFn: ({ signal, pageParam }) =>
      api<Page<CommissionInvoice>>(`/api/v1/commission-invoices${search({ ...filters, cursor: pageParam }, { limit: '50' })}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A creditor user's own remittances (the API keeps them to their creditor). */
export function ownRemittancesOptions() {
  return infiniteQueryOptions({
    queryKey: moneyKeys.ownRemittances,
    queryFn: ({ signal, pageParam }) => api<Page<Remittance>>(`/api/v1/remittances${search({ cursor: pageParam }, { limit: '50' })}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// ---- Receipts ---------------------------------------------------------------------------------

export type ReceiptFilters = { from?: string; to?: string; creditorId?: string; kind?: string };

export function receiptsOptions(filters: ReceiptFilters) {
  return infiniteQueryOptions({
    queryKey: moneyKeys.receipts(filters),
    queryFn: ({ signal, pageParam }) => api<Page<Receipt>>(`/api/v1/receipts${search({ ...filters, cursor: pageParam }, { limit: '50' })}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// ---- Downloads --------------------------------------------------------------------------------

/** A document of the API (PDF, pain.001): the token is in memory, so fetch it and save the blob. */
export function downloadDocument({ url, name }: { url: string; name: string }): Promise<void> {
  return downloadFile(url, name);
}
