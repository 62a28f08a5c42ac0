import type { AddContactBody, ChangeStatusBody, Dispute, ResolveDisputeBody, ScheduleCallbackBody } from '@relance/contracts/case-work';
import type { ContactCheck, ContactRuleReason } from '@relance/contracts/contact-rules';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

const base = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`;

/** Before calling: what a call now would break. Re-read every minute (the clock moves, 20:00 comes). */
export function contactCheckOptions(caseId: string) {
  return queryOptions({
    queryKey: caseKeys.contactCheck(caseId),
    queryFn: ({ signal }) => api<ContactCheck>(`${base(caseId)}/contact-check`, { signal }),
    refetchInterval: 60_000,
  });
}

/** Every case-work mutation refreshes the case (header, timeline), its contact check and the list. */
function useCaseMutation<TBody, TResult>(caseId: string, request: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.contactCheck(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists }),
      ]),
  });
}

export function useChangeStatus(caseId: string) {
  return useCaseMutation(caseId, (body: ChangeStatusBody) => api(`${base(caseId)}/status`, { method: 'POST', body }));
}

export interface CallbackResult {
  caseId: string;
  callbackDueAt: string | null;
  warnings: ContactRuleReason[];
}

export function useScheduleCallback(caseId: string) {
  return useCaseMutation(caseId, (body: ScheduleCallbackBody) => api<CallbackResult>(`${base(caseId)}/callback`, { method: 'POST', body }));
}

export function useCancelCallback(caseId: string) {
  return useCaseMutation(caseId, () => api<CallbackResult>(`${base(caseId)}/callback`, { method: 'DELETE' }));
}

export function useOpenDispute(caseId: string) {
  return useCaseMutation(caseId, (body: { reason: string }) => api<Dispute>(`${base(caseId)}/disputes`, { method: 'POST', body }));
}

export function useResolveDispute(caseId: string) {
  return useCaseMutation(caseId, ({ disputeId, ...body }: ResolveDisputeBody & { disputeId: string }) =>
    api<Dispute>(`${base(caseId)}/disputes/${encodeURIComponent(disputeId)}/resolve`, { method: 'POST', body }),
  );
}

export function useFlagVulnerable(caseId: string) {
  return useCaseMutation(caseId, (body: { note: string }) => api(`${base(caseId)}/vulnerability`, { method: 'POST', body }));
}

export function useLiftVulnerability(caseId: string) {
  return useCaseMutation(caseId, (body: { note: string }) => api(`${base(caseId)}/vulnerability/lift`, { method: 'POST', body }));
}

export function useAddContact(caseId: string) {
  return useCaseMutation(caseId, (body: AddContactBody) => api(`${base(caseId)}/contacts`, { method: 'POST', body }));
}

export function useSetContactValidity(caseId: string) {
  return useCaseMutation(caseId, ({ kind, contactId, valid }: { kind: 'email' | 'phone' | 'address'; contactId: string; valid: boolean }) =>
    api(`${base(caseId)}/contacts/${kind}/${encodeURIComponent(contactId)}`, { method: 'PATCH', body: { valid } }),
  );
}
