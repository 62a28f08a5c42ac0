import { crc32, createDeflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

// Zip files made by hand for the tests of hostile workbooks: an .xlsx is a zip of XML parts, and
// the sizes a zip declares (local header and central directory, APPNOTE.TXT 4.3.7 and 4.3.12)
// are whatever its maker wrote. These helpers take a real workbook apart and put it back together
// with a part replaced and the sizes declared at will.

export type ZipPart = { name: string; data: Buffer };
/** A part already deflated (raw deflate), with the CRC-32 and size of what it inflates to. */
export type DeflatedPart = { name: string; deflated: Buffer; crc: number; size: number };

/** The parts of a zip file, in their order, read through its central directory. */
export function readZip(zip: Buffer): ZipPart[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    parts.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

export function deflatePart(part: ZipPart): DeflatedPart {
  return { name: part.name, deflated: deflateRawSync(part.data, { level: 1 }), crc: crc32(part.data), size: part.data.length };
}

/**
 * A zip of the parts, in order. `declaredSize` may give, per part name, the uncompressed size to
 * write in both headers instead of the true one (the lie of a zip bomb).
 */
export function writeZip(parts: readonly (ZipPart | DeflatedPart)[], declaredSize: (name: string) => number | undefined = () => undefined): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const deflated = 'deflated' in part ? part : deflatePart(part);
    const name = Buffer.from(deflated.name, 'utf8');
    const size = declaredSize(deflated.name) ?? deflated.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(deflated.crc, 14);
    local.writeUInt32LE(deflated.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(deflated.crc, 16);
    central.writeUInt32LE(deflated.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + deflated.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const BOMB_HEADERS = ['N° facture', 'Raison sociale / Nom', 'Montant TTC', "Date d'échéance"];

/**
 * A small, honest workbook. `excel` order: the sheet before its shared strings, as Excel writes it
 * (exceljs's reader then copies the sheet aside until it has the strings); `strings-first`: the
 * strings first (the sheet is then read straight from the zip).
 */
export async function honestWorkbook(rows = 3, order: 'excel' | 'strings-first' = 'excel'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Factures');
  sheet.addRow(BOMB_HEADERS);
  for (let i = 1; i <= rows; i += 1) sheet.addRow([`F-${i}`, `Client numéro ${i}`, 100 + i, '15/01/2026']);
  const parts = readZip(Buffer.from(await workbook.xlsx.writeBuffer()));
  // Excel's order: the sheets, then the shared strings (exceljs's reader then copies the sheet aside).
  const sheetRank = order === 'excel' ? 1 : 2;
  const rank = (name: string) => (/^xl\/worksheets\/sheet/.test(name) ? sheetRank : name === 'xl/sharedStrings.xml' ? 3 - sheetRank : 0);
  return writeZip([...parts].sort((a, b) => rank(a.name) - rank(b.name)));
}

/**
 * The workbook of `honestWorkbook(rows)` with one part rewritten by `expand` (given the part's
 * original XML, it yields the new one piece by piece: streamed into raw deflate, so hundreds of
 * megabytes never sit in memory whole), declared as 1,000 bytes in both zip headers, as in the
 * bomb of issue 13.
 */
export async function workbookWithLyingPart(
  name: string,
  expand: (original: string) => Iterable<string>,
  options: { rows?: number; order?: 'excel' | 'strings-first' } = {},
): Promise<Buffer> {
  const parts = readZip(await honestWorkbook(options.rows ?? 3, options.order ?? 'excel'));
  const original = parts.find((part) => part.name === name);
  if (!original) throw new Error(`no part ${name}`);
  const deflater = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  let crc = 0;
  let size = 0;
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      const bytes = Buffer.from(text, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (deflater.write(bytes)) resolve();
      else deflater.once('drain', () => resolve());
    });
  let batch = '';
  for (const piece of expand(original.data.toString('utf8'))) {
    batch += piece;
    if (batch.length >= 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  await new Promise<void>((resolve) => {
    deflater.on('end', () => resolve());
    deflater.end();
  });
  const replaced: DeflatedPart = { name, deflated: Buffer.concat(out), crc: crc >>> 0, size };
  return writeZip(
    parts.map((part) => (part.name === name ? replaced : part)),
    (partName) => (partName === name ? 1_000 : undefined),
  );
}

/**
 * The shared strings followed by about `extraBytes` of other distinct texts, which no cell points at.
 * Each text is a name and an address that change on every row, as in a real export (the file is then
 * about a tenth of what it inflates to, like the bomb of issue 13); `padding` characters added to each
 * make it compress far better (a small file for a large table).
 */
export function moreSharedStrings(extraBytes: number, padding = 0): (original: string) => Generator<string> {
  const pad = ' '.repeat(padding);
  return function* (original) {
    const end = original.lastIndexOf('</sst>');
    yield original.slice(0, end);
    let written = 0;
    for (let i = 0; written < extraBytes; i += 1) {
      const si = `<si><t>Client ${i} ${(i * 7919) % 1_000_003} rue de la République ${i % 97}${pad}</t></si>`;
      written += si.length;
      yield si;
    }
    yield original.slice(end);
  };
}

/** The sheet followed by about `extraBytes` of rows holding one number each. */
export function moreRows(extraBytes: number, firstRow = 100): (original: string) => Generator<string> {
  return function* (original) {
    const end = original.lastIndexOf('</sheetData>');
    yield original.slice(0, end);
    let written = 0;
    for (let n = firstRow; written < extraBytes; n += 1) {
      const row = `<row r="${n}"><c r="C${n}"><v>${n}</v></c></row>`;
      written += row.length;
      yield row;
    }
    yield original.slice(end);
  };
}
