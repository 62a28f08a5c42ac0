import type { Notification, PaymentPlan, PlanPreview, PlanProposalBody, WrittenAcceptanceBody } from '@relance/contracts/plans';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, planKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export function casePlansOptions(caseId: string) {
  return queryOptions({
    queryKey: planKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<Page<PaymentPlan>>(`/api/v1/cases/${encodeURIComponent(caseId)}/plans`, { signal }),
  });
}

/** The schedule and the broken rules of a proposal; nothing is stored. */
export function planPreviewOptions(caseId: string, body: PlanProposalBody | null) {
  return queryOptions({
    queryKey: planKeys.preview(caseId, body),
    queryFn: ({ signal }) =>
      api<PlanPreview>(`/api/v1/cases/${encodeURIComponent(caseId)}/plans/preview`, { method: 'POST', body, signal }),
    enabled: body !== null,
    retry: false,
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });
}

export function useProposePlan(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanProposalBody) =>
      api<PaymentPlan>(`/api/v1/cases/${encodeURIComponent(caseId)}/plans`, { method: 'POST', body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.all }),
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      ]),
  });
}

export function useAcceptOrally(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, note }: { planId: string; note: string }) =>
      api<PaymentPlan>(`/api/v1/plans/${encodeURIComponent(planId)}/accept-orally`, { method: 'POST', body: { note } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.ofCase(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      ]),
  });
}

export function approvalsOptions() {
  return queryOptions({
    queryKey: planKeys.approvals,
    queryFn: ({ signal }) => api<Page<PaymentPlan>>('/api/v1/approvals', { signal }),
    refetchInterval: 60_000,
  });
}

export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, decision, comment }: { planId: string; decision: 'approve' | 'refuse'; comment: string }) =>
      api<PaymentPlan>(`/api/v1/approvals/${encodeURIComponent(planId)}/${decision}`, { method: 'POST', body: { comment } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKeys.all }),
  });
}

export function notificationsOptions() {
  return queryOptions({
    queryKey: planKeys.notifications,
    queryFn: ({ signal }) => api<Page<Notification>>('/api/v1/notifications', { signal }),
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKeys.notifications }),
  });
}

/** Staff record the debtor's written acceptance received: the acknowledgment that interrupts prescription. */
export function useRecordWrittenAcceptance(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, ...body }: { planId: string } & WrittenAcceptanceBody) =>
      api<PaymentPlan>(`/api/v1/plans/${encodeURIComponent(planId)}/written-acceptance`, { method: 'POST', body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.ofCase(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      ]),
  });
}
