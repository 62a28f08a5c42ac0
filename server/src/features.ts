import type { EntitySchema } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { LetterRenderer } from '@relance/templates/render-pool';
import type { FastifyInstance } from 'fastify';
import type { TaskList } from 'graphile-worker';
import type { Config } from './config.ts';
import { agencyFeature } from './features/agency/feature.ts';
import { apiKeysFeature } from './features/api-keys/feature.ts';
import { auditFeature } from './features/audit/feature.ts';
import { authFeature } from './features/auth/feature.ts';
import { casesFeature } from './features/cases/feature.ts';
import { consultationsFeature } from './features/consultations/feature.ts';
import { creditorsFeature } from './features/creditors/feature.ts';
import { disputesFeature } from './features/disputes/feature.ts';
import { documentsFeature } from './features/documents/feature.ts';
import { dunningFeature } from './features/dunning/feature.ts';
import { exportsFeature } from './features/exports/feature.ts';
import { healthFeature } from './features/health/feature.ts';
import { importsFeature } from './features/imports/feature.ts';
import { ledgerFeature } from './features/ledger/feature.ts';
import { legalFeature } from './features/legal/feature.ts';
import { messagesFeature } from './features/messages/feature.ts';
import { moneyFeature } from './features/money/feature.ts';
import { notificationsFeature } from './features/notifications/feature.ts';
import { paymentsFeature } from './features/payments/feature.ts';
import { plansFeature } from './features/plans/feature.ts';
import { portalFeature } from './features/portal/feature.ts';
import { portalMessagesFeature } from './features/portal-messages/feature.ts';
import { portfoliosFeature } from './features/portfolios/feature.ts';
import { prescriptionFeature } from './features/prescription/feature.ts';
import { promisesFeature } from './features/promises/feature.ts';
import { queueFeature } from './features/queue/feature.ts';
import { ratesFeature } from './features/rates/feature.ts';
import { registryFeature } from './features/registry/feature.ts';
import type { RegistryProvider } from './features/registry/providers/provider.ts';
import { reportsFeature } from './features/reports/feature.ts';
import { rgpdFeature } from './features/rgpd/feature.ts';
import { savedFiltersFeature } from './features/saved-filters/feature.ts';
import { staffFeature } from './features/staff/feature.ts';
import { teamFeature } from './features/team/feature.ts';
import { usersFeature } from './features/users/feature.ts';
import { webhooksFeature } from './features/webhooks/feature.ts';
import type { Resolver } from './features/webhooks/outbound.ts';
import { wordingFeature } from './features/wording/feature.ts';
import type { JobContext } from './plugins/context.ts';

/**
 * What the worker gives every feature's `tasks` (worker/runner.ts taskList): a JobContext (clock,
 * secrets: every task factory's first parameter) plus what single tasks need, taken from here by
 * the feature. A new dependency of a job is one more (optional) field here, set by the runner.
 */
export type TaskDeps = JobContext & {
  config?: Pick<Config, 'webhookAllowPrivateUrls'> & Partial<Pick<Config, 'registry'>>;
  /** The company registry the lookups ask; unset = the one config.registry names (tests give one that fails, say). */
  registry?: RegistryProvider;
  /** DNS for creditor webhook receivers; the system resolver unless a test plays DNS. */
  webhookResolver?: Resolver;
  /** Tasks that work through the ORM (messages__send) are registered only when it is given. */
  orm?: MikroORM;
  /** Where messages__send hands e-mails: SMTP_URL, or the in-app SMTP server of demo mode. Default: config.smtpUrl. */
  messagesSmtpUrl?: string | undefined;
  /** Where messages__send renders letters: the worker's render pool; unset = the process's isolated renderer (plugins/letter-renderer.ts). */
  renderLetter?: LetterRenderer;
};

/**
 * What one feature adds to the server, declared in its folder (`features/<name>/feature.ts`):
 * - routes: Fastify plugins, each registered on its own (encapsulated: a webhook's raw-body
 *   parser stays with its routes), in this order, after the application plugins (app.ts);
 * - tasks: its graphile-worker jobs by name `feature__action`, built from the worker's deps;
 * - entities: its MikroORM entity schemas (db/orm.ts; migrations stay listed there).
 */
export type Feature = {
  name: string;
  routes?: ((app: FastifyInstance) => Promise<void>)[];
  tasks?: (deps: TaskDeps) => TaskList;
  // biome-ignore lint/suspicious/noExplicitAny: entity schemas of every shape
  entities?: EntitySchema<any, any>[];
};

/**
 * Every feature of the server, the one place a new feature is added: app.ts registers their
 * routes in this order, worker/runner.ts runs their tasks, db/orm.ts maps their entities.
 */
export const features: Feature[] = [
  healthFeature,
  authFeature,
  usersFeature,
  creditorsFeature,
  notificationsFeature,
  agencyFeature,
  casesFeature,
  disputesFeature,
  consultationsFeature,
  importsFeature,
  portalFeature,
  ledgerFeature,
  paymentsFeature,
  ratesFeature,
  reportsFeature,
  exportsFeature,
  apiKeysFeature,
  webhooksFeature,
  promisesFeature,
  plansFeature,
  teamFeature,
  queueFeature,
  portfoliosFeature,
  staffFeature,
  prescriptionFeature,
  documentsFeature,
  portalMessagesFeature,
  messagesFeature,
  wordingFeature,
  legalFeature,
  moneyFeature,
  dunningFeature,
  auditFeature,
  rgpdFeature,
  savedFiltersFeature,
  registryFeature,
];
