import type { CaseDocument, PieceKind } from '@relance/contracts/documents';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from './http.ts';
import { getLocale } from './i18n.ts';
import { caseKeys, documentKeys } from './query-keys.ts';
import { getSession } from './session.ts';

// A file added to a case (POST /cases/{id}/documents) with its progress: the case's documents card
// and the creditor's answer to a consultation (which joins the files it just uploaded) both use it.

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

  function upload(file: File, options: { title?: string | undefined; pieceKind?: PieceKind | null | undefined } = {}): Promise<CaseDocument | null> {
    setState({ status: 'uploading', percent: 0 });
    const form = new FormData();
    // The fields go before the file: the server reads them as the file starts.
    if (options.title) form.append('title', options.title);
    if (options.pieceKind) form.append('pieceKind', options.pieceKind);
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
          resolve(body as CaseDocument);
        } else {
          setState({ status: 'error', error: new ApiError(xhr.status, body.code ?? 'internal_error', body.message ?? `HTTP ${xhr.status}`, body.details) });
          resolve(null);
        }
      };
      xhr.onerror = () => {
        setState({ status: 'error', error: new ApiError(0, 'network_error', getLocale() === 'fr' ? 'Le serveur est injoignable.' : 'The server cannot be reached.') });
        resolve(null);
      };
      xhr.send(form);
    });
  }

  return { state, upload, reset: () => setState({ status: 'idle' }) };
}
