import { Migration } from '@mikro-orm/migrations';

/**
 * Internal notes (issue 19, "case detail without staff-only data"): an agent's note on the case
 * timeline is the agency's own unless the agent shares it with the creditor. `activity.staff_only`
 * says so; the timeline as a creditor's user, key or export reads it leaves such entries out
 * (cases/activities.ts listActivities). Written true for a note an agent logs without sharing it
 * (the default); entries written before keep false (what the creditor already saw stays visible).
 */
export class Migration20261211120000_staff_only_notes extends Migration {
  override name = 'Migration20261211120000_staff_only_notes';

  override up(): void {
    this.addSql(`alter table activity add column staff_only boolean not null default false;`);
  }
}
