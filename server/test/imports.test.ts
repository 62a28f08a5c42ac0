import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, claimsCsv, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let creditor: { id: string };
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  creditor = await makeCreditor(t);
  token = await login(t, await makeUser(t, 'creditor', creditor.id));
});
afterAll(async () => t.close());

async function upload(content: Buffer, name = 'creances.csv', headers: Record<string, string> = {}) {
  const body = multipart({}, { name, type: 'text/csv', content });
  return await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(token), ...body.headers, ...headers }, payload: body.payload });
}

async function countRows(table: string): Promise<number> {
  const [row] = await t.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from ${table} where creditor_id = ?`, [creditor.id]);
  return row?.n ?? 0;
}

// The test clock says 2026-11-23: due dates before it are due.
const file = claimsCsv([
  'FAC-001;15/03/2026;14/04/2026;1 234,56;societe;Boulangerie du Port SARL;732829320;compta@boulangerie-port.fr;01 42 68 53 00;4 quai Est;44000;Nantes',
  'FAC-002;2026-05-01;2026-05-31;99.90;societe;Boulangerie du Port SARL;732829320;;;;;',
  'FAC-003;01/06/2026;01/07/2026;abc;particulier;Jean Martin;;jean.martin@example.fr;;;;',
  'FAC-004;01/06/2026;31/02/2026;10,00;particulier;Jean Martin;;jean.martin@example.fr;;;;',
  'FAC-005;01/06/2026;01/07/2026;50,00;particulier;Jean Martin;;jean.martin@example.fr;06 12 34 56 78;;;',
  'FAC-006;01/11/2026;01/12/2026;80,00;particulier;Luc Petit;;;;;75011;Paris',
  'FAC-007;01/06/2026;01/07/2026;80,00;association;Club;;;;;;',
  'FAC-008;01/06/2026;01/07/2026;80,00;societe;Mauvais Siren SAS;123456789;;;;;',
  ';01/06/2026;01/07/2026;80,00;particulier;Sans Ref;;;;;;',
  'FAC-005;01/06/2026;01/07/2026;50,00;particulier;Jean Martin;;jean.martin@example.fr;;;;',
]);

describe('CSV import', () => {
  it('puts the good rows in and reports each bad row with its line and reason', async () => {
    const response = await upload(file);
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result.status).toBe('completed');
    expect(result.counts).toEqual({ rows: 10, created: 3, updated: 0, unchanged: 0, rejected: 7 });
    expect(result.counts.created + result.counts.updated + result.counts.unchanged + result.counts.rejected).toBe(result.counts.rows);
    // Lines count the header as line 1.
    expect(result.rejections.map((r: { line: number; column: string; reason: string }) => [r.line, r.column, r.reason])).toEqual([
      [4, 'amount', 'invalid_amount'],
      [5, 'due_date', 'invalid_date'],
      [7, 'due_date', 'not_yet_due'],
      [8, 'debtor_type', 'invalid_debtor_type'],
      [9, 'siren', 'invalid_siren'],
      [10, 'invoice_ref', 'missing_value'],
      [11, 'invoice_ref', 'duplicate_in_file'],
    ]);
    expect(result.rejections[0].message).toBe('Montant invalide');
    expect(result.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('groups the rows of one debtor into one case with several claims, amounts in cents', async () => {
    const agent = await login(t, await makeUser(t, 'agent'));
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/cases?creditorId=${creditor.id}`, headers: bearer(agent) })).json();
    const bakery = list.items.find((c: { debtorName: string }) => c.debtorName === 'Boulangerie du Port SARL');
    expect(bakery).toMatchObject({ claimCount: 2, principalCents: 123_456 + 9_990, debtorKind: 'company' });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${bakery.id}`, headers: bearer(agent) })).json();
    expect(detail.debtor.siren).toBe('732829320');
    expect(detail.debtor.phones).toEqual([expect.objectContaining({ phone: '+33142685300', valid: true })]);
    expect(detail.claims.map((c: { invoiceRef: string; dueDate: string }) => [c.invoiceRef, c.dueDate])).toEqual([
      ['FAC-001', '2026-04-14'],
      ['FAC-002', '2026-05-31'],
    ]);
    expect(detail.activities[0].kind).toBe('import');
    expect(await countRows('collection_case')).toBe(2);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = { claims: await countRows('claim'), cases: await countRows('collection_case') };
    const again = (await upload(file)).json();
    expect(again.counts).toEqual({ rows: 10, created: 0, updated: 0, unchanged: 3, rejected: 7 });
    expect(again.casesCreated).toBe(0);
    expect({ claims: await countRows('claim'), cases: await countRows('collection_case') }).toEqual(before);
  });

  it('updates a changed amount and says so on the timeline; a missing claim is not deleted', async () => {
    const changed = claimsCsv([
      'FAC-001;15/03/2026;14/04/2026;1 200,00;societe;Boulangerie du Port SARL;732829320;;;;;',
    ]);
    const result = (await upload(changed, 'correction.csv')).json();
    expect(result.counts).toMatchObject({ rows: 1, created: 0, updated: 1, unchanged: 0, rejected: 0 });
    const [claim] = await t.orm.em.fork().execute<{ amount_cents: string }[]>(
      `select amount_cents from claim where creditor_id = ? and invoice_ref = 'FAC-001'`,
      [creditor.id],
    );
    expect(Number(claim?.amount_cents)).toBe(120_000);
    expect(await countRows('claim')).toBe(3);
    const [entry] = await t.orm.em.fork().execute<{ text: string }[]>(
      `select a.text from activity a join claim c on c.case_id = a.case_id
        where c.invoice_ref = 'FAC-001' and c.creditor_id = ? and a.text like '%modifiée%'`,
      [creditor.id],
    );
    expect(entry?.text).toContain('FAC-001');
  });

  it('reads Windows-1252 files (accents) as well as UTF-8 with BOM', async () => {
    const latin = Buffer.from(
      'invoice_ref;issue_date;due_date;amount;debtor_type;debtor_name;siren;email;phone;address;postal_code;city\nW-1;01/02/2026;01/03/2026;10,00;particulier;Hélène Gaëtan;;;;;;\n',
      'latin1',
    );
    const result = (await upload(latin, 'export-compta.csv')).json();
    expect(result.counts.created).toBe(1);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), claimsCsv(['B-1;01/02/2026;01/03/2026;10,00;particulier;Zoé Bom;;;;;;'])]);
    expect((await upload(bom)).json().counts.created).toBe(1);
    const [debtor] = await t.orm.em.fork().execute<{ display_name: string }[]>(
      `select display_name from debtor where creditor_id = ? and display_name like 'H%'`,
      [creditor.id],
    );
    expect(debtor?.display_name).toBe('Hélène Gaëtan');
  });

  it('refuses a file whose columns do not identify the required fields, in the caller language', async () => {
    const response = await upload(Buffer.from('a,b,c\n1,2,3\n'), 'wrong.csv', { 'accept-language': 'en' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'import_mapping_incomplete', details: { missing: ['invoiceRef', 'dueDate', 'amount', 'debtorName'] } });
    expect(response.json().message).toContain('column mapping');
  });

  it('refuses files for a creditor without a valid mandate (R124-3)', async () => {
    const expired = await makeCreditor(t, { mandateValidUntil: '2026-01-31' });
    const expiredToken = await login(t, await makeUser(t, 'creditor', expired.id));
    const body = multipart({}, { name: 'x.csv', type: 'text/csv', content: claimsCsv(['X-1;01/02/2026;01/03/2026;10,00;particulier;X Y;;;;;;']) });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(expiredToken), ...body.headers }, payload: body.payload });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('mandate_invalid');
  });

  it('lets staff import for a chosen creditor', async () => {
    const manager = await login(t, await makeUser(t, 'manager'));
    const other = await makeCreditor(t);
    const body = multipart({ creditorId: other.id }, { name: 's.csv', type: 'text/csv', content: claimsCsv(['S-1;01/02/2026;01/03/2026;10,00;particulier;Staff Import;;;;;;']) });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(manager), ...body.headers }, payload: body.payload });
    expect(response.statusCode).toBe(201);
    expect(response.json().creditorId).toBe(other.id);
  });
});
