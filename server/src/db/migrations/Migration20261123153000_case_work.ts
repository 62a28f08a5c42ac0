import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 5, case work (contact rules, disputes, vulnerability, callbacks):
 * - `activity.contact_warnings`: the contact rules a call broke when the agency's setting is
 *   'warn' (the call is logged, the warning kept with it as evidence of what the agent was shown);
 * - two creditor events: `case.disputed` (a dispute pauses collection and the creditor has to
 *   answer it) and `case.dispute_resolved`;
 * - a partial index for the managers' "vulnerable" filter of the case list.
 */
export class Migration20261123153000_case_work extends Migration {
  override name = 'Migration20261123153000_case_work';

  override up(): void {
    this.addSql(`
alter table activity add column contact_warnings jsonb null;

alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (
  'case.created', 'payment.received', 'plan.agreed', 'case.escalated', 'case.closed', 'import.finished',
  'case.disputed', 'case.dispute_resolved'));

create index collection_case_vulnerable_idx on collection_case (vulnerable_since) where vulnerable_since is not null;
`);
  }
}
