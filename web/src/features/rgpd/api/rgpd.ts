import type { CaseDetail } from '@relance/contracts/cases';
import type { CreateRgpdRequestBody, DecideRgpdRequestBody, RgpdRequest, RgpdRequestStatus } from '@relance/contracts/rgpd';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, rgpdKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

export function rgpdRequestsOptions(status: RgpdRequestStatus | 'all') {
  return queryOptions({
    queryKey: rgpdKeys.list(status),
    queryFn: ({ signal }) => api<Page<RgpdRequest>>(`/api/v1/rgpd-requests?limit=200${status === 'all' ? '' : `&status=${status}`}`, { signal }),
  });
}

export function caseRgpdRequestsOptions(caseId: string) {
  return queryOptions({
    queryKey: rgpdKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<Page<RgpdRequest>>(`/api/v1/rgpd-requests?limit=50&caseId=${encodeURIComponent(caseId)}`, { signal }),
  });
}

/** The debtor's identity and contacts, to rectify them (a read of the file: the server records it). */
export function debtorOfCaseOptions(caseId: string) {
  return queryOptions({
    queryKey: rgpdKeys.debtor(caseId),
    queryFn: ({ signal }) => api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(caseId)}`, { signal }),
    select: (detail) => detail.debtor,
  });
}

export function useCreateRgpdRequest(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRgpdRequestBody) =>
      api<RgpdRequest>(`/api/v1/cases/${encodeURIComponent(caseId)}/rgpd-requests`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rgpdKeys.all }),
  });
}

export function useDecideRgpdRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DecideRgpdRequestBody }) =>
      api<RgpdRequest>(`/api/v1/rgpd-requests/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: rgpdKeys.all }), queryClient.invalidateQueries({ queryKey: caseKeys.all })]),
  });
}

/** Downloads the debtor's data (art. 15) as JSON or as a PDF summary; the server records the export. */
export async function downloadDebtorData(caseId: string, format: 'json' | 'pdf'): Promise<void> {
  await downloadFile(`/api/v1/cases/${encodeURIComponent(caseId)}/debtor-data${format === 'pdf' ? '/pdf' : ''}`, `donnees.${format}`);
}
