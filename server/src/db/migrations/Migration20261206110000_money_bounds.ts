import { Migration } from '@mikro-orm/migrations';

/**
 * Money bounds and overpayments (issue #13, item 3).
 *
 * - The last wall under the request schemas: no single amount above MAX_AMOUNT_CENTS (1e11 cents,
 *   1 billion euros; packages/contracts/src/common.ts) in a claim, a payment, a promise or a card
 *   checkout. Beyond it, sums of amounts stop being exact JavaScript numbers, and every list that
 *   adds them up fails for everyone. `not valid`: enforced for every new or changed row without
 *   refusing to start on a database that already holds such a row (`validate constraint` once it
 *   is cleaned up).
 * - `payment.overpayment`: the payment was recorded knowing it exceeds what the case owed (the
 *   API refuses it otherwise). The excess is owed back to the payer: the décompte computes it from
 *   the rows (totals.creditCents), and the case detail shows it as refundDueCents.
 */
export class Migration20261206110000_money_bounds extends Migration {
  override name = 'Migration20261206110000_money_bounds';

  override up(): void {
    this.addSql(`
alter table claim add constraint claim_amount_within_bounds check (amount_cents between 1 and 100000000000) not valid;
alter table payment add constraint payment_amount_within_bounds check (amount_cents between 1 and 100000000000) not valid;
alter table promise_to_pay add constraint promise_amount_within_bounds check (amount_cents between 1 and 100000000000) not valid;
alter table checkout_session add constraint checkout_amount_within_bounds check (amount_cents between 1 and 100000000000) not valid;
alter table payment add column overpayment boolean not null default false;
`);
  }
}
