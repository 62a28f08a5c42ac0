/**
 * The one way the server writes CSV for people to open in a spreadsheet (every CSV export goes
 * through here): `;`-separated, CRLF line ends, UTF-8 with a byte order mark (what French Excel
 * opens without an import dialog), and every cell safe against formula injection.
 *
 * Formula injection (OWASP, "CSV Injection": https://owasp.org/www-community/attacks/CSV_Injection):
 * a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)`
 * sends the reader's click elsewhere, `=WEBSERVICE(...)` leaks other cells, DDE runs commands), and
 * a leading tab (0x09) or carriage return (0x0D) can hide such a start from a quick check. OWASP's
 * rule: prefix such a cell with a single quote, so the spreadsheet shows it as text, and quote the
 * cell as CSV requires. The quote is visible in the cell: that is the accepted price.
 *
 * Which cells are escaped (the decision, per column kind):
 * - `text` (the default): anything that came from a user or a file (a column header of an imported
 *   file, a name, a reference, a free comment) and any string whose origin a caller does not vouch
 *   for. Always escaped, even when it is harmless-looking (`-12,50` typed by a user becomes `'-12,50`).
 * - `figure`: a value the server itself formats from typed data it holds (a JS number, an amount in
 *   cents it formatted, a date it printed, an enum code): written as is, so a negative amount stays
 *   a number the spreadsheet can sum. Never pass user text as a figure.
 * JS numbers are figures whatever the kind given (a number cannot carry a formula).
 */
export type CsvCell = string | number | null | undefined | { figure: string };

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

/** A value the server formatted itself (see above): not escaped for formulas, only quoted when needed. */
export function figure(value: string): { figure: string } {
  return { figure: value };
}

function quoted(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell: text is neutralised (OWASP CSV injection) then quoted as CSV requires. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'object') return quoted(value.figure);
  return quoted(FORMULA_START.test(value) ? `'${value}` : value);
}

/** One line, CRLF-terminated. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

/** The first chunk of a CSV file: the byte order mark and the header line. */
export function csvHeader(names: readonly string[]): string {
  return `\uFEFF${csvLine(names)}`;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
