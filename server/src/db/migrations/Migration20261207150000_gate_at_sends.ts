import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15, the legal gate at every send:
 * - `outbound_message.origin`: who asked for the message (the daily run: `automatic`; a member of
 *   staff: `agent` or `manager`), so the send job asks the gate again with the same origin; an
 *   existing message written by a person is an agent's. `gate_terms`: what else the gate was asked
 *   on when the message was queued, kept so the send job asks the same: a manager's override of the
 *   contact window and/or the cap with its written reason (`override: {window, cap, reason}`; the
 *   override itself is in the audit trail, written when queued) and, for the daily run's messages,
 *   the strategy's pause switches (`pauseRules`);
 * - notifications to managers about a creditor's mandate (revoked, expiring within 30 days,
 *   expired): `creditor_id` says which creditor, `dedupe_key` makes the daily check tell each
 *   manager once per mandate end (unique per user). Notifications about a creditor carry no case:
 *   the table's row-level-security policy (through its case) already hides them from creditors.
 */
export class Migration20261207150000_gate_at_sends extends Migration {
  override name = 'Migration20261207150000_gate_at_sends';

  override up(): void {
    this.addSql(`
alter table outbound_message
  add column origin text not null default 'automatic' check (origin in ('automatic', 'agent', 'manager')),
  add column gate_terms jsonb null;
update outbound_message set origin = 'agent' where created_by is not null;

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
  check (kind in ('plan_approved', 'plan_refused', 'mandate_revoked', 'mandate_expiring', 'mandate_expired'));
alter table notification
  add column creditor_id uuid null references creditor(id),
  add column dedupe_key text null;
create unique index notification_dedupe_key on notification (user_id, dedupe_key) where dedupe_key is not null;
`);
  }
}
