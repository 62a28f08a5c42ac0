import type { BulkStatusBody, BulkStatusResult } from '@relance/contracts/case-work';
import type { BulkAssignBody, Workload } from '@relance/contracts/portfolios';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys, portfolioKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

// Who works which case, for managers: the agents to choose from (the workload's list of active
// agents, the same query as the portfolios screen) and the bulk reassignment.

export function agentChoicesOptions(enabled: boolean) {
  return queryOptions({
    queryKey: portfolioKeys.workload,
    queryFn: ({ signal }) => api<Workload>('/api/v1/portfolios/workload', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useBulkAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkAssignBody) => api<{ updated: number; unchanged: number }>('/api/v1/cases/bulk/assign', { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: caseKeys.lists }), queryClient.invalidateQueries({ queryKey: portfolioKeys.all })]);
    },
  });
}

/** The bulk status change: each case through the case screen's rules; the refused ones come back listed. */
export function useBulkStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkStatusBody) => api<BulkStatusResult>('/api/v1/cases/bulk/status', { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: caseKeys.lists }), queryClient.invalidateQueries({ queryKey: portfolioKeys.all })]);
    },
  });
}
