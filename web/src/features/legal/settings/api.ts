import type {
  CommissaireDto,
  CourtDetailDto,
  CourtImportReportDto,
  CourtListDto,
  CourtLookupDto,
  CreateCommissaireBody,
  CreateCourtBody,
  UpdateCommissaireBody,
  UpdateCourtBody,
} from '@relance/contracts/legal-directory';
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../shared/http.ts';
import { getLocale } from '../../../shared/i18n.ts';
import { legalDirectoryKeys } from '../../../shared/query-keys.ts';
import { api, getSession } from '../../../shared/session.ts';

// The court directory and the commissaires: queries, mutations, and the import's upload with progress.

export type CourtFilters = { q: string; kind: string; postalCode: string };

export function courtListOptions(filters: CourtFilters) {
  return infiniteQueryOptions({
    queryKey: legalDirectoryKeys.courtList(filters),
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (filters.q.trim()) params.set('q', filters.q.trim());
      if (filters.kind) params.set('kind', filters.kind);
      if (/^\d{1,5}$/.test(filters.postalCode.trim())) params.set('postalCode', filters.postalCode.trim());
      if (pageParam) params.set('cursor', pageParam);
      return api<CourtListDto>(`/api/v1/courts?${params}`, { signal });
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function courtOptions(id: string) {
  return queryOptions({
    queryKey: legalDirectoryKeys.court(id),
    queryFn: ({ signal }) => api<CourtDetailDto>(`/api/v1/courts/${encodeURIComponent(id)}`, { signal }),
  });
}

export function lookupCourt(postalCode: string, city: string, kind: string): Promise<CourtLookupDto> {
  const params = new URLSearchParams({ postalCode, city, kind });
  return api<CourtLookupDto>(`/api/v1/courts/lookup?${params}`);
}

export function useSaveCourt(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCourtBody) => {
      if (id === null) return api<CourtDetailDto>('/api/v1/courts', { method: 'POST', body });
      const { code: _code, ...changes } = body;
      return api<CourtDetailDto>(`/api/v1/courts/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes satisfies UpdateCourtBody });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: legalDirectoryKeys.courts }),
  });
}

export type ImportState =
  | { status: 'idle' }
  | { status: 'uploading'; percent: number }
  | { status: 'processing' }
  | { status: 'error'; error: ApiError }
  | { status: 'done'; report: CourtImportReportDto };

/** POST courts/import with upload progress (fetch reports none): XMLHttpRequest with the session's token. */
export function useCourtImport() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ImportState>({ status: 'idle' });

  function upload(file: File): Promise<void> {
    setState({ status: 'uploading', percent: 0 });
    const form = new FormData();
    form.append('file', file, file.name);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/courts/import');
      const session = getSession();
      if (session.status === 'authenticated') xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', getLocale());
      xhr.withCredentials = true;
      xhr.upload.onprogress = (event) => {
        if (!event.lengthComputable) return;
        const percent = Math.round((event.loaded / event.total) * 100);
        setState(percent >= 100 ? { status: 'processing' } : { status: 'uploading', percent });
      };
      xhr.upload.onload = () => setState({ status: 'processing' });
      xhr.onload = () => {
        let body: { code?: string; message?: string; details?: unknown } = {};
        try {
          body = JSON.parse(xhr.responseText || '{}');
        } catch {
          body = {};
        }
        if (xhr.status === 200) {
          setState({ status: 'done', report: body as CourtImportReportDto });
          void queryClient.invalidateQueries({ queryKey: legalDirectoryKeys.courts });
        } else {
          setState({ status: 'error', error: new ApiError(xhr.status, body.code ?? 'internal_error', body.message ?? `HTTP ${xhr.status}`, body.details) });
        }
        resolve();
      };
      xhr.onerror = () => {
        setState({ status: 'error', error: new ApiError(0, 'network_error', getLocale() === 'fr' ? 'Le serveur est injoignable.' : 'The server cannot be reached.') });
        resolve();
      };
      xhr.send(form);
    });
  }

  return { state, upload, reset: () => setState({ status: 'idle' }) };
}

export type CommissaireFilters = { q: string; district: string; active: 'all' | 'true' | 'false' };

export function commissaireListOptions(filters: CommissaireFilters) {
  return queryOptions({
    queryKey: legalDirectoryKeys.commissaireList(filters),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ active: filters.active });
      if (filters.q.trim()) params.set('q', filters.q.trim());
      if (filters.district) params.set('district', filters.district);
      return api<{ items: CommissaireDto[] }>(`/api/v1/commissaires?${params}`, { signal });
    },
  });
}

export function useSaveCommissaire(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommissaireBody | UpdateCommissaireBody) =>
      id === null
        ? api<CommissaireDto>('/api/v1/commissaires', { method: 'POST', body })
        : api<CommissaireDto>(`/api/v1/commissaires/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: legalDirectoryKeys.commissaires }),
  });
}
