import type { MikroORM } from '@mikro-orm/postgresql';
import { createLetterRenderPool, type LetterRenderer } from '@relance/templates/render-pool';
import { makeWorkerUtils, run, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Config } from '../config.ts';
import { silentWorkerLogger } from '../db/migrate.ts';
import type { Secrets } from '../db/secrets.ts';
import { dispatchDunningTask } from '../features/dunning/tasks/dunning__dispatch.ts';
import { previewDunningTask } from '../features/dunning/tasks/dunning__preview.ts';
import { runDunningTask } from '../features/dunning/tasks/dunning__run.ts';
import { runImportTask } from '../features/imports/tasks/imports__run.ts';
import { deliverLocalCallbackTask } from '../features/messages/tasks/messages__deliver_local_callback.ts';
import { sendMessagesTask } from '../features/messages/tasks/messages__send.ts';
import { deliverLocalCardWebhook } from '../features/payments/tasks/payments__deliver_local_card_webhook.ts';
import { checkPlansTask } from '../features/plans/tasks/plans__check.ts';
import { checkPromisesTask } from '../features/promises/tasks/promises__check.ts';
import { refreshQueueTask } from '../features/queue/tasks/queue__refresh.ts';
import { anonymiseTask } from '../features/rgpd/tasks/rgpd__anonymise.ts';
import type { Resolver } from '../features/webhooks/outbound.ts';
import { deliverCreditorWebhook } from '../features/webhooks/tasks/webhooks__deliver.ts';
import type { Clock, JobContext } from '../plugins/context.ts';

/** Every background task, by name `feature__action`. */
export function taskList(deps: {
  secrets: Secrets;
  clock: Clock;
  config?: Pick<Config, 'webhookAllowPrivateUrls'>;
  /** DNS for creditor webhook receivers; the system resolver unless a test plays DNS. */
  webhookResolver?: Resolver;
  /** Tasks that work through the ORM (messages__send) are registered only when it is given. */
  orm?: MikroORM;
  /** Where messages__send hands e-mails: SMTP_URL, or the in-app SMTP server of demo mode. Default: config.smtpUrl. */
  messagesSmtpUrl?: string | undefined;
  /** Where messages__send renders letters: the worker's render pool; unset = the process's isolated renderer (plugins/letter-renderer.ts). */
  renderLetter?: LetterRenderer;
}): TaskList {
  const job: JobContext = { clock: deps.clock, secrets: deps.secrets };
  // Sending messages needs the ORM (décompte, portal links) and the full configuration.
  const fullConfig = deps.config && 'publicUrl' in deps.config ? (deps.config as Config) : null;
  return {
    ...(deps.orm && fullConfig
      ? {
          messages__send: sendMessagesTask(job, {
            orm: deps.orm,
            config: fullConfig,
            // Read when sending, so a server started after the worker (tests' mailbox) is used.
            get smtpUrl() {
              return deps.messagesSmtpUrl ?? fullConfig.smtpUrl;
            },
            ...(deps.renderLetter ? { renderLetter: deps.renderLetter } : {}),
          }),
        }
      : {}),
    messages__deliver_local_callback: deliverLocalCallbackTask(job),
    queue__refresh: refreshQueueTask(job),
    payments__deliver_local_card_webhook: deliverLocalCardWebhook(job),
    imports__run: runImportTask(job),
    // Without a config, creditor webhooks go to public https addresses only (the safe default).
    webhooks__deliver: deliverCreditorWebhook(job, {
      allowPrivateUrls: deps.config?.webhookAllowPrivateUrls ?? false,
      resolve: deps.webhookResolver,
    }),
    promises__check: checkPromisesTask(job),
    plans__check: checkPlansTask(job),
    dunning__run: runDunningTask(job),
    dunning__dispatch: dispatchDunningTask(job),
    dunning__preview: previewDunningTask(job),
    rgpd__anonymise: anonymiseTask(job),
  };
}

/**
 * Recurring jobs (graphile-worker crontab). 03:00 is after midnight in Paris whether the crontab
 * is read in UTC or in Paris time, so each daily check sees the new business day.
 */
export const crontab = [
  '0 3 * * * promises__check',
  '5 3 * * * plans__check',
  '30 3 * * * queue__refresh',
  // The daily dunning run: graphile-worker reads the crontab in UTC, and 07:05 UTC is 08:05 in Paris in
  // winter and 09:05 in summer: a morning inside the 08:00-20:00 contact window all year, after the
  // night's promise and plan checks (so fresh pauses apply). On a Sunday or a holiday the run defers
  // what falls due to the next opening, with the reason on the case; the next morning's run sends it.
  // Its transaction queues tomorrow's preview (dunning__preview), so the screen's "Demain" is current.
  '5 7 * * * dunning__run',
  // RGPD retention: debtors of cases closed longer than their creditor's retention period are
  // anonymised at night, out of working hours.
  '45 2 * * * rgpd__anonymise',
].join('\n');

export type RunningWorker = { stop: () => Promise<void> };

/**
 * Releases every job still locked by a worker, through graphile-worker's own forceUnlockWorkers.
 * Only for a database this program is the sole worker of (`start` on its embedded PostgreSQL),
 * before its worker starts: such a lock can only be left by its previous run, stopped mid-job.
 * Returns how many jobs were released.
 */
export async function releaseJobsOfPreviousRun(databaseUrl: string): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: silentWorkerLogger });
  try {
    const { rows } = await utils.withPgClient((client) =>
      client.query<{ worker: string; jobs: number }>(
        'select locked_by as worker, count(*)::int as jobs from graphile_worker.jobs where locked_by is not null group by locked_by',
      ),
    );
    if (rows.length === 0) return 0;
    await utils.forceUnlockWorkers(rows.map((row) => row.worker));
    return rows.reduce((total, row) => total + row.jobs, 0);
  } finally {
    await utils.release();
  }
}

export async function startWorker(options: {
  databaseUrl: string;
  concurrency: number;
  secrets: Secrets;
  clock: Clock;
  config?: Pick<Config, 'webhookAllowPrivateUrls'>;
  orm: MikroORM;
  quiet?: boolean;
  messagesSmtpUrl?: string | undefined;
  /** Threads of the letter render pool; undefined = one per core. */
  letterRenderThreads?: number | undefined;
}): Promise<RunningWorker> {
  // Our own pool, with an error listener that outlives the runner: on Ctrl-C the embedded
  // PostgreSQL gets the signal too and drops idle connections while the runner is stopping;
  // without a listener, that drop would crash the process instead of a clean stop.
  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: options.concurrency + 2 });
  pgPool.on('error', () => {});
  // The same for a client checked out of the pool (graphile-worker asks for both listeners).
  pgPool.on('connect', (client) => {
    client.on('error', () => {});
  });
  // Letters are rendered on threads of their own: rendering is CPU-bound, and on the jobs' thread it
  // would use one core and hold up every other job while it runs.
  const letterRenderPool = createLetterRenderPool({ threads: options.letterRenderThreads });
  const runner = await run({
    pgPool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: taskList({ ...options, renderLetter: letterRenderPool.render }),
    crontab,
    ...(options.quiet ? { logger: silentWorkerLogger } : {}),
  });
  return {
    stop: async () => {
      await runner.stop();
      await letterRenderPool.close();
      await pgPool.end();
    },
  };
}
