import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13, items 12 to 14 (privacy by default):
 * - every creditor user has a creditor role ('viewer' or 'uploader'): the viewer rule
 *   (server/src/plugins/creditor-roles.ts) treats anything but 'uploader' as read-only.
 */
export class Migration20261206130000_privacy extends Migration {
  override name = 'Migration20261206130000_privacy';

  override up(): void {
    this.addSql(`
update app_user set creditor_role = 'uploader' where role = 'creditor' and creditor_role is null;
alter table app_user add constraint app_user_creditor_has_role check (role <> 'creditor' or creditor_role is not null);
`);
  }
}
