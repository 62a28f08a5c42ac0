import type { Message, MessagePage, MessagePreview, OutboxQuery, QueueMessageBody } from '@relance/contracts/messages';
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { messageKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export type OutboxFilters = Pick<OutboxQuery, 'channel' | 'status' | 'creditorId'>;

const PAGE_SIZE = 25;

export function outboxOptions(filters: OutboxFilters) {
  return infiniteQueryOptions({
    queryKey: messageKeys.outbox(filters),
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (filters.channel) params.set('channel', filters.channel);
      if (filters.status) params.set('status', filters.status);
      if (filters.creditorId) params.set('creditorId', filters.creditorId);
      if (pageParam) params.set('cursor', pageParam);
      return api<MessagePage>(`/api/v1/messages?${params}`, { signal });
    },
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Queued messages move on within seconds: keep the outbox fresh while it is open.
    refetchInterval: 5_000,
  });
}

export function caseMessagesOptions(caseId: string) {
  return queryOptions({
    queryKey: messageKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<{ items: Message[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/messages`, { signal }),
    // Follow the worker and the providers while something is moving: queued in the last ten minutes
    // (older, it waits for the contact window: the legal gate deferred it), or sent in the last two
    // minutes (delivery and acknowledgment callbacks come within seconds).
    refetchInterval: (query) =>
      query.state.data?.items.some(
        (message) =>
          (message.status === 'queued' && Date.now() - Date.parse(message.queuedAt) < 600_000) ||
          (message.status === 'sent' && Date.now() - Date.parse(message.sentAt ?? message.queuedAt) < 120_000),
      )
        ? 3_000
        : false,
  });
}

export function messagePreviewOptions(id: string) {
  return queryOptions({
    queryKey: messageKeys.preview(id),
    queryFn: ({ signal }) => api<MessagePreview>(`/api/v1/messages/${encodeURIComponent(id)}/preview`, { signal }),
  });
}

export function useResendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Message>(`/api/v1/messages/${encodeURIComponent(id)}/resend`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useQueueMessage(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QueueMessageBody) => api<Message>(`/api/v1/cases/${encodeURIComponent(caseId)}/messages`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  });
}
