import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

const stages = `'proposed', 'refused', 'ready', 'filed', 'order_rendered', 'rejected', 'served', 'opposed', 'lapsed',
  'handed_over', 'invitation_sent', 'debtor_declined', 'title_obtained', 'enforcement', 'completed', 'withdrawn'`;
const closedStages = `'refused', 'rejected', 'lapsed', 'debtor_declined', 'title_obtained', 'completed', 'withdrawn'`;
const events = `'filed', 'order_rendered', 'order_rejected', 'served', 'opposed', 'hearing', 'judgment', 'final', 'handed_over',
  'invitation_sent', 'debtor_accepted', 'debtor_refused', 'debtor_silent', 'title_delivered', 'act', 'completed', 'withdrawn', 'lapsed'`;

const schemaSql = `
-- Courts, from the Ministry of Justice's open dataset (importer) or typed by an administrator.
create table court (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  kind text not null check (kind in ('tribunal_judiciaire', 'tribunal_commerce', 'tribunal_activites_economiques')),
  name text not null,
  address_line1 text not null,
  postal_code text not null,
  city text not null,
  cour_appel text null,
  email text null,
  phone text null,
  source text not null default 'manual' check (source in ('import', 'seed', 'manual')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Territorial competence by commune: the debtor's postal code and city find the court (CPC 1406).
create table court_competence (
  court_id uuid not null references court(id) on delete cascade,
  commune_code text not null,
  postal_code text not null,
  commune_name text not null,
  primary key (court_id, commune_code, postal_code)
);
create index court_competence_postal_idx on court_competence (postal_code, commune_name);

create table commissaire (
  id uuid primary key default gen_random_uuid(),
  etude text not null,
  name text not null,
  address_line1 text not null,
  postal_code text not null,
  city text not null,
  email text null,
  phone text null,
  accepts_email boolean not null default false,
  cour_appel_districts text[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table legal_action (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  kind text not null check (kind in ('injonction_de_payer', 'petites_creances', 'commissaire_enforcement')),
  stage text not null check (stage in (${stages})),
  proposed_by uuid null references app_user(id),
  proposed_at timestamptz not null,
  note text null,
  prechecks jsonb not null,
  claim_refs text[] not null,
  claimed_cents bigint not null check (claimed_cents >= 0),
  estimated_costs jsonb not null,
  estimated_costs_cents bigint not null,
  court_id uuid null references court(id),
  court jsonb null,
  commissaire_id uuid null references commissaire(id),
  commissaire jsonb null,
  title_source text null check (title_source in ('legal_action', 'external')),
  title_legal_action_id uuid null references legal_action(id),
  filed_on date null,
  order_on date null,
  order_amount_cents bigint null,
  served_on date null,
  opposed_on date null,
  invitation_sent_on date null,
  agreed_amount_cents bigint null,
  title_on date null,
  closed_on date null,
  updated_at timestamptz not null default now()
);
create unique index legal_action_open_key on legal_action (case_id) where stage not in (${closedStages});
create index legal_action_creditor_idx on legal_action (creditor_id, stage);
create index legal_action_stage_idx on legal_action (stage, updated_at desc);

-- Both parties approve before anything is filed: the creditor (the costs are theirs, L111-8) and
-- the agency (a manager). A mandate may pre-approve for the creditor below an amount.
create table legal_action_approval (
  legal_action_id uuid not null references legal_action(id),
  creditor_id uuid not null references creditor(id),
  party text not null check (party in ('creditor', 'agency')),
  decision text not null check (decision in ('approve', 'refuse')),
  via text not null check (via in ('user', 'api_key', 'mandate')),
  decided_by uuid null references app_user(id),
  api_key_id uuid null,
  reason text null,
  decided_at timestamptz not null,
  primary key (legal_action_id, party),
  check (decision = 'approve' or reason is not null)
);

create table legal_action_event (
  id uuid primary key default gen_random_uuid(),
  legal_action_id uuid not null references legal_action(id),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  event text not null check (event in (${events})),
  occurred_on date not null,
  details jsonb not null default '{}',
  document_id uuid null references case_document(id),
  recorded_by uuid null references app_user(id),
  recorded_at timestamptz not null
);
create index legal_action_event_action_idx on legal_action_event (legal_action_id, occurred_on, recorded_at);
-- A retried request never records an event twice: one row per action, event, day and act.
create unique index legal_action_event_once_key on legal_action_event (legal_action_id, event, occurred_on, coalesce(details->>'act', ''));

-- Court fees and commissaire costs advanced, and who bears them: the creditor under the mandate
-- (L111-8 al. 1); recoverable from the debtor only with an enforceable title.
create table legal_cost (
  id uuid primary key default gen_random_uuid(),
  legal_action_id uuid not null references legal_action(id),
  case_id uuid not null references collection_case(id),
  creditor_id uuid not null references creditor(id),
  item text not null,
  description text not null,
  amount_cents bigint not null check (amount_cents > 0),
  incurred_on date not null,
  borne_by text not null check (borne_by in ('creditor', 'debtor')),
  advanced_by_agency boolean not null default true,
  document_id uuid null references case_document(id),
  recorded_by uuid null references app_user(id),
  recorded_at timestamptz not null
);
create index legal_cost_case_idx on legal_cost (case_id, incurred_on);

alter table activity drop constraint activity_kind_check;
alter table activity add constraint activity_kind_check check (kind in (
  'import', 'call', 'note', 'payment', 'status_change', 'portal_visit', 'checkout',
  'message', 'document', 'dispute', 'vulnerability', 'callback', 'promise', 'plan', 'legal'));

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
  check (kind in ('plan_approved', 'plan_refused', 'mandate_revoked', 'mandate_expiring', 'mandate_expired',
                  'legal_action_proposed', 'legal_action_ready', 'legal_deadline', 'legal_lapsed'));

alter table agency add column legal_days_after_mise_en_demeure int not null default 8
  check (legal_days_after_mise_en_demeure between 0 and 90);
alter table creditor add column legal_preapproved_below_cents bigint null check (legal_preapproved_below_cents >= 0);

alter table case_document drop constraint case_document_kind_check;
alter table case_document add constraint case_document_kind_check check (kind in
  ('upload', 'letter', 'email', 'sms', 'plan_agreement', 'receipt', 'dispute_acknowledgment', 'legal_filing', 'legal_act'));
alter table case_document add column piece_kind text null check (piece_kind in ('invoice', 'contract', 'purchase_order', 'delivery_note', 'correspondence', 'title', 'other'));
alter table case_document add column legal_action_id uuid null references legal_action(id);

alter table creditor_event drop constraint creditor_event_type_check;
alter table creditor_event add constraint creditor_event_type_check check (type in (
  'case.created', 'payment.received', 'plan.agreed', 'case.escalated', 'case.closed', 'import.finished',
  'case.disputed', 'case.dispute_resolved',
  'legal_action.proposed', 'legal_action.approved', 'legal_action.refused', 'legal_action.filed', 'legal_action.order_rendered',
  'legal_action.served', 'legal_action.opposed', 'legal_action.title_obtained', 'legal_action.lapsed'));

${policySql(['legal_action', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['legal_action_approval', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['legal_action_event', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['legal_cost', { kind: 'creditor', column: 'creditor_id' }])}
${policySql(['court', { kind: 'staff_only' }])}
${policySql(['court_competence', { kind: 'staff_only' }])}
${policySql(['commissaire', { kind: 'staff_only' }])}
`;

/**
 * Issue 16, the judicial phase: legal actions (injonction de payer, petites créances, a
 * commissaire's enforcement) proposed with their pre-checks, approved by the creditor and the
 * agency, tracked by events with the deadlines they start; court fees and commissaire costs; the
 * court directory and the commissaires; documents of a filing and pieces on the case.
 */
export class Migration20261208100000_legal_actions extends Migration {
  override name = 'Migration20261208100000_legal_actions';

  override up(): void {
    this.addSql(schemaSql);
  }
}
