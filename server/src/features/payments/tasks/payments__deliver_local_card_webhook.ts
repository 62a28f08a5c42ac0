import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { signPayload } from '../../../plugins/signed-webhook.ts';
import { SIGNATURE_HEADER } from '../webhook-signature.ts';

const payload = z.object({ url: z.url(), body: z.string() });

/**
 * payments__deliver_local_card_webhook: the LOCAL provider delivering one event to the
 * merchant. Signed at delivery time (fresh timestamp); any non-2xx answer throws, so
 * graphile-worker retries with exponential backoff, as a real provider does.
 */
export function deliverLocalCardWebhook({ secrets, clock }: JobContext): Task {
  return async (raw, helpers) => {
    const job = payload.parse(raw);
    const signature = signPayload(secrets.localCardWebhookSecret, job.body, Math.floor(clock.now().getTime() / 1000));
    const response = await fetch(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      body: job.body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`webhook answered ${response.status}`);
    }
    helpers.logger.debug(`webhook delivered: ${response.status}`);
  };
}
