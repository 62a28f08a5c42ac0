import type { AgencyBrand, AgencyResponse, UpdateAgencyBody } from '@relance/contracts/agency';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { agencyKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

// The agency's brand (issue 19): saved with the profile (PUT /agency), the logo on its own route.
// Each write refreshes the profile and the public brand the shell and the theme read.

export function useSaveBrand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAgencyBody) => api<AgencyResponse>('/api/v1/agency', { method: 'PUT', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}

export function useUploadAgencyLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<AgencyBrand>('/api/v1/agency/logo', { method: 'PUT', body: form });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}

export function useRemoveAgencyLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<AgencyBrand>('/api/v1/agency/logo', { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}
