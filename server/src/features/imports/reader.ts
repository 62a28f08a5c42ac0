import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../plugins/errors.ts';
import type { Cell } from './rows.ts';

/**
 * Streams the records of a stored file, CSV or XLSX, one at a time: the file is read from an
 * async source of byte chunks and never held whole in memory.
 */
export type FileRecord = { line: number; cells: Cell[] };
export type FileInfo = { encoding: string | null; delimiter: string | null; sheet: string | null };
export type OpenedFile = {
  headers: string[];
  info: FileInfo;
  records: AsyncGenerator<FileRecord>;
  /**
   * Stops reading, whether the records ran out, were left half read or never started: the parser,
   * and for a workbook the temporary copy of its sheet (see patches/exceljs@4.4.0.patch). Callers
   * call it in a finally; calling it twice is harmless.
   */
  close: () => Promise<void>;
};

export type ByteSource = () => AsyncIterable<Buffer>;

export function detectFormat(firstBytes: Buffer, fileName: string): 'csv' | 'xlsx' {
  if (firstBytes.length >= 4 && firstBytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (/\.xlsx?$/i.test(fileName)) throw new AppError('unsupported_file', 415);
  return 'csv';
}

const SNIFF_BYTES = 1024 * 1024;

/**
 * UTF-8 (BOM or not) when the first megabyte is valid UTF-8; otherwise a single-byte Western
 * encoding: Windows-1252 when bytes 0x80-0x9F appear (€, œ, ’ ... in 1252, control characters
 * in ISO-8859-1, which no text uses), else ISO-8859-1. Both decode through the WHATWG
 * windows-1252 table, which agrees with ISO-8859-1 on every other byte.
 */
export function detectEncoding(sample: Buffer, complete: boolean): 'utf-8' | 'windows-1252' | 'iso-8859-1' {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    for (const byte of sample) if (byte >= 0x80 && byte <= 0x9f) return 'windows-1252';
    return 'iso-8859-1';
  }
}

/** The delimiter that splits the header line (outside quotes) into the most columns. */
export function detectDelimiter(headerLine: string): string {
  let best = ';';
  let bestCount = 0;
  for (const candidate of [';', ',', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count += 1;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

async function* decodeStream(source: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'windows-1252', { ignoreBOM: false });
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function openCsv(source: ByteSource): Promise<OpenedFile> {
  // Sniff: the first megabyte decides the encoding and the header line the delimiter.
  const iterator = source()[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample.subarray(0, SNIFF_BYTES), ended && sample.length <= SNIFF_BYTES);
  const sampleText = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'windows-1252').decode(sample.subarray(0, 64 * 1024));
  const firstLine = sampleText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);

  async function* bytes(): AsyncGenerator<Buffer> {
    for (const chunk of head) yield chunk;
    if (ended) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true, info: true, bom: true });
  Readable.from(decodeStream(bytes(), encoding)).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await records.next();
  const headers = first.done ? [] : first.value.record.map((h) => h.replace(/^\uFEFF/, '').trim());
  async function* rows(): AsyncGenerator<FileRecord> {
    try {
      while (true) {
        const next = await records.next();
        if (next.done) return;
        const { record, info } = next.value;
        // A line of empty cells (";;;;") is an empty line, not a data row.
        if (record.every((cell) => cell.trim() === '')) continue;
        yield { line: info.lines, cells: record };
      }
    } finally {
      parser.destroy();
    }
  }
  const fileRecords = rows();
  return {
    headers,
    info: { encoding, delimiter, sheet: null },
    records: fileRecords,
    close: async () => {
      // return() on a generator that never started does not run its finally: destroy here too.
      await fileRecords.return(undefined);
      parser.destroy();
    },
  };
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return null;
  }
  return String(value);
}

/**
 * How much of a workbook may be inflated, counted as the bytes come out of the zip (see the
 * `inflateLimits` of patches/exceljs@4.4.0.patch), never read from the sizes its headers declare.
 */
export type XlsxLimits = {
  /** The shared strings table, held in memory while the rows are read (MAX_XLSX_SHARED_STRINGS_BYTES). */
  sharedStringsBytes: number;
  /** Any other part read whole into memory (workbook.xml and its relationships) (MAX_XLSX_PART_BYTES). */
  partBytes: number;
  /** Everything inflated, sheets included: sheets stream, but cost CPU and a temporary copy on disk (MAX_XLSX_INFLATED_BYTES). */
  totalBytes: number;
};

type InflateLimitError = Error & { code: 'EXCELJS_INFLATE_LIMIT'; entryPath: string; scope: 'entry' | 'total'; limitBytes: number };

