import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey as ApiKeyDto, CreateApiKeyBody, CreatedApiKey } from '@relance/contracts/api-keys';
import type { ActorContext, ApiKeyActor, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { getCreditor } from '../creditors/service.ts';
import { ApiKey } from './entities.ts';

/** `rk_live_` + 192 random bits: the `rk_` prefix tells keys from JWTs in `Authorization: Bearer`. */
const KEY_PREFIX = 'rk_live_';
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 4;
/** Writing last use on every request would turn every read into a write: once a minute is enough to show it. */
const LAST_USED_RESOLUTION_MS = 60_000;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function toDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    creditorId: key.creditorId,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt ? key.lastUsedAt.toISOString() : null,
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}

/** Creates a key for a creditor the caller may see (404 otherwise) and returns the secret, this once. */
export async function createApiKey(ctx: ActorContext, creditorId: string, body: CreateApiKeyBody): Promise<CreatedApiKey> {
  const creditor = await getCreditor(ctx, creditorId);
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const key = ctx.em.create(ApiKey, {
    creditorId: creditor.id,
    name: body.name,
    prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
    keyHash: sha256(secret),
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  });
  await ctx.em.flush();
  return { ...toDto(key), secret };
}

export async function listApiKeys(ctx: ActorContext, creditorId: string): Promise<{ items: ApiKeyDto[] }> {
  const creditor = await getCreditor(ctx, creditorId);
  const keys = await ctx.em.find(ApiKey, { creditorId: creditor.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  return { items: keys.map(toDto) };
}

/** Revokes a key at once (the next request with it answers 401). Revoking twice keeps the first date. */
export async function revokeApiKey(ctx: ActorContext, creditorId: string, keyId: string): Promise<ApiKeyDto> {
  const creditor = await getCreditor(ctx, creditorId);
  const key = await ctx.em.findOne(ApiKey, { id: keyId, creditorId: creditor.id });
  if (!key) throw new AppError('not_found', 404);
  if (!key.revokedAt) {
    key.revokedAt = ctx.clock.now();
    key.revokedBy = ctx.actor.userId;
    await ctx.em.flush();
  }
  return toDto(key);
}

/**
 * The actor of a live key, or null. Looked up by the hash of the whole secret (unique index),
 * so nothing is compared character by character. Last use is written at most once a minute,
 * with a guarded update so concurrent requests do not all write.
 */
export async function authenticateApiKey(ctx: ServiceContext, secret: string): Promise<ApiKeyActor | null> {
  if (secret.length > 200) return null;
  const [row] = await ctx.em.execute<{ id: string; creditor_id: string; name: string; revoked_at: Date | null; last_used_at: Date | null }[]>(
    'select id, creditor_id, name, revoked_at, last_used_at from api_key where key_hash = ?',
    [sha256(secret)],
  );
  if (!row || row.revoked_at) return null;
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
    await ctx.em.execute('update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at <= ?)', [
      now,
      row.id,
      new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
    ]);
  }
  return { via: 'api_key', userId: null, apiKeyId: row.id, role: 'creditor', creditorId: row.creditor_id, name: `Clé API « ${row.name} »` };
}
