import type { JournalTransaction, journalQuery, TrialBalance } from '@relance/contracts/money';
import { accountBalances, clientFundsCheck, type JournalLine, type LedgerAccount } from '@relance/domain/ledger';
import type { z } from 'zod';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { emExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';

// Reading the journal: the trial balance at any date and the journal itself, both computed from
// the rows (nothing is stored as a balance, so nothing can drift from the journal).

type AggregateRow = { account: LedgerAccount; creditor_id: string | null; debit_cents: string; credit_cents: string };

/** Every account's debits, credits and balance at the end of `asOf`, the client account's check and each creditor's position. */
export async function trialBalanceAt(ctx: ServiceContext, asOf: string = todayInParis(ctx.clock)): Promise<TrialBalance> {
  const exec = emExec(ctx.em);
  const rows = await exec<AggregateRow>(
    `select l.account, l.creditor_id, sum(l.debit_cents) as debit_cents, sum(l.credit_cents) as credit_cents
       from ledger_line l join ledger_transaction t on t.id = l.transaction_id
      where t.booked_on <= ? group by l.account, l.creditor_id`,
    [asOf],
  );
  const lines: JournalLine[] = rows.map((row) => ({
    account: row.account,
    creditorId: row.creditor_id,
    caseId: null,
    debitCents: Number(row.debit_cents),
    creditCents: Number(row.credit_cents),
  }));
  const balances = accountBalances(lines);
  const names = new Map(
    (await exec<{ id: string; legal_name: string }>('select id, legal_name from creditor where id in (select jsonb_array_elements_text(?::jsonb)::uuid)', [JSON.stringify([...new Set(rows.flatMap((row) => (row.creditor_id ? [row.creditor_id] : [])))])])).map((row) => [row.id, row.legal_name]),
  );
  const of = (account: LedgerAccount, creditorId: string) => balances.find((row) => row.account === account && row.creditorId === creditorId)?.balanceCents ?? 0;
  return {
    asOf,
    rows: balances.map((row) => ({ ...row, creditorName: row.creditorId ? (names.get(row.creditorId) ?? null) : null })),
    totalDebitCents: balances.reduce((sum, row) => sum + row.debitCents, 0),
    totalCreditCents: balances.reduce((sum, row) => sum + row.creditCents, 0),
    clientFunds: clientFundsCheck(balances),
    creditors: [...names.entries()]
      .map(([creditorId, creditorName]) => ({
        creditorId,
        creditorName,
        payableCents: of('creditor_payable', creditorId),
        inTransitCents: of('remittance_in_transit', creditorId),
        refundsDueCents: of('debtor_refund_due', creditorId),
        commissionReceivableCents: of('commission_receivable', creditorId),
        legalCostsAdvancedCents: of('legal_costs_advanced', creditorId),
      }))
      .sort((a, b) => a.creditorName.localeCompare(b.creditorName, 'fr')),
  };
}

type TransactionRow = {
  id: string;
  seq: string;
  kind: JournalTransaction['kind'];
  booked_on: string;
  recorded_at: Date;
  description: string;
  source_type: string;
  source_id: string;
  creditor_id: string | null;
  creditor_name: string | null;
  case_id: string | null;
  case_reference: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
  lines: { account: JournalTransaction['lines'][number]['account']; book: 'client' | 'agency'; creditor_id: string | null; case_id: string | null; debit_cents: number; credit_cents: number }[];
};

/** The journal, newest first, filtered; each transaction with its lines. */
export async function journalPage(ctx: ServiceContext, query: z.infer<typeof journalQuery>): Promise<{ items: JournalTransaction[]; nextCursor: string | null }> {
  const filters: SqlFragment[] = [];
  if (query.from) filters.push(sql`t.booked_on >= ${query.from}`);
  if (query.to) filters.push(sql`t.booked_on <= ${query.to}`);
  if (query.kind) filters.push(sql`t.kind = ${query.kind}`);
  if (query.creditorId) filters.push(sql`exists (select 1 from ledger_line f where f.transaction_id = t.id and f.creditor_id = ${query.creditorId})`);
  if (query.caseId) filters.push(sql`(t.case_id = ${query.caseId} or exists (select 1 from ledger_line f where f.transaction_id = t.id and f.case_id = ${query.caseId}))`);
  if (query.account) filters.push(sql`exists (select 1 from ledger_line f where f.transaction_id = t.id and f.account = ${query.account})`);
  if (query.cursor) filters.push(sql`t.seq < ${Number(decodeCursor(query.cursor, ['integer'])[0])}`);
  const statement = sql`
    select t.id, t.seq, t.kind, to_char(t.booked_on, 'YYYY-MM-DD') as booked_on, t.recorded_at, t.description, t.source_type, t.source_id,
           t.creditor_id, cr.legal_name as creditor_name, t.case_id, c.reference as case_reference, t.reverses_id,
           (select r.id from ledger_transaction r where r.reverses_id = t.id) as reversed_by_id,
           (select json_agg(json_build_object('account', l.account, 'book', l.book, 'creditor_id', l.creditor_id, 'case_id', l.case_id,
                   'debit_cents', l.debit_cents, 'credit_cents', l.credit_cents) order by l.id) from ledger_line l where l.transaction_id = t.id) as lines
      from ledger_transaction t
      left join creditor cr on cr.id = t.creditor_id
      left join collection_case c on c.id = t.case_id
      ${whereAll(filters)}
     order by t.seq desc limit ${query.limit + 1}`;
  const rows = await emExec(ctx.em)<TransactionRow>(statement.sql, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      kind: row.kind,
      bookedOn: row.booked_on,
      recordedAt: new Date(row.recorded_at).toISOString(),
      description: row.description,
      sourceType: row.source_type,
      sourceId: row.source_id,
      creditorId: row.creditor_id,
      creditorName: row.creditor_name,
      caseId: row.case_id,
      caseReference: row.case_reference,
      reversesId: row.reverses_id,
      reversedById: row.reversed_by_id,
      lines: row.lines.map((line) => ({
        account: line.account,
        book: line.book,
        creditorId: line.creditor_id,
        caseId: line.case_id,
        debitCents: Number(line.debit_cents),
        creditCents: Number(line.credit_cents),
      })),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([Number(last.seq)]) : null,
  };
}

