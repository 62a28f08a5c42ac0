// The import benchmark's baseline (issue #22: "a plain COPY of the same rows into every table the
// import writes"). The rows the import wrote for its creditor are read back (not timed), given new
// keys and the baseline creditor, then COPYed as the tables' owner in one transaction (timed): the
// same debtors, cases, claims, contacts and timeline entries, with the same indexes, constraints,
// foreign keys and triggers, but none of the importer's work (parsing, checking, matching, staging).
// Reading the import's own output makes the row counts equal by construction, and the bench prints
// them side by side so a reader can see it.

import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** One table of the baseline: the columns COPYed, and the import's rows for them (new keys, baseline creditor). */
type BaselineTable = { table: string; columns: string; select: (creditor: string) => string };

// Keys are mapped through bm_debtor / bm_case (old id -> new uuidv7(), made in key order so the new
// keys are as monotonic as the import's). Literal creditor ids: COPY (query) takes no parameters.
const TABLES: readonly BaselineTable[] = [
  {
    table: 'debtor',
    columns: 'id, creditor_id, kind, company_name, first_name, last_name, display_name, siren, match_key',
    select: (creditor) =>
      `select m.new_id, '${creditor}', d.kind, d.company_name, d.first_name, d.last_name, d.display_name, d.siren, d.match_key
         from debtor d join bm_debtor m on m.old_id = d.id order by d.id`,
  },
  {
    table: 'collection_case',
    columns: 'id, creditor_id, debtor_id, opened_on, mise_en_demeure_on',
    select: (creditor) =>
      `select m.new_id, '${creditor}', dm.new_id, c.opened_on, c.mise_en_demeure_on
         from collection_case c join bm_case m on m.old_id = c.id join bm_debtor dm on dm.old_id = c.debtor_id order by c.id`,
  },
  {
    table: 'claim',
    columns: 'case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, contract_rate_basis_points, prescribed_at_intake, nature, nature_source, prescription_date',
    select: (creditor) =>
      `select m.new_id, '${creditor}', cl.invoice_ref, cl.issue_date, cl.due_date, cl.amount_cents, cl.contract_rate_basis_points,
              cl.prescribed_at_intake, cl.nature, cl.nature_source, cl.prescription_date
         from claim cl join bm_case m on m.old_id = cl.case_id order by cl.id`,
  },
  {
    table: 'debtor_email',
    columns: 'debtor_id, email',
    select: () => 'select m.new_id, e.email from debtor_email e join bm_debtor m on m.old_id = e.debtor_id order by e.id',
  },
  {
    table: 'debtor_phone',
    columns: 'debtor_id, phone',
    select: () => 'select m.new_id, p.phone from debtor_phone p join bm_debtor m on m.old_id = p.debtor_id order by p.id',
  },
  {
    table: 'debtor_address',
    columns: 'debtor_id, line1, postal_code, city',
    select: () => 'select m.new_id, a.line1, a.postal_code, a.city from debtor_address a join bm_debtor m on m.old_id = a.debtor_id order by a.id',
  },
  {
    table: 'activity',
    columns: 'case_id, kind, text, occurred_at, event, event_params',
    select: () => 'select m.new_id, a.kind, a.text, a.occurred_at, a.event, a.event_params from activity a join bm_case m on m.old_id = a.case_id order by a.id',
  },
];

export const BASELINE_TABLES = TABLES.map((t) => t.table);

async function copyOut(client: pg.PoolClient, query: string): Promise<Buffer[]> {
  const pieces: Buffer[] = [];
  const stream = client.query(copyTo(`copy (${query}) to stdout`));
  for await (const piece of stream) pieces.push(piece as Buffer);
  return pieces;
}

async function copyIn(client: pg.PoolClient, sql: string, pieces: readonly Buffer[]) {
  const stream = client.query(copyFrom(sql));
  const done = finished(stream);
  done.catch(() => {});
  for (const piece of pieces) {
    if (!stream.write(piece)) await Promise.race([once(stream, 'drain'), done]);
  }
  stream.end();
  await done;
}

/** Per table, how many rows a creditor has (the import's and the baseline's are printed side by side). */
export async function rowCounts(pool: pg.Pool, creditorId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<Record<string, number>>(
    `select (select count(*) from debtor where creditor_id = $1)::int as debtor,
            (select count(*) from collection_case where creditor_id = $1)::int as collection_case,
            (select count(*) from claim where creditor_id = $1)::int as claim,
            (select count(*) from debtor_email e join debtor d on d.id = e.debtor_id where d.creditor_id = $1)::int as debtor_email,
            (select count(*) from debtor_phone p join debtor d on d.id = p.debtor_id where d.creditor_id = $1)::int as debtor_phone,
            (select count(*) from debtor_address a join debtor d on d.id = a.debtor_id where d.creditor_id = $1)::int as debtor_address,
            (select count(*) from activity a join collection_case c on c.id = a.case_id where c.creditor_id = $1)::int as activity`,
    [creditorId],
  );
  return rows[0] as Record<string, number>;
}

/**
 * The baseline's seconds: COPY of the import's rows (read back beforehand, not timed) into every
 * table the import wrote, for `baselineCreditor`, in one transaction, as the tables' owner
 * (PostgreSQL refuses COPY FROM into a table under row-level security for a role subject to it).
 */
export async function runBaseline(
  ownerUrl: string,
  importCreditor: string,
  baselineCreditor: string,
): Promise<{ seconds: number; rows: number; secondsPerTable: Record<string, number> }> {
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const client = await ownerPool.connect();
  try {
    await client.query(`create temp table bm_debtor as select id as old_id, uuidv7() as new_id from (select id from debtor where creditor_id = $1 order by id) d`, [
      importCreditor,
    ]);
    await client.query(`create temp table bm_case as select id as old_id, uuidv7() as new_id from (select id from collection_case where creditor_id = $1 order by id) c`, [
      importCreditor,
    ]);
    await client.query('create index on bm_debtor (old_id); create index on bm_case (old_id); analyze bm_debtor; analyze bm_case');
    const data: Buffer[][] = [];
    for (const t of TABLES) data.push(await copyOut(client, t.select(baselineCreditor)));
    const started = performance.now();
    await client.query('begin');
    const secondsPerTable: Record<string, number> = {};
    for (const [i, t] of TABLES.entries()) {
      const tableStarted = performance.now();
      await copyIn(client, `copy ${t.table} (${t.columns}) from stdin`, data[i] as Buffer[]);
      secondsPerTable[t.table] = (performance.now() - tableStarted) / 1000;
    }
    const commitStarted = performance.now();
    await client.query('commit');
    secondsPerTable.commit = (performance.now() - commitStarted) / 1000;
    const seconds = (performance.now() - started) / 1000;
    const rows = data.reduce((sum, pieces) => sum + pieces.reduce((n, piece) => n + countLines(piece), 0), 0);
    return { seconds, rows, secondsPerTable };
  } finally {
    client.release();
    await ownerPool.end();
  }
}

function countLines(piece: Buffer): number {
  let n = 0;
  for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) n += 1;
  return n;
}
