import type { SqlExec } from '../../plugins/sql.ts';

// Does a case hold an enforceable title, and since when? The one read of it (the costs a debtor
// may bear, CPCE L111-8 al. 1; the décompte's "frais de procédure"): the date the decision became
// enforceable on the case (collection_case.judgment_enforceable_on, set by the legal feature when an
// order becomes final, a judgment is given or the commissaire delivers the petites créances title),
// else the title of a legal action of the case (an action that obtained one, or an enforcement
// started on a title the creditor holds). The earliest such date.

const titleSql = `select c.id as case_id,
       least(c.judgment_enforceable_on,
             (select min(la.title_on) from legal_action la
               where la.case_id = c.id and la.title_on is not null and la.stage in ('title_obtained', 'enforcement', 'completed')))::text as title_on
  from collection_case c where c.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`;

/** Each case's title date (absent: no title). */
export async function titlesOf(exec: SqlExec, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await exec<{ case_id: string; title_on: string | null }>(titleSql, [JSON.stringify(caseIds)]);
  return new Map(rows.flatMap((row) => (row.title_on ? [[row.case_id, row.title_on] as const] : [])));
}

/** One case's title date, or null. */
export async function titleOnOf(exec: SqlExec, caseId: string): Promise<string | null> {
  return (await titlesOf(exec, [caseId])).get(caseId) ?? null;
}
