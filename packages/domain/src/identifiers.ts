import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC as ibantoolsIsValidBIC, isValidIBAN } from 'ibantools';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Identifiers the agency reads and prints (shared law document, "Identifiers and formats").

function withoutSpaces(text: string): string {
  return text.replace(/[\s\u00A0\u202F]/g, '');
}

/** Luhn (mod 10) check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let position = 0; position < digits.length; position += 1) {
    let digit = Number(digits[digits.length - 1 - position]);
    if (position % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** SIREN: 9 digits with a Luhn check (INSEE). Spaces are ignored. */
export function isValidSiren(text: string): boolean {
  const digits = withoutSpaces(text);
  return /^\d{9}$/.test(digits) && passesLuhn(digits);
}

/** La Poste's SIREN: its establishments were numbered before the Luhn rule and use a digit sum multiple of 5. */
export const LA_POSTE_SIREN = '356000000';

/** SIRET: 14 digits with a Luhn check, except La Poste's, valid when the digit sum is a multiple of 5. */
export function isValidSiret(text: string): boolean {
  const digits = withoutSpaces(text);
  if (!/^\d{14}$/.test(digits)) return false;
  if (passesLuhn(digits)) return true;
  if (digits.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...digits].reduce((sum, digit) => sum + Number(digit), 0);
    return digitSum % 5 === 0;
  }
  return false;
}

export function sirenOfSiret(siret: string): string {
  return withoutSpaces(siret).slice(0, 9);
}

// ---------------------------------------------------------------------------------------------
// IBAN (ISO 13616, mod-97) and BIC (ISO 9362), checked by ibantools.

/** Electronic form (upper case, no spaces) of a valid IBAN, or null. */
export function normalizeIban(text: string): string | null {
  const electronic = electronicFormatIBAN(text);
  return electronic && isValidIBAN(electronic) ? electronic : null;
}

export function isValidIban(text: string): boolean {
  return normalizeIban(text) !== null;
}

/** Print form in groups of four ('FR76 3000 6000 ...'), or null when invalid. */
export function formatIban(text: string): string | null {
  const electronic = normalizeIban(text);
  return electronic === null ? null : friendlyFormatIBAN(electronic) ?? null;
}

export function normalizeBic(text: string): string | null {
  const compact = withoutSpaces(text).toUpperCase();
  return ibantoolsIsValidBIC(compact) ? compact : null;
}

export function isValidBic(text: string): boolean {
  return normalizeBic(text) !== null;
}

// ---------------------------------------------------------------------------------------------
// ISO 11649 structured creditor reference: 'RF' + 2 check digits + up to 21 alphanumerics.
// One per case so that bank transfers match automatically.

export class InvalidCreditorReferenceError extends Error {
  readonly code = 'invalid_creditor_reference';
  readonly input: string;
  constructor(input: string, reason: string) {
    super(`Cannot build an ISO 11649 reference from "${input}": ${reason}`);
    this.name = 'InvalidCreditorReferenceError';
    this.input = input;
  }
}

/** ISO 7064 mod 97-10 over alphanumerics, letters counting A = 10 ... Z = 35. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const character of alphanumeric) {
    const value = Number.parseInt(character, 36);
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/**
 * ISO 11649 reference for a case reference. Characters other than letters and digits
 * (hyphens, slashes, spaces) are dropped and letters upper-cased: 'rel-2024/0042' -> 'REL20240042'.
 * Throws when nothing remains or more than 21 characters remain.
 */
export function creditorReferenceFor(caseReference: string): string {
  const reference = caseReference.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (reference === '') throw new InvalidCreditorReferenceError(caseReference, 'no letter or digit');
  if (reference.length > 21) throw new InvalidCreditorReferenceError(caseReference, 'more than 21 characters');
  const checkDigits = 98 - mod97(`${reference}RF00`);
  return `RF${String(checkDigits).padStart(2, '0')}${reference}`;
}

export function isValidCreditorReference(text: string): boolean {
  const compact = withoutSpaces(text).toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** Print form in groups of four: 'RF18 5390 0754 7034'. */
export function formatCreditorReference(reference: string): string {
  return withoutSpaces(reference).toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

// ---------------------------------------------------------------------------------------------
// Phone numbers: stored in E.164, parsed with the full libphonenumber metadata ('max'), which
// checks number ranges and not only lengths.

export function toE164(text: string, defaultCountry: CountryCode = 'FR'): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

// ---------------------------------------------------------------------------------------------
// French postal codes: five digits; the first two are the department (01-95; Corsica keeps
// 20 in postal codes although its departments are 2A and 2B), overseas departments use three
// (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 975 Saint-Pierre-et-Miquelon,
// 976 Mayotte) and La Poste also serves 986-988 (Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie).

const OVERSEAS_PREFIXES = new Set(['971', '972', '973', '974', '975', '976', '986', '987', '988']);

export function isValidFrenchPostalCode(text: string): boolean {
  const code = text.trim();
  if (!/^\d{5}$/.test(code)) return false;
  const department = Number(code.slice(0, 2));
  if (department >= 1 && department <= 95) return true;
  return OVERSEAS_PREFIXES.has(code.slice(0, 3));
}

/**
 * The department a postal code belongs to, or null for an invalid code. Corsica: 200xx and
 * 201xx are Corse-du-Sud (2A), 202xx to 206xx Haute-Corse (2B).
 */
export function departmentOfPostalCode(text: string): string | null {
  if (!isValidFrenchPostalCode(text)) return null;
  const code = text.trim();
  if (code.startsWith('20')) return Number(code[2]) <= 1 ? '2A' : '2B';
  const prefix = code.slice(0, 3);
  return OVERSEAS_PREFIXES.has(prefix) ? prefix : code.slice(0, 2);
}

/**
 * The French intra-EU VAT number of a SIREN: 'FR' + key + SIREN, key = (12 + 3 × (SIREN mod 97))
 * mod 97 (CGI ann. IV art. 286 ter; the key is computed, not assigned), or null for an invalid SIREN.
 */
export function frenchVatNumberOf(siren: string): string | null {
  const digits = withoutSpaces(siren);
  if (!isValidSiren(digits)) return null;
  const key = (12 + 3 * (Number(digits) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${digits}`;
}
