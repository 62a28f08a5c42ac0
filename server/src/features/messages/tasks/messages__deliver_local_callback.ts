import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { signPayload } from '../../../plugins/signed-webhook.ts';
import { MESSAGING_SIGNATURE_HEADER, messagingWebhookSecret } from '../provider-signature.ts';

const payload = z.object({ url: z.url(), body: z.string() });

/**
 * messages__deliver_local_callback: the LOCAL SMS / postal provider reporting an event
 * (delivered, failed, acknowledgment of receipt) to our webhook endpoint. Signed at delivery
 * time (fresh timestamp); any non-2xx answer throws, so graphile-worker retries with backoff,
 * as a real provider does. The event id in the body lets the endpoint ignore duplicates.
 */
export function deliverLocalCallbackTask(deps: JobContext): Task {
  return async (raw, helpers) => {
    const job = payload.parse(raw);
    const signature = signPayload(messagingWebhookSecret(deps.secrets), job.body, Math.floor(deps.clock.now().getTime() / 1000));
    const response = await fetch(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [MESSAGING_SIGNATURE_HEADER]: signature },
      body: job.body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`callback answered ${response.status}`);
    helpers.logger.debug(`local provider callback delivered: ${response.status}`);
  };
}
