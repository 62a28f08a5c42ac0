import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '@relance/contracts/api-keys';
import type { Creditor } from '@relance/contracts/creditors';
import type { CreatedWebhook, CreateWebhookBody, Webhook, WebhookDelivery } from '@relance/contracts/webhooks';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const base = (creditorId: string) => `/api/v1/creditors/${encodeURIComponent(creditorId)}`;

export const integrationKeys = {
  creditor: (creditorId: string) => ['integrations', 'creditor', creditorId] as const,
  apiKeys: (creditorId: string) => ['integrations', 'api-keys', creditorId] as const,
  webhooks: (creditorId: string) => ['integrations', 'webhooks', creditorId] as const,
  deliveries: (creditorId: string, webhookId: string) => ['integrations', 'deliveries', creditorId, webhookId] as const,
};

/** The creditor's name for the page title (staff open any creditor, creditor users their own). */
export function integrationCreditorOptions(creditorId: string) {
  return queryOptions({
    queryKey: integrationKeys.creditor(creditorId),
    queryFn: ({ signal }) => api<Creditor>(base(creditorId), { signal }),
    staleTime: 60_000,
  });
}

export function apiKeysOptions(creditorId: string) {
  return queryOptions({
    queryKey: integrationKeys.apiKeys(creditorId),
    queryFn: ({ signal }) => api<{ items: ApiKey[] }>(`${base(creditorId)}/api-keys`, { signal }),
  });
}

export function useCreateApiKey(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api<CreatedApiKey>(`${base(creditorId)}/api-keys`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(creditorId) }),
  });
}

export function useRevokeApiKey(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      api<ApiKey>(`${base(creditorId)}/api-keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(creditorId) }),
  });
}

export function webhooksOptions(creditorId: string) {
  return queryOptions({
    queryKey: integrationKeys.webhooks(creditorId),
    queryFn: ({ signal }) => api<{ items: Webhook[] }>(`${base(creditorId)}/webhooks`, { signal }),
  });
}

export function useCreateWebhook(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => api<CreatedWebhook>(`${base(creditorId)}/webhooks`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.webhooks(creditorId) }),
  });
}

export function useDeleteWebhook(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) =>
      api<void>(`${base(creditorId)}/webhooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.webhooks(creditorId) }),
  });
}

export function deliveriesOptions(creditorId: string, webhookId: string) {
  return queryOptions({
    queryKey: integrationKeys.deliveries(creditorId, webhookId),
    queryFn: ({ signal }) =>
      api<Page<WebhookDelivery>>(`${base(creditorId)}/webhooks/${encodeURIComponent(webhookId)}/deliveries?limit=50`, { signal }),
    // Retries happen in the background: keep the log fresh while it is open.
    refetchInterval: 15_000,
  });
}
