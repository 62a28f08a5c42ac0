import type { CreateUserBody, User } from '@relance/contracts/auth';
import type { StaffUser, UpdateStaffUserBody } from '@relance/contracts/staff';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { portfolioKeys, staffKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

// The agency's accounts (server feature `staff`; accounts are created through POST /users).

export function staffOptions() {
  return queryOptions({
    queryKey: staffKeys.list,
    queryFn: ({ signal }) => api<{ items: StaffUser[] }>('/api/v1/staff', { signal }),
  });
}

/** A role or an account's state changes who may work cases: the workload (portfolios) follows. */
function useInvalidateStaff() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: staffKeys.list }), queryClient.invalidateQueries({ queryKey: portfolioKeys.all })]);
  };
}

export function useUpdateStaffUser() {
  const invalidate = useInvalidateStaff();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateStaffUserBody }) => api<StaffUser>(`/api/v1/users/${id}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useCreateStaffUser() {
  const invalidate = useInvalidateStaff();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api<User>('/api/v1/users', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}
