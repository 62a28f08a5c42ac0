// Money is an integer number of minor units ("cents") plus an ISO 4217 code (architecture
// convention 1). Never a float: every operation here stays in safe integers and throws
// rather than lose a cent.

export type Money = { readonly cents: number; readonly currency: string };

export class CurrencyMismatchError extends Error {
  readonly code = 'currency_mismatch';
  readonly left: string;
  readonly right: string;
  constructor(left: string, right: string) {
    super(`Cannot combine amounts in ${left} and ${right}`);
    this.name = 'CurrencyMismatchError';
    this.left = left;
    this.right = right;
  }
}

export class InvalidMoneyError extends Error {
  readonly code: 'invalid_cents' | 'invalid_currency' | 'amount_out_of_range';
  constructor(code: InvalidMoneyError['code'], message: string) {
    super(message);
    this.name = 'InvalidMoneyError';
    this.code = code;
  }
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function assertCents(cents: number): number {
  if (!Number.isSafeInteger(cents)) {
    throw new InvalidMoneyError(
      Number.isInteger(cents) ? 'amount_out_of_range' : 'invalid_cents',
      `Amount must be a safe integer number of cents, got ${cents}`,
    );
  }
  return cents;
}

/**
 * Reads an amount of cents that PostgreSQL returned (a bigint column or a sum: pg hands both over
 * as text) as a number, or throws when the value is not an exact safe integer: `Number()` alone
 * would silently round 9007199254740993 to 9007199254740992 and lose cents. `what` names the value
 * in the error ("paid_cents of case ..."), so the log says which figure went wrong.
 */
export function centsFromDatabase(value: string | number | bigint | null | undefined, what: string): number {
  if (value === null || value === undefined) throw new InvalidMoneyError('invalid_cents', `${what}: no amount (got ${value})`);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new InvalidMoneyError(Number.isInteger(value) ? 'amount_out_of_range' : 'invalid_cents', `${what}: ${value} is not an exact number of cents`);
    return value;
  }
  const text = String(value).trim();
  // numeric sums print as integers; a fractional part would mean cents were split somewhere.
  if (!/^-?\d+$/.test(text)) throw new InvalidMoneyError('invalid_cents', `${what}: "${text}" is not a whole number of cents`);
  const exact = BigInt(text);
  if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new InvalidMoneyError('amount_out_of_range', `${what}: ${text} cents is beyond what the application can count exactly`);
  }
  return Number(exact);
}

export function money(cents: number, currency: string): Money {
  if (!CURRENCY_PATTERN.test(currency)) {
    throw new InvalidMoneyError('invalid_currency', `Currency must be an ISO 4217 code such as EUR, got "${currency}"`);
  }
  return { cents: assertCents(cents), currency };
}

export function assertSameCurrency(left: Money, right: Money): void {
  if (left.currency !== right.currency) throw new CurrencyMismatchError(left.currency, right.currency);
}

export function add(left: Money, right: Money): Money {
  assertSameCurrency(left, right);
  return money(left.cents + right.cents, left.currency);
}

export function subtract(left: Money, right: Money): Money {
  assertSameCurrency(left, right);
  return money(left.cents - right.cents, left.currency);
}

export function negate(amount: Money): Money {
  // `0 - x` rather than `-x` so that zero stays +0 (Object.is and JSON agree).
  return money(0 - amount.cents, amount.currency);
}

export function compare(left: Money, right: Money): -1 | 0 | 1 {
  assertSameCurrency(left, right);
  return left.cents < right.cents ? -1 : left.cents > right.cents ? 1 : 0;
}

export function isZero(amount: Money): boolean {
  return amount.cents === 0;
}

