import type { LetterPreview, LetterPreviewBody, LetterWording } from '@relance/contracts/messages';
import type { LetterWordingSaved, WordingProposal } from '@relance/contracts/wording';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { wordingKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

const creditorPath = (creditorId: string) => `/api/v1/creditors/${encodeURIComponent(creditorId)}`;

/** The wording letters use now (approved). */
export function letterWordingOptions(creditorId: string) {
  return queryOptions({
    queryKey: wordingKeys.inForce(creditorId),
    queryFn: ({ signal }) => api<LetterWording>(`${creditorPath(creditorId)}/letter-wording`, { signal }),
    enabled: creditorId !== '',
  });
}

/** The creditor's proposals, newest first: its pending one and the last decisions. */
export function creditorProposalsOptions(creditorId: string) {
  return queryOptions({
    queryKey: wordingKeys.proposalsOf(creditorId),
    queryFn: ({ signal }) => api<{ items: WordingProposal[] }>(`${creditorPath(creditorId)}/wording-proposals`, { signal }),
    enabled: creditorId !== '',
  });
}

/** Every creditor's pending proposals (managers, administrators). */
export function pendingProposalsOptions(enabled: boolean) {
  return queryOptions({
    queryKey: wordingKeys.pending,
    queryFn: ({ signal }) => api<{ items: WordingProposal[] }>('/api/v1/wording-proposals?status=pending', { signal }),
    enabled,
  });
}

/** Saves: in force at once for the agency, a proposal for a creditor. */
export function useSaveLetterWording(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (wording: LetterWording) => api<LetterWordingSaved>(`${creditorPath(creditorId)}/letter-wording`, { method: 'PUT', body: wording }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: wordingKeys.all }),
  });
}

export function useDecideProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'refuse'; reason?: string }) =>
      api<WordingProposal>(`/api/v1/wording-proposals/${encodeURIComponent(id)}/${decision}`, {
        method: 'POST',
        ...(decision === 'refuse' ? { body: { reason } } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: wordingKeys.all }),
  });
}

export function letterPreviewOptions(creditorId: string, body: LetterPreviewBody) {
  return queryOptions({
    queryKey: wordingKeys.letterPreview(creditorId, body),
    queryFn: ({ signal }) => api<LetterPreview>(`${creditorPath(creditorId)}/letter-preview`, { method: 'POST', body, signal }),
    enabled: creditorId !== '',
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}
