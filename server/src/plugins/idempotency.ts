import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Idempotency keys (the `Idempotency-Key` header): a client that retries a creation with the
 * same key gets the first response back, same status and body, and no second write; the same
 * key with a different request is refused (409 idempotency_key_reused). Keys are scoped to the
 * caller's creditor (every user of one creditor shares them) or, for staff, to the user.
 * Table idempotency_key, read and written in SQL (no entity: nothing here loads it as one).
 */
export type IdempotencyGuard = { scope: string; key: string; requestHash: string };

export function idempotencyScopeOf(actor: Actor): string {
  return actor.role === 'creditor' && actor.creditorId ? `creditor:${actor.creditorId}` : `user:${actor.userId}`;
}

/** JSON with object keys sorted, so two equal bodies hash the same whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A debtor's action on their page (a plan, a dispute, a payment attempt): the `Idempotency-Key` the
 * page generates per form submission, scoped to the case, so a double tap or a retry on a flaky
 * network creates one.
 */
export function portalIdempotencyGuard(caseId: string, key: string | undefined, operation: string, body: unknown): IdempotencyGuard | null {
  if (key === undefined) return null;
  const requestHash = createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('hex');
  return { scope: `portal:${caseId}`, key, requestHash };
}

/** The operation is part of the hash: a key reused on another endpoint is a different request. */
export function idempotencyGuard(actor: Actor, key: string | undefined, operation: string, body: unknown): IdempotencyGuard | null {
  if (key === undefined) return null;
  const requestHash = createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('hex');
  return { scope: idempotencyScopeOf(actor), key, requestHash };
}

export type StoredResponse<T, S extends number = number> = { status: S; body: T; replayed: boolean };

/**
 * Runs `work` in one transaction. With a guard, the key row is inserted first: a concurrent
 * request with the same key waits on the unique index until this transaction ends, then replays
 * what it stored. A failed attempt rolls back with its key, so a retry after an error runs again.
 */
export async function runIdempotently<T, S extends number>(
  em: EntityManager,
  guard: IdempotencyGuard | null,
  work: (em: EntityManager) => Promise<{ status: S; body: T }>,
): Promise<StoredResponse<T, S>> {
  return await em.transactional(async (tx) => {
    if (!guard) return { ...(await work(tx)), replayed: false };
    const inserted = await tx.execute<{ id: string }[]>(
      `insert into idempotency_key (scope, key, request_hash) values (?, ?, ?)
       on conflict (scope, key) do nothing returning id`,
      [guard.scope, guard.key, guard.requestHash],
    );
    const row = inserted[0];
    if (!row) {
      const [existing] = await tx.execute<{ request_hash: string; response_status: number | null; response_body: T | null }[]>(
        'select request_hash, response_status, response_body from idempotency_key where scope = ? and key = ?',
        [guard.scope, guard.key],
      );
      if (!existing || existing.request_hash !== guard.requestHash || existing.response_status === null) {
        throw new AppError('idempotency_key_reused', 409, { key: guard.key });
      }
      return { status: existing.response_status as S, body: existing.response_body as T, replayed: true };
    }
    const result = await work(tx);
    await tx.execute('update idempotency_key set response_status = ?, response_body = ?::jsonb where id = ?', [
      result.status,
      JSON.stringify(result.body),
      row.id,
    ]);
    return { ...result, replayed: false };
  });
}
