import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { assertXlsxFitsInMemory, MAX_XLSX_SHARED_STRINGS_BYTES, openFile, zipEntrySizes } from '../src/features/imports/reader.ts';
import { AppError } from '../src/plugins/errors.ts';

/** An .xlsx as Excel writes it: every text cell points into the shared strings table. */
async function workbookWithSharedStrings(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Factures');
  sheet.addRow(['N° facture', 'Raison sociale / Nom', 'Montant TTC', "Date d'échéance"]);
  for (let i = 1; i <= rows; i += 1) sheet.addRow([`F-${i}`, `Client numéro ${i}`, 100 + i, '15/01/2026']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('XLSX shared strings and the worker memory ceiling', () => {
  it('reads the uncompressed size of each part from the zip central directory at the end of the file', async () => {
    const xlsx = await workbookWithSharedStrings(500);
    const sizes = zipEntrySizes(xlsx.subarray(xlsx.length - 4096));
    expect(sizes?.get('xl/worksheets/sheet1.xml')).toBeGreaterThan(0);
    // 1,000 distinct texts of ~15 characters plus the headers: more than 15 KB of XML.
    expect(sizes?.get('xl/sharedStrings.xml')).toBeGreaterThan(15_000);
    // Not a zip file, or a tail that does not hold the whole directory: nothing to say.
    expect(zipEntrySizes(Buffer.from('N° facture;Montant\nF-1;10\n'))).toBeNull();
    expect(zipEntrySizes(xlsx.subarray(xlsx.length - 40))).toBeNull();
  });

  it('refuses a workbook whose shared strings exceed the limit, with a reason that says to save it as CSV', async () => {
    const xlsx = await workbookWithSharedStrings(500);
    expect(() => assertXlsxFitsInMemory(xlsx, MAX_XLSX_SHARED_STRINGS_BYTES)).not.toThrow();
    let refused: unknown;
    try {
      assertXlsxFitsInMemory(xlsx, 10_000);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('xlsx_too_many_texts');
    expect((refused as AppError).statusCode).toBe(413);
    expect((refused as AppError).message).not.toBe('');
  });

  it('still reads a workbook under the limit row by row', async () => {
    const xlsx = await workbookWithSharedStrings(50);
    const file = await openFile(
      async function* () {
        yield xlsx;
      },
      'xlsx',
      null,
    );
    const records = [];
    for await (const record of file.records) records.push(record);
    expect(file.headers[0]).toBe('N° facture');
    expect(records).toHaveLength(50);
    expect(records[49]?.cells.slice(0, 2)).toEqual(['F-50', 'Client numéro 50']);
    await file.close();
  });

  it('leaves no temporary copy of the sheet behind, whether the file was read whole, half or for its headers only', async () => {
    // Excel stores a sheet before its shared strings, so exceljs first copies the sheet to a
    // temporary file (tmp-<pid>-...): it must be gone once the reader is closed, not at exit.
    const xlsx = await workbookWithSharedStrings(200);
    const copies = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = copies();
    const open = () =>
      openFile(
        async function* () {
          yield xlsx;
        },
        'xlsx',
        null,
      );
    const headersOnly = await open();
    // While a sheet is being read its copy exists: this is the case the close must handle.
    expect(copies().length).toBeGreaterThan(before.length);
    await headersOnly.close();
    expect(copies()).toEqual(before);

    const half = await open();
    let read = 0;
    for await (const _record of half.records) if (++read === 100) break;
    await half.close();
    expect(copies()).toEqual(before);

    const whole = await open();
    for await (const _record of whole.records) read += 1;
    expect(read).toBe(300);
    await whole.close();
    expect(copies()).toEqual(before);
  });
});
