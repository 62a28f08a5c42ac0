import { run, type Runner, type TaskList } from 'graphile-worker';
import type { Clock } from '../plugins/context.ts';
import type { Secrets } from '../db/secrets.ts';
import { runImportTask } from '../features/imports/tasks/imports__run.ts';
import { deliverLocalCardWebhook } from '../features/payments/tasks/payments__deliver_local_card_webhook.ts';
import { deliverCreditorWebhook } from '../features/webhooks/tasks/webhooks__deliver.ts';
import type { Config } from '../config.ts';
import { silentWorkerLogger } from '../db/migrate.ts';

/** Every background task, by name `feature__action`. */
export function taskList(deps: { secrets: Secrets; clock: Clock; config?: Pick<Config, 'webhookAllowPrivateUrls'> }): TaskList {
  return {
    payments__deliver_local_card_webhook: deliverLocalCardWebhook(deps.secrets, deps.clock),
    imports__run: runImportTask({ clock: deps.clock }),
    // Without a config, creditor webhooks go to public https addresses only (the safe default).
    webhooks__deliver: deliverCreditorWebhook({ clock: deps.clock, allowPrivateUrls: deps.config?.webhookAllowPrivateUrls ?? false }),
  };
}

export async function startWorker(options: {
  databaseUrl: string;
  concurrency: number;
  secrets: Secrets;
  clock: Clock;
  config?: Pick<Config, 'webhookAllowPrivateUrls'>;
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
