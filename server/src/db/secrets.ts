import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets the product needs but the operator did not give: generated on first start and
 * kept in DATA_DIR (mode 0600), so restarts keep sessions and signatures valid.
 */
export type Secrets = {
  jwtSecret: string;
  /** Shared between the local card-payment provider and our webhook endpoint. */
  localCardWebhookSecret: string;
};

export function loadOrCreateSecrets(dataDir: string, given: { jwtSecret?: string | undefined } = {}): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const secrets: Secrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(48).toString('base64url'),
    localCardWebhookSecret: stored.localCardWebhookSecret ?? `whsec_local_${randomBytes(24).toString('base64url')}`,
  };
  if (stored.jwtSecret !== secrets.jwtSecret || stored.localCardWebhookSecret !== secrets.localCardWebhookSecret) {
    writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return { ...secrets, jwtSecret: given.jwtSecret ?? secrets.jwtSecret };
}
