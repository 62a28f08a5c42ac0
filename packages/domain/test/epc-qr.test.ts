import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEpcPayload, EPC_MAX_AMOUNT_CENTS, EPC_MAX_PAYLOAD_BYTES, EpcPayloadError, epcAmount } from '../src/epc-qr.ts';
import { creditorReferenceFor, isValidCreditorReference } from '../src/identifiers.ts';

// EPC069-12 "Quick Response Code: guidelines to enable data capture for the initiation of a SEPA
// credit transfer", version 3.0: the twelve elements, their order, lengths and formats.

const IBAN = 'FR7630006000011234567890189';
const BIC = 'AGRIFRPP';

function fieldOf(call: () => unknown): string | null {
  try {
    call();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(EpcPayloadError);
    return (error as EpcPayloadError).field;
  }
}

describe('EPC QR code payload (EPC069-12)', () => {
  it('writes the twelve elements in order, one per line, for a case of the agency', () => {
    const reference = creditorReferenceFor('REL-2026-000123');
    const payload = buildEpcPayload({
      bic: BIC,
      beneficiaryName: 'Recouvrement Martin SAS',
      iban: 'fr76 3000 6000 0112 3456 7890 189',
      amountCents: 52_392_77,
      reference,
      information: 'Dossier REL-2026-000123',
    });
    expect(payload.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'AGRIFRPP',
      'Recouvrement Martin SAS',
      IBAN,
      'EUR52392.77',
      '',
      reference,
      '',
      'Dossier REL-2026-000123',
    ]);
    expect(payload.endsWith('\n')).toBe(false);
  });

  it('leaves the trailing empty elements out, and the BIC empty in version 002', () => {
    expect(buildEpcPayload({ beneficiaryName: 'Agence', iban: IBAN })).toBe(`BCD\n002\n1\nSCT\n\nAgence\n${IBAN}`);
    expect(buildEpcPayload({ beneficiaryName: 'Agence', iban: IBAN, amountCents: 1 })).toBe(`BCD\n002\n1\nSCT\n\nAgence\n${IBAN}\nEUR0.01`);
  });

  it('requires the BIC in version 001, and a valid one whenever given', () => {
    expect(fieldOf(() => buildEpcPayload({ version: '001', beneficiaryName: 'Agence', iban: IBAN }))).toBe('bic');
    expect(buildEpcPayload({ version: '001', bic: 'agri fr pp', beneficiaryName: 'Agence', iban: IBAN }).split('\n')[4]).toBe('AGRIFRPP');
    expect(fieldOf(() => buildEpcPayload({ bic: 'NOTABIC!', beneficiaryName: 'Agence', iban: IBAN }))).toBe('bic');
  });

  it('formats the amount as EUR, a point and two decimals, from 0.01 to 999999999.99', () => {
    expect(epcAmount(1)).toBe('EUR0.01');
    expect(epcAmount(1_230)).toBe('EUR12.30');
    expect(epcAmount(100)).toBe('EUR1.00');
    expect(epcAmount(EPC_MAX_AMOUNT_CENTS)).toBe('EUR999999999.99');
    for (const wrong of [0, -5, 1.5, EPC_MAX_AMOUNT_CENTS + 1]) expect(fieldOf(() => epcAmount(wrong))).toBe('amountCents');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: EPC_MAX_AMOUNT_CENTS }), (cents) => {
        const text = epcAmount(cents);
        expect(text).toMatch(/^EUR(0|[1-9]\d{0,8})\.\d{2}$/);
        expect(Math.round(Number(text.slice(3)) * 100)).toBe(cents);
      }),
    );
  });

  it('checks the IBAN (mod 97) and the beneficiary name (required, 70 characters at most, one line)', () => {
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'Agence', iban: 'FR7630006000011234567890188' }))).toBe('iban');
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: '  ', iban: IBAN }))).toBe('beneficiaryName');
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'A'.repeat(71), iban: IBAN }))).toBe('beneficiaryName');
    // 70 characters, accented (UTF-8, character set 1): counted in characters, not bytes.
    expect(buildEpcPayload({ beneficiaryName: 'é'.repeat(70), iban: IBAN }).split('\n')[5]).toBe('é'.repeat(70));
    expect(buildEpcPayload({ beneficiaryName: 'Agence\nBCD', iban: IBAN }).split('\n')).toHaveLength(7);
  });

  it('takes a structured ISO 11649 reference or an unstructured text, never both', () => {
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, reference: 'RF00BAD' }))).toBe('reference');
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, reference: 'RF18539007547034', text: 'Facture 12' }))).toBe('text');
    expect(buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, reference: 'RF18 5390 0754 7034' }).split('\n')[9]).toBe('RF18539007547034');
    expect(buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, text: 'Facture 12' }).split('\n')).toEqual(['BCD', '002', '1', 'SCT', '', 'A', IBAN, '', '', '', 'Facture 12']);
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, text: 'x'.repeat(141) }))).toBe('text');
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, information: 'x'.repeat(71) }))).toBe('information');
  });

  it('takes a purpose code of four letters or digits', () => {
    expect(buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, purpose: 'gdds' }).split('\n')[8]).toBe('GDDS');
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, purpose: 'GOODS' }))).toBe('purpose');
  });

  it('never exceeds 331 bytes (the longest elements together would: the whole is checked)', () => {
    const long = buildEpcPayload({
      bic: 'AGRIFRPPXXX',
      beneficiaryName: 'A'.repeat(70),
      iban: IBAN,
      amountCents: EPC_MAX_AMOUNT_CENTS,
      purpose: 'GDDS',
      reference: creditorReferenceFor('A'.repeat(21)),
      information: 'B'.repeat(70),
    });
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(EPC_MAX_PAYLOAD_BYTES);
    // 70 + 140 + 70 characters of text and the rest: 358 bytes.
    expect(fieldOf(() => buildEpcPayload({ bic: 'AGRIFRPPXXX', beneficiaryName: 'A'.repeat(70), iban: IBAN, amountCents: 1, text: 'x'.repeat(140), information: 'y'.repeat(70) }))).toBe('payload');
    // Accented names count two bytes each in UTF-8.
    expect(fieldOf(() => buildEpcPayload({ beneficiaryName: 'é'.repeat(70), iban: IBAN, text: 'ü'.repeat(60), information: 'ü'.repeat(30) }))).toBe('payload');
  });
});

describe('ISO 11649 references of cases, as the QR code and the bank statements read them', () => {
  it('builds a valid reference for every case reference the product writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2099 }), fc.integer({ min: 1, max: 999_999 }), (year, sequence) => {
        const reference = creditorReferenceFor(`REL-${year}-${String(sequence).padStart(6, '0')}`);
        expect(reference).toMatch(/^RF\d{2}REL\d{10}$/);
        expect(isValidCreditorReference(reference)).toBe(true);
        expect(buildEpcPayload({ beneficiaryName: 'A', iban: IBAN, reference }).split('\n')[9]).toBe(reference);
      }),
    );
  });

  it('catches a single mistyped character', () => {
    const reference = creditorReferenceFor('REL-2026-000123');
    for (let position = 4; position < reference.length; position += 1) {
      const digit = reference[position] as string;
      const other = /\d/.test(digit) ? String((Number(digit) + 1) % 10) : digit === 'Z' ? 'A' : String.fromCharCode(digit.charCodeAt(0) + 1);
      expect(isValidCreditorReference(reference.slice(0, position) + other + reference.slice(position + 1))).toBe(false);
    }
  });
});
