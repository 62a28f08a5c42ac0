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
  /**
   * AES-256 key (32 bytes, base64) that seals the secrets kept in the database (db/secret-box.ts).
   * Never in the database itself: SECRETS_KEY, else generated here once. The api and the worker
   * must share it: on separate hosts, give SECRETS_KEY to both.
   */
  secretsKey: string;
  /**
   * Keys that may still open stored values but seal nothing new: the generated key once
   * SECRETS_KEY replaces it (the startup step re-seals its rows with SECRETS_KEY).
   */
  previousSecretsKeys: string[];
  /**
   * Password of relance_app, the role the app logs in as, when APP_DATABASE_URL is not given:
   * `migrate` sets it on the role (db/row-level-security.ts prepareAppRole).
   */
  databaseAppPassword: string;
};

type StoredSecrets = { jwtSecret?: string; localCardWebhookSecret?: string; secretsKey?: string; databaseAppPassword?: string };

export function loadOrCreateSecrets(dataDir: string, given: { jwtSecret?: string | undefined; secretsKey?: string | undefined } = {}): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secrets.json');
  const stored: StoredSecrets = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const kept: StoredSecrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(48).toString('base64url'),
    localCardWebhookSecret: stored.localCardWebhookSecret ?? `whsec_local_${randomBytes(24).toString('base64url')}`,
    databaseAppPassword: stored.databaseAppPassword ?? randomBytes(24).toString('base64url'),
    // Generated only when SECRETS_KEY is not given: a given key is never written to disk.
    ...(stored.secretsKey || !given.secretsKey ? { secretsKey: stored.secretsKey ?? randomBytes(32).toString('base64') } : {}),
  };
  if (
    stored.jwtSecret !== kept.jwtSecret ||
    stored.localCardWebhookSecret !== kept.localCardWebhookSecret ||
    stored.secretsKey !== kept.secretsKey ||
    stored.databaseAppPassword !== kept.databaseAppPassword
  ) {
    writeFileSync(path, JSON.stringify(kept, null, 2), { mode: 0o600 });
  }
  const secretsKey = given.secretsKey ?? (kept.secretsKey as string);
  return {
    jwtSecret: given.jwtSecret ?? (kept.jwtSecret as string),
    localCardWebhookSecret: kept.localCardWebhookSecret as string,
    secretsKey,
    previousSecretsKeys: kept.secretsKey && kept.secretsKey !== secretsKey ? [kept.secretsKey] : [],
    databaseAppPassword: kept.databaseAppPassword as string,
  };
}
