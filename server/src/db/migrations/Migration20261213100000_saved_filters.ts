import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Saved filters of the case list (issue 20): a person's named sets of the list's URL filters. A
 * person sees only their own (the application filters on the user; row-level security too for a
 * creditor's user); a name is unique per person.
 */
const schemaSql = `
create table saved_filter (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user(id) on delete cascade,
  name text not null check (length(name) between 1 and 60),
  query text not null check (length(query) <= 2000),
  created_at timestamptz not null,
  unique (user_id, name)
);

${policySql(['saved_filter', { kind: 'own_user', column: 'user_id' }])}
`;

export class Migration20261213100000_saved_filters extends Migration {
  override name = 'Migration20261213100000_saved_filters';

  override up(): void {
    this.addSql(schemaSql);
  }
}
