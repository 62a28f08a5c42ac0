import type { ImportCreated, ImportMapping, ImportPreview, ImportSummary } from '@relance/contracts/imports';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, importKeys, reportKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

export function importsListOptions() {
  return queryOptions({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => api<Page<ImportSummary>>('/api/v1/imports?limit=50', { signal }),
  });
}

/** One import; polled every second while it runs (progress bar), then left alone. */
export function importOptions(id: string) {
  return queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => api<ImportSummary>(`/api/v1/imports/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}

/** The preview with the mapping in use (saved, suggested or the one of the upload). */
export function importPreviewOptions(id: string) {
  return queryOptions({
    queryKey: importKeys.preview(id),
    queryFn: ({ signal }) => api<ImportPreview>(`/api/v1/imports/${id}/preview`, { signal }),
    // A dry run over the whole file: do not repeat it on every focus.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, creditorId, sheet }: { file: File; creditorId?: string; sheet?: string }) => {
      const form = new FormData();
      // Fields before the file: the server's streaming multipart parser reads them first.
      if (creditorId) form.append('creditorId', creditorId);
      if (sheet) form.append('sheet', sheet);
      form.append('file', file, file.name);
      return api<ImportCreated>('/api/v1/imports', { method: 'POST', body: form });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: importKeys.list() }),
  });
}

/** Tries a corrected mapping (not saved until commit); the answer replaces the cached preview. */
export function useRefreshPreview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mapping: ImportMapping) => api<ImportPreview>(`/api/v1/imports/${id}/preview`, { method: 'POST', body: { mapping } }),
    onSuccess: (preview) => queryClient.setQueryData(importKeys.preview(id), preview),
  });
}

export function useCommitImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mapping: ImportMapping | undefined) =>
      api<ImportSummary>(`/api/v1/imports/${id}/commit`, { method: 'POST', body: mapping ? { mapping } : {} }),
    onSuccess: (summary) => {
      queryClient.setQueryData(importKeys.detail(id), summary);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

export function useCancelImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<ImportSummary>(`/api/v1/imports/${id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: (summary) => {
      queryClient.setQueryData(importKeys.detail(id), summary);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

/** Called once an import has finished: new cases appear in the case list and dashboards. */
export function useImportFinished() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    void queryClient.invalidateQueries({ queryKey: reportKeys.all });
  };
}

/** The rejected rows as CSV: the endpoint needs the bearer token, so fetch it and save the blob. */
export async function downloadRejections(id: string): Promise<void> {
  await downloadFile(`/api/v1/imports/${id}/rejections`, `rejets-${id}.csv`);
}
