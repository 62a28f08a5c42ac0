import type { ExportQuery } from '@relance/contracts/exports';
import { creditorScope } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { type SqlFragment, sql } from '../../plugins/sql.ts';
import { caseFilterSql } from '../cases/summary.ts';
import type { Column } from './columns.ts';

// The rows of an export, read in batches by keyset (never the whole result at once), with the case
// list's own filter (cases/summary.ts caseFilterSql: a creditor user only ever reaches its own
// creditor's cases; row-level security confines its connection too). Staff-only facts (the
// vulnerability flag, agents, internal notes) are not columns of any export.

const BATCH = 2_000;

export type CaseExportRow = {
  id: string;
  reference: string;
  creditor_name: string;
  debtor_name: string;
  debtor_kind: string;
  status: string;
  closed_outcome: string | null;
  opened_on: string;
  age_days: number;
  oldest_due_date: string;
  claim_count: number;
  principal_cents: string;
  paid_cents: string;
  dispute_open: boolean;
};

export type PaymentExportRow = {
  id: string;
  received_on: string;
  amount_cents: string;
  currency: string;
  method: string;
  claim_ref: string | null;
  reference: string;
  creditor_name: string;
  debtor_name: string;
};

const money = (value: string) => Number(value);

export const caseColumns: readonly Column<CaseExportRow>[] = [
  { fr: 'Référence', en: 'Reference', kind: 'text', width: 16, value: (r) => r.reference },
  { fr: 'Créancier', en: 'Creditor', kind: 'text', width: 28, value: (r) => r.creditor_name },
  { fr: 'Débiteur', en: 'Debtor', kind: 'text', width: 28, value: (r) => r.debtor_name },
  { fr: 'Type de débiteur', en: 'Debtor kind', kind: 'code', value: (r) => r.debtor_kind },
  { fr: 'Statut', en: 'Status', kind: 'code', value: (r) => r.status },
  { fr: 'Issue', en: 'Outcome', kind: 'code', value: (r) => r.closed_outcome },
  { fr: 'Placé le', en: 'Placed on', kind: 'date', width: 12, value: (r) => r.opened_on },
  { fr: 'Âge (jours)', en: 'Age (days)', kind: 'int', value: (r) => r.age_days },
  { fr: 'Plus ancienne échéance', en: 'Oldest due date', kind: 'date', width: 12, value: (r) => r.oldest_due_date },
  { fr: 'Créances', en: 'Claims', kind: 'int', value: (r) => r.claim_count },
  { fr: 'Principal (€)', en: 'Principal (€)', kind: 'money', width: 14, value: (r) => money(r.principal_cents) },
  { fr: 'Encaissé (€)', en: 'Collected (€)', kind: 'money', width: 14, value: (r) => money(r.paid_cents) },
  { fr: 'Solde hors intérêts (€)', en: 'Balance before interest (€)', kind: 'money', width: 14, value: (r) => money(r.principal_cents) - money(r.paid_cents) },
  { fr: 'Contestation en cours', en: 'Open dispute', kind: 'code', value: (r) => (r.dispute_open ? 'oui' : 'non') },
];

export const paymentColumns: readonly Column<PaymentExportRow>[] = [
  { fr: 'Reçu le', en: 'Received on', kind: 'date', width: 12, value: (r) => r.received_on },
  { fr: 'Montant (€)', en: 'Amount (€)', kind: 'money', width: 14, value: (r) => money(r.amount_cents) },
  { fr: 'Devise', en: 'Currency', kind: 'code', value: (r) => r.currency },
  { fr: 'Moyen', en: 'Method', kind: 'code', value: (r) => r.method },
  { fr: 'Facture désignée', en: 'Designated invoice', kind: 'text', value: (r) => r.claim_ref },
  { fr: 'Dossier', en: 'Case', kind: 'text', width: 16, value: (r) => r.reference },
  { fr: 'Créancier', en: 'Creditor', kind: 'text', width: 28, value: (r) => r.creditor_name },
  { fr: 'Débiteur', en: 'Debtor', kind: 'text', width: 28, value: (r) => r.debtor_name },
];

/** The case joins the filter fragment needs (aliases c, d, agg: cases/summary.ts caseFilterSql). */
const CASE_JOINS = sql`
  join creditor cr on cr.id = c.creditor_id
  join debtor d on d.id = c.debtor_id
  join lateral (
    select count(*)::int as claim_count, coalesce(sum(amount_cents), 0) as principal_cents, min(due_date) as oldest_due_date
      from claim where case_id = c.id
  ) agg on true`;

function checkPeriod(query: ExportQuery) {
  if (query.from && query.to && query.from > query.to) throw new AppError('export_period_invalid', 400, { from: query.from, to: query.to });
}

