import type { Config } from '../config.ts';
import { STAFF_SCOPE_OPTIONS } from './row-level-security.ts';

/**
 * Which connection serves what, when the app runs behind a pooler in transaction pooling (issue 21
 * §2, README "Run as a cluster"). A pooled connection is a different server session at each
 * transaction, so nothing on it may rely on session state: the app's settings are transaction-local
 * (MikroORM's session context, `set local`), its advisory locks are pg_advisory_xact_lock and its ORM
 * statements are unnamed. What does need a session goes direct:
 *
 * | connection | used by                                            | through a pooler?                    |
 * | creditor   | tenantOrm (creditor users, API keys)               | yes (set_config(..., true) per tx)   |
 * | staff      | orm (staff, public routes, jobs' ORM), importer    | yes, via a pooler database whose     |
 * |            |                                                    | connect_query switches the role      |
 * | direct     | graphile-worker (LISTEN/NOTIFY, prepared           | no                                   |
 * |            | statements), the queue's claim (named statement,   |                                      |
 * |            | synchronous_commit=off in its startup options)     |                                      |
 * | replica    | reports' reads (KPIs, exports, monthly, team)      | no (a standby, read-only)            |
 * | owner      | migrations, demo data (DATABASE_URL)               | no                                   |
 */
export type Connection = { url: string; /** PostgreSQL startup options (`-c ...`); none through a pooler. */ options: string | undefined };

export type AppConnections = {
  /** relance_app acting as itself: each creditor transaction names its creditor. */
  creditor: string;
  /** relance_app acting as relance_agency. */
  staff: Connection;
  /** relance_app straight to the primary (the caller adds its startup options). */
  direct: string;
  /** relance_app on a streaming replica, or undefined (reports read the primary). */
  replica: string | undefined;
};

/** The connections of a deployment, from its configuration and the app's URL (db/row-level-security.ts appDatabaseUrl). */
export function appConnections(config: Pick<Config, 'appDatabaseStaffUrl' | 'appDatabaseDirectUrl' | 'databaseReplicaUrl'>, appUrl: string): AppConnections {
  return {
    creditor: appUrl,
    staff: config.appDatabaseStaffUrl ? { url: config.appDatabaseStaffUrl, options: undefined } : { url: appUrl, options: STAFF_SCOPE_OPTIONS },
    direct: config.appDatabaseDirectUrl ?? appUrl,
    replica: config.databaseReplicaUrl,
  };
}

/** One PostgreSQL, no pooler, no replica: every connection on the app's URL (tests, benchmarks, `start`). */
export function singleServerConnections(appUrl: string): AppConnections {
  return appConnections({ appDatabaseStaffUrl: undefined, appDatabaseDirectUrl: undefined, databaseReplicaUrl: undefined }, appUrl);
}
