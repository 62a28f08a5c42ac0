// pnpm bench sizes --cases N [--copies K]: bytes per row of every table, measured (docs/capacity.md).
//
// The demo agency is seeded through the product's code (every kind of row: activities, messages,
// documents, ledger, legal actions...), then the case-shaped tables are filled to N cases the way the
// API bench does (server/bench/api.ts), and the tables that grow with the work done on cases (the
// timeline, messages, documents, ledger lines, audit) get K copies of the demo's own rows, so their
// indexes are measured full rather than as a first page. Sizes are pg_total_relation_size (heap,
// TOAST and every index) divided by the row count, after VACUUM ANALYZE; a letter's PDF is rendered
// by the letter templates to size the documents.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createLetterRenderPool } from '../../templates/src/render-pool.ts';
import { caseLetterProps } from '../../templates/test/fixtures.ts';
import { parseConfig } from '../src/config.ts';
import { initOrm } from '../src/db/orm.ts';
import { loadOrCreateSecrets } from '../src/db/secrets.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { systemClock } from '../src/plugins/context.ts';
import { generate } from './api.ts';
import { benchDatabase } from './database.ts';

/** Rows that come with the work on each case, copied from the demo's to measure them at volume. */
const GROWING = ['activity', 'case_document', 'ledger_transaction', 'ledger_line', 'audit_event', 'queue_event', 'debtor_contact'];

function log(message: string) {
  console.error(`[bench sizes] ${message}`);
}

/** K more copies of every row of `table`, each with a fresh id (the other columns as they are). */
async function multiply(client: pg.Client, table: string, copies: number): Promise<string> {
  const { rows: columns } = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and column_name <> 'id' and is_generated = 'NEVER' and identity_generation is null
      order by ordinal_position`,
    [table],
  );
  if (columns.length === 0) return 'absent';
  const list = columns.map((column) => `"${column.name}"`).join(', ');
  try {
    await client.query('begin');
    // Triggers (append-only guards, timeline checks) are the product's: off for this copy only.
    await client.query('set local session_replication_role = replica');
    await client.query(`insert into "${table}" (${list}) select ${list} from "${table}", generate_series(1, $1)`, [copies]);
    await client.query('commit');
    return 'copied';
  } catch (error) {
    await client.query('rollback');
    return `kept at demo size (${(error as Error).message.split('\n')[0]})`;
  }
}

/**
 * The demo sends no message, so one sent and delivered e-mail per generated case, with the columns a
 * real send fills (reference, recipient, subject, provider id, times, the gate's terms).
 */
async function sentMessages(client: pg.Client): Promise<void> {
  await client.query(
    `insert into outbound_message (case_id, creditor_id, debtor_id, channel, template, recipient, subject, status, provider, provider_message_id,
                                   queued_at, sent_at, delivered_at, reference, origin, gate_terms)
     select c.id, c.creditor_id, c.debtor_id, 'email', 'first_letter', 'debiteur.' || left(md5(c.id::text), 10) || '@example.fr',
            'Relance amiable - dossier ' || c.reference || ' - facture impayée', 'delivered', 'smtp', '<' || gen_random_uuid() || '@relance.example>',
            now() - interval '2 days', now() - interval '2 days', now() - interval '2 days' + interval '3 seconds', 'MSG-' || c.reference,
            'automatic', jsonb_build_object('decision', 'allowed', 'phase', 'amiable', 'checkedAt', now())
       from collection_case c`,
  );
}

async function letterPdfBytes(count: number): Promise<number> {
  const pool = createLetterRenderPool({ threads: 1 });
  try {
    let total = 0;
    for (let n = 0; n < count; n += 1) total += (await pool.render('first', caseLetterProps(n, 'fr'))).length;
    return Math.round(total / count);
  } finally {
    await pool.close();
  }
}

export async function benchSizes(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { cases: { type: 'string', default: '100000' }, copies: { type: 'string', default: '50' } } });
  const cases = Number(values.cases);
  const copies = Number(values.copies);
  const database = await benchDatabase('sizes');
  try {
    const secrets = loadOrCreateSecrets(join(database.work, 'data'));
    const ownerOrm = await initOrm(database.ownerUrl, { poolMax: 2 });
    log('seeding the demo agency');
    await seedDemoData(ownerOrm, { clock: systemClock, config: parseConfig({ DATA_DIR: join(database.work, 'data') }), secrets });
    await ownerOrm.close(true);
    log(`filling to ${cases} cases (${cases * 3} payments)`);
    await generate(database.ownerUrl, cases, cases * 3);
    const client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    await sentMessages(client);
    const growth: Record<string, string> = { outbound_message: 'one sent e-mail per case' };
    for (const table of GROWING) growth[table] = await multiply(client, table, copies);
    await client.query('vacuum analyze');
    const { rows } = await client.query<{ name: string; rows: string; total: string; heap: string; indexes: string; toast: string }>(
      `select c.relname as name, c.reltuples::bigint as rows, pg_total_relation_size(c.oid) as total, pg_relation_size(c.oid) as heap,
              pg_indexes_size(c.oid) as indexes, coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.reltuples > 0 order by pg_total_relation_size(c.oid) desc`,
    );
    await client.end();
    const tables = rows.map((row) => ({
      table: row.name,
      rows: Number(row.rows),
      bytesPerRow: Math.round(Number(row.total) / Number(row.rows)),
      heapPerRow: Math.round(Number(row.heap) / Number(row.rows)),
      indexesPerRow: Math.round(Number(row.indexes) / Number(row.rows)),
      toastPerRow: Math.round(Number(row.toast) / Number(row.rows)),
      growth: growth[row.name] ?? null,
    }));
    for (const t of tables.slice(0, 30)) log(`${t.table.padEnd(28)} ${String(t.rows).padStart(9)} rows ${String(t.bytesPerRow).padStart(7)} B/row (heap ${t.heapPerRow}, indexes ${t.indexesPerRow}, toast ${t.toastPerRow})`);
    const letterBytes = await letterPdfBytes(20);
    log(`letter PDF: ${letterBytes} bytes on average (20 letters)`);
    console.log(JSON.stringify({ bench: 'sizes', cases, copies, letterPdfBytes: letterBytes, tables }));
  } finally {
    await database.dispose();
  }
}
