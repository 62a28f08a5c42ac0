import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvHeader, csvLine } from '../../plugins/csv.ts';
import { type Column, csvCellOf, type Locale, xlsxCellOf } from './columns.ts';

// The two file writers of an export. Both pull the rows batch by batch and write them out as they
// come: the file is never held whole in memory (a 1M-row export stays within a few tens of MB;
// server/bench exports.ts measures it). The first batch is read by the caller before the status is
// sent (routes.ts), so an error (a bad filter, a period the wrong way round) is still an error body.

/** CSV through plugins/csv.ts (BOM, `;`, CRLF, text cells neutralised against formula injection). */
export function csvFile<Row>(columns: readonly Column<Row>[], batches: AsyncIterable<Row[]>, locale: Locale): Readable {
  async function* chunks() {
    yield csvHeader(columns.map((column) => column[locale]));
    for await (const rows of batches) {
      let text = '';
      for (const row of rows) text += csvLine(columns.map((column) => csvCellOf(column.kind, column.value(row), locale)));
      yield text;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (written to the zip) as it
 * is added; between batches the writer waits while the response has not drained.
 */
export function xlsxFile<Row>(sheetName: string, columns: readonly Column<Row>[], batches: AsyncIterable<Row[]>, locale: Locale): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, i) => ({
    key: String(i),
    width: column.width ?? 14,
    ...(column.kind === 'money' ? { style: { numFmt: '#,##0.00' } } : {}),
  }));
  async function write() {
    sheet.addRow(columns.map((column) => column[locale])).commit();
    for await (const rows of batches) {
      for (const row of rows) sheet.addRow(columns.map((column) => xlsxCellOf(column.kind, column.value(row)))).commit();
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  }
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
