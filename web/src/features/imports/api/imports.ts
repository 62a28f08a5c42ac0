import type { ImportSummary } from '@relance/contracts/imports';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
};

export function importsListOptions() {
  return queryOptions({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => api<Page<ImportSummary>>('/api/v1/imports?limit=50', { signal }),
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, creditorId }: { file: File; creditorId?: string }) => {
      const form = new FormData();
      // Fields before the file: a streaming multipart parser sees creditorId first.
      if (creditorId) form.append('creditorId', creditorId);
      form.append('file', file, file.name);
      return api<ImportSummary>('/api/v1/imports', { method: 'POST', body: form });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
      // New cases appear in the case list and dashboards.
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
