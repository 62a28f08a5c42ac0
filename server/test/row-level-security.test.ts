import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_ROLE, APP_ROLE, assertAppRoleIsConfined, CREDITOR_SETTING } from '../src/db/row-level-security.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { bearer, login, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The second wall under tenant isolation (issue #13, item 10): PostgreSQL row-level security on
 * every table that holds a creditor's data, for the role the app logs in as. Each feature's own
 * filter is the first wall (server/test/isolation*.test.ts); these tests take it away — queries
 * with no creditor filter at all — and show what PostgreSQL still lets through.
 */

/** Tables that hold no creditor's data, hence no row-level security. A new table is NOT added here
 * unless that is true: it gets a policy in its migration instead (db/row-level-security.ts). */
const WITHOUT_CREDITOR_DATA: Record<string, string> = {
  agency: "the agency's own identity and settings, one row",
  legal_rate: 'the published legal interest rates, the same for everyone',
  mikro_orm_migrations: 'schema history (the app roles read its names only, for the readiness probe)',
  registry_company: 'public company registry data (SIRENE, RCS) per SIREN, the same for every creditor',
  registry_proceeding: 'collective proceedings published in the BODACC, public and the same for every creditor',
};

let t: TestApp;
let owner: pg.Client;
let creditorA: string;
let creditorB: string;

beforeAll(async () => {
  t = await createTestApp({ agency: false });
  t.clock.set(new Date());
  // The demo data fills nearly every table (cases, claims, payments, messages, plans, promises,
  // disputes, documents, imports, webhooks, api keys...) for three creditors.
  await seedDemoData(t.orm, { clock: t.clock, config: t.config, secrets: t.secrets });
  owner = new pg.Client({ connectionString: t.ownerDatabaseUrl });
  await owner.connect();
  const { rows } = await owner.query<{ id: string }>(
    `select c.id from creditor c order by (select count(*) from collection_case k where k.creditor_id = c.id) desc, c.id limit 2`,
  );
  creditorA = (rows[0] as { id: string }).id;
  creditorB = (rows[1] as { id: string }).id;
  // A call logged on each creditor's first case, so the contact view has rows on both sides.
  await owner.query(
    `insert into activity (case_id, kind, text, occurred_at)
     select (select id from collection_case where creditor_id = c.id order by id limit 1), 'call', 'Appel', now()
       from creditor c where c.id in ($1, $2)`,
    [creditorA, creditorB],
  );
});
afterAll(async () => {
  await owner.end();
  await t.close();
});

