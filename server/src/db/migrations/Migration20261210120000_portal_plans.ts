import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18, plans and promises on the debtor's page:
 * - `proposed_via` / `made_via`: a plan or promise the debtor made on their page has no staff author
 *   (proposed_by / made_by null): the inbox and the timeline say it came from the debtor;
 * - the plan agreement letter of a plan (`agreement_document_id`), for the page's download link;
 * - the electronic acceptance (C. civ. 1366 and 2240): when (`accepted_at`, set by every
 *   acceptance), from where (`acceptance_ip`, `acceptance_user_agent`), and the exact terms shown
 *   with their SHA-256, so the agency can prove what the debtor accepted.
 */
export class Migration20261210120000_portal_plans extends Migration {
  override name = 'Migration20261210120000_portal_plans';

  override up(): void {
    this.addSql(`
alter table payment_plan
  add column proposed_via text not null default 'staff' check (proposed_via in ('staff', 'debtor')),
  add column agreement_document_id uuid null references case_document(id),
  add column accepted_at timestamptz null,
  add column acceptance_ip text null,
  add column acceptance_user_agent text null,
  add column acceptance_terms jsonb null,
  add column acceptance_terms_sha256 text null check (acceptance_terms_sha256 ~ '^[0-9a-f]{64}$'),
  add constraint payment_plan_acceptance_terms_check check ((acceptance_terms is null) = (acceptance_terms_sha256 is null));

alter table promise_to_pay
  add column made_via text not null default 'staff' check (made_via in ('staff', 'debtor'));
`);
  }
}
