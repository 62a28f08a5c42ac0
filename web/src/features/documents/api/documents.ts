import type { CaseDocument } from '@relance/contracts/documents';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../shared/http.ts';
import { getLocale } from '../../../shared/i18n.ts';
import { caseKeys, documentKeys } from '../../../shared/query-keys.ts';
import { api, apiBlob, downloadFile, getSession } from '../../../shared/session.ts';

export function caseDocumentsOptions(caseId: string) {
  return queryOptions({
    queryKey: documentKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<{ items: CaseDocument[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/documents`, { signal }),
  });
}

/** Downloads a file through an authenticated fetch and hands it to the browser. */
export async function downloadDocument(document_: Pick<CaseDocument, 'downloadUrl' | 'fileName'>): Promise<void> {
  await downloadFile(document_.downloadUrl, document_.fileName);
}

/** Opens a PDF in a new tab (the browser's viewer), through an authenticated fetch. */
export async function openDocument(downloadUrl: string): Promise<void> {
  const { blob } = await apiBlob(downloadUrl);
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; percent: number }
  | { status: 'error'; error: ApiError }
  | { status: 'done'; document: CaseDocument };

/**
 * Upload with progress: fetch reports no upload progress, so this uses XMLHttpRequest with the
 * session's access token (in memory) and the caller's language for the error message.
 */
export function useUploadDocument(caseId: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ status: 'idle' });

  function upload(file: File, title?: string): Promise<void> {
    setState({ status: 'uploading', percent: 0 });
    const form = new FormData();
    if (title) form.append('title', title);
    form.append('file', file, file.name);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/documents`);
      const session = getSession();
      if (session.status === 'authenticated') xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', getLocale());
      xhr.withCredentials = true;
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) setState({ status: 'uploading', percent: Math.round((event.loaded / event.total) * 100) });
      };
      xhr.onload = () => {
        let body: { code?: string; message?: string; details?: unknown } & Partial<CaseDocument> = {};
        try {
          body = JSON.parse(xhr.responseText || '{}');
        } catch {
          body = {};
        }
        if (xhr.status === 201) {
          setState({ status: 'done', document: body as CaseDocument });
          void queryClient.invalidateQueries({ queryKey: documentKeys.ofCase(caseId) });
          void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
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
