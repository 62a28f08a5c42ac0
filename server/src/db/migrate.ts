import type { MikroORM } from '@mikro-orm/postgresql';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { prepareAppRole } from './row-level-security.ts';

/**
 * Our schema (MikroORM migrations, checked in), graphile-worker's own schema, then the app's role
 * (db/row-level-security.ts): all as the owner of the tables. `appPassword` is the generated password
 * of relance_app when this installation manages its login, null when the operator gives
 * APP_DATABASE_URL (their role, their password).
 */
export async function migrateDatabase(orm: MikroORM, ownerUrl: string, options: { appPassword: string | null }): Promise<void> {
  await orm.migrator.up();
  await runMigrations({ connectionString: ownerUrl, logger: silentWorkerLogger });
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await prepareAppRole(owner, { managedPassword: options.appPassword });
  } finally {
    await owner.end();
  }
}

export const silentWorkerLogger = new Logger(() => () => {});
