/**
 * Creditor webhook headers. The signature is the usual provider format (plugins/signed-webhook.ts,
 * as our local card provider): `Relance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Receivers recompute v1 over the raw body, compare in constant time and refuse old timestamps.
 */
export const SIGNATURE_HEADER = 'Relance-Signature';
export const EVENT_ID_HEADER = 'Relance-Event-Id';
