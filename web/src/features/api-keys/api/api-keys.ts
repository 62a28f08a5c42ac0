import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '@relance/contracts/api-keys';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKeyKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

const base = (creditorId: string) => `/api/v1/creditors/${encodeURIComponent(creditorId)}`;

export function apiKeysOptions(creditorId: string) {
  return queryOptions({
    queryKey: apiKeyKeys.ofCreditor(creditorId),
    queryFn: ({ signal }) => api<{ items: ApiKey[] }>(`${base(creditorId)}/api-keys`, { signal }),
  });
}

export function useCreateApiKey(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api<CreatedApiKey>(`${base(creditorId)}/api-keys`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.ofCreditor(creditorId) }),
  });
}

export function useRevokeApiKey(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      api<ApiKey>(`${base(creditorId)}/api-keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.ofCreditor(creditorId) }),
  });
}
