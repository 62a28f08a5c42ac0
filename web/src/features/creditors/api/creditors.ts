import type { CreateUserBody, User } from '@relance/contracts/auth';
import type { CreateCreditorBody, Creditor } from '@relance/contracts/creditors';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const creditorKeys = {
  all: ['creditors'] as const,
  list: () => ['creditors', 'list'] as const,
  detail: (id: string) => ['creditors', 'detail', id] as const,
  users: (id: string) => ['users', { creditorId: id }] as const,
};

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
