import type { CreatePortfolioBody, Portfolio, RebalanceResult, UpdatePortfolioBody, Workload } from '@relance/contracts/portfolios';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys, portfolioKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

// Portfolios and the agents' workload (server feature `portfolios`): queries and mutations.

export function portfoliosOptions() {
  return queryOptions({
    queryKey: portfolioKeys.list,
    queryFn: ({ signal }) => api<{ items: Portfolio[] }>('/api/v1/portfolios', { signal }),
  });
}

export function workloadOptions() {
  return queryOptions({
    queryKey: portfolioKeys.workload,
    queryFn: ({ signal }) => api<Workload>('/api/v1/portfolios/workload', { signal }),
  });
}

/** Anything that moves cases between agents refreshes the portfolios, the workload and the case list. */
function useInvalidateAssignments() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: portfolioKeys.all }), queryClient.invalidateQueries({ queryKey: caseKeys.lists })]);
  };
}

export function useSavePortfolio(id: string | null) {
  const invalidate = useInvalidateAssignments();
  return useMutation({
    mutationFn: (body: CreatePortfolioBody) =>
      id === null
        ? api<Portfolio>('/api/v1/portfolios', { method: 'POST', body })
        : api<Portfolio>(`/api/v1/portfolios/${id}`, { method: 'PATCH', body: body satisfies UpdatePortfolioBody }),
    onSuccess: invalidate,
  });
}

export function useDeletePortfolio() {
  const invalidate = useInvalidateAssignments();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/portfolios/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/** The preview (dryRun) changes nothing, so it refreshes nothing; the confirmed run does. */
export function useRebalance() {
  const invalidate = useInvalidateAssignments();
  return useMutation({
    mutationFn: ({ portfolioId, dryRun }: { portfolioId: string | null; dryRun: boolean }) =>
      api<RebalanceResult>(`/api/v1/portfolios/rebalance${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        body: portfolioId ? { portfolioId } : {},
      }),
    onSuccess: async (_result, variables) => {
      if (!variables.dryRun) await invalidate();
    },
  });
}

export function useSetCapacity() {
  const invalidate = useInvalidateAssignments();
  return useMutation({
    mutationFn: ({ agentId, capacity }: { agentId: string; capacity: number }) =>
      api(`/api/v1/agents/${agentId}/capacity`, { method: 'PUT', body: { capacity } }),
    onSuccess: invalidate,
  });
}

/** `until` null: the agent is back. */
export function useSetAway() {
  const invalidate = useInvalidateAssignments();
  return useMutation({
    mutationFn: ({ agentId, until }: { agentId: string; until: string | null }) =>
      until === null
        ? api(`/api/v1/agents/${agentId}/away`, { method: 'DELETE' })
        : api(`/api/v1/agents/${agentId}/away`, { method: 'POST', body: { until } }),
    onSuccess: invalidate,
  });
}
