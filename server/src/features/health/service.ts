import type { ServiceContext } from '../../plugins/context.ts';

/**
 * The migrations this code lists (db/orm.ts) that the database has not applied. Loaded when asked:
 * db/orm.ts imports every feature, this one included, so a static import would be a cycle.
 * Migrations the database has and this code does not know are fine: during a rolling deploy the
 * previous release runs on the new schema (expand/contract), and must stay ready.
 */
export async function missingMigrations(em: ServiceContext['em']): Promise<string[]> {
  const { migrationsList } = await import('../../db/orm.ts');
  const applied = await em.execute<{ name: string }[]>('select name from mikro_orm_migrations');
  const names = new Set(applied.map((row) => row.name));
  return migrationsList.map((migration) => migration.name).filter((name) => !names.has(name));
}