function periodOf(column: SqlFragment, query: ExportQuery): SqlFragment {
  return sql`${query.from ? sql`${column} >= ${query.from}::date` : sql`true`} and ${query.to ? sql`${column} <= ${query.to}::date` : sql`true`}`;
}

/**
 * The cases, batch by batch, in the order of their ids (uuidv7: the order they were placed in). Each
 * batch takes the next BATCH cases of the scope (the creditor's, or every case) by id first, a range
 * of an index ((creditor_id, id) or the primary key), then joins and filters those only: the claims'
 * aggregate runs for BATCH cases per batch, never for every case left (with the filter on the
 * aggregate outside the range, the planner sorted all the remaining cases again for each batch, and
 * under a creditor's row-level security it ANDed the policy's index into each claim lookup:
 * quadratic). A batch may hold fewer rows than BATCH (filtered out), the walk ends when the range does.
 */
export async function* caseBatches(ctx: ActorContext, query: ExportQuery): AsyncGenerator<CaseExportRow[]> {
  checkPeriod(query);
  const today = todayInParis(ctx.clock);
  const scope = creditorScope(ctx.actor) ?? query.creditorId;
  const where = sql`agg.claim_count > 0 and ${caseFilterSql(ctx, query, today)} and ${periodOf(sql`c.opened_on`, query)}`;
  let after: string | null = null;
  for (;;) {
    const q: SqlFragment = sql`
      with range as materialized (
        select id from collection_case
         where ${scope ? sql`creditor_id = ${scope}::uuid` : sql`true`} ${after ? sql`and id > ${after}::uuid` : sql``}
         order by ${scope ? sql`creditor_id, id` : sql`id`}
         limit ${BATCH}
      )
      select c.id, c.reference, cr.legal_name as creditor_name, d.display_name as debtor_name, d.kind as debtor_kind,
             c.status, c.closed_outcome, c.opened_on::text as opened_on, ${today}::date - c.opened_on as age_days,
             agg.oldest_due_date::text as oldest_due_date, agg.claim_count, agg.principal_cents,
             coalesce((select sum(amount_cents) from payment p where p.case_id = c.id), 0) as paid_cents,
             exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null) as dispute_open,
             (select id from range order by id desc limit 1)::text as range_end, (select count(*) from range)::int as range_size
        from range join collection_case c on c.id = range.id ${CASE_JOINS}
       where ${where}
       order by c.id`;
    const rows = await ctx.em.execute<(CaseExportRow & RangeEnd)[]>(q.sql, [...q.params]);
    if (rows.length > 0) yield rows;
    // An empty result says nothing of the range: ask for its end alone.
    const range: RangeEnd | undefined = rows[0] ?? (await rangeEnd(ctx, scope, after));
    if (!range || range.range_size < BATCH) return;
    after = range.range_end;
  }
}

type RangeEnd = { range_end: string; range_size: number };

async function rangeEnd(ctx: ActorContext, scope: string | null | undefined, after: string | null): Promise<RangeEnd | undefined> {
  const q = sql`
    with range as materialized (
      select id from collection_case
       where ${scope ? sql`creditor_id = ${scope}::uuid` : sql`true`} ${after ? sql`and id > ${after}::uuid` : sql``}
       order by ${scope ? sql`creditor_id, id` : sql`id`}
       limit ${BATCH}
    )
    select (select id from range order by id desc limit 1)::text as range_end, (select count(*) from range)::int as range_size`;
  const rows = await ctx.em.execute<RangeEnd[]>(q.sql, [...q.params]);
  return rows[0];
}

/** The payments standing (reversed ones are not in the `payment` view) of the filtered cases, in the order of their ids (recorded). */
export async function* paymentBatches(ctx: ActorContext, query: ExportQuery): AsyncGenerator<PaymentExportRow[]> {
  checkPeriod(query);
  const today = todayInParis(ctx.clock);
  const where = sql`agg.claim_count > 0 and ${caseFilterSql(ctx, query, today)} and ${periodOf(sql`p.received_on`, query)}`;
  let after: string | null = null;
  for (;;) {
    const q: SqlFragment = sql`
      select p.id, p.received_on::text as received_on, p.amount_cents, p.currency, p.method, p.claim_ref,
             c.reference, cr.legal_name as creditor_name, d.display_name as debtor_name
        from payment p
        join collection_case c on c.id = p.case_id ${CASE_JOINS}
       where ${where} ${after ? sql`and p.id > ${after}::uuid` : sql``}
       order by p.id
       limit ${BATCH}`;
    const rows = await ctx.em.execute<PaymentExportRow[]>(q.sql, [...q.params]);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = last.id;
  }
}