function isInflateLimitError(error: unknown): error is InflateLimitError {
  return error instanceof Error && (error as { code?: unknown }).code === 'EXCELJS_INFLATE_LIMIT';
}

/**
 * Damaged zip data (zlib's Z_* errors, unzipper's FILE_ENDED and signature errors): the file is
 * not a readable workbook, wherever the damage lies (the header read at upload may not reach it).
 */
function isCorruptZip(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && code.startsWith('Z_')) || error.message === 'FILE_ENDED' || error.message.startsWith('invalid signature');
}

/** A limit reached, or damaged data met, while reading becomes the refusal a person understands; anything else goes on as it was. */
function refusalOf(error: unknown): unknown {
  if (isCorruptZip(error)) return new AppError('unsupported_file', 415, { reason: 'corrupt_workbook' });
  if (!isInflateLimitError(error)) return error;
  if (error.scope === 'entry' && SHARED_STRINGS_PART.test(error.entryPath)) {
    return new AppError('xlsx_too_many_texts', 413, { sharedStringsBytesAtLeast: error.limitBytes + 1, limitBytes: error.limitBytes });
  }
  return new AppError('xlsx_too_large', 413, { part: error.entryPath, limitBytes: error.limitBytes, scope: error.scope === 'entry' ? 'part' : 'workbook' });
}

async function nextOrRefuse<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
  try {
    return await iterator.next();
  } catch (error) {
    throw refusalOf(error);
  }
}

const SHARED_STRINGS_PART = /^xl\/sharedStrings\.xml$/i;
/** The other parts the reader parses whole (with styles and hyperlinks ignored): sheet names and where the sheets are. */
const WHOLE_PARTS = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels)$/i;

async function openXlsx(source: ByteSource, sheetName: string | null, limits: XlsxLimits): Promise<OpenedFile> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source()), workbookReaderOptions(limits));
  const sheets = reader[Symbol.asyncIterator]();
  const chosen = await findSheet(sheets, sheetName);
  if (!chosen) throw new AppError('sheet_not_found', 400, { sheet: sheetName });
  const rowIterator = chosen[Symbol.asyncIterator]();
  const { headers, headerLine } = await readHeaderRow(rowIterator);
  async function* rows(): AsyncGenerator<FileRecord> {
    while (true) {
      const next = await nextOrRefuse(rowIterator);
      if (next.done) return;
      const cells = toCells(next.value, headers.length);
      if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
      // The row number in the sheet is the line the user sees (the header is line 1 when it is row 1).
      yield { line: next.value.number - headerLine + 1, cells };
    }
  }
  const records = rows();
  return {
    headers,
    info: { encoding: null, delimiter: null, sheet: chosen.name ?? null },
    records,
    close: async () => {
      await records.return(undefined);
      // Ends the workbook's iteration where it stopped (on the chosen sheet): exceljs then removes the
      // temporary file it copies a sheet to when the sheet comes before the shared strings, as in
      // every file Excel writes. Without it the copy stays in the temporary folder until the process
      // exits, one per import and per preview.
      await sheets.return?.(undefined);
    },
  };
}

function workbookReaderOptions(limits: XlsxLimits) {
  // Styles are ignored (faster): date cells arrive as Excel serial numbers, which the date
  // parser reads; amounts arrive as numbers.
  const options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions> & { inflateLimits: { entry: (path: string) => number | undefined; total: number } } = {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
    inflateLimits: {
      // The parts read whole into memory have a limit each. Sheets are streamed row by row, and
      // every other part (styles, themes, pictures, pivot caches...) is drained unread: only the
      // workbook total bounds them.
      entry: (path: string) => (SHARED_STRINGS_PART.test(path) ? limits.sharedStringsBytes : WHOLE_PARTS.test(path) ? limits.partBytes : undefined),
      total: limits.totalBytes,
    },
  };
  return options;
}

type NamedWorksheet = ExcelJS.stream.xlsx.WorksheetReader & { name?: string };

/** The sheet named `sheetName` (the first one when null), the sheets before it drained; null when absent. */
async function findSheet(sheets: AsyncIterator<unknown>, sheetName: string | null): Promise<NamedWorksheet | null> {
  while (true) {
    const next = await nextOrRefuse(sheets);
    if (next.done) return null;
    const worksheet = next.value as NamedWorksheet;
    if (sheetName === null || worksheet.name === sheetName) return worksheet;
    // Skip a sheet we do not want: its rows must still be drained.
    const skipped = worksheet[Symbol.asyncIterator]();
    while (!(await nextOrRefuse(skipped)).done) {
      // drain
    }
  }
}

