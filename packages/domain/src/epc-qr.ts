import { isValidCreditorReference, normalizeBic, normalizeIban } from './identifiers.ts';

// The EPC QR code ("GiroCode", European Payments Council guidelines EPC069-12, version 3.0): the
// text a banking app reads to prefill a SEPA credit transfer. One element per line, in this order:
//
//   1 service tag      'BCD'
//   2 version          '001' | '002' (002: the BIC may be left empty within the EEA)
//   3 character set    '1' = UTF-8
//   4 identification   'SCT' (SEPA credit transfer)
//   5 BIC              8 or 11 characters; mandatory in 001, optional in 002
//   6 beneficiary name at most 70 characters, mandatory
//   7 IBAN             at most 34 characters, mandatory
//   8 amount           'EUR' + 0.01 to 999999999.99, '.' as decimal separator, optional
//   9 purpose          4 letters or digits (ISO 20022 purpose code), optional
//  10 remittance, structured    a creditor reference (ISO 11649 'RF…'), at most 35 characters
//  11 remittance, unstructured  at most 140 characters; never together with 10
//  12 beneficiary-to-originator information, at most 70 characters, optional
//
// Lines are separated by a line feed; the last element present is not followed by one. The whole
// payload is at most 331 bytes. The code itself uses error correction level M (the server draws it).

export const EPC_MAX_PAYLOAD_BYTES = 331;
/** 999 999 999,99 €: the largest amount an EPC QR code may carry. */
export const EPC_MAX_AMOUNT_CENTS = 99_999_999_999;

export type EpcTransfer = {
  /** Defaults to '002', which allows the BIC to be left out. */
  readonly version?: '001' | '002';
  readonly bic?: string | null;
  readonly beneficiaryName: string;
  readonly iban: string;
  /** Euro cents; null or absent: the payer types the amount in the banking app. */
  readonly amountCents?: number | null;
  readonly purpose?: string | null;
  /** ISO 11649 structured creditor reference ('RF18 5390 0754 7034' or its electronic form). */
  readonly reference?: string | null;
  readonly text?: string | null;
  /** Shown to the payer by the banking app (never sent to the beneficiary). */
  readonly information?: string | null;
};

export type EpcField = 'version' | 'bic' | 'beneficiaryName' | 'iban' | 'amountCents' | 'purpose' | 'reference' | 'text' | 'information' | 'payload';

export class EpcPayloadError extends Error {
  readonly code = 'invalid_epc_payload';
  readonly field: EpcField;
  constructor(field: EpcField, reason: string) {
    super(`EPC QR code: ${field} ${reason}`);
    this.name = 'EpcPayloadError';
    this.field = field;
  }
}

/** 12345 -> 'EUR123.45' (EPC069-12 element 8: 'EUR', then the amount with a '.' and two decimals at most). */
export function epcAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 1 || cents > EPC_MAX_AMOUNT_CENTS) {
    throw new EpcPayloadError('amountCents', `must be a whole number of cents from 1 to ${EPC_MAX_AMOUNT_CENTS}, got ${cents}`);
  }
  const euros = Math.trunc(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `EUR${euros}.${rest}`;
}

/** A free text element: one line (line breaks would shift the elements after it), trimmed, within its length. */
function textElement(field: EpcField, value: string | null | undefined, max: number, required = false): string {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  if (required && text === '') throw new EpcPayloadError(field, 'is required');
  // Counted in characters (code points), as the guidelines count them.
  if ([...text].length > max) throw new EpcPayloadError(field, `is longer than ${max} characters`);
  return text;
}

function bicElement(version: '001' | '002', bic: string | null | undefined): string {
  const given = (bic ?? '').trim();
  if (given === '') {
    if (version === '001') throw new EpcPayloadError('bic', 'is required by version 001');
    return '';
  }
  const normalized = normalizeBic(given);
  if (!normalized) throw new EpcPayloadError('bic', 'is not a valid BIC (ISO 9362)');
  return normalized;
}

function referenceElement(reference: string | null | undefined): string {
  const compact = (reference ?? '').replace(/\s/g, '').toUpperCase();
  if (compact === '') return '';
  if (compact.length > 35) throw new EpcPayloadError('reference', 'is longer than 35 characters');
  if (!isValidCreditorReference(compact)) throw new EpcPayloadError('reference', 'is not a valid ISO 11649 creditor reference');
  return compact;
}

/**
 * The text of an EPC QR code for a SEPA credit transfer (EPC069-12), checked element by element:
 * throws an EpcPayloadError naming the first element that breaks a rule.
 */
export function buildEpcPayload(transfer: EpcTransfer): string {
  const version = transfer.version ?? '002';
  if (version !== '001' && version !== '002') throw new EpcPayloadError('version', 'must be 001 or 002');
  const iban = normalizeIban(transfer.iban);
  if (!iban) throw new EpcPayloadError('iban', 'is not a valid IBAN (ISO 13616)');
  const purpose = (transfer.purpose ?? '').trim().toUpperCase();
  if (purpose !== '' && !/^[A-Z0-9]{4}$/.test(purpose)) throw new EpcPayloadError('purpose', 'must be 4 letters or digits');
  const reference = referenceElement(transfer.reference);
  const text = textElement('text', transfer.text, 140);
  if (reference !== '' && text !== '') throw new EpcPayloadError('text', 'cannot be given with a structured reference');
  const elements = [
    'BCD',
    version,
    '1',
    'SCT',
    bicElement(version, transfer.bic),
    textElement('beneficiaryName', transfer.beneficiaryName, 70, true),
    iban,
    transfer.amountCents === null || transfer.amountCents === undefined ? '' : epcAmount(transfer.amountCents),
    purpose,
    reference,
    text,
    textElement('information', transfer.information, 70),
  ];
  // The last element present ends the payload: trailing empty elements are left out.
  while (elements.at(-1) === '') elements.pop();
  const payload = elements.join('\n');
  const bytes = new TextEncoder().encode(payload).length;
  if (bytes > EPC_MAX_PAYLOAD_BYTES) throw new EpcPayloadError('payload', `is ${bytes} bytes, more than ${EPC_MAX_PAYLOAD_BYTES}`);
  return payload;
}
