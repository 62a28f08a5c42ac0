import type { MikroORM } from '@mikro-orm/postgresql';
import { Logger, runMigrations } from 'graphile-worker';

/** Our schema (MikroORM migrations, checked in) and graphile-worker's own schema. */
export async function migrateDatabase(orm: MikroORM, databaseUrl: string): Promise<void> {
  await orm.migrator.up();
  await runMigrations({ connectionString: databaseUrl, logger: silentWorkerLogger });
}

export const silentWorkerLogger = new Logger(() => () => {});
