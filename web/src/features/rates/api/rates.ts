import type { AddRateBody, LegalRate, RateTableDto } from '@relance/contracts/statements';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys, legalKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export function ratesOptions() {
  return queryOptions({
    queryKey: legalKeys.rates,
    queryFn: ({ signal }) => api<RateTableDto>('/api/v1/rates', { signal }),
  });
}

export function useAddRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddRateBody) => api<LegalRate>('/api/v1/rates', { method: 'POST', body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: legalKeys.rates }),
        // A statement refused for this half-year can now be computed. The cases feature owns
        // that key; naming its prefix here is the only coupling, and it is a string.
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      ]),
  });
}
