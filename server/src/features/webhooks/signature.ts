import { createHmac } from 'node:crypto';

/**
 * Creditor webhook signatures, in the usual provider format (as our local card provider):
 * `Relance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Receivers recompute v1 over the raw body, compare in constant time and refuse old timestamps.
 */
export const SIGNATURE_HEADER = 'Relance-Signature';
export const EVENT_ID_HEADER = 'Relance-Event-Id';

export function signWebhookBody(secret: string, rawBody: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}
