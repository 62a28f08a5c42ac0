import type { LegalSettings } from '@relance/contracts/legal-actions';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

const key = ['agency', 'legal-settings'] as const;

export function legalSettingsOptions() {
  return queryOptions({ queryKey: key, queryFn: ({ signal }) => api<LegalSettings>('/api/v1/agency/legal-settings', { signal }) });
}

export function useUpdateLegalSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LegalSettings) => api<LegalSettings>('/api/v1/agency/legal-settings', { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData(key, settings),
  });
}
