import type { MikroORM } from '@mikro-orm/postgresql';
import { run, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Config } from '../config.ts';
import { silentWorkerLogger } from '../db/migrate.ts';
import type { Secrets } from '../db/secrets.ts';
import { runImportTask } from '../features/imports/tasks/imports__run.ts';
import { deliverLocalCardWebhook } from '../features/payments/tasks/payments__deliver_local_card_webhook.ts';
import { checkPlansTask } from '../features/plans/tasks/plans__check.ts';
import { checkPromisesTask } from '../features/promises/tasks/promises__check.ts';
import { refreshQueueTask } from '../features/queue/tasks/queue__refresh.ts';
import { deliverCreditorWebhook } from '../features/webhooks/tasks/webhooks__deliver.ts';
import type { Clock } from '../plugins/context.ts';

/** Every background task, by name `feature__action`. */
export function taskList(deps: {
  secrets: Secrets;
  clock: Clock;
  config?: Pick<Config, 'webhookAllowPrivateUrls'>;
  /** Tasks that work through the ORM (the queue refresh) are registered only when it is given. */
  orm?: MikroORM;
}): TaskList {
  return {
    ...(deps.orm ? { queue__refresh: refreshQueueTask({ orm: deps.orm, clock: deps.clock }) } : {}),
    payments__deliver_local_card_webhook: deliverLocalCardWebhook(deps.secrets, deps.clock),
    imports__run: runImportTask({ clock: deps.clock }),
    // Without a config, creditor webhooks go to public https addresses only (the safe default).
    webhooks__deliver: deliverCreditorWebhook({ clock: deps.clock, allowPrivateUrls: deps.config?.webhookAllowPrivateUrls ?? false }),
    promises__check: checkPromisesTask({ clock: deps.clock }),
    plans__check: checkPlansTask({ clock: deps.clock }),
  };
}

/**
 * Recurring jobs (graphile-worker crontab). 03:00 is after midnight in Paris whether the crontab
 * is read in UTC or in Paris time, so each daily check sees the new business day.
 */
export const crontab = ['0 3 * * * promises__check', '5 3 * * * plans__check', '30 3 * * * queue__refresh'].join('\n');

export type RunningWorker = { stop: () => Promise<void> };

export async function startWorker(options: {
  databaseUrl: string;
  concurrency: number;
  secrets: Secrets;
  clock: Clock;
  config?: Pick<Config, 'webhookAllowPrivateUrls'>;
  orm: MikroORM;
  quiet?: boolean;
}): Promise<RunningWorker> {
  // Our own pool, with an error listener that outlives the runner: on Ctrl-C the embedded
  // PostgreSQL gets the signal too and drops idle connections while the runner is stopping;
  // without a listener, that drop would crash the process instead of a clean stop.
  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: options.concurrency + 2 });
  pgPool.on('error', () => {});
  const runner = await run({
    pgPool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: taskList(options),
    crontab,
    ...(options.quiet ? { logger: silentWorkerLogger } : {}),
  });
  return {
    stop: async () => {
      await runner.stop();
      await pgPool.end();
    },
  };
}
