import { describe, expect, it } from 'vitest';
import {
  creditorReferenceFor,
  departmentOfPostalCode,
  formatCreditorReference,
  formatIban,
  InvalidCreditorReferenceError,
  isValidBic,
  isValidCreditorReference,
  isValidFrenchPostalCode,
  isValidIban,
  isValidSiren,
  isValidSiret,
  normalizeIban,
  passesLuhn,
  toE164,
} from '../src/identifiers.ts';

describe('SIREN and SIRET', () => {
  it('checks SIREN with Luhn', () => {
    // 7 3 2 8 2 9 3 2 0: doubling every second digit from the right gives 7+6+2+7+2+9+3+4+0 = 40, a multiple of 10
    expect(isValidSiren('732 829 320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(passesLuhn('79927398713')).toBe(true); // the textbook Luhn example
  });
  it('checks SIRET with Luhn, and La Poste by digit sum', () => {
    expect(isValidSiret('732 829 320 00074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    // La Poste: 3+5+6+4+9+8+3+7 = 45, a multiple of 5, although the Luhn check fails
    expect(passesLuhn('35600000049837')).toBe(false);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false); // digit sum 46
  });
});

describe('IBAN and BIC', () => {
  it('validates and normalises IBANs (mod 97)', () => {
    expect(normalizeIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(normalizeIban('not an iban')).toBeNull();
  });
  it('validates BICs', () => {
    expect(isValidBic('BNPAFRPPXXX')).toBe(true);
    expect(isValidBic('bnpa fr pp')).toBe(true);
    expect(isValidBic('BNPA')).toBe(false);
  });
});

describe('ISO 11649 creditor reference', () => {
  it('builds the reference of the standard example', () => {
    // 539007547034 + "RF00" -> 539007547034271500 mod 97 = 80 -> check digits 98 - 80 = 18
    expect(creditorReferenceFor('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });
  it('drops punctuation from case references and round-trips', () => {
    const reference = creditorReferenceFor('rel-2024/000123');
    expect(reference).toBe('RF89REL2024000123');
    expect(isValidCreditorReference(reference)).toBe(true);
    expect(isValidCreditorReference('RF89 REL2 0240 0012 3')).toBe(true);
    expect(isValidCreditorReference('RF88REL2024000123')).toBe(false);
    expect(isValidCreditorReference('RF18')).toBe(false);
  });
  it('refuses references with nothing usable or longer than 21 characters', () => {
    expect(() => creditorReferenceFor('---')).toThrow(InvalidCreditorReferenceError);
    expect(() => creditorReferenceFor('A'.repeat(22))).toThrow(InvalidCreditorReferenceError);
    expect(creditorReferenceFor('A'.repeat(21))).toHaveLength(25);
  });
});

describe('phone numbers', () => {
  it('returns E.164 for valid numbers, French by default', () => {
    expect(toE164('06 12 34 56 78')).toBe('+33612345678');
    expect(toE164('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
  });
  it('returns null for invalid numbers', () => {
    expect(toE164('06 12')).toBeNull();
    expect(toE164('abc')).toBeNull();
    expect(toE164('')).toBeNull();
  });
});

describe('French postal codes', () => {
  it('accepts metropolitan, Corsican and overseas codes', () => {
    expect(['75001', '01000', '95000', '20000', '20200', '97400', '97600', '98800'].every(isValidFrenchPostalCode)).toBe(true);
  });
  it('refuses wrong shapes and unknown prefixes', () => {
    expect(['7500', '750011', '2A000', '00100', '96000', '97700', '99000', 'ABCDE'].some(isValidFrenchPostalCode)).toBe(false);
  });
  it('finds the department, 2A/2B for Corsica', () => {
    expect(departmentOfPostalCode('20000')).toBe('2A'); // Ajaccio
    expect(departmentOfPostalCode('20200')).toBe('2B'); // Bastia
    expect(departmentOfPostalCode('97400')).toBe('974');
    expect(departmentOfPostalCode('69003')).toBe('69');
    expect(departmentOfPostalCode('96000')).toBeNull();
  });
});
