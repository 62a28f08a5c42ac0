import type { TotpEnrolment, TotpStatus } from '@relance/contracts/auth';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

const statusKey = ['auth', 'totp'] as const;

export function totpStatusOptions() {
  return queryOptions({ queryKey: statusKey, queryFn: ({ signal }) => api<TotpStatus>('/api/v1/auth/totp', { signal }) });
}

export function useStartTotpEnrolment() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>('/api/v1/auth/totp/enrolment', { method: 'POST', body: {} }) });
}

export function useConfirmTotpEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<{ recoveryCodes: string[] }>('/api/v1/auth/totp/enrolment/confirm', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statusKey }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<void>('/api/v1/auth/totp/disable', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statusKey }),
  });
}
