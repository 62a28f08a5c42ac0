import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

// The whole configuration, parsed once from the environment. No NODE_ENV branching and no
// secret fallbacks: a secret that is not given is generated and kept in DATA_DIR
// (see db/secrets.ts), never a constant in the code.
const repositoryRoot = resolve(import.meta.dirname, '..', '..');

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional().describe('Base URL printed in links; defaults to http://localhost:PORT'),
  DATABASE_URL: z.string().optional().describe('PostgreSQL URL; unset = embedded PostgreSQL in DATA_DIR'),
  // The login of the API and the worker (row-level security applies to it); unset = relance_app on
  // DATABASE_URL's server with a generated password that `migrate` gives the role.
  APP_DATABASE_URL: z.string().optional(),
  // Which connection serves what (issue 21 §2; README "Run as a cluster"). APP_DATABASE_URL may go
  // through a pooler in transaction pooling (PgBouncer): the ORMs of requests and jobs use it, and
  // hold no session state across transactions (settings are `set local`/set_config(..., true),
  // advisory locks are pg_advisory_xact_lock, statements are unnamed).
  // - APP_DATABASE_STAFF_URL: the agency-wide connections (staff requests, public routes, jobs'
  //   ORM, the importer). Unset = APP_DATABASE_URL switching to relance_agency in its startup
  //   options (-c role=relance_agency), which a pooler cannot pass: behind PgBouncer, give a pooler
  //   database whose connect_query is `set role relance_agency` (infra/cluster/cluster.sh).
  APP_DATABASE_STAFF_URL: z.string().optional(),
  // - APP_DATABASE_DIRECT_URL: the app's login straight to the primary, for what needs a session of
  //   its own: graphile-worker (LISTEN/NOTIFY, its prepared statements) and the queue's claim (a
  //   named prepared statement, synchronous_commit=off). Unset = APP_DATABASE_URL (no pooler).
  //   Migrations and demo data use DATABASE_URL (the owner), which must be direct too.
  APP_DATABASE_DIRECT_URL: z.string().optional(),
  // - DATABASE_REPLICA_URL: the app's login on a streaming replica, for read-heavy reports (KPIs,
  //   exports, monthly reports, team board). Unset = they read the primary. A read goes to the
  //   primary when the replica is more than REPLICA_MAX_LAG_SECONDS behind; writes never go there.
  DATABASE_REPLICA_URL: z.string().optional(),
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().int().positive().default(60),
  DATA_DIR: z.string().default(resolve(repositoryRoot, '.data')),
  JWT_SECRET: z.string().min(32).optional(),
  // Seals the secrets kept in the database (creditor webhook signing secrets), AES-256-GCM: 32 bytes,
  // base64. Unset = generated once and kept in DATA_DIR/secrets.json.
  SECRETS_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  PORTAL_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().default(resolve(repositoryRoot, 'web', 'dist')),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  // Letters are rendered to PDF on this many threads of the worker process; unset = one per core.
  LETTER_RENDER_THREADS: z.coerce.number().int().positive().optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  // Failed logins: an account (e-mail) is locked after this many failures in a row, for 1 minute,
  // then 2, 4, 8... (up to an hour) at each further failure; a success resets it.
  LOGIN_LOCK_AFTER_FAILURES: z.coerce.number().int().positive().default(5),
  // Failed logins from one client address, across accounts, per 15 minutes before the address is refused.
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().positive().default(30),
  // The reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated).
  // Default none: the client address is the socket's, and a forged header changes nothing.
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine(
      (value) => splitList(value).every((entry) => isIP(entry.split('/')[0] ?? '') !== 0 || ['loopback', 'linklocal', 'uniquelocal'].includes(entry)),
      'comma-separated IP addresses or CIDRs (e.g. 10.0.0.1,10.0.0.0/8)',
    ),
  // Swagger UI at /docs and the OpenAPI document at /docs/json; 'false' turns both off.
  API_DOCS: z.enum(['true', 'false']).default('true'),
  // The refresh cookie is Secure (sent over https only) unless PUBLIC_URL is plain http on this
  // machine (localhost, 127.0.0.1, [::1]: npm start). 'true' drops Secure anywhere (development
  // over plain http on a network); 'false' keeps it even on localhost.
  INSECURE_COOKIES: z.enum(['true', 'false']).optional(),
  SMTP_URL: z.url().or(z.literal('')).optional().describe('smtp://user:pass@host:587 or smtps://...; unset = e-mails are logged and kept in memory'),
  MAIL_FROM: z.string().min(3).default('Relance <no-reply@relance.invalid>'),
  // Envelope sender (Return-Path) of the e-mails to debtors: where receiving servers send their
  // delivery status notifications (bounces). Default: bounces@ the domain of MAIL_FROM.
  BOUNCE_ADDRESS: z.email().optional(),
  API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Creditor webhooks go to https URLs on public addresses only (no requests into our own network);
  // 'true' allows http and private/loopback addresses (local development and tests).
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false'),
  // Prometheus' scraper sends it as a bearer token to GET /metrics; unset = /metrics is open (keep it
  // on a network only Prometheus reaches).
  METRICS_TOKEN: z.string().min(16).optional(),
  // The `worker` command has no HTTP API: it serves its /metrics (job durations, failures, retries) on
  // this port when set. `api` and `start` serve /metrics on PORT.
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // Demonstrations and the cluster test only (server/test/cluster.test.ts): the program's clock starts
  // at this instant (ISO 8601) and runs on from there, so the agents' contact window is open whatever
  // the hour of the run. Every "today" of the code comes from this clock. Unset = the real time.
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  // Issue 23, the company registry: who answers the SIREN lookups. 'local' reads the demo companies
  // of seeds/ and the JSON file REGISTRY_FIXTURES (no network); 'pappers' needs PAPPERS_API_KEY;
  // 'sirene+bodacc' needs INSEE_API_KEY (INSEE's SIRENE API) and reads the BODACC open data.
  REGISTRY_PROVIDER: z.enum(['local', 'pappers', 'sirene+bodacc']).default('local'),
  REGISTRY_FIXTURES: z.string().optional().describe('JSON file of companies for the local registry (see README)'),
  PAPPERS_API_KEY: z.string().min(1).optional(),
  INSEE_API_KEY: z.string().min(1).optional(),
  // The largest camt.053 statement accepted (bytes, counted as the upload is read). A day of a busy
  // client-funds account stays well under 50 MB (~900 bytes an entry); the bank statement benchmark raises it.
  BANK_STATEMENT_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  /** The app's own login (row-level security applies to it); undefined = derived (db/row-level-security.ts). */
  appDatabaseUrl: string | undefined;
  /** Agency-wide connections through a pooler (its own role switch); undefined = APP_DATABASE_URL with -c role. */
  appDatabaseStaffUrl: string | undefined;
  /** The app's login, not through a pooler (graphile-worker, the queue's claim); undefined = the app URL. */
  appDatabaseDirectUrl: string | undefined;
  /** The app's login on a streaming replica for reports; undefined = reports read the primary. */
  databaseReplicaUrl: string | undefined;
  /** Past this lag, a report reads the primary instead of the replica. */
  replicaMaxLagSeconds: number;
  dataDir: string;
  jwtSecret: string | undefined;
  secretsKey: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  portalLinkTtlDays: number;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  webDistDir: string;
  workerConcurrency: number;
  /** Threads rendering letters in the worker; undefined = one per core. */
  letterRenderThreads: number | undefined;
  loginRateLimitPerMinute: number;
  loginLockAfterFailures: number;
  loginAddressMaxFailures: number;
  /** Proxies whose X-Forwarded-For is trusted (addresses, CIDRs); empty = none. */
  trustedProxies: string[];
  apiDocs: boolean;
  /** Whether the refresh cookie carries Secure. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Envelope sender of the e-mails to debtors; DSNs (bounces) come back to it. */
  bounceAddress: string;
  apiKeyRateLimitPerMinute: number;
  webhookAllowPrivateUrls: boolean;
  /** Bearer token required by GET /metrics; undefined = open. */
  metricsToken: string | undefined;
  /** Port of the worker's own /metrics server; undefined = none. */
  metricsPort: number | undefined;
  /** The clock's starting instant (demonstrations, the cluster test); undefined = the real time. */
  clockStart: Date | undefined;
  /** The company registry (features/registry/providers): which provider and its keys or fixture file. */
  registry: RegistryConfig;
  /** The largest camt.053 file imported, in bytes. */
  bankStatementMaxBytes: number;
};

