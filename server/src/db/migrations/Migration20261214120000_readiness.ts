import { Migration } from '@mikro-orm/migrations';

/**
 * Readiness (issue 21 §4): an API process is ready only when every migration its code lists
 * (db/orm.ts) is applied, which it checks as relance_agency. The migrations table stays closed to
 * writes by the app's roles (the row-level security migration revoked everything on it); reading the
 * names only is what the probe needs and tells nothing about anyone.
 */
export class Migration20261214120000_readiness extends Migration {
  override name = 'Migration20261214120000_readiness';

  override up(): void {
    this.addSql('grant select (name) on mikro_orm_migrations to relance_app, relance_agency;');
  }
}
