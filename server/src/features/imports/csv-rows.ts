import { fixedImportColumns } from '@relance/contracts/imports';
import type { ImportRowReason } from '@relance/contracts/errors';
import { isValidSiren, toE164 } from '@relance/domain/identifiers';
import { parseMoneyToCents } from '@relance/domain/money';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../plugins/errors.ts';

/**
 * The thin importer's parsing and validation of one file with fixed columns
 * (contracts/imports `fixedImportColumns`). Pure: bytes in, rows and rejections out.
 * The full importer (mapping, XLSX, streaming at 1M rows) is the intake issue.
 */
export type ImportRow = {
  line: number;
  invoiceRef: string;
  issueDate: string;
  dueDate: string;
  amountCents: number;
  debtorKind: 'company' | 'person';
  debtorName: string;
  siren: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
};
export type RowRejection = { line: number; column: string | null; reason: ImportRowReason };

/** UTF-8 (with or without BOM); anything that is not valid UTF-8 is read as Windows-1252. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function detectDelimiter(headerLine: string): string {
  const candidates = [';', ',', '\t', '|'];
  let best = ';';
  let bestCount = -1;
  for (const candidate of candidates) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** DD/MM/YYYY or YYYY-MM-DD, and it must be a real calendar day. */
export function parseBusinessDate(text: string): string | null {
  const trimmed = text.trim();
  let match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(trimmed);
  let year: number;
  let month: number;
  let day: number;
  if (match) {
    day = Number(match[1]);
    month = Number(match[2]);
    year = Number(match[3]);
  } else {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
    if (!match) return null;
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const debtorKinds: Record<string, 'company' | 'person'> = {
  company: 'company',
  societe: 'company',
  société: 'company',
  professionnel: 'company',
  pro: 'company',
  person: 'person',
  particulier: 'person',
  consumer: 'person',
};

export function parseImportFile(bytes: Buffer, today: string): { rows: ImportRow[]; rejections: RowRejection[]; dataRows: number } {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // `info` gives each record's own line number in the file (the header is line 1), which
  // stays right when a quoted field spans lines or empty lines are skipped.
  const records: { record: string[]; info: { lines: number } }[] = parse(text, {
    delimiter: detectDelimiter(firstLine),
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const missing = fixedImportColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new AppError('invalid_csv_header', 400, { missing, expected: fixedImportColumns });
  const index = Object.fromEntries(fixedImportColumns.map((column) => [column, header.indexOf(column)])) as Record<
    (typeof fixedImportColumns)[number],
    number
  >;

  const rows: ImportRow[] = [];
  const rejections: RowRejection[] = [];
  const seenRefs = new Set<string>();
  const withLines = records.map(({ record, info }) => ({ record, line: info.lines }));

  for (const { record, line } of withLines.slice(1)) {
    const value = (column: (typeof fixedImportColumns)[number]) => (record[index[column]] ?? '').trim();
    const reject = (column: string | null, reason: ImportRowReason) => rejections.push({ line, column, reason });
    if (record.length < header.length) {
      reject(null, 'wrong_column_count');
      continue;
    }
    const required = ['invoice_ref', 'issue_date', 'due_date', 'amount', 'debtor_type', 'debtor_name'] as const;
    const empty = required.find((column) => value(column) === '');
    if (empty) {
      reject(empty, 'missing_value');
      continue;
    }
    const issueDate = parseBusinessDate(value('issue_date'));
    if (!issueDate) {
      reject('issue_date', 'invalid_date');
      continue;
    }
    const dueDate = parseBusinessDate(value('due_date'));
    if (!dueDate) {
      reject('due_date', 'invalid_date');
      continue;
    }
    if (dueDate < issueDate) {
      reject('due_date', 'due_before_issue');
      continue;
    }
    if (dueDate >= today) {
      reject('due_date', 'not_yet_due');
      continue;
    }
    let amountCents: number;
    try {
      amountCents = parseMoneyToCents(value('amount'));
    } catch {
      reject('amount', 'invalid_amount');
      continue;
    }
    if (amountCents <= 0) {
      reject('amount', 'non_positive_amount');
      continue;
    }
    const debtorKind = debtorKinds[value('debtor_type').toLowerCase()];
    if (!debtorKind) {
      reject('debtor_type', 'invalid_debtor_type');
      continue;
    }
    const siren = value('siren').replace(/\s/g, '') || null;
    if (siren && !isValidSiren(siren)) {
      reject('siren', 'invalid_siren');
      continue;
    }
    const email = value('email').toLowerCase() || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      reject('email', 'invalid_email');
      continue;
    }
    let phone: string | null = null;
    if (value('phone')) {
      phone = toE164(value('phone'));
      if (!phone) {
        reject('phone', 'invalid_phone');
        continue;
      }
    }
    const invoiceRef = value('invoice_ref');
    if (seenRefs.has(invoiceRef)) {
      reject('invoice_ref', 'duplicate_in_file');
      continue;
    }
    seenRefs.add(invoiceRef);
    rows.push({
      line,
      invoiceRef,
      issueDate,
      dueDate,
      amountCents,
      debtorKind,
      debtorName: value('debtor_name'),
      siren,
      email,
      phone,
      address: value('address') || null,
      postalCode: value('postal_code') || null,
      city: value('city') || null,
    });
  }
  return { rows, rejections, dataRows: withLines.length - 1 };
}

function normalisedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** How a debtor is recognised again: SIREN, else e-mail or phone, else normalised name and postcode. */
export function debtorMatchKey(row: ImportRow): string {
  if (row.siren) return `siren:${row.siren}`;
  if (row.email) return `email:${row.email}`;
  if (row.phone) return `phone:${row.phone}`;
  return `name:${normalisedName(row.debtorName)}|${row.postalCode ?? ''}`;
}
