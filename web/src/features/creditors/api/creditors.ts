import type { CreateUserBody, User } from '@relance/contracts/auth';
import type {
  CreateCreditorBody,
  CreateInvitationBody,
  Creditor,
  Invitation,
  UpdateCreditorBody,
} from '@relance/contracts/creditors';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { caseKeys, creditorKeys, planKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

export function creditorsListOptions() {
  return queryOptions({
    queryKey: creditorKeys.list(),
    queryFn: ({ signal }) => api<Page<Creditor>>('/api/v1/creditors?limit=200', { signal }),
  });
}

export function creditorOptions(id: string) {
  return queryOptions({
    queryKey: creditorKeys.detail(id),
    queryFn: ({ signal }) => api<Creditor>(`/api/v1/creditors/${encodeURIComponent(id)}`, { signal }),
  });
}

export function creditorUsersOptions(id: string) {
  return queryOptions({
    queryKey: creditorKeys.users(id),
    queryFn: ({ signal }) =>
      api<Page<User>>(`/api/v1/users?creditorId=${encodeURIComponent(id)}&limit=200`, { signal }),
  });
}

/** The form's body: mirrors createCreditorBody (brand colour as #rrggbb, dates as YYYY-MM-DD). */
export type NewCreditor = Omit<CreateCreditorBody, 'address'> & {
  address: Omit<CreateCreditorBody['address'], 'country'> & { country: 'FR' };
};

export function useCreateCreditor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCreditor) => api<Creditor>('/api/v1/creditors', { method: 'POST', body }),
    onSuccess: (creditor) => {
      queryClient.setQueryData(creditorKeys.detail(creditor.id), creditor);
      void queryClient.invalidateQueries({ queryKey: creditorKeys.all });
    },
  });
}

export function useUploadLogo(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<unknown>(`/api/v1/creditors/${encodeURIComponent(id)}/logo`, { method: 'PUT', body: form });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: creditorKeys.all }),
  });
}

export function useCreateUser(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api<User>('/api/v1/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: creditorKeys.users(creditorId) }),
  });
}

export function useUpdateCreditor(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCreditorBody) =>
      api<Creditor>(`/api/v1/creditors/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (creditor) => {
      queryClient.setQueryData(creditorKeys.detail(creditor.id), creditor);
      void queryClient.invalidateQueries({ queryKey: creditorKeys.list() });
    },
  });
}

/** Records the creditor's revocation of the mandate: every contact with its debtors stops (the case screens say so). */
export function useRevokeMandate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<Creditor>(`/api/v1/creditors/${encodeURIComponent(id)}/mandate/revoke`, { method: 'POST', body: { reason } }),
    onSuccess: (creditor) => {
      queryClient.setQueryData(creditorKeys.detail(creditor.id), creditor);
      void queryClient.invalidateQueries({ queryKey: creditorKeys.list() });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: planKeys.notifications });
    },
  });
}

export function useUploadMandateDocument(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<Creditor>(`/api/v1/creditors/${encodeURIComponent(id)}/mandate-document`, { method: 'PUT', body: form });
    },
    onSuccess: (creditor) => queryClient.setQueryData(creditorKeys.detail(creditor.id), creditor),
  });
}

/** Downloads the signed mandate through an authenticated fetch and hands it to the browser. */
export async function downloadMandateDocument(creditor: Creditor): Promise<void> {
  await downloadFile(`/api/v1/creditors/${encodeURIComponent(creditor.id)}/mandate-document`, creditor.mandate.document?.fileName ?? 'mandat.pdf');
}

export function invitationsOptions(creditorId: string) {
  return queryOptions({
    queryKey: creditorKeys.invitations(creditorId),
    queryFn: ({ signal }) =>
      api<Page<Invitation>>(`/api/v1/creditors/${encodeURIComponent(creditorId)}/invitations`, { signal }),
  });
}

export function useCreateInvitation(creditorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) =>
      api<Invitation>(`/api/v1/creditors/${encodeURIComponent(creditorId)}/invitations`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: creditorKeys.invitations(creditorId) }),
  });
}
