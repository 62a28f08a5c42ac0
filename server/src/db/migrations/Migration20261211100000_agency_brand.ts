import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 19: the agency's brand (white label). The staff app, the creditors' area and the e-mails to
 * their users carry the agency's display name, primary colour and logo (a PNG re-encoded at upload,
 * as a creditor's), and the software's name at most in a "propulsé par" line the agency can hide.
 * The agency table holds no creditor's data: no row-level-security policy to add.
 */
export class Migration20261211100000_agency_brand extends Migration {
  override name = 'Migration20261211100000_agency_brand';

  override up(): void {
    this.addSql(`
alter table agency
  add column brand_display_name text,
  add column brand_primary_color text check (brand_primary_color ~ '^#[0-9a-f]{6}$'),
  add column brand_logo bytea,
  add column brand_logo_sha256 text,
  add column powered_by_visible boolean not null default true;
`);
  }
}
