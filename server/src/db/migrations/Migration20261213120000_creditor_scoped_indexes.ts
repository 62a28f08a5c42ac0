import { Migration } from '@mikro-orm/migrations';

/**
 * A creditor user's reads under row-level security (issue 22). Its policies add
 * `creditor_id = relance_creditor()` to every read of a creditor's table, a value the planner does
 * not know when it plans: it priced that qual as selective and ANDed the creditor's whole claim index
 * into each per-case claim lookup (a bitmap of every claim of the creditor, per case: the case export
 * took 5.7 s for its first 2,000 rows at 5,000 cases, and did not finish at 100,000).
 * - claim (case_id, creditor_id) replaces claim (case_id): one index answers both the case's claims
 *   and the policy's qual, so the lookup stays one index scan whatever the statistics say.
 * - collection_case (creditor_id, id): a creditor's cases in the order of their ids (the export's
 *   keyset, features/exports/rows.ts) are a range of it.
 * - collection_case (queue_rank, id) and (creditor_id, queue_rank, id): the case list's first page
 *   (`order by priority_score desc, id desc limit 50`, cases/summary.ts) walks one backwards and
 *   stops after 50 cases, for the agency and for a creditor; the queue's indexes are partial (open
 *   statuses) and ordered (queue_rank desc, id asc), which that order cannot use: the list summed
 *   every case's claims and payments to sort them (0.56 s at 20,000 cases, `pnpm bench api`).
 */
export class Migration20261213120000_creditor_scoped_indexes extends Migration {
  override name = 'Migration20261213120000_creditor_scoped_indexes';

  override up(): void {
    this.addSql(`
create index claim_case_creditor_idx on claim (case_id, creditor_id);
drop index if exists claim_case_idx;
create index collection_case_creditor_id_idx on collection_case (creditor_id, id);
create index collection_case_list_idx on collection_case (queue_rank, id);
create index collection_case_creditor_list_idx on collection_case (creditor_id, queue_rank, id);`);
  }
}