/** The first row with a filled cell is the header row. */
async function readHeaderRow(rowIterator: AsyncIterator<ExcelJS.Row>): Promise<{ headers: string[]; headerLine: number }> {
  while (true) {
    const next = await nextOrRefuse(rowIterator);
    if (next.done) return { headers: [], headerLine: 0 };
    const cells = toCells(next.value, 0);
    if (cells.some((c) => c !== null && String(c).trim() !== '')) {
      return { headers: cells.map((c) => (c === null || c === undefined ? '' : String(c).trim())), headerLine: next.value.number };
    }
  }
}

function toCells(row: ExcelJS.Row, width: number): Cell[] {
  const values = row.values as unknown[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i += 1) cells.push(cellValue(values[i]));
  // A spreadsheet row simply ends at its last filled cell: empty trailing cells are not missing columns.
  while (cells.length < width) cells.push(null);
  return cells;
}

/**
 * The uncompressed size of each entry of a zip file (an .xlsx is one), read from its central
 * directory (APPNOTE.TXT 4.3.12 and 4.3.16) in `tail`, the file's last bytes. Null when the
 * directory is not entirely inside `tail`. A size of 0xFFFFFFFF (ZIP64, over 4 GB) is kept as is.
 */
export function zipEntrySizes(tail: Buffer): Map<string, number> | null {
  // End of central directory record: signature 0x06054b50, at least 22 bytes from the end (a
  // comment of up to 65,535 bytes may follow it).
  let eocd = -1;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at -= 1) {
    if (tail.readUInt32LE(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  let at = eocd - directorySize;
  if (at < 0) return null;
  const sizes = new Map<string, number>();
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > eocd || tail.readUInt32LE(at) !== 0x02014b50) return null;
    const uncompressed = tail.readUInt32LE(at + 24);
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    sizes.set(tail.toString('utf8', at + 46, at + 46 + nameLength), uncompressed);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return sizes;
}

/**
 * The streaming XLSX reader must hold the workbook's shared strings table (every distinct text
 * of the file, which the sheet cells point to by index) in memory while it reads the rows. The
 * worker runs under a heap ceiling (server/package.json), so a file whose table is larger than
 * this is refused with a clear reason (save it as CSV, which streams whatever its size) instead of
 * exhausting the worker's memory half-way. 96 MB of XML is about 2.5 million distinct texts: an
 * Excel export of a few hundred thousand invoices passes.
 *
 * The limit is enforced on the bytes actually inflated (XlsxLimits, counted while streaming): the
 * sizes a zip declares are the sender's word, and a workbook declaring 1,000 bytes for 276 MB of
 * strings once went through the declared-size check below and took the worker down.
 */
export const MAX_XLSX_SHARED_STRINGS_BYTES = 96 * 1024 * 1024;
/** Any other XML part read whole (workbook.xml, relationships): a few KB in a real workbook. */
export const MAX_XLSX_PART_BYTES = 32 * 1024 * 1024;
/**
 * Everything inflated from one workbook. A 1,000,000-row sheet of a dozen columns is about 400 MB of
 * XML; past 1 GB it is no longer an export of invoices but a bomb (and a temporary copy on disk).
 */
export const MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024;

export const XLSX_LIMITS: XlsxLimits = {
  sharedStringsBytes: MAX_XLSX_SHARED_STRINGS_BYTES,
  partBytes: MAX_XLSX_PART_BYTES,
  totalBytes: MAX_XLSX_INFLATED_BYTES,
};

/**
 * An early, cheap refusal of an honest workbook whose declared shared strings are too large, before
 * anything is inflated. Only a courtesy: the declared size may lie, and the real guard is the count
 * made while reading (openFile).
 */
export function assertXlsxFitsInMemory(tail: Buffer, limit = MAX_XLSX_SHARED_STRINGS_BYTES): void {
  const sizes = zipEntrySizes(tail);
  if (!sizes) return; // not readable here: the reader itself will say whether it is a valid workbook
  for (const [name, size] of sizes) {
    if (SHARED_STRINGS_PART.test(name) && size > limit) {
      throw new AppError('xlsx_too_many_texts', 413, { sharedStringsBytes: size, limitBytes: limit });
    }
  }
}

export async function openFile(source: ByteSource, format: 'csv' | 'xlsx', sheet: string | null, limits: XlsxLimits = XLSX_LIMITS): Promise<OpenedFile> {
  return format === 'xlsx' ? await openXlsx(source, sheet, limits) : await openCsv(source);
}
