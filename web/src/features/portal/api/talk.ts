import type { PortalDisputeResult, PortalMessage } from '@relance/contracts/portal-talk';
import { request } from '../../../shared/http.ts';

// The debtor's dispute and messages (server: features/disputes/portal.ts, features/portal-messages).
// Each form submission carries its own Idempotency-Key: a double tap or a retry after a lost answer
// records one dispute, one message.

const base = (token: string) => `/api/v1/portal/${encodeURIComponent(token)}`;

export function sendDispute(token: string, form: FormData, idempotencyKey: string): Promise<PortalDisputeResult> {
  return request(`${base(token)}/disputes`, { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function sendMessage(token: string, form: FormData, idempotencyKey: string): Promise<PortalMessage> {
  return request(`${base(token)}/messages`, { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
}

