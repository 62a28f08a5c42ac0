import type { CaseDocument } from '@relance/contracts/documents';
import { queryOptions } from '@tanstack/react-query';
import { documentKeys } from '../../../shared/query-keys.ts';
import { api, apiBlob, downloadFile } from '../../../shared/session.ts';

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
