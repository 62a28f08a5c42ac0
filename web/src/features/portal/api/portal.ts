import type { PortalCase } from '@relance/contracts/portal';
import { request } from '../../../shared/http.ts';

// The debtor is identified by the link's token only: no session, no Authorization header.

export function fetchPortalCase(token: string, signal?: AbortSignal): Promise<PortalCase> {
  return request<PortalCase>(`/api/v1/portal/${encodeURIComponent(token)}`, { signal });
}

/** /pay/<token>[/...] -> token */
export function tokenFromPath(pathname: string): string | null {
  const match = /^\/pay\/([^/?#]+)/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** Answers the check; the server sets the session cookie the other debtor routes ask for. */
export function verifyDebtor(token: string, answer: string): Promise<{ verified: true; expiresAt: string }> {
  return request(`/api/v1/portal/${encodeURIComponent(token)}/verify`, { method: 'POST', body: { answer } });
}

/**
 * One key per form submission of the debtor's page (the `Idempotency-Key` header): a retry of the
 * same submission sends it again and the server replays the first answer.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
