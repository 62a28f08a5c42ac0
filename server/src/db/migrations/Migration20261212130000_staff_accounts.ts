import { Migration } from '@mikro-orm/migrations';

/**
 * Staff administration (issue 20): an admin deactivates an account instead of deleting it (the
 * audit trail and the timeline keep naming its author). A deactivated user cannot sign in, refresh
 * a session or use an access token; `last_login_at` (set at each sign-in) already exists.
 */
export class Migration20261212130000_staff_accounts extends Migration {
  override name = 'Migration20261212130000_staff_accounts';

  override up(): void {
    this.addSql(`alter table app_user add column deactivated_at timestamptz;`);
  }
}
