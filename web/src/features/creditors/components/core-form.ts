import type { Creditor, CreditorKind } from '@relance/contracts/creditors';
import type { ClaimNature } from '@relance/domain/claim-nature';

// The required parts of a creditor (identity, address, brand, R124-3 mandate) as form state, shared
// by the creation and edit forms: one state shape, one validation, one body (the fields are in
// CreditorCoreFields.tsx).

/** The fields typed as text (every field but the professional standing). */
export type CoreTextField = { [K in keyof CoreForm]: CoreForm[K] extends string ? K : never }[keyof CoreForm];

export interface CoreForm {
  legalName: string;
  kind: CreditorKind;
  /** A private individual acting for professional needs (C. com. L441-10, CMF L313-2); not asked of a company. */
  actsProfessionally: boolean;
  siren: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  /** Kept as it is (not shown): the product serves French addresses today. */
  country: string;
  displayName: string;
  primaryColor: string;
  mandateRef: string;
  mandateSigned: string;
  mandateUntil: string;
  /** The nature of its claims when a claim states none; '' = inferred from the parties. */
  defaultNature: ClaimNature | '';
}

/** An empty colour falls back to a sober default; the form starts empty so typing never appends. */
export const DEFAULT_BRAND_COLOR = '#1c4e80';

export function emptyCoreForm(): CoreForm {
  return {
    legalName: '',
    kind: 'company',
    actsProfessionally: false,
    siren: '',
    line1: '',
    line2: '',
    postalCode: '',
    city: '',
    country: 'FR',
    displayName: '',
    primaryColor: '',
    mandateRef: '',
    mandateSigned: '',
    mandateUntil: '',
    defaultNature: '',
  };
}

export function coreFormFromCreditor(creditor: Creditor): CoreForm {
  return {
    legalName: creditor.legalName,
    kind: creditor.kind,
    actsProfessionally: creditor.kind === 'private_individual' && creditor.actsProfessionally,
    siren: creditor.siren ?? '',
    line1: creditor.address.line1,
    line2: creditor.address.line2 ?? '',
    postalCode: creditor.address.postalCode,
    city: creditor.address.city,
    country: creditor.address.country,
    displayName: creditor.brand.displayName,
    primaryColor: creditor.brand.primaryColor,
    mandateRef: creditor.mandate.reference,
    mandateSigned: creditor.mandate.signedOn,
    mandateUntil: creditor.mandate.validUntil ?? '',
    defaultNature: creditor.defaultClaimNature ?? '',
  };
}

const colorOf = (form: CoreForm) => form.primaryColor.trim() || DEFAULT_BRAND_COLOR;
export const sirenOk = (form: CoreForm) => form.kind !== 'company' || /^\d{9}$/.test(form.siren.replace(/\s/g, ''));
export const colorOk = (form: CoreForm) => /^#[0-9a-fA-F]{6}$/.test(colorOf(form));

/** Whether the required parts can be sent (the server checks the rest: Luhn, contrast…). */
export function isCoreFormValid(form: CoreForm): boolean {
  const required = [form.legalName, form.line1, form.postalCode, form.city, form.displayName, form.mandateRef, form.mandateSigned];
  return required.every((value) => value.trim() !== '') && sirenOk(form) && colorOk(form);
}

export function coreFormToBody(form: CoreForm) {
  return {
    legalName: form.legalName.trim(),
    kind: form.kind,
    actsProfessionally: form.kind === 'private_individual' && form.actsProfessionally,
    siren: form.siren.trim() ? form.siren.replace(/\s/g, '') : null,
    address: {
      line1: form.line1.trim(),
      line2: form.line2.trim() || null,
      postalCode: form.postalCode.trim(),
      city: form.city.trim(),
      country: form.country,
    },
    brand: { displayName: form.displayName.trim(), primaryColor: colorOf(form).toLowerCase() },
    mandate: { reference: form.mandateRef.trim(), signedOn: form.mandateSigned, validUntil: form.mandateUntil || null },
    defaultClaimNature: form.defaultNature || null,
  };
}

