import type { SavedFilter, SavedFilterInput } from '@relance/contracts/saved-filters';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

/** My saved filters of the case list, by name. */
export function savedFiltersOptions() {
  return queryOptions({
    queryKey: caseKeys.savedFilters,
    queryFn: ({ signal }) => api<{ items: SavedFilter[] }>('/api/v1/saved-filters', { signal }),
  });
}

export function useSaveFilter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedFilterInput) => api<SavedFilter>('/api/v1/saved-filters', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.savedFilters }),
  });
}

export function useDeleteSavedFilter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/saved-filters/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.savedFilters }),
  });
}
