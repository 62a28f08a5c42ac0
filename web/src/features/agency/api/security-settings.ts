import type { SecuritySettings } from '@relance/contracts/auth';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

const settingsKey = ['agency', 'security-settings'] as const;
// The account security page's query (features/auth): whether 2FA is required changes with this setting.
const totpStatusKey = ['auth', 'totp'] as const;

export function securitySettingsOptions() {
  return queryOptions({ queryKey: settingsKey, queryFn: ({ signal }) => api<SecuritySettings>('/api/v1/agency/security-settings', { signal }) });
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecuritySettings) => api<SecuritySettings>('/api/v1/agency/security-settings', { method: 'PUT', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      return queryClient.invalidateQueries({ queryKey: totpStatusKey });
    },
  });
}