export type RegistryConfig = {
  provider: 'local' | 'pappers' | 'sirene+bodacc';
  fixturesPath: string | undefined;
  pappersApiKey: string | undefined;
  inseeApiKey: string | undefined;
};

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL || undefined,
    appDatabaseUrl: e.APP_DATABASE_URL || undefined,
    appDatabaseStaffUrl: e.APP_DATABASE_STAFF_URL || undefined,
    appDatabaseDirectUrl: e.APP_DATABASE_DIRECT_URL || undefined,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL || undefined,
    replicaMaxLagSeconds: e.REPLICA_MAX_LAG_SECONDS,
    dataDir: resolve(e.DATA_DIR),
    jwtSecret: e.JWT_SECRET,
    secretsKey: e.SECRETS_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    portalLinkTtlDays: e.PORTAL_LINK_TTL_DAYS,
    logLevel: e.LOG_LEVEL,
    webDistDir: e.WEB_DIST_DIR,
    workerConcurrency: e.WORKER_CONCURRENCY,
    letterRenderThreads: e.LETTER_RENDER_THREADS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginLockAfterFailures: e.LOGIN_LOCK_AFTER_FAILURES,
    loginAddressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
    trustedProxies: splitList(e.TRUSTED_PROXIES),
    apiDocs: e.API_DOCS === 'true',
    secureCookies: e.INSECURE_COOKIES === undefined ? !isPlainHttpOnThisMachine(publicUrl) : e.INSECURE_COOKIES === 'false',
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    bounceAddress: e.BOUNCE_ADDRESS ?? defaultBounceAddress(e.MAIL_FROM),
    apiKeyRateLimitPerMinute: e.API_KEY_RATE_LIMIT_PER_MINUTE,
    webhookAllowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS === 'true',
    metricsToken: e.METRICS_TOKEN || undefined,
    metricsPort: e.METRICS_PORT,
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    registry: registryConfigOf(e),
    bankStatementMaxBytes: e.BANK_STATEMENT_MAX_BYTES,
  };
}

