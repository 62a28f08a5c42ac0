import type { Activity, CaseDetail, CaseStatus, CaseSummary, Claim, DebtorKind, Payment, RecordPaymentBody } from '@relance/contracts/cases';
import type { DirectPaymentBody, RecalledCase } from '@relance/contracts/creditor-api';
import type { Statement } from '@relance/contracts/statements';
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';
import { caseFilterParams } from './case-filters.ts';

export { type ExportFormat, type ExportKind, exportPath } from './case-filters.ts';

export interface CaseFilters {
  q: string;
  status: CaseStatus | '';
  creditorId: string;
  /** Staff: only cases with an open dispute, or (managers) flagged vulnerable. */
  flag?: 'vulnerable' | 'dispute_open' | '';
  debtorKind?: DebtorKind | '';
  disputed?: 'true' | 'false' | '';
  /** A band code of packages/domain case-bands.ts (AGE_BANDS: days since placement). */
  age?: string;
  /** A band code of AMOUNT_BANDS (principal placed). */
  amount?: string;
  /** Managers: an agent's id, or 'none' for cases with no agent. */
  assignedTo?: string;
}

interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

export type CallOutcome = NonNullable<CaseDetail['activities'][number]['callOutcome']>;

export function casesListOptions(filters: CaseFilters) {
  return infiniteQueryOptions({
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam, signal }) => {
      const params = caseFilterParams(filters);
      params.set('limit', '50');
      if (pageParam) params.set('cursor', pageParam);
      return api<CasePage>(`/api/v1/cases?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function caseDetailOptions(id: string) {
  return queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`, { signal }),
  });
}

/** The décompte; 422 missing_rate when a half-year's rates are not recorded yet. */
export function caseStatementOptions(id: string, asOf: string) {
  return queryOptions({
    queryKey: caseKeys.statement(id, asOf),
    queryFn: ({ signal }) => {
      const query = asOf ? `?${new URLSearchParams({ asOf })}` : '';
      return api<Statement>(`/api/v1/cases/${encodeURIComponent(id)}/statement${query}`, { signal });
    },
    // A missing rate or an invalid date will not fix itself on a retry.
    retry: false,
  });
}

/**
 * Records a payment received outside the portal. The Idempotency-Key is chosen once per
 * form, so a double click or a retry after a lost response never records the money twice.
 */
export function useRecordPayment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: RecordPaymentBody; idempotencyKey: string }) =>
      api<Payment>(`/api/v1/cases/${encodeURIComponent(caseId)}/payments`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.statements(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.receipts(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists }),
      ]),
  });
}

/** The creditor takes its case back (closed, returned to the creditor), with its reason; one key per form. */
export function useRecallCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reason, idempotencyKey }: { reason: string; idempotencyKey: string }) =>
      api<RecalledCase>(`/api/v1/cases/${encodeURIComponent(caseId)}/recall`, {
        method: 'POST',
        body: { reason },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

/** The creditor declares money it received directly from the debtor (recorded as direct_to_creditor). */
export function useDirectPayment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DirectPaymentBody; idempotencyKey: string }) =>
      api<Payment>(`/api/v1/cases/${encodeURIComponent(caseId)}/direct-payments`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

/** Staff correct a claim's nature: stored as given, prescription dates recomputed, audited. */
export function useChangeClaimNature(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ claimId, nature }: { claimId: string; nature: Claim['nature'] }) =>
      api<Claim>(`/api/v1/cases/${encodeURIComponent(caseId)}/claims/${encodeURIComponent(claimId)}`, { method: 'PATCH', body: { nature } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.statements(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists }),
      ]),
  });
}

export interface NewActivity {
  kind: 'call' | 'note';
  text: string;
  callOutcome?: CallOutcome;
  /** A manager calling anyway outside the hours or over the cap, saying why. */
  override?: { window?: boolean; cap?: boolean; reason: string };
  /** A note only: the creditor may read it (default: the agency's own). */
  sharedWithCreditor?: boolean;
}

export function useLogActivity(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewActivity) =>
      api<Activity>(`/api/v1/cases/${encodeURIComponent(caseId)}/activities`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export interface PortalLink {
  url: string;
  expiresAt: string;
}

export function useCreatePortalLink(caseId: string) {
  return useMutation({
    mutationFn: (options: { keepPrevious: boolean } = { keepPrevious: false }) =>
      api<PortalLink>(`/api/v1/cases/${encodeURIComponent(caseId)}/portal-link`, { method: 'POST', body: options }),
  });
}
