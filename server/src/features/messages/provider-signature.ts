import { createHmac } from 'node:crypto';
import type { Secrets } from '../../db/secrets.ts';

/**
 * Callbacks of the local SMS and postal providers (and e-mail bounce notices) are signed like a
 * real provider's (format and check: plugins/signed-webhook.ts), under this header.
 */
export const MESSAGING_SIGNATURE_HEADER = 'local-messaging-signature';

/**
 * The shared secret, derived from the generated local-provider secret (kept in DATA_DIR, never
 * a constant in the code): no new secret to store, and a key distinct from the card provider's.
 */
export function messagingWebhookSecret(secrets: Pick<Secrets, 'localCardWebhookSecret'>): string {
  return createHmac('sha256', secrets.localCardWebhookSecret).update('relance/local-messaging-webhooks/v1').digest('base64url');
}
