import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to Argon2id (the OWASP recommendation); parameters are the
// library's defaults (19 MiB, 2 passes), checked in the tests by the hash prefix.
export const MINIMUM_PASSWORD_LENGTH = 12;

export async function hashPassword(password: string): Promise<string> {
  return await hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spend the same time on an unknown e-mail as on a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('relance-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