/** Sum of amounts; the currency is required so that an empty list still has one. */
export function sum(amounts: readonly Money[], currency: string): Money {
  let total = money(0, currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
}

export type RemainderRule = 'first' | 'last';

/**
 * Splits `total` into `parts` amounts that add up exactly to it. Every part gets the total
 * divided by `parts` rounded toward zero; the cents left over (fewer than `parts`) go one by
 * one to the first parts by default, or to the last parts with `remainderGoesTo: 'last'`.
 * splitEvenly(100,00 €, 3) = [33,34 €, 33,33 €, 33,33 €].
 */
export function splitEvenly(total: Money, parts: number, remainderGoesTo: RemainderRule = 'first'): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`Cannot split into ${parts} parts`);
  const base = Math.trunc(total.cents / parts);
  const leftover = total.cents - base * parts;
  const extraParts = Math.abs(leftover);
  const extra = Math.sign(leftover);
  return Array.from({ length: parts }, (_, index) => {
    const receivesExtra = remainderGoesTo === 'first' ? index < extraParts : index >= parts - extraParts;
    return money(base + (receivesExtra ? extra : 0), total.currency);
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting: delegated to Intl so that letters match what French readers expect
// ('1 234,56 €' with U+202F between groups and U+00A0 before the symbol on Node 24).

export type MoneyLocale = 'fr' | 'en';

const INTL_LOCALE: Record<MoneyLocale, string> = { fr: 'fr-FR', en: 'en-GB' };

// Building an Intl.NumberFormat costs far more than formatting with one (a letter formats dozens
// of amounts, a dunning run thousands of letters): one per currency and locale, kept.
const minorDigitsByCurrency = new Map<string, number>();
const moneyFormatters = new Map<string, Intl.NumberFormat>();

function minorUnitDigits(currency: string): number {
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

function moneyFormatter(currency: string, locale: MoneyLocale, digits: number): Intl.NumberFormat {
  const key = `${currency}|${locale}`;
  let formatter = moneyFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormatters.set(key, formatter);
  }
  return formatter;
}

/** Exact decimal text of an integer amount of minor units, e.g. 123456 EUR -> '1234.56'. */
function minorUnitsToDecimalString(cents: number, digits: number): string {
  const sign = cents < 0 ? '-' : '';
  const magnitude = String(Math.abs(cents)).padStart(digits + 1, '0');
  if (digits === 0) return sign + magnitude;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}

export function formatMoney(cents: number, currency: string, locale: MoneyLocale = 'fr'): string {
  assertCents(cents);
  const digits = minorUnitDigits(currency);
  const formatter = moneyFormatter(currency, locale, digits);
  // Intl accepts a decimal string and formats it exactly, so very large amounts lose no cent.
  return formatter.format(minorUnitsToDecimalString(cents, digits) as unknown as number);
}

// ---------------------------------------------------------------------------------------------
// Parsing amounts typed by people or read from spreadsheets. The rule is to refuse anything
// that could be read two ways rather than guess.

export type MoneyParseErrorCode =
  | 'empty'
  | 'invalid_characters'
  | 'invalid_amount'
  | 'invalid_grouping'
  | 'ambiguous_separator'
  | 'multiple_decimal_separators'
  | 'too_many_decimals'
  | 'amount_out_of_range';

export class MoneyParseError extends Error {
  readonly code: MoneyParseErrorCode;
  readonly input: string;
  constructor(code: MoneyParseErrorCode, input: string) {
    super(`Cannot read "${input}" as an amount (${code})`);
    this.name = 'MoneyParseError';
    this.code = code;
    this.input = input;
  }
}

// Space, no-break space (U+00A0), narrow no-break space (U+202F) and thin space (U+2009) all
// appear as French digit-group separators depending on the software that wrote the text.
const SPACE_CHARACTERS = /[ \u00A0\u202F\u2009]/g;
const MINUS_SIGNS = /^[-\u2212]/;

function checkGroups(groups: readonly string[], input: string): void {
  const [first, ...rest] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first) || rest.some((group) => !/^\d{3}$/.test(group))) {
    throw new MoneyParseError('invalid_grouping', input);
  }
}

/**
 * Reads an amount in euros (or any two-decimal currency) and returns integer cents.
 * Accepted: '1 234,56', '1234.56', '1.234,56 €', '1,234.56', '-12,50', '12', '€ 12,00', 'EUR 5'.
 * When both '.' and ',' appear, the last one is the decimal separator. A single '.' or ','
 * followed by exactly three digits ('1.234') is refused as ambiguous (1,234 € or 1 234 €?).
 */
export function parseMoneyToCents(text: string): number {
  return parseTwoDecimals(text, /^(€|EUR)\s*/i, /\s*(€|EUR)$/i);
}

/**
 * What people type into a form field, as integer hundredths: an amount in euros ('1 234,56 €'
 * -> 123456 cents) or, with unit '%', a rate ('2,15 %' -> 215 basis points). The reading is
 * parseMoneyToCents' (same separators, same refusal of the ambiguous '1.234'), without a
 * typed error (null) and without negative values: forms ask for amounts and rates only.
 */
