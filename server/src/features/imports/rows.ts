import { isWithinBusinessDates, MAX_AMOUNT_CENTS } from '@relance/contracts/common';
import type { ImportRowReason } from '@relance/contracts/errors';
import type { ImportField, ImportMapping } from '@relance/contracts/imports';
import { type ClaimNature, type NatureSource, parseClaimNature } from '@relance/domain/claim-nature';
import { isValidSiren, isValidSiret, toE164 } from '@relance/domain/identifiers';
import { parseMoneyToCents } from '@relance/domain/money';
import type { CreditorKind } from '@relance/domain/rates';
import { type IntakeNature, intakeNature } from '../cases/claim-intake.ts';

/** A cell as a reader gives it: CSV gives text; XLSX may give numbers and dates. */
export type Cell = string | number | boolean | Date | null | undefined;

/** One valid row, as it goes into the staging table. One row is one claim (or a credit note). */
export type ParsedRow = {
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
  miseEnDemeureOn: string | null;
  contractRateBasisPoints: number | null;
  matchKey: string;
  /** The nature stated in the file, else the creditor's default, else inferred (cases/claim-intake.ts). */
  nature: ClaimNature;
  natureSource: NatureSource;
  /** Due date + the nature's duration (before any interruption). */
  prescriptionDate: string;
  /** Already prescribed today: a new claim goes in only when the row says so (prescribedAtIntake). */
  prescribed: boolean;
  /** The row says the creditor knows the claim is prescribed ("Prescrite" column: oui). */
  prescribedAccepted: boolean;
};
export type RowRejection = { line: number; column: string | null; reason: ImportRowReason };
export type RowResult = { ok: true; row: ParsedRow } | { ok: false; rejection: RowRejection };

const EXCEL_EPOCH_DAY = Date.UTC(1899, 11, 30);
const MAX_TEXT = 500;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function makeDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Excel stores a day as the number of days since 1899-12-30 (the 1900 leap-year bug included). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 150_000) return null;
  const date = new Date(EXCEL_EPOCH_DAY + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/**
 * Business dates as creditors' exports write them: DD/MM/YYYY (also with `-` or `.`),
 * YYYY-MM-DD (a time after it is ignored), an Excel serial number, or a spreadsheet date.
 * Two-digit years are refused: which century is a guess. Within the business bounds of every
 * request (1990-01-01 to today + 10 years, packages/contracts/src/common.ts), else refused.
 */
export function parseImportDate(cell: Cell): string | null {
  const date = readImportDate(cell);
  return date !== null && isWithinBusinessDates(date) ? date : null;
}

function readImportDate(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') return excelSerialToDate(cell);
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return makeDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (match) return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (/^\d{5}(?:[.,]0+)?$/.test(text)) return excelSerialToDate(Number.parseInt(text, 10));
  return null;
}

/** Cents from a French or English amount text, or a spreadsheet number (rounded once, half away from zero). */
export function parseImportAmount(cell: Cell): number | null {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return null;
    return Math.sign(cell) * Math.round(Math.abs(cell) * 100);
  }
  if (typeof cell !== 'string') return null;
  try {
    return parseMoneyToCents(cell);
  } catch {
    return null;
  }
}

/** "10 %", "10,5", "0.105"? No: a rate is written in percent; returns basis points. */
export function parseRatePercent(cell: Cell): number | null {
  let value: number;
  if (typeof cell === 'number') value = cell;
  else if (typeof cell === 'string') {
    const text = cell.trim().replace(/\s*%$/, '').replace(',', '.');
    if (!/^\d{1,3}(?:\.\d{1,4})?$/.test(text)) return null;
    value = Number(text);
  } else return null;
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 100);
}

const debtorKinds: Record<string, 'company' | 'person'> = {
  company: 'company',
  societe: 'company',
  entreprise: 'company',
  professionnel: 'company',
  pro: 'company',
  b2b: 'company',
  'personne morale': 'company',
  person: 'person',
  personne: 'person',
  particulier: 'person',
  consumer: 'person',
  consommateur: 'person',
  individual: 'person',
  b2c: 'person',
  'personne physique': 'person',
};

