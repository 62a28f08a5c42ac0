import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { DbPools } from './db/pools.ts';
import type { Secrets } from './db/secrets.ts';
import { authenticateApiKey } from './features/api-keys/service.ts';
import { isAccessTokenRevoked } from './features/auth/revocation.ts';
import { features } from './features.ts';
import { authPlugin } from './plugins/auth.ts';
import { type Clock, systemClock } from './plugins/context.ts';
import { creditorRolesPlugin } from './plugins/creditor-roles.ts';
import { errorsPlugin, frameworkErrors } from './plugins/errors.ts';
import { closeLetterRenderer } from './plugins/letter-renderer.ts';
import { redactedRequestSerializer } from './plugins/log-redaction.ts';
import { mailerPlugin } from './plugins/mailer.ts';
import { httpMetricsPlugin, unwatchPool, watchPool } from './plugins/metrics.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { contextOf, requestContextPlugin } from './plugins/request-context.ts';
import { emExec } from './plugins/sql.ts';
import { webPlugin } from './plugins/web.ts';

export type BuildAppOptions = {
  config: Config;
  /** The agency's connections (staff, public routes, portal, webhooks). */
  orm: MikroORM;
  /** Creditor users' and API keys' connections: row-level security confines them to their creditor. */
  tenantOrm: MikroORM;
  /** The importer's and the queue's pg pools (db/pools.ts): opened and closed by the caller, like the ORMs. */
  pools: DbPools;
  secrets: Secrets;
  clock?: Clock;
  logger?: boolean;
  /** Where the log goes (tests read it); default stdout. */
  logStream?: { write: (line: string) => void };
};

/** The app's pools in relance_db_pool_connections while it runs (plugins/metrics.ts). */
async function watchDbPools(app: FastifyInstance, { orm, tenantOrm, pools }: BuildAppOptions) {
  const watched = {
    agency: (await orm.em.getConnection().getNativeClient()) as DbPools['imports'],
    tenant: (await tenantOrm.em.getConnection().getNativeClient()) as DbPools['imports'],
    imports: pools.imports,
    queue: pools.queue,
  };
  for (const [name, pool] of Object.entries(watched)) watchPool(name, pool);
  app.addHook('onClose', async () => {
    for (const [name, pool] of Object.entries(watched)) unwatchPool(name, pool);
  });
}

/** The HTTP application. Plugin order as in fastify/demo: external plugins, app plugins, routes. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, orm, tenantOrm, pools, secrets } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // Portal, invitation and checkout tokens travel in URLs: never logged (log-redaction.ts).
            serializers: { req: redactedRequestSerializer },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    // X-Forwarded-For is believed from the configured proxies only (TRUSTED_PROXIES): trusting it
    // from anyone would let a client pick the address that rate limits and audit rows are keyed on.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    // A UUID per request, on every log line it writes (`reqId`) and in its `x-request-id` answer
    // header: unique across the API processes of a cluster (Fastify's default counts from 1 in each
    // process), so a user's or a creditor's report finds its lines. A client's own header is not taken.
    genReqId: () => randomUUID(),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // External plugins
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  // preHandler: the login limit is keyed by address and e-mail, so it needs the parsed body.
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  await app.register(openApiPlugin, { ui: config.apiDocs });

  // Application plugins
  await app.register(httpMetricsPlugin);
  await watchDbPools(app, options);
  await app.register(errorsPlugin);
  await app.register(requestContextPlugin, { orm, tenantOrm, pools, clock: options.clock ?? systemClock, config, secrets });
  await app.register(mailerPlugin, { config });
  await app.register(authPlugin, {
    jwtSecret: secrets.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    apiKeys: { authenticate: (request, secret) => authenticateApiKey(contextOf(request), secret), ratePerMinute: config.apiKeyRateLimitPerMinute },
    isRevoked: (request, jti, userId) => isAccessTokenRevoked(emExec(contextOf(request).em), jti, userId),
  });
  // After auth (it needs the actor): a creditor's read-only user is refused every write route.
  await app.register(creditorRolesPlugin);

  // Features, in the order of server/src/features.ts; each routes plugin on its own (encapsulated).
  for (const feature of features) {
    for (const routes of feature.routes ?? []) await app.register(routes);
  }

  await app.register(webPlugin, { distDir: config.webDistDir });
  // Letters rendered in requests (preview, plan agreement) run on a thread of their own: stop it with the app.
  app.addHook('onClose', async () => closeLetterRenderer());
  return app;
}
