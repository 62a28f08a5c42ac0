import type { CaseDunning, CreateStepBody, DunningPreview, DunningRun, DunningStrategy, UpdateStepBody } from '@relance/contracts/dunning';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

export const dunningKeys = {
  all: ['dunning'] as const,
  strategies: () => ['dunning', 'strategies'] as const,
  preview: () => ['dunning', 'preview'] as const,
  runs: () => ['dunning', 'runs'] as const,
};

export function caseDunningOptions(caseId: string) {
  return queryOptions({
    queryKey: [...dunningKeys.all, 'case', caseId] as const,
    queryFn: ({ signal }) => api<CaseDunning>(`/api/v1/dunning/cases/${caseId}`, { signal }),
  });
}

export function strategiesOptions() {
  return queryOptions({
    queryKey: dunningKeys.strategies(),
    queryFn: ({ signal }) => api<{ items: DunningStrategy[]; nextCursor: string | null }>('/api/v1/dunning/strategies', { signal }),
  });
}

export function previewOptions() {
  return queryOptions({
    queryKey: dunningKeys.preview(),
    queryFn: ({ signal }) => api<DunningPreview>('/api/v1/dunning/preview', { signal }),
  });
}

export function runsOptions() {
  return queryOptions({
    queryKey: dunningKeys.runs(),
    queryFn: ({ signal }) => api<{ items: DunningRun[]; nextCursor: string | null }>('/api/v1/dunning/runs?limit=20', { signal }),
  });
}

function useRefreshAll() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: dunningKeys.all });
}

export function useUpdateStep(strategyId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ stepId, body }: { stepId: string; body: UpdateStepBody }) =>
      api<DunningStrategy>(`/api/v1/dunning/strategies/${encodeURIComponent(strategyId)}/steps/${encodeURIComponent(stepId)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useAddStep(strategyId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: CreateStepBody) => api<DunningStrategy>(`/api/v1/dunning/strategies/${encodeURIComponent(strategyId)}/steps`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRemoveStep(strategyId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (stepId: string) =>
      api<DunningStrategy>(`/api/v1/dunning/strategies/${encodeURIComponent(strategyId)}/steps/${encodeURIComponent(stepId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useRunNow() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: () => api<DunningRun>('/api/v1/dunning/runs', { method: 'POST' }),
    onSuccess: refresh,
  });
}
