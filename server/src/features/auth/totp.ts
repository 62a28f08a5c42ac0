import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { keyringOf, openSecret, type SealedSecret, type SecretKeyring, sealSecret } from '../../db/secret-box.ts';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';

/**
 * TOTP two-factor authentication (RFC 6238: SHA-1, 6 digits, 30-second steps: what every
 * authenticator app reads from an otpauth:// URI), with the otpauth library.
 *
 * - The secret is sealed at rest with SECRETS_KEY (db/secret-box.ts), bound to its user's row.
 * - Enrolment is pending until a first code proves the app holds the secret; only then is the
 *   second factor required at login, and ten single-use recovery codes are shown, once (kept as
 *   SHA-256 hashes: they are random, 50 bits each, so a fast hash is enough).
 * - A code is accepted one step either side of now (clock drift), and never twice: the step of
 *   the last code used is kept, and a code of that step or an earlier one is refused (RFC 6238
 *   section 5.2), atomically, so two parallel logins cannot spend the same code.
 */
const DIGITS = 6;
const PERIOD_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;

type TotpRow = {
  user_id: string;
  secret_ciphertext: Buffer;
  secret_iv: Buffer;
  secret_tag: Buffer;
  secret_key_id: string;
  confirmed_at: Date | null;
  last_used_step: string | null;
};

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function secretContext(userId: string): string {
  return `user_totp.secret:${userId}`;
}

function totpOf(secretBase32: string, label: string, issuer: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

async function issuerName(ctx: ServiceContext): Promise<string> {
  const [agency] = await ctx.em.execute<{ name: string }[]>('select name from agency order by created_at limit 1');
  return agency?.name || 'Relance';
}

async function totpRow(em: EntityManager, userId: string): Promise<TotpRow | null> {
  const [row] = await em.execute<TotpRow[]>('select * from user_totp where user_id = ?', [userId]);
  return row ?? null;
}

export type TotpStatus = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };

export async function totpStatus(ctx: ServiceContext, userId: string): Promise<TotpStatus> {
  const row = await totpRow(ctx.em, userId);
  const [codes] = await ctx.em.execute<{ left: string }[]>(
    'select count(*) as left from user_recovery_code where user_id = ? and used_at is null',
    [userId],
  );
  const enabled = Boolean(row?.confirmed_at);
  return {
    enabled,
    enabledAt: row?.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
    recoveryCodesLeft: enabled ? Number(codes?.left ?? 0) : 0,
  };
}

export async function hasConfirmedTotp(ctx: ServiceContext, userId: string): Promise<boolean> {
  return Boolean((await totpRow(ctx.em, userId))?.confirmed_at);
}

export type TotpEnrolment = { secret: string; otpauthUri: string; qrCodeSvg: string };

/**
 * Starts (or restarts) an enrolment: a fresh secret, pending until confirmed by a first code.
 * Refused while a confirmed one exists (disable it first, with a code).
 */
export async function startTotpEnrolment(ctx: ServiceContext, user: { id: string; email: string }): Promise<TotpEnrolment> {
  const existing = await totpRow(ctx.em, user.id);
  if (existing?.confirmed_at) throw new AppError('totp_already_enabled', 409);
  const secret = new Secret({ size: 20 }).base32;
  const sealed = sealSecret(keyringOf(ctx.secrets), secret, secretContext(user.id));
  await ctx.em.execute(
    `insert into user_totp (user_id, secret_ciphertext, secret_iv, secret_tag, secret_key_id, created_at) values (?, ?, ?, ?, ?, ?)
     on conflict (user_id) do update set secret_ciphertext = excluded.secret_ciphertext, secret_iv = excluded.secret_iv,
       secret_tag = excluded.secret_tag, secret_key_id = excluded.secret_key_id, created_at = excluded.created_at, last_used_step = null
     where user_totp.confirmed_at is null`,
    [user.id, sealed.ciphertext, sealed.iv, sealed.tag, sealed.keyId, ctx.clock.now()],
  );
  const otpauthUri = totpOf(secret, user.email, await issuerName(ctx)).toString();
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrCodeSvg };
}

