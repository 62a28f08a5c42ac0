import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { JobContext } from '../../../plugins/context.ts';
import { type SendDeps, sendMessages } from '../send.ts';

const payload = z.object({ messageIds: z.array(z.uuid()).min(1).max(1000) });

/**
 * messages__send: renders, checks and sends one batch of queued messages (queued by
 * queueCaseMessages, up to 200 ids per job). A message already sent, blocked or being sent by
 * another worker is skipped, so a retried job sends nothing twice. A transient error (SMTP
 * server unreachable) makes the job throw after the rest of the batch is done: graphile-worker
 * retries it with backoff, and the last attempt marks what is still queued as failed.
 */
export function sendMessagesTask(job: JobContext, options: Omit<SendDeps, keyof JobContext>): Task {
  // A getter in options (the SMTP URL, read when sending) must stay one: options is not spread.
  const deps: SendDeps = {
    clock: job.clock,
    secrets: job.secrets,
    orm: options.orm,
    config: options.config,
    get smtpUrl() {
      return options.smtpUrl;
    },
    ...(options.renderLetter ? { renderLetter: options.renderLetter } : {}),
  };
  return async (raw, helpers) => {
    const { messageIds } = payload.parse(raw);
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    const { outcomes, retry } = await sendMessages(deps, messageIds, { lastAttempt });
    const counts = Object.values(outcomes).reduce<Record<string, number>>((acc, outcome) => {
      acc[outcome] = (acc[outcome] ?? 0) + 1;
      return acc;
    }, {});
    helpers.logger.info(`messages__send: ${JSON.stringify(counts)}${retry.length ? `, ${retry.length} to retry` : ''}`);
    if (retry.length > 0) throw new Error(`${retry.length} message(s) not sent yet: ${retry[0]?.error}`);
  };
}
