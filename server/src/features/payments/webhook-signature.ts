/**
 * The local card provider's webhook header (format and check: plugins/signed-webhook.ts), signed
 * with secrets.localCardWebhookSecret.
 */
export const SIGNATURE_HEADER = 'local-card-signature';
