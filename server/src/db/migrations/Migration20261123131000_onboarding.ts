import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 4, agency and creditor onboarding:
 * - the agency is one row (singleton) with its identity and R124-2 records, the client-funds
 *   account's BIC added;
 * - the creditor's legal identity (legal form, VAT number), the signed R124-3 mandate (PDF with
 *   its SHA-256), commission and remittance terms (R124-3, R124-6), payment-plan rules, the
 *   remittance bank account and the rest of its brand (secondary colour, sender, reply-to,
 *   signature, footer);
 * - creditor users get a role inside their creditor (viewer or uploader; existing ones upload);
 * - invitations by e-mail link: only the SHA-256 of the token is stored, single use.
 */
export class Migration20261123131000_onboarding extends Migration {
  override name = 'Migration20261123131000_onboarding';

  override up(): void {
    this.addSql(`
alter table agency
  add column singleton boolean not null default true check (singleton),
  add column legal_form text null,
  add column address_line2 text null,
  add column country char(2) not null default 'FR',
  add column client_funds_bic text null,
  add column updated_at timestamptz not null default now();
create unique index agency_singleton_key on agency (singleton);

alter table creditor
  add column legal_form text null,
  add column vat_number text null,
  add column mandate_document bytea null,
  add column mandate_document_name text null,
  add column mandate_document_size integer null,
  add column mandate_document_sha256 text null,
  add column mandate_document_uploaded_at timestamptz null,
  add column commission_basis_points integer null check (commission_basis_points between 0 and 10000),
  add column commission_fixed_fee_cents bigint null check (commission_fixed_fee_cents >= 0),
  add column remittance_basis text not null default 'net' check (remittance_basis in ('net', 'gross')),
  add column remittance_frequency text not null default 'monthly' check (remittance_frequency in ('weekly', 'monthly')),
  add column remittance_delay_days integer not null default 30 check (remittance_delay_days >= 0),
  add column remittance_longer_delay_stipulated boolean not null default false,
  add column plan_max_duration_months integer not null default 12 check (plan_max_duration_months between 1 and 120),
  add column plan_min_installment_cents bigint not null default 3000 check (plan_min_installment_cents >= 0),
  add column plan_max_agent_discount_basis_points integer not null default 0 check (plan_max_agent_discount_basis_points between 0 and 10000),
  add column plan_manager_above_cents bigint null check (plan_manager_above_cents >= 0),
  add column plan_manager_above_months integer null check (plan_manager_above_months >= 1),
  add column remittance_iban text null,
  add column remittance_bic text null,
  add column brand_secondary_color char(7) null check (brand_secondary_color ~ '^#[0-9a-fA-F]{6}$'),
  add column brand_sender_name text null,
  add column brand_reply_to text null,
  add column brand_signature text null,
  add column brand_footer text null,
  add constraint creditor_remittance_delay check (remittance_delay_days <= 30 or remittance_longer_delay_stipulated),
  add constraint creditor_mandate_document_complete
    check ((mandate_document is null) = (mandate_document_sha256 is null));

alter table app_user add column creditor_role text null check (creditor_role in ('viewer', 'uploader'));
update app_user set creditor_role = 'uploader' where role = 'creditor';
alter table app_user add constraint app_user_creditor_role_only_for_creditors check (creditor_role is null or role = 'creditor');

create table creditor_invitation (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditor(id),
  email text not null,
  name text not null,
  creditor_role text not null check (creditor_role in ('viewer', 'uploader')),
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  token_hash text not null unique,
  expires_at timestamptz not null,
  invited_by uuid not null references app_user(id),
  accepted_at timestamptz null,
  accepted_user_id uuid null references app_user(id),
  created_at timestamptz not null default now()
);
create index creditor_invitation_creditor_idx on creditor_invitation (creditor_id, created_at desc);
`);
  }
}
