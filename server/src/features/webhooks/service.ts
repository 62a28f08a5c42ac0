import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CreatedWebhook, CreateWebhookBody, Webhook, WebhookDelivery, WebhookEventType } from '@relance/contracts/webhooks';
import { keyringOf, openSecret, type SealedSecret, type SecretKeyring, sealSecret } from '../../db/secret-box.ts';
import { requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { getCreditor } from '../creditors/service.ts';
import { urlPolicyProblem } from './url-policy.ts';

export const DELIVER_TASK = 'webhooks__deliver';
/** With graphile-worker's backoff (exp(attempt) seconds), 10 attempts span about 9 hours. */
export const DELIVERY_MAX_ATTEMPTS = 10;

/**
 * Writes a creditor event to the outbox and queues one delivery job per subscribed endpoint,
 * in the caller's transaction: pass the transaction's entity manager, so the event exists if
 * and only if the change it reports does (at least once, never for a rolled-back change).
 * Set-based: one statement fans out to every endpoint, whatever their number.
 */
export async function emitCreditorEvent(
  em: EntityManager,
  event: { creditorId: string; type: WebhookEventType; data: Record<string, unknown>; occurredAt?: Date },
): Promise<string> {
  return await emitCreditorEventWith(emExec(em), event);
}

/**
 * The same, on any SQL runner (a worker's pg client in the middle of its transaction, e.g. the
 * importer): the event and its deliveries are written with the change that causes them.
 */
export async function emitCreditorEventWith(
  exec: SqlExec,
  event: { creditorId: string; type: WebhookEventType; data: Record<string, unknown>; occurredAt?: Date },
): Promise<string> {
  const [row] = await exec<{ id: string }>(
    'insert into creditor_event (creditor_id, type, data, created_at) values (?, ?, ?::jsonb, ?) returning id',
    [event.creditorId, event.type, JSON.stringify(event.data), event.occurredAt ?? new Date()],
  );
  const eventId = (row as { id: string }).id;
  await exec(
    `with deliveries as (
       insert into webhook_delivery (creditor_id, event_id, endpoint_id)
       select e.creditor_id, ?, e.id from webhook_endpoint e
        where e.creditor_id = ? and e.deleted_at is null and ? = any(e.events)
       returning id)
     select graphile_worker.add_job(?, json_build_object('deliveryId', id), job_key => id::text, max_attempts => ?)
       from deliveries`,
    [eventId, event.creditorId, event.type, DELIVER_TASK, DELIVERY_MAX_ATTEMPTS],
  );
  return eventId;
}

type EndpointRow = { id: string; creditor_id: string; url: string; events: string[]; description: string | null; created_at: Date };

function toDto(row: EndpointRow): Webhook {
  return {
    id: row.id,
    creditorId: row.creditor_id,
    url: row.url,
    events: row.events as WebhookEventType[],
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function createWebhook(ctx: ActorContext, creditorId: string, body: CreateWebhookBody): Promise<CreatedWebhook> {
  const creditor = await getCreditor(ctx, creditorId);
  const problem = urlPolicyProblem(body.url, ctx.config.webhookAllowPrivateUrls);
  if (problem) throw new AppError('webhook_url_not_allowed', 400, { reason: problem });
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  // The id is chosen here because the sealed secret is bound to its row (see webhookSecretContext).
  const id = randomUUID();
  const sealed = sealSecret(keyringOf(ctx.secrets), secret, webhookSecretContext(id));
  const [row] = await ctx.em.execute<EndpointRow[]>(
    `insert into webhook_endpoint (id, creditor_id, url, events, description, secret_ciphertext, secret_iv, secret_tag, secret_key_id, created_by, created_at)
     values (?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, ?, ?, ?, ?) returning id, creditor_id, url, events, description, created_at`,
    [
      id,
      creditor.id,
      body.url,
      JSON.stringify([...new Set(body.events)]),
      body.description ?? null,
      sealed.ciphertext,
      sealed.iv,
      sealed.tag,
      sealed.keyId,
      ctx.actor.userId,
      ctx.clock.now(),
    ],
  );
  // Shown in this answer only: from now on it exists in clear only while a delivery is signed.
  return { ...toDto(row as EndpointRow), secret };
}

// ---------------------------------------------------------------------------------------------
// The signing secret at rest (AES-256-GCM, db/secret-box.ts)

/** Additional data sealed with an endpoint's secret: its ciphertext opens in this row only. */
export function webhookSecretContext(endpointId: string): string {
  return `webhook_endpoint.secret:${endpointId}`;
}

export type SealedSecretColumns = {
  secret_ciphertext: Buffer | null;
  secret_iv: Buffer | null;
  secret_tag: Buffer | null;
  secret_key_id: string | null;
};

/** The secret a delivery is signed with, opened just for that (the worker's webhooks__deliver). */
export function openWebhookSecret(keyring: SecretKeyring, endpointId: string, row: SealedSecretColumns): string {
  if (!row.secret_ciphertext || !row.secret_iv || !row.secret_tag || !row.secret_key_id) {
    throw new Error(`webhook endpoint ${endpointId} has no sealed secret yet: start the app (or run migrate) once with its secrets key`);
  }
  const sealed: SealedSecret = { ciphertext: row.secret_ciphertext, iv: row.secret_iv, tag: row.secret_tag, keyId: row.secret_key_id };
  return openSecret(keyring, sealed, webhookSecretContext(endpointId));
}

/**
 * Startup step, idempotent: seals the secrets still in clear (rows written before they were
 * encrypted at rest, moved to `legacy_clear_secret` by the migration) and re-seals with the
 * current key those sealed with a previous one (key rotation), one row per statement so a
 * concurrent start of the api and the worker never loses a value (each update re-checks what it
 * read). Returns how many rows it changed. It runs in the app, not in the SQL migration, because
 * the key never goes to the database.
 */
export async function sealWebhookSecretsAtRest(exec: SqlExec, keyring: SecretKeyring): Promise<number> {
  const rows = await exec<SealedSecretColumns & { id: string; legacy_clear_secret: string | null }>(
    `select id, legacy_clear_secret, secret_ciphertext, secret_iv, secret_tag, secret_key_id from webhook_endpoint
      where legacy_clear_secret is not null or secret_key_id <> ?`,
    [keyring.current.id],
  );
  let changed = 0;
  for (const row of rows) {
    const secret = row.legacy_clear_secret ?? openWebhookSecret(keyring, row.id, row);
    const sealed = sealSecret(keyring, secret, webhookSecretContext(row.id));
    const updated = await exec(
      `update webhook_endpoint
          set secret_ciphertext = ?, secret_iv = ?, secret_tag = ?, secret_key_id = ?, legacy_clear_secret = null
        where id = ? and legacy_clear_secret is not distinct from ? and secret_key_id is not distinct from ?
        returning id`,
      [sealed.ciphertext, sealed.iv, sealed.tag, sealed.keyId, row.id, row.legacy_clear_secret, row.secret_key_id],
    );
    changed += updated.length;
  }
  return changed;
}

export async function listWebhooks(ctx: ActorContext, creditorId: string): Promise<{ items: Webhook[] }> {
  const creditor = await getCreditor(ctx, creditorId);
  const rows = await ctx.em.execute<EndpointRow[]>(
    `select id, creditor_id, url, events, description, created_at from webhook_endpoint
      where creditor_id = ? and deleted_at is null order by created_at desc, id desc`,
    [creditor.id],
  );
  return { items: rows.map(toDto) };
}

/** An endpoint of the creditor in the path (an endpoint of another creditor is not found under this one). */
async function endpointOf(ctx: ActorContext, creditorId: string, webhookId: string): Promise<EndpointRow> {
  await requireAccess(ctx, 'webhook', webhookId);
  const [row] = await ctx.em.execute<EndpointRow[]>(
    `select id, creditor_id, url, events, description, created_at from webhook_endpoint
      where id = ? and creditor_id = ? and deleted_at is null`,
    [webhookId, creditorId],
  );
  if (!row) throw new AppError('not_found', 404);
  return row;
}

/** Stops deliveries to the endpoint at once; waiting deliveries are cancelled (their jobs then do nothing). */
export async function deleteWebhook(ctx: ActorContext, creditorId: string, webhookId: string): Promise<void> {
  const endpoint = await endpointOf(ctx, creditorId, webhookId);
  await ctx.em.transactional(async (em) => {
    await em.execute('update webhook_endpoint set deleted_at = ? where id = ? and deleted_at is null', [ctx.clock.now(), endpoint.id]);
    await em.execute(`update webhook_delivery set status = 'cancelled' where endpoint_id = ? and status = 'pending'`, [endpoint.id]);
  });
}

type DeliveryRow = {
  id: string;
  event_id: string;
  event_type: WebhookEventType;
  status: WebhookDelivery['status'];
  attempt_count: number;
  last_status_code: number | null;
  created_at: Date;
  created_at_exact: string;
  delivered_at: Date | null;
};

/** The delivery log of one endpoint, newest first, each delivery with every attempt. */
export async function listDeliveries(
  ctx: ActorContext,
  creditorId: string,
  webhookId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  const endpoint = await endpointOf(ctx, creditorId, webhookId);
  const params: unknown[] = [endpoint.id];
  let after = '';
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor, ['instant', 'uuid']);
    after = 'and (d.created_at, d.id) < (?::timestamptz, ?::uuid)';
    params.push(createdAt, id);
  }
  params.push(page.limit + 1);
  const rows = await ctx.em.execute<DeliveryRow[]>(
    `select d.id, d.event_id, ev.type as event_type, d.status, d.attempt_count, d.last_status_code, d.created_at, d.created_at::text as created_at_exact, d.delivered_at
       from webhook_delivery d join creditor_event ev on ev.id = d.event_id
      where d.endpoint_id = ? ${after}
      order by d.created_at desc, d.id desc limit ?`,
    params,
  );
  const items = rows.slice(0, page.limit);
  const attempts = items.length
    ? await ctx.em.execute<
        { delivery_id: string; attempt: number; started_at: Date; duration_ms: number; status_code: number | null; error: string | null; succeeded: boolean }[]
      >(
        `select delivery_id, attempt, started_at, duration_ms, status_code, error, succeeded from webhook_delivery_attempt
          where delivery_id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by started_at, attempt`,
        [JSON.stringify(items.map((item) => item.id))],
      )
    : [];
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      eventType: row.event_type,
      status: row.status,
      attemptCount: row.attempt_count,
      lastStatusCode: row.last_status_code,
      createdAt: new Date(row.created_at).toISOString(),
      deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
      attempts: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .map((attempt) => ({
          attempt: attempt.attempt,
          at: new Date(attempt.started_at).toISOString(),
          durationMs: attempt.duration_ms,
          statusCode: attempt.status_code,
          error: attempt.error,
          succeeded: attempt.succeeded,
        })),
    })),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor([last.created_at_exact, last.id])
        : null,
  };
}

