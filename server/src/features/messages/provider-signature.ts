import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Secrets } from '../../db/secrets.ts';

/**
 * Callbacks of the local SMS and postal providers (and e-mail bounce notices) are signed like a
 * real provider's: header `local-messaging-signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${rawBody}`); a timestamp outside the tolerance is refused.
 */
export const MESSAGING_SIGNATURE_HEADER = 'local-messaging-signature';
export const MESSAGING_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The shared secret, derived from the generated local-provider secret (kept in DATA_DIR, never
 * a constant in the code): no new secret to store, and a key distinct from the card provider's.
 */
export function messagingWebhookSecret(secrets: Pick<Secrets, 'localCardWebhookSecret'>): string {
  return createHmac('sha256', secrets.localCardWebhookSecret).update('relance/local-messaging-webhooks/v1').digest('base64url');
}

export function signMessagingPayload(secret: string, rawBody: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

export function verifyMessagingSignature(secret: string, rawBody: string, header: string | undefined, nowSeconds: number): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((part) => {
      const [key, ...rest] = part.trim().split('=');
      return [key ?? '', rest.join('=')] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowSeconds - timestamp) > MESSAGING_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}
