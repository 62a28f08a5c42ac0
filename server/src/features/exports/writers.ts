import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type CsvCell, csvHeader, csvLine } from '../../plugins/csv.ts';
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

/** One block of a file made of several (the KPI export): a title, its columns and its few rows. */
export interface Section<Row> {
  readonly title: { readonly fr: string; readonly en: string };
  readonly sheet: { readonly fr: string; readonly en: string };
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
}

type Cell = { readonly kind: Column<unknown>['kind']; readonly value: string | number | null };
/** A section with its rows turned into cells, so sections of different row types go in one file. */
export type SectionCells = Omit<Section<never>, 'columns' | 'rows'> & {
  readonly headers: readonly { readonly fr: string; readonly en: string; readonly width: number }[];
  readonly cells: readonly (readonly Cell[])[];
};

export function sectionCells<Row>(section: Section<Row>): SectionCells {
  return {
    title: section.title,
    sheet: section.sheet,
    headers: section.columns.map((column) => ({ fr: column.fr, en: column.en, width: column.width ?? 14 })),
    cells: section.rows.map((row) => section.columns.map((column) => ({ kind: column.kind, value: column.value(row) }))),
  };
}

/**
 * CSV of several sections: the preamble lines (what the file is about: its text cells escaped like
 * any text), then each section after a blank line: its title, its header, its rows.
 */
export function csvSectionsFile(preamble: readonly (readonly CsvCell[])[], sections: readonly SectionCells[], locale: Locale): Readable {
  function* chunks() {
    yield `\uFEFF${preamble.map((line) => csvLine(line)).join('')}`;
    for (const section of sections) {
      let text = `\r\n${csvLine([section.title[locale]])}${csvLine(section.headers.map((header) => header[locale]))}`;
      for (const row of section.cells) text += csvLine(row.map((cell) => csvCellOf(cell.kind, cell.value, locale)));
      yield text;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** XLSX of several sections: a first sheet with the preamble, then one sheet per section. */
export function xlsxSectionsFile(
  preamble: { readonly sheet: string; readonly lines: readonly (readonly (string | number | null)[])[] },
  sections: readonly SectionCells[],
  locale: Locale,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  async function write() {
    const first = workbook.addWorksheet(preamble.sheet);
    first.columns = [{ width: 28 }, { width: 40 }];
    for (const line of preamble.lines) first.addRow([...line]).commit();
    first.commit();
    for (const section of sections) {
      const sheet = workbook.addWorksheet(section.sheet[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = section.headers.map((header) => ({ width: header.width }));
      sheet.addRow(section.headers.map((header) => header[locale])).commit();
      for (const row of section.cells) sheet.addRow(row.map((cell) => xlsxCellOf(cell.kind, cell.value))).commit();
      sheet.commit();
    }
    await workbook.commit();
  }
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
