import type { AnswerConsultationBody, Consultation, ConsultationList, ConsultationStatus } from '@relance/contracts/consultations';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys, consultationKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

const enc = encodeURIComponent;

export type ConsultationFilters = { status?: ConsultationStatus; caseId?: string };

export function consultationsOptions(filters: ConsultationFilters) {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.caseId) params.set('caseId', filters.caseId);
  return queryOptions({
    queryKey: consultationKeys.list(filters),
    queryFn: ({ signal }) => api<ConsultationList>(`/api/v1/consultations?${params.toString()}`, { signal }),
  });
}

function useRefresh(caseId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: consultationKeys.all });
    void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
  };
}

/** Staff ask the creditor about the case's open dispute. */
export function useAskConsultation(caseId: string, disputeId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: (question: string) =>
      api<Consultation>(`/api/v1/cases/${enc(caseId)}/disputes/${enc(disputeId)}/consultations`, { method: 'POST', body: { question } }),
    onSuccess: refresh,
  });
}

/** The creditor's answer, with the files it uploaded to the case first. */
export function useAnswerConsultation(consultation: Pick<Consultation, 'id' | 'caseId'>) {
  const refresh = useRefresh(consultation.caseId);
  return useMutation({
    mutationFn: (body: AnswerConsultationBody) => api<Consultation>(`/api/v1/consultations/${enc(consultation.id)}/answer`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export async function downloadConsultationDocument(caseId: string, document_: { id: string; fileName: string }): Promise<void> {
  await downloadFile(`/api/v1/cases/${enc(caseId)}/documents/${enc(document_.id)}/download`, document_.fileName);
}
