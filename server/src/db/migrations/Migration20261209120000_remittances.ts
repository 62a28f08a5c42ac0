import { Migration } from '@mikro-orm/migrations';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Issue 17, commission and remittance (packages/domain/src/commission.ts):
 * - the mandate's commission terms gain tiers (by case age or placed amount) and whether payments
 *   made directly to the creditor bear commission (R124-3 4°);
 * - `remittance_run`: one run of credit transfers (its pain.001 file, staff only); `remittance`: one
 *   creditor's part of a run with its statement (relevé de reversement), at most one draft per
 *   creditor at a time; `remittance_item`: the payments it remits or charges, each payment once
 *   (`payment_id` unique), the mandate's fixed fee once per case (partial unique index);
 * - `commission_invoice`: numbered F-<year>-<seq> without gaps per year (`commission_invoice_counter`,
 *   incremented in the run's transaction, CGI 242 nonies A), its PDF, and `commission_invoice_cost`:
 *   each advanced legal cost billed once;
 * - `debtor_refund`: an overpayment paid back to the debtor by the run (or by hand without an IBAN);
 * - the notification kinds of the daily remittance check, and the creditor events of issue 17
 *   (`remittance.sent`, `payment.reversed`: the contracts' list, which the constraint now follows).
 */
export class Migration20261209120000_remittances extends Migration {
  override name = 'Migration20261209120000_remittances';

  override up(): void {
    this.addSql(SQL);
  }
}

const SQL = `
alter table creditor
  add column commission_tiers jsonb not null default '[]'::jsonb check (jsonb_typeof(commission_tiers) = 'array'),
  add column commission_on_direct_payments boolean not null default false;

create table remittance_run (
  id uuid primary key default gen_random_uuid(),
  status text not null default 'draft' check (status in ('draft', 'sent', 'confirmed')),
  through date not null,
  created_at timestamptz not null,
  created_by uuid null references app_user(id),
  sent_at timestamptz null,
  sent_by uuid null references app_user(id),
  total_cents bigint not null default 0 check (total_cents >= 0),
  pain001_name text null,
  pain001 text null
);
create index remittance_run_created_idx on remittance_run (created_at desc, id desc);

create table remittance (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references remittance_run(id),
  creditor_id uuid not null references creditor(id),
  status text not null default 'draft' check (status in ('draft', 'sent', 'confirmed')),
  payment_count integer not null,
  gross_cents bigint not null check (gross_cents >= 0),
  direct_cents bigint not null default 0 check (direct_cents >= 0),
  commission_ttc_cents bigint not null check (commission_ttc_cents >= 0),
  deducted_cents bigint not null check (deducted_cents >= 0),
  net_cents bigint not null check (net_cents >= 0),
  oldest_received_on date null,
  deadline date null,
  iban text null,
  bic text null,
  statement_reference text not null unique,
  statement_name text not null,
  statement_pdf bytea not null,
  created_at timestamptz not null,
  check (net_cents = 0 or iban is not null)
);
create unique index remittance_one_draft_per_creditor on remittance (creditor_id) where status = 'draft';
create index remittance_run_idx on remittance (run_id);
create index remittance_creditor_idx on remittance (creditor_id, created_at desc);

create table remittance_item (
  id bigint generated always as identity primary key,
  remittance_id uuid not null references remittance(id),
  creditor_id uuid not null references creditor(id),
  payment_id uuid not null unique references payment_record(id),
  case_id uuid not null references collection_case(id),
  direct boolean not null,
  received_on date not null,
  amount_cents bigint not null check (amount_cents > 0),
  payable_cents bigint not null check (payable_cents >= 0),
  commission_cents bigint not null check (commission_cents >= 0),
  fixed_fee_cents bigint not null default 0 check (fixed_fee_cents >= 0)
);
create index remittance_item_remittance_idx on remittance_item (remittance_id);
-- R124-3: the mandate's fixed fee is charged once per case.
create unique index remittance_item_fee_once_per_case on remittance_item (case_id) where fixed_fee_cents > 0;

create table commission_invoice_counter (
  year integer primary key,
  last_number integer not null check (last_number > 0)
);

create table commission_invoice (
  id uuid primary key default gen_random_uuid(),
  year integer not null,
  seq integer not null,
  number text not null unique,
  creditor_id uuid not null references creditor(id),
  remittance_id uuid null unique references remittance(id),
  issued_on date not null,
  service_on date not null,
  due_on date not null,
  ht_cents bigint not null check (ht_cents >= 0),
  vat_cents bigint not null check (vat_cents >= 0),
  ttc_cents bigint not null check (ttc_cents = ht_cents + vat_cents),
  disbursements_cents bigint not null check (disbursements_cents >= 0),
  deducted_cents bigint not null check (deducted_cents >= 0),
  file_name text not null,
  pdf bytea not null,
  created_at timestamptz not null,
  unique (year, seq)
);
create index commission_invoice_creditor_idx on commission_invoice (creditor_id, issued_on desc);

-- An advanced legal cost goes on one invoice, once (billed, or deducted from the remittance).
create table commission_invoice_cost (
  legal_cost_id uuid primary key references legal_cost(id),
  invoice_id uuid not null references commission_invoice(id),
  creditor_id uuid not null references creditor(id),
  amount_cents bigint not null check (amount_cents > 0),
  settlement text not null check (settlement in ('billed', 'deducted'))
);

create table debtor_refund (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references remittance_run(id),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  amount_cents bigint not null check (amount_cents > 0),
  iban text null,
  bic text null,
  status text not null check (status in ('draft', 'sent', 'confirmed', 'manual')),
  created_at timestamptz not null,
  check ((status = 'manual') = (iban is null))
);
create index debtor_refund_run_idx on debtor_refund (run_id);
-- One refund at a time per case until it is sent (or refunded by hand).
create unique index debtor_refund_one_open_per_case on debtor_refund (case_id) where status in ('draft', 'manual');

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
  check (kind in ('plan_approved', 'plan_refused', 'mandate_revoked', 'mandate_expiring', 'mandate_expired',
                  'legal_action_proposed', 'legal_action_ready', 'legal_deadline', 'legal_lapsed',
                  'remittance_overdue', 'remittance_terms_breach'));

alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (${webhookEventTypes.map((type) => `'${type}'`).join(', ')}));

${policySql(['remittance_run', { kind: 'staff_only' }])}
${policySql(['remittance', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['remittance_item', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['commission_invoice_counter', { kind: 'staff_only' }])}
${policySql(['commission_invoice', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['commission_invoice_cost', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['debtor_refund', { kind: 'creditor', column: 'creditor_id' }])}
`;