// A legal form in the name says "company" when the file has no debtor type column.
const LEGAL_FORM = /\b(sarl|sas|sasu|sa|eurl|sci|snc|scop|selarl|scp|gie|eirl|ltd|gmbh|inc|association)\b/i;

function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** How a debtor is recognised again: SIREN, else e-mail or phone, else normalised name and postcode. */
export function debtorMatchKey(row: { siren: string | null; email: string | null; phone: string | null; debtorName: string; postalCode: string | null }): string {
  if (row.siren) return `siren:${row.siren}`;
  if (row.email) return `email:${row.email}`;
  if (row.phone) return `phone:${row.phone}`;
  return `name:${normaliseName(row.debtorName)}|${row.postalCode ?? ''}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Columns = Record<ImportField, number>;

/** Why a row is refused: the field (reported under the file's header) and the reason. */
type Failure = { field: ImportField | null; reason: ImportRowReason };

function fail(field: ImportField | null, reason: ImportRowReason): Failure {
  return { field, reason };
}

/** What one row is read with: the columns, and the caches kept across rows. */
type RowContext = {
  col: Columns;
  today: string;
  normalisePhone: (text: string) => string | null;
  intake: (dueDate: string, debtorKind: 'company' | 'person', given: ClaimNature | null) => IntakeNature;
};

/**
 * Reads rows with a resolved mapping. Built once per import: column indexes, the creditor's
 * kind and default nature (prescription) and "today" are fixed; small caches keep libphonenumber
 * and the prescription off the hot path for the repeated numbers and due dates of a file.
 */
export function makeRowReader(options: {
  headers: readonly string[];
  mapping: ImportMapping;
  today: string;
  creditorKind: CreditorKind;
  creditorDefaultNature?: ClaimNature | null;
}) {
  const { headers, mapping, today, creditorKind } = options;
  const col = columnsOf(headers, mapping);
  const headerOf = (field: ImportField) => mapping[field] ?? field;
  const usedColumns = Object.values(col).filter((i) => i >= 0);
  const widest = usedColumns.length ? Math.max(...usedColumns) : 0;
  const intake = makeIntakeCache(creditorKind, options.creditorDefaultNature ?? null, today);
  const context: RowContext = { col, today, normalisePhone: makePhoneNormaliser(), intake };

  return function readRow(cells: readonly Cell[], line: number): RowResult {
    if (cells.length <= widest && cells.length < headers.length) {
      return { ok: false, rejection: { line, column: null, reason: 'wrong_column_count' } };
    }
    const row: ParsedRow = {
      line,
      invoiceRef: '',
      issueDate: '',
      dueDate: '',
      amountCents: 0,
      debtorKind: 'person',
      debtorName: '',
      siren: null,
      email: null,
      phone: null,
      address: null,
      postalCode: null,
      city: null,
      miseEnDemeureOn: null,
      contractRateBasisPoints: null,
      matchKey: '',
      nature: 'civil',
      natureSource: 'inferred',
      prescriptionDate: '',
      prescribed: false,
      prescribedAccepted: false,
    };
    const failure =
      readClaim(context, cells, row) ??
      readIdentity(context, cells, row) ??
      readContacts(context, cells, row) ??
      readTerms(context, cells, row) ??
      readNature(context, cells, row) ??
      readAddress(context, cells, row);
    if (failure) return { ok: false, rejection: { line, column: failure.field ? headerOf(failure.field) : null, reason: failure.reason } };
    row.matchKey = debtorMatchKey(row);
    return { ok: true, row };
  };
}

function columnsOf(headers: readonly string[], mapping: ImportMapping): Columns {
  const indexOf = (field: ImportField): number => {
    const header = mapping[field];
    return header === undefined ? -1 : headers.indexOf(header);
  };
  return {
    invoiceRef: indexOf('invoiceRef'),
    issueDate: indexOf('issueDate'),
    dueDate: indexOf('dueDate'),
    amount: indexOf('amount'),
    debtorName: indexOf('debtorName'),
    debtorType: indexOf('debtorType'),
    siren: indexOf('siren'),
    siret: indexOf('siret'),
    email: indexOf('email'),
    phone: indexOf('phone'),
    address: indexOf('address'),
    postalCode: indexOf('postalCode'),
    city: indexOf('city'),
    miseEnDemeureDate: indexOf('miseEnDemeureDate'),
    contractRate: indexOf('contractRate'),
    nature: indexOf('nature'),
    prescribedAtIntake: indexOf('prescribedAtIntake'),
  } satisfies Record<ImportField, number>;
}

function makePhoneNormaliser(): (text: string) => string | null {
  const phoneCache = new Map<string, string | null>();
  return (phoneText) => {
    let e164 = phoneCache.get(phoneText);
    if (e164 === undefined) {
      e164 = toE164(phoneText);
      if (phoneCache.size > 10_000) phoneCache.clear();
      phoneCache.set(phoneText, e164);
    }
    return e164;
  };
}

/** The nature and prescription date of a row's claim, cached by due date, debtor kind and stated nature. */
function makeIntakeCache(creditorKind: CreditorKind, creditorDefault: ClaimNature | null, today: string) {
  const cache = new Map<string, IntakeNature>();
  return (dueDate: string, debtorKind: 'company' | 'person', given: ClaimNature | null): IntakeNature => {
    const key = `${dueDate}|${debtorKind}|${given ?? ''}`;
    let intake = cache.get(key);
    if (intake === undefined) {
      intake = intakeNature({ given, creditorKind, debtorKind, creditorDefault, dueDate, today });
      if (cache.size > 50_000) cache.clear();
      cache.set(key, intake);
    }
    return intake;
  };
}

function text(cells: readonly Cell[], index: number): string {
  if (index < 0) return '';
  const cell = cells[index];
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

function isEmptyCell(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The claim: invoice reference, debtor name, dates and amount. */
function readClaim({ col, today }: RowContext, cells: readonly Cell[], row: ParsedRow): Failure | null {
  const invoiceRef = text(cells, col.invoiceRef);
  if (invoiceRef === '') return fail('invoiceRef', 'missing_value');
  if (invoiceRef.length > 100) return fail('invoiceRef', 'value_too_long');
  const debtorName = text(cells, col.debtorName).replace(/\s+/g, ' ');
  if (debtorName === '') return fail('debtorName', 'missing_value');
  if (debtorName.length > MAX_TEXT) return fail('debtorName', 'value_too_long');

  const dueCell = cells[col.dueDate];
  if (isEmptyCell(dueCell)) return fail('dueDate', 'missing_value');
  const dueDate = parseImportDate(dueCell);
  if (!dueDate) return fail('dueDate', 'invalid_date');
  let issueDate = dueDate;
  if (col.issueDate >= 0 && text(cells, col.issueDate) !== '') {
    const parsed = parseImportDate(cells[col.issueDate]);
    if (!parsed) return fail('issueDate', 'invalid_date');
    issueDate = parsed;
  }
  if (dueDate < issueDate) return fail('dueDate', 'due_before_issue');

  const amountCell = cells[col.amount];
  if (isEmptyCell(amountCell)) return fail('amount', 'missing_value');
  const amountCents = parseImportAmount(amountCell);
  if (amountCents === null || Math.abs(amountCents) > MAX_AMOUNT_CENTS) return fail('amount', 'invalid_amount');
  if (amountCents === 0) return fail('amount', 'non_positive_amount');
  // A credit note (negative amount) is money the debtor no longer owes: it need not be due.
  if (amountCents > 0 && dueDate >= today) return fail('dueDate', 'not_yet_due');
  row.invoiceRef = invoiceRef;
  row.debtorName = debtorName;
  row.issueDate = issueDate;
  row.dueDate = dueDate;
  row.amountCents = amountCents;
  return null;
}

/** The debtor's SIREN (or the SIRET's first nine digits) and kind, stated or inferred from the name. */
function readIdentity({ col }: RowContext, cells: readonly Cell[], row: ParsedRow): Failure | null {
  let siren: string | null = null;
  const sirenText = text(cells, col.siren).replace(/[\s.]/g, '');
  if (sirenText) {
    if (!isValidSiren(sirenText)) return fail('siren', 'invalid_siren');
    siren = sirenText;
  }
  const siretText = text(cells, col.siret).replace(/[\s.]/g, '');
  if (siretText) {
    if (!isValidSiret(siretText)) return fail('siret', 'invalid_siret');
    siren ??= siretText.slice(0, 9);
  }
  const typeText = text(cells, col.debtorType);
  if (typeText) {
    const kind = debtorKinds[normaliseName(typeText)];
    if (!kind) return fail('debtorType', 'invalid_debtor_type');
    row.debtorKind = kind;
  } else {
    row.debtorKind = siren || LEGAL_FORM.test(row.debtorName) ? 'company' : 'person';
  }
  row.siren = siren;
  return null;
}

function readContacts({ col, normalisePhone }: RowContext, cells: readonly Cell[], row: ParsedRow): Failure | null {
  const emailText = text(cells, col.email).toLowerCase();
  const email = emailText || null;
  if (email && (email.length > 254 || !EMAIL.test(email))) return fail('email', 'invalid_email');
  row.email = email;
  const phoneText = text(cells, col.phone);
  if (phoneText) {
    const e164 = normalisePhone(phoneText);
    if (!e164) return fail('phone', 'invalid_phone');
    row.phone = e164;
  }
  return null;
}

/** The optional formal notice date and contract rate. */
function readTerms({ col }: RowContext, cells: readonly Cell[], row: ParsedRow): Failure | null {
  if (text(cells, col.miseEnDemeureDate) !== '') {
    row.miseEnDemeureOn = parseImportDate(cells[col.miseEnDemeureDate]);
    if (!row.miseEnDemeureOn) return fail('miseEnDemeureDate', 'invalid_date');
  }
  if (text(cells, col.contractRate) !== '') {
    row.contractRateBasisPoints = parseRatePercent(cells[col.contractRate]);
    if (row.contractRateBasisPoints === null) return fail('contractRate', 'invalid_rate');
  }
  return null;
}

const flagValues: Record<string, boolean> = { oui: true, o: true, yes: true, y: true, true: true, vrai: true, x: true, '1': true, non: false, n: false, no: false, false: false, faux: false, '0': false };

/**
 * The claim's nature (a code or a synonym, parseClaimNature; an empty cell resolves it) with its
 * prescription date, and whether the row accepts an already prescribed claim ("Prescrite": oui).
 */
function readNature({ col, intake }: RowContext, cells: readonly Cell[], row: ParsedRow): Failure | null {
  const given = parseClaimNature(text(cells, col.nature));
  if (given === undefined) return fail('nature', 'invalid_nature');
  const flagText = normaliseName(text(cells, col.prescribedAtIntake));
  if (flagText !== '') {
    const flag = flagValues[flagText];
    if (flag === undefined) return fail('prescribedAtIntake', 'invalid_prescribed_flag');
    row.prescribedAccepted = flag;
  }
  const resolved = intake(row.dueDate, row.debtorKind, given);
  row.nature = resolved.nature;
  row.natureSource = resolved.natureSource;
  row.prescriptionDate = resolved.prescriptionDate;
  // A credit note is not a claim: it is never "prescribed at intake".
  row.prescribed = row.amountCents > 0 && resolved.prescribed;
  return null;
}

function readAddress({ col }: RowContext, cells: readonly Cell[], row: ParsedRow): Failure | null {
  const address = text(cells, col.address).replace(/\s+/g, ' ') || null;
  const postalCode = text(cells, col.postalCode).replace(/\s/g, '') || null;
  const city = text(cells, col.city) || null;
  if ((address?.length ?? 0) > MAX_TEXT || (city?.length ?? 0) > MAX_TEXT || (postalCode?.length ?? 0) > 20) {
    return fail('address', 'value_too_long');
  }
  row.address = address;
  row.postalCode = postalCode;
  row.city = city;
  return null;
}
