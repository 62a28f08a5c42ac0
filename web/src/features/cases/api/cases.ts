import type { CaseDetail, CaseStatus, CaseSummary } from '@relance/contracts/cases';
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

export interface CaseFilters {
  q: string;
  status: CaseStatus | '';
  creditorId: string;
}

interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

export type CallOutcome = NonNullable<CaseDetail['activities'][number]['callOutcome']>;

export const caseKeys = {
  all: ['cases'] as const,
  list: (filters: CaseFilters) => ['cases', 'list', filters] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
};

export function casesListOptions(filters: CaseFilters) {
  return infiniteQueryOptions({
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (pageParam) params.set('cursor', pageParam);
      if (filters.q) params.set('q', filters.q);
      if (filters.status) params.set('status', filters.status);
      if (filters.creditorId) params.set('creditorId', filters.creditorId);
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

export interface NewActivity {
  kind: 'call' | 'note';
  text: string;
  callOutcome?: CallOutcome;
}

export function useLogActivity(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewActivity) =>
      api(`/api/v1/cases/${encodeURIComponent(caseId)}/activities`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export interface PortalLink {
  url: string;
  expiresAt: string;
}

export function useCreatePortalLink(caseId: string) {
  return useMutation({
    mutationFn: () =>
      api<PortalLink>(`/api/v1/cases/${encodeURIComponent(caseId)}/portal-link`, { method: 'POST', body: {} }),
  });
}
