import { Migration } from '@mikro-orm/migrations';
import { policySql } from './Migration20261206150000_row_level_security.ts';

/**
 * Issue 15, "Words the agency is responsible for":
 * - the agency's phone and e-mail, printed on every letter, e-mail and SMS for questions, payment
 *   plans and disputes (a letter is refused without them, templates/src/compliance.ts);
 * - `creditor_wording_proposal`: a creditor's edit of its letter wording (greeting, tone paragraph,
 *   closing per language) waits there for a manager's approval; the wording in force
 *   (`creditor_letter_wording`) changes only on approval. `previous` is the wording in force when
 *   it was proposed (the before/after the manager reads). One pending proposal per creditor: a new
 *   one supersedes it. Row-level security: a creditor's transaction sees its own proposals only.
 */
const schemaSql = `
alter table agency
  add column phone text null check (phone is null or length(phone) between 1 and 40),
  add column email text null check (email is null or length(email) between 3 and 320);

create table creditor_wording_proposal (
  id uuid primary key default uuidv7(),
  creditor_id uuid not null references creditor(id),
  wording jsonb not null,
  previous jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'refused', 'superseded')),
  proposed_by uuid null references app_user(id),
  proposed_at timestamptz not null,
  decided_by uuid null references app_user(id),
  decided_at timestamptz null,
  decision_reason text null check (decision_reason is null or length(decision_reason) between 1 and 1000),
  check ((status = 'pending') = (decided_at is null)),
  check (status <> 'refused' or decision_reason is not null)
);
create unique index creditor_wording_proposal_pending_key on creditor_wording_proposal (creditor_id) where status = 'pending';
create index creditor_wording_proposal_creditor_idx on creditor_wording_proposal (creditor_id, proposed_at desc);
create index creditor_wording_proposal_pending_idx on creditor_wording_proposal (proposed_at) where status = 'pending';

${policySql(['creditor_wording_proposal', { kind: 'creditor', column: 'creditor_id' }])}
`;

export class Migration20261207110000_wording_proposals extends Migration {
  override name = 'Migration20261207110000_wording_proposals';

  override up(): void {
    this.addSql(schemaSql);
  }
}
