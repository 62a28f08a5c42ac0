import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18, "a declined or abandoned payment shows what happened and what to try": a declined card
 * keeps the provider's reason (card_declined, insufficient_funds, expired_card...), and the debtor's
 * page reads the case's last attempt. "Last" is the order the attempts were opened in (`attempt_seq`):
 * created_at comes from the application's clock, and two attempts may share an instant (a test
 * clock, a clock without sub-millisecond steps).
 */
export class Migration20261210110000_checkout_outcome extends Migration {
  override name = 'Migration20261210110000_checkout_outcome';

  override up(): void {
    this.addSql(`
alter table checkout_session
  add column failure_reason text null check (failure_reason is null or length(failure_reason) between 1 and 100);
alter table checkout_session add column attempt_seq bigint generated always as identity;
create index checkout_session_case_idx on checkout_session (case_id, attempt_seq desc);
`);
  }
}
