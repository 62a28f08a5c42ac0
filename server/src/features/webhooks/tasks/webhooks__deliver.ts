import type { JobHelpers, Task } from 'graphile-worker';
import { z } from 'zod';
import { keyringOf } from '../../../db/secret-box.ts';
import type { JobContext } from '../../../plugins/context.ts';
import { signPayload } from '../../../plugins/signed-webhook.ts';
import { inJobTransaction, withJobExec } from '../../../plugins/sql.ts';
import { OutboundError, postToCreditorUrl, type Resolver } from '../outbound.ts';
import { openWebhookSecret, type SealedSecretColumns } from '../service.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '../signature.ts';
import { urlPolicyProblem } from '../url-policy.ts';

const payload = z.object({ deliveryId: z.uuid() });

export const DELIVERY_TIMEOUT_MS = 10_000;
const SIGNING_FAILED = 'could not sign the delivery (server configuration)';

type DeliveryRow = SealedSecretColumns & {
  status: string;
  creditor_id: string;
  endpoint_id: string;
  url: string;
  deleted_at: Date | null;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
};

type DeliverOptions = {
  allowPrivateUrls: boolean;
  /** DNS for the receiver's name; the system resolver unless a test plays DNS. */
  resolve?: Resolver | undefined;
};
type DeliverDeps = JobContext & DeliverOptions & { keyring: ReturnType<typeof keyringOf> };

/** One attempt's answer: the HTTP status (when there was one) and the error category the creditor reads (null = delivered). */
type AttemptResult = { statusCode: number | null; error: string | null };

/**
 * webhooks__deliver: POSTs one creditor event to one endpoint (job_key = delivery id).
 * Signed at each attempt (fresh timestamp); the body, and so the event id, are the same on
 * every attempt, so the receiver de-duplicates on `id`. Every attempt is logged, committed on
 * its own; a non-2xx answer, a redirect, a timeout or a refused address throws, so
 * graphile-worker retries with exponential backoff up to the job's max_attempts. A delivery
 * already done or cancelled (endpoint deleted) does nothing. The endpoint's secret is stored
 * sealed (AES-256-GCM): it is opened here, in memory, only to sign this attempt.
 */
export function deliverCreditorWebhook(job: JobContext, options: DeliverOptions): Task {
  const deps: DeliverDeps = { ...job, ...options, keyring: keyringOf(job.secrets) };
  return async (raw, helpers) => {
    const { deliveryId } = payload.parse(raw);
    const rows = await withJobExec(helpers, (exec) =>
      exec<DeliveryRow>(
      `select d.status, d.creditor_id, e.id as endpoint_id, e.url, e.secret_ciphertext, e.secret_iv, e.secret_tag, e.secret_key_id, e.deleted_at, ev.id as event_id, ev.type, ev.data, ev.created_at
         from webhook_delivery d
         join webhook_endpoint e on e.id = d.endpoint_id
         join creditor_event ev on ev.id = d.event_id
        where d.id = ?`,
        [deliveryId],
      ),
    );
    const delivery = rows[0];
    if (delivery?.status !== 'pending') return;
    if (delivery.deleted_at) {
      await withJobExec(helpers, (exec) => exec(`update webhook_delivery set status = 'cancelled' where id = ? and status = 'pending'`, [deliveryId]));
      return;
    }
    const attempt = helpers.job.attempts;
    const startedAt = deps.clock.now();
    const started = performance.now();
    const { statusCode, error } = await attemptDelivery(deps, helpers, deliveryId, delivery, startedAt);
    const durationMs = Math.max(0, Math.round(performance.now() - started));
    const succeeded = error === null;
    const finalStatus = succeeded ? 'succeeded' : attempt >= helpers.job.max_attempts ? 'failed' : 'pending';
    await inJobTransaction(helpers, async (exec) => {
      await exec(
        `insert into webhook_delivery_attempt (creditor_id, delivery_id, attempt, started_at, duration_ms, status_code, error, succeeded)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [delivery.creditor_id, deliveryId, attempt, startedAt, durationMs, statusCode, error, succeeded],
      );
      await exec(
        `update webhook_delivery set attempt_count = attempt_count + 1, last_status_code = ?, status = ?,
                delivered_at = case when ?::text = 'succeeded' then ?::timestamptz else delivered_at end
          where id = ? and status = 'pending'`,
        [statusCode, finalStatus, finalStatus, startedAt, deliveryId],
      );
    });
    if (!succeeded) throw new Error(`webhook delivery ${deliveryId} failed: ${error}`);
  };
}

/** Signs and POSTs the event; any failure becomes the category the creditor reads. */
async function attemptDelivery(deps: DeliverDeps, helpers: JobHelpers, deliveryId: string, delivery: DeliveryRow, startedAt: Date): Promise<AttemptResult> {
  const body = JSON.stringify({
    id: delivery.event_id,
    type: delivery.type,
    createdAt: new Date(delivery.created_at).toISOString(),
    data: delivery.data,
  });
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    let secret: string;
    try {
      secret = openWebhookSecret(deps.keyring, delivery.endpoint_id, delivery);
    } catch (failure) {
      // An operator's problem (SECRETS_KEY changed or missing): the details go to the worker's
      // log, the delivery log the creditor reads only says the attempt could not be signed.
      helpers.logger.error(`webhook delivery ${deliveryId}: cannot open the endpoint's secret: ${(failure as Error).message}`);
      throw new Error(SIGNING_FAILED);
    }
    const problem = urlPolicyProblem(delivery.url, deps.allowPrivateUrls);
    if (problem) throw new OutboundError('address not allowed', `url not allowed: ${problem}`);
    // Every address the name resolves to is checked by the lookup of the connection itself
    // (outbound.ts): a name that now resolves into our network is never connected to.
    const response = await postToCreditorUrl(delivery.url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Relance-Webhooks/1',
        [SIGNATURE_HEADER]: signPayload(secret, body, Math.floor(startedAt.getTime() / 1000)),
        [EVENT_ID_HEADER]: delivery.event_id,
      },
      body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      allowPrivate: deps.allowPrivateUrls,
      resolve: deps.resolve,
    });
    statusCode = response.statusCode;
    if (statusCode < 200 || statusCode >= 300) error = `HTTP ${Math.floor(statusCode / 100)}xx`;
  } catch (thrown) {
    // The creditor reads a category only; the socket's details (errno, address, port) stay in
    // the worker's log, or the delivery log would let a creditor probe ports through its URL.
    if (thrown instanceof OutboundError) {
      helpers.logger.warn(`webhook delivery ${deliveryId}: ${thrown.category} (${thrown.detail})`);
      error = thrown.category;
    } else {
      error = (thrown as Error).message === SIGNING_FAILED ? SIGNING_FAILED : 'delivery failed';
      if (error !== SIGNING_FAILED) helpers.logger.error(`webhook delivery ${deliveryId}: ${(thrown as Error).message}`);
    }
  }
  return { statusCode, error };
}
