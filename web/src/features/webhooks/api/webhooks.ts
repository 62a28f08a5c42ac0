import type { CreatedWebhook, CreateWebhookBody, Webhook, WebhookDelivery } from '@relance/contracts/webhooks';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { webhookKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

const base = (creditorId: string) => `/api/v1/creditors/${encodeURIComponent(creditorId)}`;

/** The creditor's name for the page title (staff open any creditor, creditor users their own). */

export function webhooksOptions(creditorId: string) {
  return queryOptions({
    queryKey: webhookKeys.ofCreditor(creditorId),
    queryFn: ({ signal }) => api<{ items: Webhook[] }>(`${base(creditorId)}/webhooks`, { signal }),
  });
}

export function useCreateWebhook(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => api<CreatedWebhook>(`${base(creditorId)}/webhooks`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.ofCreditor(creditorId) }),
  });
}

export function useDeleteWebhook(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) =>
      api<void>(`${base(creditorId)}/webhooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.ofCreditor(creditorId) }),
  });
}

export function deliveriesOptions(creditorId: string, webhookId: string) {
  return queryOptions({
    queryKey: webhookKeys.deliveries(creditorId, webhookId),
    queryFn: ({ signal }) =>
      api<Page<WebhookDelivery>>(`${base(creditorId)}/webhooks/${encodeURIComponent(webhookId)}/deliveries?limit=50`, { signal }),
    // Retries happen in the background: keep the log fresh while it is open.
    refetchInterval: 15_000,
  });
}
