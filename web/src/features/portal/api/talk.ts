import type { PortalDispute, PortalDisputeResult, PortalMessage } from '@relance/contracts/portal-talk';
import { request } from '../../../shared/http.ts';

// The debtor's dispute and messages (server: features/disputes/portal.ts, features/portal-messages).
// Each form submission carries its own Idempotency-Key: a double tap or a retry after a lost answer
// records one dispute, one message.

const base = (token: string) => `/api/v1/portal/${encodeURIComponent(token)}`;

export function fetchDisputes(token: string, signal?: AbortSignal): Promise<{ items: PortalDispute[] }> {
  return request(`${base(token)}/disputes`, { signal });
}

export function sendDispute(token: string, form: FormData, idempotencyKey: string): Promise<PortalDisputeResult> {
  return request(`${base(token)}/disputes`, { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function fetchMessages(token: string, signal?: AbortSignal): Promise<{ items: PortalMessage[] }> {
  return request(`${base(token)}/messages`, { signal });
}

export function sendMessage(token: string, form: FormData, idempotencyKey: string): Promise<PortalMessage> {
  return request(`${base(token)}/messages`, { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
}

/** A key per submission: kept while the same form is retried, replaced once anything in it changes. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
