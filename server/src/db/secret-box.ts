import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Secrets } from './secrets.ts';

/**
 * Secrets the product must read back (a creditor webhook's signing secret: an HMAC needs the
 * secret itself, so it cannot be hashed like a password or an API key) are kept encrypted at
 * rest with AES-256-GCM. The key is never in the database: it is SECRETS_KEY, or the key
 * generated once in DATA_DIR/secrets.json (db/secrets.ts), so a dump of the database alone does
 * not reveal any secret.
 *
 * Each value is stored as ciphertext + a fresh 96-bit IV (the size GCM is specified for, NIST
 * SP 800-38D) + the 128-bit authentication tag + the id of the key that sealed it, so the key
 * can be rotated later: a new key seals new values while the old one, still in the keyring,
 * opens the rows not re-encrypted yet. The caller passes a context (table, column, row id) that
 * is authenticated with the value (GCM additional data): a ciphertext copied into another row or
 * column fails to decrypt instead of signing with another endpoint's secret.
 */
export type SealedSecret = { ciphertext: Buffer; iv: Buffer; tag: Buffer; keyId: string };

export type SecretKeyring = {
  /** The key new values are sealed with. */
  current: { id: string; key: Buffer };
  /** Every key that may open a stored value, by id (the current one included). */
  keys: ReadonlyMap<string, Buffer>;
};

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte key from its base64 form (SECRETS_KEY, secrets.json); anything else is refused. */
export function decodeSecretsKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)');
  return key;
}

/**
 * A key's id: a short fingerprint, the same wherever the same key is configured (api and worker),
 * that says which key sealed a row without revealing anything usable about the key.
 */
export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update('relance/secrets-key-id/v1\0').update(key).digest('hex').slice(0, 16);
}

export function keyringOf(secrets: Pick<Secrets, 'secretsKey' | 'previousSecretsKeys'>): SecretKeyring {
  const key = decodeSecretsKey(secrets.secretsKey);
  const current = { id: secretKeyId(key), key };
  const keys = new Map<string, Buffer>(secrets.previousSecretsKeys.map((previous) => decodeSecretsKey(previous)).map((old) => [secretKeyId(old), old]));
  keys.set(current.id, key);
  return { current, keys };
}

export function sealSecret(keyring: SecretKeyring, plaintext: string, context: string): SealedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag(), keyId: keyring.current.id };
}

/** Throws when the key is unknown, or when the value, its IV, tag or context were altered. */
export function openSecret(keyring: SecretKeyring, sealed: SealedSecret, context: string): string {
  const key = keyring.keys.get(sealed.keyId);
  if (!key) throw new Error(`secret sealed with key ${sealed.keyId}, which is not configured (SECRETS_KEY or DATA_DIR/secrets.json)`);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
}
