import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvLine, figure } from '../src/plugins/csv.ts';
import { bearer, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 13, item 11: every CSV the server writes goes through plugins/csv.ts, which neutralises
// formula injection (OWASP "CSV Injection"): a cell starting with =, +, -, @, tab or CR gets a
// leading single quote, so a spreadsheet shows it as text instead of running it.

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];

describe('the CSV writer', () => {
  it('prefixes every text cell that a spreadsheet would run as a formula, and quotes as CSV requires', () => {
    for (const start of DANGEROUS) expect(csvCell(`${start}1+1`), JSON.stringify(start)).toMatch(/^"?'/);
    expect(csvCell('=HYPERLINK("http://evil.test";"Cliquez")')).toBe(`"'=HYPERLINK(""http://evil.test"";""Cliquez"")"`);
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // A user's "-12,50" is text like any other: escaped.
    expect(csvCell('-12,50')).toBe("'-12,50");
    // Harmless text is left alone; a formula character later in the text is harmless.
    expect(csvCell("Date d'échéance")).toBe("Date d'échéance");
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('writes what the server formats itself (numbers, figures) as is, so amounts stay numbers', () => {
    expect(csvCell(-1250)).toBe('-1250');
    expect(csvCell(figure('-12,50'))).toBe('-12,50');
    expect(csvCell(figure('a;b'))).toBe('"a;b"');
    expect(csvLine([12, 'x', figure('-1')])).toBe('12;x;-1\r\n');
    expect(csvHeader(['ligne', 'colonne'])).toBe('\uFEFFligne;colonne\r\n');
  });
});

describe('the import rejections export', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    const creditor = await makeCreditor(t);
    token = await login(t, await makeUser(t, 'creditor', creditor.id));
  });
  afterAll(async () => t.close());

  it('neutralises headers of the imported file that start with =, +, - or @ (the reasons name them)', async () => {
    // The rejections CSV repeats the file's own header text in its column cell: the user's text.
    // Headers are trimmed on reading, so a leading tab or CR cannot survive there (covered above).
    const headers = ['=HYPERLINK("http://evil.test","Référence")', '+Débiteur', '-Échéance', '@Montant'];
    const file = Buffer.from(
      [
        headers.join(';'),
        ';Nom A;01/06/2026;10,00', // no reference
        'F-2;;01/06/2026;10,00', // no debtor
        'F-3;Nom C;pas une date;10,00', // bad due date
        'F-4;Nom D;01/06/2026;abc', // bad amount
        'F-5;Nom E;01/06/2026;10,00',
      ].join('\r\n'),
    );
    const mapping = { invoiceRef: headers[0], debtorName: headers[1], dueDate: headers[2], amount: headers[3] };
    const body = multipart({ mapping: JSON.stringify(mapping) }, { name: 'export.csv', type: 'text/csv', content: file });
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports?commit=true', headers: { ...bearer(token), ...body.headers }, payload: body.payload });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().counts).toMatchObject({ rows: 5, created: 1, rejected: 4 });

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${imported.json().id}/rejections`, headers: bearer(token) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).not.toContain(';=HYPERLINK');
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';', relax_quotes: true });
    expect(rows[0]).toEqual(['ligne', 'colonne', 'code', 'motif']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([
      ['2', `'${headers[0]}`, 'missing_value'],
      ['3', `'${headers[1]}`, 'missing_value'],
      ['4', `'${headers[2]}`, 'invalid_date'],
      ['5', `'${headers[3]}`, 'invalid_amount'],
    ]);
    // No cell of the file a spreadsheet opens starts with a formula character.
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
