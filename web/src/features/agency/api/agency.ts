import type { AgencyResponse, UpdateAgencyBody } from '@relance/contracts/agency';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { agencyKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export function agencyOptions() {
  return queryOptions({
    queryKey: agencyKeys.all,
    queryFn: ({ signal }) => api<AgencyResponse>('/api/v1/agency', { signal }),
    // The status changes with the calendar (an insurance expires overnight): re-read now and then.
    staleTime: 5 * 60_000,
  });
}

export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAgencyBody) => api<AgencyResponse>('/api/v1/agency', { method: 'PUT', body }),
    onSuccess: (agency) => {
      queryClient.setQueryData(agencyKeys.all, agency);
      // The brand's name falls back to the legal name: the shell re-reads it.
      void queryClient.invalidateQueries({ queryKey: agencyKeys.brand });
    },
  });
}