/** A connection as the app role with no scope at all: what a creditor's transaction starts from. */
async function appClient(): Promise<pg.Client> {
  const url = new URL(t.databaseUrl);
  url.searchParams.delete('options');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/** Runs `fn` in one transaction that names `creditorId`, as a creditor's request does. */
async function asCreditor<T>(creditorId: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await appClient();
  try {
    await client.query('begin');
    await client.query('select set_config($1, $2, true)', [CREDITOR_SETTING, creditorId]);
    const result = await fn(client);
    await client.query('rollback');
    return result;
  } finally {
    await client.end();
  }
}

async function publicTables(): Promise<{ name: string; rls: boolean; policies: number; hasCreditorColumn: boolean }[]> {
  const { rows } = await owner.query<{ name: string; rls: boolean; policies: number; has_creditor_column: boolean }>(
    `select c.relname as name, c.relrowsecurity as rls,
            (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'creditor_id' and not a.attisdropped) as has_creditor_column
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by 1`,
  );
  return rows.map((row) => ({ name: row.name, rls: row.rls, policies: row.policies, hasCreditorColumn: row.has_creditor_column }));
}

describe('the role the app logs in as', () => {
  it('is relance_app: no superuser, no BYPASSRLS, owns no table', async () => {
    const client = await appClient();
    try {
      const { rows } = await client.query<{ role: string; superuser: boolean; bypass: boolean }>(
        'select current_user as role, rolsuper as superuser, rolbypassrls as bypass from pg_roles where rolname = current_user',
      );
      expect(rows[0]).toEqual({ role: APP_ROLE, superuser: false, bypass: false });
      await expect(assertAppRoleIsConfined(client)).resolves.toBeUndefined();
      // No schema changes from the app's login.
      await expect(client.query('create table intruder (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('is what the running app uses: staff connections act as relance_agency, creditor ones as relance_app', async () => {
    const [staff] = await t.orm.em.fork().execute<{ login: string; role: string }[]>('select session_user as login, current_user as role');
    expect(staff).toEqual({ login: APP_ROLE, role: AGENCY_ROLE });
    const [tenant] = await t.tenantOrm.em.fork().execute<{ login: string; role: string }[]>('select session_user as login, current_user as role');
    expect(tenant).toEqual({ login: APP_ROLE, role: APP_ROLE });
    // relance_app does not inherit relance_agency's rights: acting as itself, the agency's policies do not apply.
    const [inherits] = await t.tenantOrm.em
      .fork()
      .execute<{ inherits: boolean }[]>(`select pg_has_role('${APP_ROLE}', '${AGENCY_ROLE}', 'USAGE') as inherits`);
    expect(inherits?.inherits).toBe(false);
    await expect(assertAppRoleIsConfined({ query: async (sql) => ({ rows: await t.orm.em.fork().execute(sql) }) })).resolves.toBeUndefined();
  });

  it('refuses to serve as a superuser (the owner): row-level security would not apply', async () => {
    await expect(assertAppRoleIsConfined(owner)).rejects.toThrow(/is a superuser.*APP_DATABASE_URL/);
  });
});

describe('every table holding creditor data has a policy', () => {
  it('no table is left without row-level security unless it holds no creditor data', async () => {
    const tables = await publicTables();
    expect(tables.length).toBeGreaterThan(40);
    const unprotected = tables.filter((table) => !(table.rls && table.policies > 0) && !(table.name in WITHOUT_CREDITOR_DATA));
    expect(unprotected.map((table) => table.name)).toEqual([]);
    // A table with a creditor column can never be declared free of creditor data.
    const declaredFreeButScoped = tables.filter((table) => table.name in WITHOUT_CREDITOR_DATA && table.hasCreditorColumn);
    expect(declaredFreeButScoped).toEqual([]);
    // The allowlist names real tables (a renamed table cannot keep an exemption it no longer needs).
    for (const name of Object.keys(WITHOUT_CREDITOR_DATA)) expect(tables.map((table) => table.name)).toContain(name);
  });

  it('views read with the caller rights, so their tables policies apply through them', async () => {
    const { rows } = await owner.query<{ name: string; options: string[] | null }>(
      `select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'v'`,
    );
    for (const view of rows) expect(view.options ?? [], view.name).toContain('security_invoker=true');
  });
});

describe("a creditor's transaction, with no creditor filter in the query", () => {
  it('sees only its own rows in every table that has a creditor column', async () => {
    const tables = (await publicTables()).filter((table) => table.hasCreditorColumn);
    const leaks: string[] = [];
    const othersExist: string[] = [];
    for (const table of tables) {
      const column = 'creditor_id';
      const foreignAsOwner = await owner.query<{ n: number }>(`select count(*)::int as n from ${table.name} where ${column} <> $1`, [creditorA]);
      if ((foreignAsOwner.rows[0]?.n ?? 0) > 0) othersExist.push(table.name);
      const seen = await asCreditor(creditorA, (client) =>
        client.query<{ n: number }>(`select count(*)::int as n from ${table.name} where ${column} is distinct from $1 and ${column} is not null`, [creditorA]),
      );
      if ((seen.rows[0]?.n ?? 0) > 0) leaks.push(`${table.name}: ${seen.rows[0]?.n} rows of other creditors`);
    }
    expect(leaks).toEqual([]);
    // Not passing by having nothing to hide: the other creditors' rows are there.
    expect(othersExist).toEqual(expect.arrayContaining(['collection_case', 'debtor', 'claim', 'app_user']));
  });

  it('sees its own creditor and its own cases, all of them, and nothing of the others', async () => {
    const [counts] = (
      await owner.query<{ own: number; all: number }>(
        'select count(*) filter (where creditor_id = $1)::int as own, count(*)::int as all from collection_case',
        [creditorA],
      )
    ).rows;
    const seen = await asCreditor(creditorA, async (client) => ({
      cases: (await client.query<{ creditor_id: string }>('select creditor_id from collection_case')).rows,
      creditors: (await client.query<{ id: string }>('select id from creditor')).rows,
    }));
    expect(counts?.all).toBeGreaterThan(counts?.own ?? 0);
    expect(seen.cases.length).toBe(counts?.own);
    expect(new Set(seen.cases.map((row) => row.creditor_id))).toEqual(new Set([creditorA]));
    expect(seen.creditors).toEqual([{ id: creditorA }]);
  });

  it('sees the rows of tables tied to a case, a debtor or an import only for its own', async () => {
    const children: [table: string, column: string, parent: string][] = [
      ['payment', 'case_id', 'collection_case'],
      ['activity', 'case_id', 'collection_case'],
      ['debtor_email', 'debtor_id', 'debtor'],
      ['debtor_address', 'debtor_id', 'debtor'],
      ['debtor_contact', 'case_id', 'collection_case'],
    ];
    for (const [table, column, parent] of children) {
      const parents = await asCreditor(creditorA, (client) => client.query<{ id: string }>(`select distinct ${column} as id from ${table}`));
      const ids = parents.rows.map((row) => row.id);
      const foreign = await owner.query<{ n: number }>(`select count(*)::int as n from ${parent} where id = any($1::uuid[]) and creditor_id <> $2`, [ids, creditorA]);
      expect(foreign.rows[0]?.n, table).toBe(0);
      const othersHave = await owner.query<{ n: number }>(
        `select count(*)::int as n from ${table} x join ${parent} p on p.id = x.${column} where p.creditor_id <> $1`,
        [creditorA],
      );
      expect(othersHave.rows[0]?.n, `${table}: the other creditors have rows (the check is not empty)`).toBeGreaterThan(0);
    }
  });

  it('cannot write a row for another creditor', async () => {
    const [debtorOfB] = (await owner.query<{ id: string }>('select id from debtor where creditor_id = $1 limit 1', [creditorB])).rows;
    await expect(
      asCreditor(creditorA, (client) =>
        client.query(`insert into collection_case (creditor_id, debtor_id, opened_on) values ($1, $2, current_date)`, [creditorB, debtorOfB?.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    // Updating the other creditor's cases touches nothing: they are not there.
    const updated = await asCreditor(creditorA, (client) => client.query(`update collection_case set worked_on = current_date where creditor_id = $1`, [creditorB]));
    expect(updated.rowCount).toBe(0);
  });

  it('sees nothing at all when the transaction names no creditor (a forgotten setting fails closed)', async () => {
    const client = await appClient();
    try {
      const { rows } = await client.query<{ cases: number; claims: number; debtors: number }>(
        'select (select count(*)::int from collection_case) as cases, (select count(*)::int from claim) as claims, (select count(*)::int from debtor) as debtors',
      );
      expect(rows[0]).toEqual({ cases: 0, claims: 0, debtors: 0 });
    } finally {
      await client.end();
    }
  });

  it("holds for the app's own creditor connections too (the tenant ORM's session context)", async () => {
    const em = t.tenantOrm.em.fork({ session: { variables: { [CREDITOR_SETTING]: creditorA } } });
    const rows = await em.execute<{ creditor_id: string }[]>('select distinct creditor_id from collection_case');
    expect(rows).toEqual([{ creditor_id: creditorA }]);
    // Inside a transaction as well (services that write in one).
    const inside = await em.transactional((tx) => tx.execute<{ n: number }[]>('select count(*)::int as n from claim where creditor_id <> ?', [creditorA]));
    expect(inside[0]?.n).toBe(0);
  });
});

describe('through the API', () => {
  it("a creditor user's requests run confined to its creditor, staff requests see every creditor", async () => {
    const creditorUser = await makeUser(t, 'creditor', creditorA);
    const manager = await makeUser(t, 'manager');
    const creditorToken = await login(t, creditorUser);
    const managerToken = await login(t, manager);
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: bearer(creditorToken) });
    expect(own.statusCode, own.body).toBe(200);
    const ownCreditors = new Set((own.json().items as { creditorId: string }[]).map((item) => item.creditorId));
    expect(ownCreditors).toEqual(new Set([creditorA]));
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: bearer(managerToken) });
    expect(all.statusCode, all.body).toBe(200);
    expect(new Set((all.json().items as { creditorId: string }[]).map((item) => item.creditorId)).size).toBeGreaterThan(1);
  });
});
