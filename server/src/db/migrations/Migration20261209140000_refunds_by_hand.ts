import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17: an overpayment with no account to send it back to (a card, a cheque) is refunded by
 * hand; the accountant records it (`paid_by_hand`, with its day and means), which books it out of
 * the client account.
 */
export class Migration20261209140000_refunds_by_hand extends Migration {
  override name = 'Migration20261209140000_refunds_by_hand';

  override up(): void {
    this.addSql(`
alter table debtor_refund drop constraint debtor_refund_status_check;
alter table debtor_refund drop constraint debtor_refund_check;
alter table debtor_refund add constraint debtor_refund_status_check check (status in ('draft', 'sent', 'confirmed', 'manual', 'paid_by_hand'));
alter table debtor_refund add constraint debtor_refund_iban_check check ((status in ('manual', 'paid_by_hand')) = (iban is null));
alter table debtor_refund
  add column paid_on date null,
  add column paid_method text null check (paid_method in ('card_refund', 'cheque', 'transfer', 'cash')),
  add column paid_by uuid null references app_user(id),
  add constraint debtor_refund_paid_by_hand check ((status = 'paid_by_hand') = (paid_on is not null and paid_method is not null));
`);
  }
}
