import { Migration } from '@mikro-orm/migrations';

/**
 * Interest basis (issue #15, part 4).
 *
 * - `creditor.acts_professionally`: a private-individual creditor acting for professional needs
 *   (a sole trader, a liberal profession, a landlord running a lettings business). C. com. L441-10
 *   (penalties, the D441-5 indemnity) applies only between professionals, and the taux légal of
 *   "une personne physique n'agissant pas pour des besoins professionnels" only when it is false
 *   (CMF L313-2). Meaningless for a company, which always acts professionally.
 * - `outbound_message.presented_at`: the first presentation of a registered letter at the
 *   debtor's address, as the postal provider reports it (event `letter.presented`). For a mise
 *   en demeure it is the day the case's `mise_en_demeure_on` is taken from (C. civ. 1344, 1344-1).
 */
export class Migration20261207120000_interest_basis extends Migration {
  override name = 'Migration20261207120000_interest_basis';

  override up(): void {
    this.addSql(`
alter table creditor add column acts_professionally boolean not null default false;
alter table outbound_message add column presented_at timestamptz null;
`);
  }
}
