import type {
  LegalActionDto,
  LegalActionSummaryDto,
  LegalApprovalBody,
  LegalCostBody,
  LegalCostDto,
  LegalDocumentDto,
  LegalEventBody,
  LegalPrecheckDto,
  ProposeLegalActionBody,
} from '@relance/contracts/legal-actions';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys, legalKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

// The judicial phase's API (server/src/features/legal/routes.ts): pre-checks, proposal, approvals,
// events, the list by stage, and the documents prepared once both approvals are in.

const enc = encodeURIComponent;

export type BoardFilters = { stage: 'open' | 'awaiting_approval' | 'in_court' | 'closed' | 'all'; kind?: string; creditorId?: string; caseId?: string };

function listPath(filters: BoardFilters): string {
  const params = new URLSearchParams({ stage: filters.stage });
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.creditorId) params.set('creditorId', filters.creditorId);
  if (filters.caseId) params.set('caseId', filters.caseId);
  return `/api/v1/legal-actions?${params.toString()}`;
}

export function legalListOptions(filters: BoardFilters) {
  return queryOptions({
    queryKey: legalKeys.board(filters),
    queryFn: ({ signal }) => api<{ items: LegalActionSummaryDto[] }>(listPath(filters), { signal }),
  });
}

/** Every action of the case (open and closed), newest first as the server orders them. */
export function caseLegalActionsOptions(caseId: string) {
  return queryOptions({
    queryKey: legalKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<{ items: LegalActionSummaryDto[] }>(listPath({ stage: 'all', caseId }), { signal }),
  });
}

export function legalActionOptions(id: string) {
  return queryOptions({
    queryKey: legalKeys.detail(id),
    queryFn: ({ signal }) => api<LegalActionDto>(`/api/v1/legal-actions/${enc(id)}`, { signal }),
  });
}

export function legalDocumentsOptions(id: string, enabled = true) {
  return queryOptions({
    queryKey: legalKeys.documents(id),
    queryFn: ({ signal }) => api<{ items: LegalDocumentDto[] }>(`/api/v1/legal-actions/${enc(id)}/documents`, { signal }),
    enabled,
    retry: false,
  });
}

export function precheckOptions(caseId: string, kind: string) {
  return queryOptions({
    queryKey: legalKeys.precheck(caseId, kind),
    queryFn: ({ signal }) => api<LegalPrecheckDto>(`/api/v1/cases/${enc(caseId)}/legal-actions/precheck?kind=${enc(kind)}`, { signal }),
    enabled: kind !== '',
    retry: false,
  });
}

/** A write on an action refreshes every legal screen, and the case (its status and timeline move on filing). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: legalKeys.actions }), queryClient.invalidateQueries({ queryKey: caseKeys.all })]);
}

export function useProposeLegalAction(caseId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ProposeLegalActionBody) => api<LegalActionDto>(`/api/v1/cases/${enc(caseId)}/legal-actions`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDecideLegalAction(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: LegalApprovalBody) => api<LegalActionDto>(`/api/v1/legal-actions/${enc(id)}/approvals`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRecordLegalEvent(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: LegalEventBody) => api<LegalActionDto>(`/api/v1/legal-actions/${enc(id)}/events`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useChooseVenue(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { courtId?: string; commissaireId?: string }) => api<LegalActionDto>(`/api/v1/legal-actions/${enc(id)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useRecordLegalCost(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: LegalCostBody) => api<LegalCostDto>(`/api/v1/legal-actions/${enc(id)}/costs`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export async function downloadLegalDocument(document_: Pick<LegalDocumentDto, 'downloadUrl' | 'fileName'>): Promise<void> {
  await downloadFile(document_.downloadUrl, document_.fileName);
}

export async function downloadDossier(actionId: string, caseReference: string): Promise<void> {
  await downloadFile(`/api/v1/legal-actions/${enc(actionId)}/dossier.zip`, `dossier-${caseReference}.zip`);
}
