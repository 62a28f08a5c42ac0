import type { StaffPortalMessage } from '@relance/contracts/portal-talk';
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, portalMessageKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export type InboxStatus = 'unanswered' | 'all';

/** The team inbox: debtors' messages, newest first, 50 a page. */
export function inboxOptions(status: InboxStatus) {
  return infiniteQueryOptions({
    queryKey: portalMessageKeys.inbox(status),
    queryFn: ({ signal, pageParam }) =>
      api<Page<StaffPortalMessage>>(`/api/v1/portal-messages?status=${status}&limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
}

/** A case's whole thread with its debtor, oldest first. */
export function threadOptions(caseId: string) {
  return queryOptions({
    queryKey: portalMessageKeys.thread(caseId),
    queryFn: ({ signal }) => api<{ items: StaffPortalMessage[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/portal-messages`, { signal }),
  });
}

function useRefresh(caseId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: portalMessageKeys.all }),
      // The reply and the "handled" mark write to the case timeline.
      queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
    ]);
}

export function useReply(caseId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: ({ body, key }: { body: string; key: string }) =>
      api<StaffPortalMessage>(`/api/v1/cases/${encodeURIComponent(caseId)}/portal-messages`, { method: 'POST', body: { body }, headers: { 'Idempotency-Key': key } }),
    onSuccess: refresh,
  });
}

export function useMarkAnswered(caseId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: (messageId: string) => api<StaffPortalMessage>(`/api/v1/portal-messages/${encodeURIComponent(messageId)}/answered`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
}

/** Opening a thread marks its unread messages read (the inbox shows who still has to look). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api<StaffPortalMessage>(`/api/v1/portal-messages/${encodeURIComponent(messageId)}/read`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalMessageKeys.all }),
  });
}

/** An Idempotency-Key per reply text (crypto.randomUUID needs a secure context: a fallback elsewhere). */
export function newReplyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
