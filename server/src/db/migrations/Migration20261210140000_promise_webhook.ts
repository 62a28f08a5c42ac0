import { Migration } from '@mikro-orm/migrations';
import { webhookEventTypes } from '@relance/contracts/webhooks';

/** Issue 18: the creditor hears of every promise to pay (`promise.made`), an agent's or the debtor's own on their page. */
export class Migration20261210140000_promise_webhook extends Migration {
  override name = 'Migration20261210140000_promise_webhook';

  override up(): void {
    this.addSql(`
alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (${webhookEventTypes.map((type) => `'${type}'`).join(', ')}));
`);
  }
}