/** A real provider without its key would fail every lookup: refused at start instead. */
function registryConfigOf(e: z.infer<typeof environment>): RegistryConfig {
  if (e.REGISTRY_PROVIDER === 'pappers' && !e.PAPPERS_API_KEY) throw new Error('Invalid configuration:\n  REGISTRY_PROVIDER=pappers needs PAPPERS_API_KEY');
  if (e.REGISTRY_PROVIDER === 'sirene+bodacc' && !e.INSEE_API_KEY) throw new Error('Invalid configuration:\n  REGISTRY_PROVIDER=sirene+bodacc needs INSEE_API_KEY');
  return {
    provider: e.REGISTRY_PROVIDER,
    fixturesPath: e.REGISTRY_FIXTURES ? resolve(e.REGISTRY_FIXTURES) : undefined,
    pappersApiKey: e.PAPPERS_API_KEY,
    inseeApiKey: e.INSEE_API_KEY,
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** http:// on a loopback name or address: the development case where a Secure cookie would never be sent back. */
function isPlainHttpOnThisMachine(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** bounces@ the domain of MAIL_FROM's address: a mailbox of the domain we send from. */
function defaultBounceAddress(mailFrom: string): string {
  const address = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  return `bounces@${address.split('@')[1] ?? 'relance.invalid'}`;
}