export function parseHundredths(text: string, unit: '€' | '%' = '€'): number | null {
  try {
    const value = unit === '%' ? parseTwoDecimals(text, /^%\s*/, /\s*%$/) : parseMoneyToCents(text);
    return value < 0 ? null : value;
  } catch (error) {
    if (error instanceof MoneyParseError) return null;
    throw error;
  }
}

/** 1215 -> '12,15' (fr) or '12.15' (en): hundredths with exactly two decimals, as a form field shows them. */
export function formatHundredths(value: number, locale: MoneyLocale): string {
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(Math.trunc(value));
  const whole = Math.trunc(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  return `${sign}${whole}${locale === 'fr' ? ',' : '.'}${fraction}`;
}

/** Basis points -> '12,15 %' (fr, no-break space) / '12.15%' (en). */
export function formatBasisPoints(basisPoints: number, locale: MoneyLocale): string {
  const number = formatHundredths(basisPoints, locale);
  return locale === 'fr' ? `${number}\u00a0%` : `${number}%`;
}

/** A two-decimal number with an optional unit before or after it (the euro sign, the percent sign). */
function parseTwoDecimals(text: string, unitPrefix: RegExp, unitSuffix: RegExp): number {
  const input = text;
  let rest = text.trim();
  if (rest === '') throw new MoneyParseError('empty', input);

  let negative = false;
  const takeSign = (): void => {
    if (MINUS_SIGNS.test(rest)) {
      if (negative) throw new MoneyParseError('invalid_amount', input);
      negative = true;
      rest = rest.slice(1).trim();
    } else if (rest.startsWith('+')) {
      rest = rest.slice(1).trim();
    }
  };
  takeSign();
  const hadPrefix = unitPrefix.test(rest);
  rest = rest.replace(unitPrefix, '');
  if (!hadPrefix) rest = rest.replace(unitSuffix, '');
  takeSign();
  rest = rest.trim();

  if (rest === '') throw new MoneyParseError('empty', input);
  if (!/^[\d., \u00A0\u202F\u2009]+$/.test(rest)) throw new MoneyParseError('invalid_characters', input);
  if (!/^\d/.test(rest)) throw new MoneyParseError('invalid_amount', input);

  const hasSpaces = SPACE_CHARACTERS.test(rest);
  SPACE_CHARACTERS.lastIndex = 0;
  const lastDot = rest.lastIndexOf('.');
  const lastComma = rest.lastIndexOf(',');

  let decimalSeparator: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalSeparator = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const occurrences = rest.split(separator).length - 1;
    if (occurrences === 1) {
      const digitsAfter = rest.length - rest.lastIndexOf(separator) - 1;
      if (digitsAfter === 3 && !hasSpaces && !/^0/.test(rest)) throw new MoneyParseError('ambiguous_separator', input);
      decimalSeparator = separator;
    }
    // Several occurrences of one separator and no other: it can only be grouping ('1.234.567').
  }

  let integerText = rest;
  let fractionText = '';
  if (decimalSeparator !== null) {
    const parts = rest.split(decimalSeparator);
    if (parts.length > 2) throw new MoneyParseError('multiple_decimal_separators', input);
    integerText = parts[0] ?? '';
    fractionText = parts[1] ?? '';
    if (fractionText === '' || !/^\d+$/.test(fractionText)) throw new MoneyParseError('invalid_amount', input);
    if (fractionText.length > 2) throw new MoneyParseError('too_many_decimals', input);
  }

  // What remains in the integer part may be grouped by one kind of separator only.
  const groupSeparators = new Set(integerText.replace(/\d/g, '').replace(SPACE_CHARACTERS, ' '));
  if (groupSeparators.size > 1) throw new MoneyParseError('invalid_grouping', input);
  if (groupSeparators.size === 1) {
    checkGroups(integerText.split(/[., \u00A0\u202F\u2009]/), input);
  }
  const digits = integerText.replace(/\D/g, '');
  if (digits === '') throw new MoneyParseError('invalid_amount', input);

  const cents = Number(digits) * 100 + Number(fractionText.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || !Number.isSafeInteger(Number(digits) * 100)) {
    throw new MoneyParseError('amount_out_of_range', input);
  }
  return negative ? 0 - cents : cents;
}