function openTotpSecret(keyring: SecretKeyring, row: TotpRow): string {
  const sealed: SealedSecret = { ciphertext: row.secret_ciphertext, iv: row.secret_iv, tag: row.secret_tag, keyId: row.secret_key_id };
  return openSecret(keyring, sealed, secretContext(row.user_id));
}

/** Checks a 6-digit code against the user's secret and spends its step; false when wrong or already used. */
async function spendTotpCode(ctx: ServiceContext, row: TotpRow, code: string): Promise<boolean> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const secret = openTotpSecret(keyringOf(ctx.secrets), row);
  const nowMs = ctx.clock.now().getTime();
  const delta = new TOTP({ algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) }).validate({
    token,
    timestamp: nowMs,
    window: 1,
  });
  if (delta === null) return false;
  const step = Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
  const spent = await ctx.em.execute<{ user_id: string }[]>(
    `update user_totp set last_used_step = ? where user_id = ? and (last_used_step is null or last_used_step < ?) returning user_id`,
    [step, row.user_id, step],
  );
  return spent.length === 1;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Spends a recovery code (once); false when unknown or used. */
async function spendRecoveryCode(ctx: ServiceContext, userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 10) return false;
  const spent = await ctx.em.execute<{ id: string }[]>(
    `update user_recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null returning id`,
    [ctx.clock.now(), userId, sha256(normalised)],
  );
  return spent.length === 1;
}

/**
 * The second factor of a confirmed enrolment: a current TOTP code, or (`allowRecovery`) one of the
 * recovery codes. Returns how it was proven, or null.
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  userId: string,
  code: string,
  options: { allowRecovery: boolean },
): Promise<'totp' | 'recovery_code' | null> {
  const row = await totpRow(ctx.em, userId);
  if (!row?.confirmed_at) return null;
  if (await spendTotpCode(ctx, row, code)) return 'totp';
  if (options.allowRecovery && (await spendRecoveryCode(ctx, userId, code))) return 'recovery_code';
  return null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * Confirms a pending enrolment with a first code from the app: from now on the code is required
 * at login. Returns the recovery codes, shown this once.
 */
export async function confirmTotpEnrolment(ctx: ServiceContext, userId: string, code: string): Promise<string[]> {
  const row = await totpRow(ctx.em, userId);
  if (!row) throw new AppError('totp_enrolment_missing', 409);
  if (row.confirmed_at) throw new AppError('totp_already_enabled', 409);
  if (!(await spendTotpCode(ctx, row, code))) throw new AppError('totp_code_invalid', 400);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  await ctx.em.transactional(async (em) => {
    await em.execute('update user_totp set confirmed_at = ? where user_id = ?', [ctx.clock.now(), userId]);
    await em.execute('delete from user_recovery_code where user_id = ?', [userId]);
    for (const value of codes) {
      await em.execute('insert into user_recovery_code (user_id, code_hash) values (?, ?)', [userId, sha256(normaliseRecoveryCode(value))]);
    }
  });
  return codes;
}

/** Turns the second factor off (the caller proved a current code first). */
export async function removeTotp(exec: SqlExec, userId: string): Promise<void> {
  await exec('delete from user_recovery_code where user_id = ?', [userId]);
  await exec('delete from user_totp where user_id = ?', [userId]);
}

/**
 * Startup step, idempotent (like the webhook secrets): re-seals with the current SECRETS_KEY the
 * TOTP secrets sealed with a previous one, so the previous key can then be dropped.
 */
export async function resealTotpSecrets(exec: SqlExec, keyring: SecretKeyring): Promise<number> {
  const rows = await exec<TotpRow>('select * from user_totp where secret_key_id <> ?', [keyring.current.id]);
  let changed = 0;
  for (const row of rows) {
    const sealed = sealSecret(keyring, openTotpSecret(keyring, row), secretContext(row.user_id));
    const updated = await exec(
      `update user_totp set secret_ciphertext = ?, secret_iv = ?, secret_tag = ?, secret_key_id = ? where user_id = ? and secret_key_id = ? returning user_id`,
      [sealed.ciphertext, sealed.iv, sealed.tag, sealed.keyId, row.user_id, row.secret_key_id],
    );
    changed += updated.length;
  }
  return changed;
}
