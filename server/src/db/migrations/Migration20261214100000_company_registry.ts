import { Migration } from '@mikro-orm/migrations';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Issue 23, the company registry and collective proceedings (features/registry):
 * - registry_company: what the registry says of a SIREN (legal name and form, NAF code, registered
 *   office, status, creation day), one row per SIREN, refreshed at intake and weekly. Public data
 *   (SIRENE, RCS, BODACC), the same for every creditor: no creditor column, readable by every role,
 *   so the legal gate sees the proceedings whichever connection asks it;
 * - registry_proceeding: the collective proceedings published for it (type, judgment and
 *   publication days, court, mandataire judiciaire), unique per SIREN, type and judgment day;
 * - claim_declaration: per case and proceeding, the claim to declare to the mandataire within two
 *   months of the publication (C. com. L622-24, R622-24), its generated déclaration de créance and
 *   the day it was declared. A creditor's data: row-level security on creditor_id;
 * - the creditor event `debtor.insolvency_opened` and the managers' notifications of a ceased company
 *   or proceedings opened.
 */
const schemaSql = `
create table registry_company (
  siren text primary key check (siren ~ '^[0-9]{9}$'),
  name text not null,
  legal_form text,
  naf_code text,
  address_line1 text,
  postal_code text,
  city text,
  address_since date,
  status text not null check (status in ('active', 'ceased')),
  created_on date,
  provider text not null,
  looked_up_at timestamptz not null
);

create table registry_proceeding (
  id uuid primary key default gen_random_uuid(),
  siren text not null references registry_company(siren) on delete cascade,
  type text not null check (type in ('sauvegarde', 'redressement', 'liquidation')),
  judgment_date date not null,
  publication_date date,
  court text,
  mandataire_name text,
  mandataire_address text,
  unique (siren, type, judgment_date)
);

create index debtor_siren_idx on debtor (siren) where siren is not null;

create table claim_declaration (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id) on delete cascade,
  creditor_id uuid not null references creditor(id),
  proceeding_id uuid not null references registry_proceeding(id) on delete cascade,
  due_on date not null,
  amount_cents bigint not null,
  currency char(3) not null default 'EUR',
  document_id uuid references case_document(id) on delete set null,
  declared_on date,
  declared_by uuid references app_user(id),
  created_at timestamptz not null,
  unique (case_id, proceeding_id)
);
create index claim_declaration_creditor_idx on claim_declaration (creditor_id, case_id);

${policySql(['claim_declaration', { kind: 'creditor', column: 'creditor_id' }])}

alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (${webhookEventTypes.map((type) => `'${type}'`).join(', ')}));

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
  check (kind in ('plan_approved', 'plan_refused', 'mandate_revoked', 'mandate_expiring', 'mandate_expired',
                  'legal_action_proposed', 'legal_action_ready', 'legal_deadline', 'legal_lapsed',
                  'remittance_overdue', 'remittance_terms_breach', 'consultation_answered',
                  'registry_company_ceased', 'registry_insolvency'));
`;

export class Migration20261214100000_company_registry extends Migration {
  override name = 'Migration20261214100000_company_registry';

  override up(): void {
    this.addSql(schemaSql);
  }
}
