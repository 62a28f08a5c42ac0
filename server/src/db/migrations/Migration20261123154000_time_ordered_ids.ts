import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 4, import at scale: the tables a file import or a dunning run fills by the hundred
 * thousand get time-ordered UUIDs (RFC 9562 version 7, `uuidv7()` built into PostgreSQL 18)
 * instead of random ones. A random key lands on a random leaf page of every index that contains
 * it (the primary key, and the foreign-key indexes of the child rows), so once the indexes
 * outgrow shared_buffers each insert reads and dirties a cold page; a v7 key appends to the
 * right-hand edge. Measured on 1,000,000-row imports (see README, benchmarks).
 * The ids stay unguessable enough for internal records (62 random bits, and every read is
 * scoped by creditor anyway); tables whose id is handed to an unauthenticated visitor
 * (checkout and card sessions) keep fully random ids.
 */
const bulkTables = [
  'debtor',
  'debtor_email',
  'debtor_phone',
  'debtor_address',
  'collection_case',
  'claim',
  'activity',
  'payment',
  'case_document',
  'outbound_message',
];

export class Migration20261123154000_time_ordered_ids extends Migration {
  override name = 'Migration20261123154000_time_ordered_ids';

  override up(): void {
    this.addSql(bulkTables.map((table) => `alter table ${table} alter column id set default uuidv7();`).join('\n'));
  }
}
