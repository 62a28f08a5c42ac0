import type { CaseOutcome } from '@relance/contracts/case-work';
import type { ClosureProposal, ImminentPrescription } from '@relance/contracts/prescription';
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, prescriptionKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

const pageUrl = (path: string, cursor: string | null) => `${path}?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** Open cases whose every claim is prescribed: proposed for closure. */
export function closureProposalsOptions() {
  return infiniteQueryOptions({
    queryKey: prescriptionKeys.closureProposals,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<ClosureProposal>>(pageUrl('/api/v1/prescription/closure-proposals', pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Claims that prescribe within 90 days, nearest first. */
export function imminentOptions() {
  return infiniteQueryOptions({
    queryKey: prescriptionKeys.imminent,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<ImminentPrescription>>(pageUrl('/api/v1/prescription/imminent', pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Closes a case through the ordinary status change (the case's timeline gets the reason). */
export function useCloseCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, outcome, reason }: { caseId: string; outcome: CaseOutcome; reason: string }) =>
      api(`/api/v1/cases/${encodeURIComponent(caseId)}/status`, { method: 'POST', body: { status: 'closed', outcome, reason } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: prescriptionKeys.all }),
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      ]),
  });
}
