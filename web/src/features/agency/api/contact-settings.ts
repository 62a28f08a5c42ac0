import type { ContactSettings } from '@relance/contracts/contact-rules';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

const key = ['agency', 'contact-settings'] as const;

export function contactSettingsOptions() {
  return queryOptions({ queryKey: key, queryFn: ({ signal }) => api<ContactSettings>('/api/v1/agency/contact-settings', { signal }) });
}

export function useUpdateContactSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactSettings) => api<ContactSettings>('/api/v1/agency/contact-settings', { method: 'PUT', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(key, settings);
      // Every case's contact check depends on these settings.
      return queryClient.invalidateQueries({ queryKey: caseKeys.contactChecks });
    },
  });
}
