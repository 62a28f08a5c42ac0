import type {
  CaseDunning,
  CreateStepBody,
  CreateStrategyBody,
  DunningPreviewComputation,
  DunningPreviewState,
  DunningRun,
  DunningStrategy,
  UpdateStepBody,
  UpdateStrategyBody,
} from '@relance/contracts/dunning';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { dunningKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

/** A run still in the worker's hands: the screen keeps polling it. */
export function isRunActive(run: Pick<DunningRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export function caseDunningOptions(caseId: string) {
  return queryOptions({
    queryKey: dunningKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<CaseDunning>(`/api/v1/dunning/cases/${caseId}`, { signal }),
  });
}

export function strategiesOptions() {
  return queryOptions({
    queryKey: dunningKeys.strategies(),
    queryFn: ({ signal }) => api<{ items: DunningStrategy[]; nextCursor: string | null }>('/api/v1/dunning/strategies', { signal }),
  });
}

/** Tomorrow's preview as last computed in the background, and the computation under way if any. */
export function previewOptions() {
  return queryOptions({
    queryKey: dunningKeys.preview(),
    queryFn: ({ signal }) => api<DunningPreviewState>('/api/v1/dunning/preview', { signal }),
  });
}

/** One computation of the preview, polled every second while it is queued or running (the worker computes it). */
export function previewComputationOptions(id: string) {
  return queryOptions({
    queryKey: dunningKeys.previewComputation(id),
    queryFn: ({ signal }) => api<DunningPreviewComputation>(`/api/v1/dunning/previews/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => (query.state.data && !isRunActive(query.state.data) ? false : 1000),
  });
}

export function runsOptions() {
  return queryOptions({
    queryKey: dunningKeys.runs(),
    queryFn: ({ signal }) => api<{ items: DunningRun[]; nextCursor: string | null }>('/api/v1/dunning/runs?limit=20', { signal }),
  });
}

/** One run, polled every second while it is queued or running (the pass runs in the worker, not in the request). */
export function runOptions(id: string) {
  return queryOptions({
    queryKey: dunningKeys.run(id),
    queryFn: ({ signal }) => api<DunningRun>(`/api/v1/dunning/runs/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => (query.state.data && !isRunActive(query.state.data) ? false : 1000),
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

/**
 * Starts a run: the API answers 202 with the run (or the one already queued or running). One
 * Idempotency-Key per click, so a request retried by the network does not ask twice.
 */
export function useRunNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<DunningRun>('/api/v1/dunning/runs', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() } }),
    onSuccess: (run) => {
      queryClient.setQueryData(dunningKeys.run(run.id), run);
      return queryClient.invalidateQueries({ queryKey: dunningKeys.runs(), exact: true });
    },
  });
}

/**
 * Asks for tomorrow's preview to be computed again: the API answers 202 with the computation (or the
 * one already queued or running). One Idempotency-Key per click.
 */
export function useRecomputePreview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<DunningPreviewComputation>('/api/v1/dunning/previews', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() } }),
    onSuccess: (computation) => {
      queryClient.setQueryData(dunningKeys.previewComputation(computation.id), computation);
      return queryClient.invalidateQueries({ queryKey: dunningKeys.preview(), exact: true });
    },
  });
}

export function useCreateStrategy() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: CreateStrategyBody) => api<DunningStrategy>('/api/v1/dunning/strategies', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateStrategy(strategyId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: UpdateStrategyBody) => api<DunningStrategy>(`/api/v1/dunning/strategies/${encodeURIComponent(strategyId)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}
