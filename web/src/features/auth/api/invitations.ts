import type { Session } from '@relance/contracts/auth';
import type { CreditorRole } from '@relance/contracts/creditors';
import { queryOptions, useMutation } from '@tanstack/react-query';
import { request } from '../../../shared/http.ts';
import { authKeys } from '../../../shared/query-keys.ts';
import { startSession } from '../../../shared/session.ts';

/** What the public invitation endpoint says (see publicInvitation in contracts). */
export interface PublicInvitation {
  email: string;
  name: string;
  creditorRole: CreditorRole;
  creditor: { legalName: string };
  expiresAt: string;
}

export function publicInvitationOptions(token: string) {
  return queryOptions({
    queryKey: authKeys.invitation(token),
    queryFn: ({ signal }) => request<PublicInvitation>(`/api/v1/invitations/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Accepting creates the account and answers like a login: the session starts right away. */
export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (password: string) =>
      request<Session>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body: { password } }),
    onSuccess: (session) => startSession(session),
  });
}
