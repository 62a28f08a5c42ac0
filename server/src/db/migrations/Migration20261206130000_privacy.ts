import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13, items 12 to 14 (privacy by default):
 * - every creditor user has a creditor role ('viewer' or 'uploader'): the viewer rule
 *   (server/src/plugins/creditor-roles.ts) treats anything but 'uploader' as read-only;
 * - a retention period per creditor mandate, counted from the day a case closed
 *   (`collection_case.closed_at`, kept by a trigger whoever closes the case), after which the daily
 *   job rgpd__anonymise anonymises the debtor (`anonymised_at`);
 * - the audit trail says which case and creditor a record concerns (reads of debtor files by staff
 *   are recorded there), with the indexes its filters and cursor use;
 * - requests of debtors under RGPD art. 15 to 17 (access, rectification, erasure), due one month
 *   after receipt (art. 12(3)).
 */
export class Migration20261206130000_privacy extends Migration {
  override name = 'Migration20261206130000_privacy';

  override up(): void {
    this.addSql(`
update app_user set creditor_role = 'uploader' where role = 'creditor' and creditor_role is null;
alter table app_user add constraint app_user_creditor_has_role check (role <> 'creditor' or creditor_role is not null);

alter table creditor add column retention_years_after_close integer not null default 5
  check (retention_years_after_close between 1 and 10);

alter table collection_case
  add column closed_at timestamptz null,
  add column anonymised_at timestamptz null;
-- Cases closed before this column existed: the day the timeline says they closed, else the recall, else their creation.
update collection_case c
   set closed_at = coalesce(
     (select max(a.occurred_at) from activity a where a.case_id = c.id and a.kind = 'status_change' and a.text like '%→ closed%'),
     c.recalled_at, c.created_at)
 where c.status = 'closed';
-- Whoever closes a case (a status change, a recall, a completed plan) the day is kept: the writer may set it
-- from its clock; otherwise it is now(). Closed is final (packages/domain case-status), so it never moves again.
create function collection_case_closed_at() returns trigger language plpgsql as $$
begin
  if new.status = 'closed' and (tg_op = 'INSERT' or old.status <> 'closed') then
    if tg_op = 'INSERT' or new.closed_at is not distinct from old.closed_at then
      new.closed_at := coalesce(new.closed_at, now());
    end if;
  elsif new.status <> 'closed' then
    new.closed_at := null;
  end if;
  return new;
end $$;
create trigger collection_case_closed_at before insert or update of status on collection_case
  for each row execute function collection_case_closed_at();
create index collection_case_retention_idx on collection_case (closed_at) where status = 'closed' and anonymised_at is null;

alter table audit_event
  add column case_id uuid null,
  add column creditor_id uuid null;
create index audit_event_occurred_id_idx on audit_event (occurred_at desc, id desc);
create index audit_event_case_idx on audit_event (case_id, occurred_at desc, id desc) where case_id is not null;
create index audit_event_actor_idx on audit_event (actor_id, occurred_at desc, id desc) where actor_id is not null;
create index audit_event_action_idx on audit_event (action, occurred_at desc, id desc);

create table rgpd_request (
  id uuid primary key default uuidv7(),
  creditor_id uuid not null references creditor(id),
  case_id uuid not null references collection_case(id),
  debtor_id uuid not null references debtor(id),
  kind text not null check (kind in ('access', 'rectification', 'erasure')),
  requester_name text not null check (length(requester_name) between 1 and 200),
  channel text not null check (channel in ('email', 'letter', 'phone', 'portal', 'in_person', 'via_creditor')),
  received_on date not null,
  due_on date not null,
  details text not null check (length(details) between 1 and 4000),
  status text not null default 'pending' check (status in ('pending', 'done', 'refused')),
  outcome text null check (outcome in ('answered', 'rectified', 'erased', 'refused')),
  refusal_code text null check (refusal_code in ('claim_open', 'other')),
  refusal_reason text null,
  rectified_fields text[] null,
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  decided_by uuid null references app_user(id),
  decided_at timestamptz null,
  check (due_on >= received_on),
  check ((status = 'pending') = (outcome is null)),
  check ((status = 'refused') = (refusal_reason is not null))
);
create index rgpd_request_status_idx on rgpd_request (status, due_on, id);
create index rgpd_request_case_idx on rgpd_request (case_id, recorded_at desc);
create index rgpd_request_creditor_idx on rgpd_request (creditor_id);
`);
  }
}
