import type { TotpEnrolment, TotpStatus } from '@relance/contracts/auth';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export function totpStatusOptions() {
  return queryOptions({ queryKey: authKeys.totp, queryFn: ({ signal }) => api<TotpStatus>('/api/v1/auth/totp', { signal }) });
}

export function useStartTotpEnrolment() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>('/api/v1/auth/totp/enrolment', { method: 'POST', body: {} }) });
}

export function useConfirmTotpEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<{ recoveryCodes: string[] }>('/api/v1/auth/totp/enrolment/confirm', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.totp }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<void>('/api/v1/auth/totp/disable', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.totp }),
  });
}
