import type { CreatePromiseBody, PromiseToPay } from '@relance/contracts/promises';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys, promiseKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export function casePromisesOptions(caseId: string) {
  return queryOptions({
    queryKey: promiseKeys.list(caseId),
    queryFn: ({ signal }) =>
      api<{ items: PromiseToPay[]; nextCursor: string | null }>(`/api/v1/cases/${encodeURIComponent(caseId)}/promises`, { signal }),
  });
}

export function useCreatePromise(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePromiseBody) =>
      api<PromiseToPay>(`/api/v1/cases/${encodeURIComponent(caseId)}/promises`, { method: 'POST', body }),
    // The case's status and timeline change too (owned by the cases feature: refreshed by key prefix).
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: promiseKeys.list(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      ]),
  });
}
