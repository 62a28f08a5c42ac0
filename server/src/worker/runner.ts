import { run, type Runner, type TaskList } from 'graphile-worker';
import type { Clock } from '../plugins/context.ts';
import type { Secrets } from '../db/secrets.ts';
import { deliverLocalCardWebhook } from '../features/payments/tasks/payments__deliver_local_card_webhook.ts';
import { silentWorkerLogger } from '../db/migrate.ts';

/** Every background task, by name `feature__action`. */
export function taskList(deps: { secrets: Secrets; clock: Clock }): TaskList {
  return {
    payments__deliver_local_card_webhook: deliverLocalCardWebhook(deps.secrets, deps.clock),
  };
}

export async function startWorker(options: {
  databaseUrl: string;
  concurrency: number;
  secrets: Secrets;
  clock: Clock;
  quiet?: boolean;
}): Promise<Runner> {
  return await run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: taskList(options),
    ...(options.quiet ? { logger: silentWorkerLogger } : {}),
  });
}
