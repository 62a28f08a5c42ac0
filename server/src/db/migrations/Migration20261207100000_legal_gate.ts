import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15, the legal gate:
 * - every claim has a nature (packages/domain claim-nature.ts), and where it came from: stated in
 *   the file or the API (`given`), the creditor's default (`creditor_default`) or inferred from the
 *   parties (`inferred`); existing claims are inferred the way resolveClaimNature infers (professional
 *   debtor → commercial, consumer debtor of a company → consumer, otherwise civil);
 * - `claim.prescription_date`: the last day the claim can be pursued, computed by packages/domain
 *   (nature, due date, interruptions) and kept by the server whenever a fact changes, so the
 *   set-based dunning run and the queue read it. Backfilled here without events: due date + the
 *   nature's duration, the earliest possible date, which errs on the side of not demanding (a
 *   refresh moves it later once payments and acknowledgments are counted);
 * - the creditor's default nature (onboarding), and the mandate's revocation (R124-3: a revoked or
 *   expired mandate stops every contact) and scope (whether it covers judicial steps);
 * - calls now block by default when a rule is broken; `warn` relaxes only the hours, day and
 *   holiday to a warning (dispute and vulnerability always block). The default changes, and an
 *   agency still on the old default is moved to `block`: the old default was never a decision.
 */
export class Migration20261207100000_legal_gate extends Migration {
  override name = 'Migration20261207100000_legal_gate';

  override up(): void {
    this.addSql(`
alter table claim
  add column nature text null check (nature in ('commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil')),
  add column nature_source text not null default 'inferred' check (nature_source in ('given', 'creditor_default', 'inferred')),
  add column prescription_date date null;

update claim cl set nature = case when d.kind = 'company' then 'commercial' when cr.kind = 'company' then 'consumer' else 'civil' end
  from collection_case c join debtor d on d.id = c.debtor_id join creditor cr on cr.id = c.creditor_id
 where c.id = cl.case_id;
update claim set prescription_date = (due_date + case nature
    when 'commercial' then interval '5 years' when 'civil' then interval '5 years'
    when 'residential_rent' then interval '3 years' when 'telecom' then interval '1 year'
    else interval '2 years' end)::date;
alter table claim alter column nature set not null, alter column prescription_date set not null;
create index claim_prescription_idx on claim (case_id, prescription_date);

-- A claim inserted without its nature or prescription date (a raw insert, an old client) gets the
-- inferred nature and the date without events, the same as resolveClaimNature and natureRegime
-- (server/test/legal-gate-parity.test.ts holds them equal). The product's own inserts pass both.
create function claim_legal_defaults() returns trigger language plpgsql as $fn$
begin
  if new.nature is null then
    select case when d.kind = 'company' then 'commercial' when cr.kind = 'company' then 'consumer' else 'civil' end
      into new.nature
      from collection_case c join debtor d on d.id = c.debtor_id join creditor cr on cr.id = c.creditor_id
     where c.id = new.case_id;
    new.nature_source := 'inferred';
  end if;
  if new.prescription_date is null then
    new.prescription_date := (new.due_date + case new.nature
        when 'commercial' then interval '5 years' when 'civil' then interval '5 years'
        when 'residential_rent' then interval '3 years' when 'telecom' then interval '1 year'
        else interval '2 years' end)::date;
  end if;
  return new;
end
$fn$;
create trigger claim_legal_defaults before insert on claim for each row
  when (new.nature is null or new.prescription_date is null) execute function claim_legal_defaults();

alter table creditor
  add column default_claim_nature text null check (default_claim_nature in ('commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil')),
  add column mandate_revoked_at timestamptz null,
  add column mandate_revoked_reason text null,
  add column mandate_covers_judicial boolean not null default false;

alter table agency alter column contact_rule_mode set default 'block';
update agency set contact_rule_mode = 'block';
`);
  }
}
