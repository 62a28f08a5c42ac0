import type { CsvCell } from '../../plugins/csv.ts';
import { figure } from '../../plugins/csv.ts';

/**
 * A column of an export: its header in both languages, its kind and how a row gives its value.
 * - `text`: what a person typed (names, references): escaped against formula injection in CSV,
 *   written as a string cell in XLSX (a string cell is never run as a formula);
 * - `code`, `date`: what the server formats itself (enum codes, Paris days): written as is;
 * - `int`: a count of days or claims; `money`: integer cents, written as euros (1234,56 in CSV
 *   French-style, a number with two decimals in XLSX so it sums);
 * - `decimal`: a number the server computed (a rate in %, average days): a decimal comma in French CSV.
 */
export type ColumnKind = 'text' | 'code' | 'date' | 'int' | 'money' | 'decimal';
export interface Column<Row> {
  readonly fr: string;
  readonly en: string;
  readonly kind: ColumnKind;
  readonly width?: number;
  readonly value: (row: Row) => string | number | null;
}

export type Locale = 'fr' | 'en';

function euros(cents: number, locale: Locale): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.trunc(absolute / 100)}${locale === 'fr' ? ',' : '.'}${String(absolute % 100).padStart(2, '0')}`;
}

/** One cell for the CSV writer (plugins/csv.ts): only `text` cells are escaped. */
export function csvCellOf(kind: ColumnKind, value: string | number | null, locale: Locale): CsvCell {
  if (value === null) return null;
  if (kind === 'text') return String(value);
  if (kind === 'money') return figure(euros(Number(value), locale));
  if (kind === 'int') return Number(value);
  if (kind === 'decimal') return figure(locale === 'fr' ? String(value).replace('.', ',') : String(value));
  return figure(String(value));
}

/** One cell for the XLSX writer: money in euros (a number), days as numbers, the rest as strings. */
export function xlsxCellOf(kind: ColumnKind, value: string | number | null): string | number | null {
  if (value === null) return null;
  if (kind === 'money') return Number(value) / 100;
  if (kind === 'int' || kind === 'decimal') return Number(value);
  return String(value);
}
