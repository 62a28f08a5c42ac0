import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * The monthly report (issue 19): one row per creditor and finished month (unique, so a retried
 * request or the cron never prints twice), queued then ready with its PDF kept in the row (a
 * report belongs to a creditor, not to a case: case_document does not fit), or failed with why.
 * `e_mailed_to` lists the users already sent the cron's e-mail (a retried job skips them) and
 * `e_mailed_at` marks it done (never twice). A creditor user may opt in to
 * receive the report by e-mail (`app_user.monthly_report_email`).
 */
export class Migration20261212100000_monthly_report extends Migration {
  override name = 'Migration20261212100000_monthly_report';

  override up(): void {
    this.addSql(`
create table monthly_report (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id),
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null default 'queued' check (status in ('queued', 'ready', 'failed')),
  error text null,
  requested_by uuid null references app_user(id),
  e_mail boolean not null default false,
  e_mailed_at timestamptz null,
  e_mailed_to uuid[] not null default '{}',
  pdf bytea null,
  created_at timestamptz not null,
  finished_at timestamptz null,
  unique (creditor_id, month)
);
alter table app_user add column monthly_report_email boolean not null default false;
${policySql(['monthly_report', { kind: 'creditor', column: 'creditor_id' }])}
`);
  }
}
