import ExcelJS from 'exceljs';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { type ImportRunHooks, runImportTask } from '../src/features/imports/tasks/imports__run.ts';
import { taskList } from '../src/worker/runner.ts';
import { bearer, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let creditor: { id: string };
let token: string;
let other: { id: string };
let otherToken: string;

beforeAll(async () => {
  t = await createTestApp();
  creditor = await makeCreditor(t);
  token = await login(t, await makeUser(t, 'creditor', creditor.id));
  other = await makeCreditor(t);
  otherToken = await login(t, await makeUser(t, 'creditor', other.id));
});
afterAll(async () => t.close());

// The test clock says 2026-11-23. An accountant's export: Windows-1252, semicolons, French headers.
const HEADER = "N° facture;Date facture;Date d'échéance;Montant TTC;Raison sociale / Nom;SIREN;E-mail;Téléphone;Adresse;Code postal;Ville";
// '€' is byte 0x80 in Windows-1252; the other characters used are Latin-1.
const cp1252 = (lines: string[], header = HEADER) => Buffer.from(`${[header, ...lines].join('\r\n')}\r\n`.replace(/€/g, '\x80'), 'latin1');

async function upload(content: Buffer, options: { as?: string; name?: string; fields?: Record<string, string>; query?: string; lang?: string } = {}) {
  const body = multipart(options.fields ?? {}, { name: options.name ?? 'export.csv', type: 'text/csv', content });
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports${options.query ?? ''}`,
    headers: { ...bearer(options.as ?? token), ...body.headers, ...(options.lang ? { 'accept-language': options.lang } : {}) },
    payload: body.payload,
  });
}

const api = (method: 'GET' | 'POST', url: string, options: { as?: string; body?: unknown; lang?: string } = {}) =>
  t.app.inject({
    method,
    url,
    headers: { ...bearer(options.as ?? token), ...(options.lang ? { 'accept-language': options.lang } : {}) },
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });

async function runJobs(hooks?: ImportRunHooks) {
  const tasks = { ...taskList({ secrets: t.secrets, clock: t.clock }), ...(hooks ? { imports__run: runImportTask({ clock: t.clock, secrets: t.secrets }, { hooks }) } : {}) };
  await runOnce({ connectionString: t.databaseUrl, taskList: tasks, logger: silentWorkerLogger });
}

async function uploadAndCommit(content: Buffer, options: Parameters<typeof upload>[1] = {}) {
  const created = await upload(content, options);
  expect(created.statusCode).toBe(201);
  const { id } = created.json();
  const committed = await api('POST', `/api/v1/imports/${id}/commit`, { as: options.as ?? token, body: {} });
  expect(committed.statusCode).toBe(202);
  await runJobs();
  return (await api('GET', `/api/v1/imports/${id}`, { as: options.as ?? token })).json();
}

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(query, params);
}

// The last column says the creditor knows FAC-111 (a consumer's, due in 2023: 2 years, C. conso.
// L218-2) is already prescribed: it goes in flagged, never demanded; without it the row is refused.
const file = cp1252([
  'FAC-101;15/03/2026;14/04/2026;1 234,56 €;Boulangerie du Port SARL;732829320;compta@port.fr;01 42 68 53 00;4 quai Est;44000;Nantes;',
  'FAC-102;2026-05-01;2026-05-31;1.000,00;Boulangerie du Port;732 829 320;;;;;;',
  'FAC-103;01/06/2026;01/07/2026;99,90;Hélène Gaëtan;;helene@example.fr;;;;;',
  'FAC-104;01/06/2026;01/08/2026;50,00;Helene GAETAN;;HELENE@example.fr;06 12 34 56 78;;;;',
  'FAC-105;01/06/2026;01/07/2026;10\u00a0000,00;Luc Petit;;;06 98 76 54 32;;;;',
  'FAC-106;01/06/2026;01/09/2026;20,00;Luc Petit;;;06 98 76 54 32;;;;',
  'FAC-107;01/06/2026;01/07/2026;30,00;Marc Durand;;;;1 rue A;75011;Paris;',
  'FAC-108;01/06/2026;01/07/2026;40,00;  marc   durand ;;;;1 rue A;75011;Paris;',
  'FAC-109;01/11/2026;01/12/2026;80,00;Pas Encore Échu;;;;;;;',
  'FAC-110;01/06/2026;01/07/2026;abc;Montant Illisible;;;;;;;',
  'FAC-111;01/01/2023;01/02/2023;70,00;Ancien Client;;ancien@example.fr;;;;;oui',
  'AV-112;10/10/2026;10/10/2026;-15,00;Luc Petit;;;06 98 76 54 32;;;;',
  'FAC-101;15/03/2026;14/04/2026;1 234,56;Doublon;;;;;;;',
], `${HEADER};Prescrite`);

describe('import: upload, preview, commit', () => {
  let firstId: string;

  it('creates a pending import with the suggested mapping, then previews what a commit would do', async () => {
    const created = await upload(file);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ status: 'pending', mappingSource: 'suggested', missing: [], ambiguous: [] });
    expect(body.mapping).toMatchObject({
      invoiceRef: 'N° facture',
      dueDate: "Date d'échéance",
      amount: 'Montant TTC',
      debtorName: 'Raison sociale / Nom',
      prescribedAtIntake: 'Prescrite',
    });
    firstId = body.id;

    const preview = (await api('GET', `/api/v1/imports/${firstId}/preview`)).json();
    expect(preview.encoding).toBe('windows-1252');
    expect(preview.delimiter).toBe(';');
    expect(preview.rows[0]).toMatchObject({ line: 2, values: { invoiceRef: 'FAC-101', amountCents: 123_456, dueDate: '2026-04-14', phone: '+33142685300' }, rejection: null });
    expect(preview.rows[9]).toMatchObject({ line: 11, rejection: { column: 'Montant TTC', reason: 'invalid_amount', message: 'Montant invalide' } });
    // 9 claims and 1 credit note created; not yet due, unreadable amount and a repeated reference rejected.
    expect(preview.counts).toEqual({ rows: 13, created: 10, updated: 0, unchanged: 0, rejected: 3 });
    expect(preview.countsComplete).toBe(true);
    // The preview is a dry run: nothing was written.
    expect(await sql(`select 1 from claim where creditor_id = ?`, [creditor.id])).toHaveLength(0);
    expect((await api('GET', `/api/v1/imports/${firstId}`)).json().status).toBe('pending');
  });

  it('commits through the imports__run job; counts add up to the rows; progress and rejected rows are reported', async () => {
    const committed = await api('POST', `/api/v1/imports/${firstId}/commit`, { body: {} });
    expect(committed.statusCode).toBe(202);
    expect(committed.json()).toMatchObject({ status: 'running', progress: { phase: 'queued' } });
    await runJobs();
    const done = (await api('GET', `/api/v1/imports/${firstId}`)).json();
    expect(done).toMatchObject({ status: 'completed', counts: { rows: 13, created: 10, updated: 0, unchanged: 0, rejected: 3 }, casesCreated: 5 });
    expect(done.progress).toMatchObject({ phase: 'done', rowsDone: 13, rowsTotal: 13 });
    expect(done.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(done.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason])).toEqual([
      [10, 'not_yet_due'],
      [11, 'invalid_amount'],
      [14, 'duplicate_in_file'],
    ]);
    // The original is kept, byte for byte.
    const chunks = await sql<{ data: Buffer }>('select data from import_file_chunk where import_id = ? order by seq', [firstId]);
    expect(Buffer.concat(chunks.map((c) => c.data)).equals(file)).toBe(true);
  });

  it('groups the rows of one debtor into one case: SIREN, e-mail, phone, name + postcode', async () => {
    const cases = await sql<{ name: string; refs: string }>(
      `select d.display_name as name, string_agg(cl.invoice_ref, ',' order by cl.invoice_ref) as refs
         from collection_case c join debtor d on d.id = c.debtor_id join claim cl on cl.case_id = c.id
        where c.creditor_id = ? group by d.display_name order by 2`,
      [creditor.id],
    );
    expect(cases.map((c) => c.refs)).toEqual(['FAC-101,FAC-102', 'FAC-103,FAC-104', 'FAC-105,FAC-106', 'FAC-107,FAC-108', 'FAC-111']);
    const [bakery] = await sql<{ kind: string; siren: string; amount: string }>(
      `select d.kind, d.siren, sum(cl.amount_cents)::text as amount from debtor d join claim cl on cl.case_id = (select id from collection_case where debtor_id = d.id)
        where d.creditor_id = ? and d.siren is not null group by d.kind, d.siren`,
      [creditor.id],
    );
    expect(bakery).toEqual({ kind: 'company', siren: '732829320', amount: String(123_456 + 100_000) });
    const phones = await sql<{ phone: string }>(`select p.phone from debtor_phone p join debtor d on d.id = p.debtor_id where d.creditor_id = ? order by 1`, [creditor.id]);
    expect(phones.map((p) => p.phone)).toEqual(['+33142685300', '+33612345678', '+33698765432']);
  });

  it('records a negative amount as a credit note on the debtor case, and stores a prescribed claim the file flags as such', async () => {
    const [note] = await sql<{ amount_cents: string; method: string; name: string }>(
      `select p.amount_cents::text, p.method, d.display_name as name from payment p join collection_case c on c.id = p.case_id join debtor d on d.id = c.debtor_id
        where c.creditor_id = ?`,
      [creditor.id],
    );
    expect(note).toEqual({ amount_cents: String(1_500), method: 'credit_note', name: 'Luc Petit' });
    // Its timeline entry: the amount written the French way, and the event for the screen's language.
    const [noted] = await sql<{ text: string; event: string; amount: number }>(
      `select a.text, a.event, (a.event_params->>'amountCents')::int as amount from activity a join collection_case c on c.id = a.case_id
        where c.creditor_id = ? and a.event = 'credit_note_imported'`,
      [creditor.id],
    );
    expect(noted?.text).toContain('15,00\u00a0€');
    expect(noted?.amount).toBe(1_500);
    // A company creditor against a consumer: 2 years from the due date (C. conso. L218-2).
    const prescribed = await sql<{ invoice_ref: string }>(`select invoice_ref from claim where creditor_id = ? and prescribed_at_intake`, [creditor.id]);
    expect(prescribed.map((p) => p.invoice_ref)).toEqual(['FAC-111']);
    const [entry] = await sql<{ text: string }>(
      `select a.text from activity a join claim c on c.case_id = a.case_id where c.invoice_ref = 'FAC-111' and c.creditor_id = ? and a.text like '%prescrite%'`,
      [creditor.id],
    );
    expect(entry?.text).toContain('FAC-111');
  });

  it('changes nothing when the same file is imported again (credit note included)', async () => {
    const before = await sql<{ n: number }>(
      `select (select count(*) from claim where creditor_id = ?)::int + (select count(*) from collection_case where creditor_id = ?)::int * 1000 as n`,
      [creditor.id, creditor.id],
    );
    const again = await uploadAndCommit(file);
    expect(again.counts).toEqual({ rows: 13, created: 0, updated: 0, unchanged: 10, rejected: 3 });
    expect(again.casesCreated).toBe(0);
    expect(again.status).toBe('completed');
    const after = await sql<{ n: number }>(
      `select (select count(*) from claim where creditor_id = ?)::int + (select count(*) from collection_case where creditor_id = ?)::int * 1000 as n`,
      [creditor.id, creditor.id],
    );
    expect(after).toEqual(before);
    expect(await sql(`select 1 from payment p join collection_case c on c.id = p.case_id where c.creditor_id = ?`, [creditor.id])).toHaveLength(1);
  });

  it('updates a changed amount or due date, writes it on the timeline, and deletes nothing missing from the file', async () => {
    const changed = await uploadAndCommit(
      cp1252([
        'FAC-101;15/03/2026;14/04/2026;1 200,00;Boulangerie du Port SARL;732829320;;;;;',
        'FAC-103;01/06/2026;15/07/2026;99,90;Hélène Gaëtan;;helene@example.fr;;;;',
      ]),
    );
    expect(changed.counts).toEqual({ rows: 2, created: 0, updated: 2, unchanged: 0, rejected: 0 });
    const claims = await sql<{ invoice_ref: string; amount_cents: string; due_date: string }>(
      `select invoice_ref, amount_cents::text, due_date::text from claim where creditor_id = ? and invoice_ref in ('FAC-101', 'FAC-103') order by 1`,
      [creditor.id],
    );
    expect(claims).toEqual([
      { invoice_ref: 'FAC-101', amount_cents: String(120_000), due_date: '2026-04-14' },
      { invoice_ref: 'FAC-103', amount_cents: String(9_990), due_date: '2026-07-15' },
    ]);
    const [entry] = await sql<{ text: string }>(
      `select a.text from activity a join claim c on c.case_id = a.case_id where c.invoice_ref = 'FAC-101' and c.creditor_id = ? and a.text like '%modifiée%'`,
      [creditor.id],
    );
    expect(entry?.text).toContain('FAC-101 : 1 234,56 € → 1 200,00 €');
    expect(await sql(`select 1 from claim where creditor_id = ?`, [creditor.id])).toHaveLength(9);
  });

  it('serves the rejected rows as CSV with line, column and reason, in French or English', async () => {
    const fr = await api('GET', `/api/v1/imports/${firstId}/rejections`);
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toContain('text/csv');
    expect(fr.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'ligne;colonne;code;motif',
      "10;Date d'échéance;not_yet_due;La facture n'est pas encore échue",
      '11;Montant TTC;invalid_amount;Montant invalide',
      '14;N° facture;duplicate_in_file;Référence de facture en double dans le fichier',
      '',
    ]);
    const en = await api('GET', `/api/v1/imports/${firstId}/rejections`, { lang: 'en' });
    expect(en.body.replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual(['line;column;reason;message', "10;Date d'échéance;not_yet_due;The invoice is not due yet"]);
  });

  it('a creditor sees only its own imports: 404 on every route, absent from the list', async () => {
    const routes: ['GET' | 'POST', string][] = [
      ['GET', `/api/v1/imports/${firstId}`],
      ['GET', `/api/v1/imports/${firstId}/preview`],
      ['POST', `/api/v1/imports/${firstId}/preview`],
      ['POST', `/api/v1/imports/${firstId}/commit`],
      ['POST', `/api/v1/imports/${firstId}/cancel`],
      ['GET', `/api/v1/imports/${firstId}/rejections`],
    ];
    for (const [method, url] of routes) {
      const response = await api(method, url, { as: otherToken, ...(method === 'POST' ? { body: {} } : {}) });
      expect([url, response.statusCode]).toEqual([url, 404]);
    }
    const list = (await api('GET', '/api/v1/imports', { as: otherToken })).json();
    expect(list.items).toEqual([]);
    const mine = (await api('GET', '/api/v1/imports')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i: { creditorId: string }) => i.creditorId === creditor.id)).toBe(true);
    // A creditor user cannot import for another creditor: the creditorId field is ignored.
    const created = await upload(cp1252(['X-1;01/01/2026;01/02/2026;10,00;X;;;;;;']), { as: otherToken, fields: { creditorId: creditor.id } });
    const [row] = await sql<{ creditor_id: string }>('select creditor_id from import_batch where id = ?', [created.json().id]);
    expect(row?.creditor_id).toBe(other.id);
    const agent = await login(t, await makeUser(t, 'agent'));
    expect((await api('GET', `/api/v1/imports/${firstId}`, { as: agent })).statusCode).toBe(403);
  });

  it('refuses a file for a creditor without a valid mandate (R124-3)', async () => {
    const expired = await makeCreditor(t, { mandateValidUntil: '2026-01-31' });
    const expiredToken = await login(t, await makeUser(t, 'creditor', expired.id));
    const response = await upload(file, { as: expiredToken, lang: 'en' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'mandate_invalid', message: "This creditor's mandate is not valid: no case can be placed." });
  });
});

describe('import: mapping', () => {
  const ambiguous = cp1252(['A-1;01/09/2026;10,00;Jean Dupont;Client Dupont'], 'Facture;Échéance;Montant TTC;Nom;Client');

  it('an API upload that cannot be mapped unambiguously stops with what is missing or ambiguous', async () => {
    const response = await upload(ambiguous, { query: '?commit=true', lang: 'en' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'import_mapping_incomplete', details: { missing: [], ambiguous: [{ field: 'debtorName', headers: ['Nom', 'Client'] }] } });
    const pending = (await upload(ambiguous)).json();
    expect(pending).toMatchObject({ mapping: null, mappingSource: null });
    expect((await api('POST', `/api/v1/imports/${pending.id}/commit`, { body: {} })).statusCode).toBe(422);
  });

  it('a corrected mapping is saved for the creditor and reused by the next file with the same headers', async () => {
    const pending = (await upload(ambiguous)).json();
    const mapping = { invoiceRef: 'Facture', dueDate: 'Échéance', amount: 'Montant TTC', debtorName: 'Client' };
    const preview = (await api('POST', `/api/v1/imports/${pending.id}/preview`, { body: { mapping } })).json();
    expect(preview.rows[0].values.debtorName).toBe('Client Dupont');
    expect((await api('POST', `/api/v1/imports/${pending.id}/commit`, { body: { mapping } })).statusCode).toBe(202);
    await runJobs();
    expect((await api('GET', `/api/v1/imports/${pending.id}`)).json().counts.created).toBe(1);
    const next = (await upload(cp1252(['A-2;01/09/2026;20,00;Jean Dupont;Client Dupont'], 'Facture;Échéance;Montant TTC;Nom;Client'), { query: '?commit=true' })).json();
    expect(next.counts).toMatchObject({ created: 1, rejected: 0 });
    const saved = (await api('GET', '/api/v1/imports/mappings')).json();
    expect(saved.items[0].mapping).toEqual(mapping);
    expect((await upload(ambiguous, { fields: { mappingId: saved.items[0].id } })).json()).toMatchObject({ mappingSource: 'saved', mapping });
    const bad = await upload(ambiguous, { fields: { mapping: JSON.stringify({ ...mapping, amount: 'Nope' }) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_import_mapping');
  });
});

describe('import: crash, cancel, rerun', () => {
  const rows = Array.from({ length: 9 }, (_, i) => `C-${i + 1};01/01/2026;01/02/2026;${i + 1}0,00;Débiteur ${i % 3};;d${i % 3}@example.fr;;;;`);

  it('a crash in the middle leaves nothing; the import runs again with the right counts and no duplicates', async () => {
    const created = (await upload(cp1252(rows))).json();
    await api('POST', `/api/v1/imports/${created.id}/commit`, { body: {} });
    const seen: number[] = [];
    await runJobs({
      batchSize: 2,
      afterBatch: (n) => {
        seen.push(n);
        if (n === 3) throw new Error('simulated crash');
      },
    });
    expect(seen).toEqual([1, 2, 3]);
    const failed = (await api('GET', `/api/v1/imports/${created.id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', error: 'internal_error' });
    expect(await sql(`select 1 from claim where creditor_id = ? and invoice_ref like 'C-%'`, [creditor.id])).toHaveLength(0);
    expect(await sql(`select 1 from debtor where creditor_id = ? and match_key like 'email:d_@example.fr'`, [creditor.id])).toHaveLength(0);

    expect((await api('POST', `/api/v1/imports/${created.id}/commit`, { body: {} })).statusCode).toBe(202);
    await runJobs({ batchSize: 2 });
    const done = (await api('GET', `/api/v1/imports/${created.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', counts: { rows: 9, created: 9, updated: 0, unchanged: 0, rejected: 0 }, casesCreated: 3 });
    const [claims] = await sql<{ n: number; refs: number }>(
      `select count(*)::int as n, count(distinct invoice_ref)::int as refs from claim where creditor_id = ? and invoice_ref like 'C-%'`,
      [creditor.id],
    );
    expect(claims).toEqual({ n: 9, refs: 9 });
    // Running the job again does nothing: the import is no longer running.
    await api('POST', `/api/v1/imports/${created.id}/commit`, { body: {} });
    await runJobs();
    expect((await sql(`select 1 from claim where creditor_id = ? and invoice_ref like 'C-%'`, [creditor.id])).length).toBe(9);
  });

  it('reads and writes in batches: an invoice reference repeated in a later batch or in the same one is rejected, the first line wins', async () => {
    const lines = [
      'DUP-1;01/01/2026;01/02/2026;10,00;Débiteur D;;dd@example.fr;;;;', // line 2, batch 1
      'DUP-2;01/01/2026;01/02/2026;20,00;Débiteur D;;dd@example.fr;;;;', // line 3, batch 1
      'DUP-3;01/01/2026;01/02/2026;abc;Débiteur D;;dd@example.fr;;;;', // line 4, batch 2: bad amount
      'DUP-1;01/01/2026;01/02/2026;99,00;Débiteur D;;dd@example.fr;;;;', // line 5, batch 2: repeats line 2
      'DUP-3;01/01/2026;01/02/2026;30,00;Débiteur D;;dd@example.fr;;;;', // line 6, batch 3: first valid DUP-3
      'DUP-3;01/01/2026;01/02/2026;31,00;Débiteur D;;dd@example.fr;;;;', // line 7, batch 3: repeats line 6
    ];
    const created = (await upload(cp1252(lines))).json();
    await api('POST', `/api/v1/imports/${created.id}/commit`, { body: {} });
    await runJobs({ batchSize: 2 });
    const done = (await api('GET', `/api/v1/imports/${created.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', counts: { rows: 6, created: 3, updated: 0, unchanged: 0, rejected: 3 } });
    const claims = await sql<{ invoice_ref: string; amount_cents: string }>(
      `select invoice_ref, amount_cents::text from claim where creditor_id = ? and invoice_ref like 'DUP-%' order by invoice_ref`,
      [creditor.id],
    );
    expect(claims).toEqual([
      { invoice_ref: 'DUP-1', amount_cents: '1000' },
      { invoice_ref: 'DUP-2', amount_cents: '2000' },
      { invoice_ref: 'DUP-3', amount_cents: '3000' },
    ]);
    const rejected = await sql<{ line: number; reason: string }>('select line, reason from import_rejection where import_id = ? order by line', [created.id]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, 'invalid_amount'],
      [5, 'duplicate_in_file'],
      [7, 'duplicate_in_file'],
    ]);
  });

  it('a cancel between batches keeps nothing; a pending import can be cancelled, not committed after', async () => {
    const created = (await upload(cp1252(rows.map((r) => r.replace('C-', 'K-'))))).json();
    await api('POST', `/api/v1/imports/${created.id}/commit`, { body: {} });
    await runJobs({
      batchSize: 2,
      afterBatch: async (n) => {
        if (n === 2) expect((await api('POST', `/api/v1/imports/${created.id}/cancel`)).statusCode).toBe(200);
      },
    });
    expect((await api('GET', `/api/v1/imports/${created.id}`)).json().status).toBe('cancelled');
    expect(await sql(`select 1 from claim where creditor_id = ? and invoice_ref like 'K-%'`, [creditor.id])).toHaveLength(0);

    const pending = (await upload(cp1252(['P-1;01/01/2026;01/02/2026;10,00;P;;;;;;']))).json();
    expect((await api('POST', `/api/v1/imports/${pending.id}/cancel`)).json().status).toBe('cancelled');
    const refused = await api('POST', `/api/v1/imports/${pending.id}/commit`, { body: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_not_pending');
  });
});

describe('import: identity across creditors, XLSX', () => {
  it('the same person owing two creditors is two debtors sharing one identity key', async () => {
    const line = 'ID-1;01/01/2026;01/02/2026;10,00;Sophie Identité;;sophie@example.fr;;;;';
    await uploadAndCommit(cp1252([line]));
    await uploadAndCommit(cp1252([line]), { as: otherToken });
    const debtors = await sql<{ creditor_id: string; identity_key: string }>(`select creditor_id, identity_key from debtor where identity_key = 'email:sophie@example.fr'`);
    expect(debtors.map((d) => d.creditor_id).sort()).toEqual([creditor.id, other.id].sort());
  });

  it('imports the chosen sheet of an XLSX file: numbers, Excel dates, a bad row', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['rien ici']);
    const sheet = workbook.addWorksheet('Factures');
    sheet.addRow(['N° facture', 'Date facture', "Date d'échéance", 'Montant TTC', 'Raison sociale / Nom', 'SIREN', 'Téléphone']);
    sheet.addRow(['X-1', new Date(Date.UTC(2026, 2, 15)), new Date(Date.UTC(2026, 3, 14)), 1234.56, 'Tuilerie Xavier SAS', 552100554, '0142685300']);
    sheet.addRow(['X-2', 46126, 46136, '99,90', 'Tuilerie Xavier SAS', '552100554', null]);
    sheet.addRow(['X-3', '01/06/2026', 'bientôt', 10, 'Autre', null, null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const created = await upload(bytes, { name: 'export.xlsx', fields: { sheet: 'Factures' } });
    expect(created.statusCode).toBe(201);
    const preview = (await api('GET', `/api/v1/imports/${created.json().id}/preview`)).json();
    expect(preview.sheet).toBe('Factures');
    expect(preview.rows[0].values).toMatchObject({ issueDate: '2026-03-15', dueDate: '2026-04-14', amountCents: 123_456, siren: '552100554', debtorKind: 'company' });
    expect(preview.rows[1].values).toMatchObject({ issueDate: '2026-04-14', dueDate: '2026-04-24', amountCents: 9_990 });
    await api('POST', `/api/v1/imports/${created.json().id}/commit`, { body: {} });
    await runJobs();
    const done = (await api('GET', `/api/v1/imports/${created.json().id}`)).json();
    expect(done).toMatchObject({ format: 'xlsx', status: 'completed', counts: { rows: 3, created: 2, rejected: 1 }, casesCreated: 1 });
    expect(done.rejections).toEqual([expect.objectContaining({ line: 4, column: "Date d'échéance", reason: 'invalid_date' })]);
    const missing = await upload(bytes, { name: 'export.xlsx', fields: { sheet: 'Absente' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('sheet_not_found');
  });
});
