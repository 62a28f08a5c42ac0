import { Migration } from '@mikro-orm/migrations';

/**
 * The timeline as data (issue 20): an entry keeps its French `text` (the record) and gains the same
 * facts as an event code and its parameters (packages/contracts/src/timeline-events.ts), which the
 * staff app renders in French or English with dates, amounts and statuses by label. Entries written
 * before have none and are shown by their text.
 */
export class Migration20261212140000_timeline_events extends Migration {
  override name = 'Migration20261212140000_timeline_events';

  override up(): void {
    this.addSql(`alter table activity add column event text, add column event_params jsonb;`);
  }
}
