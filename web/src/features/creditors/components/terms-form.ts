import type { Creditor, UpdateCreditorBody } from '@relance/contracts/creditors';
import { formatHundredths, parseHundredths } from '@relance/domain/money';
import type { CommonKey, Locale, MessageKey } from '../../../shared/i18n.ts';
import type { creditorsMessages } from '../messages.ts';

// The optional parts of a creditor (legal details, R124-3 terms, plan rules, remittance account,
// brand texts) as form state, shared by the creation and edit forms (fields in
// CreditorTermsFields.tsx). Every value is kept as typed text and only turned into cents / basis
// points on submit (see parseHundredths in @relance/domain/money).

export interface TermsForm {
  legalForm: string;
  vatNumber: string;
  commissionPercent: string;
  commissionFixed: string;
  remittanceBasis: 'net' | 'gross';
  remittanceFrequency: 'weekly' | 'monthly';
  remittanceDelayDays: string;
  longerDelayStipulated: boolean;
  planMaxMonths: string;
  planMinInstallment: string;
  planMaxDiscount: string;
  planApprovalAboveAmount: string;
  planApprovalAboveMonths: string;
  remittanceIban: string;
  remittanceBic: string;
  secondaryColor: string;
  senderName: string;
  replyTo: string;
  signature: string;
  footer: string;
  /** RGPD retention: years after a case closes before its debtor is anonymised (1 to 10). */
  retentionYears: string;
}

/** The retention periods offered: 1 to 10 years after a case closes (default 5, the claim's limitation period). */
export const RETENTION_YEARS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

export function emptyTerms(): TermsForm {
  return {
    legalForm: '',
    vatNumber: '',
    commissionPercent: '',
    commissionFixed: '',
    remittanceBasis: 'net',
    remittanceFrequency: 'monthly',
    remittanceDelayDays: '30',
    longerDelayStipulated: false,
    planMaxMonths: '',
    planMinInstallment: '',
    planMaxDiscount: '',
    planApprovalAboveAmount: '',
    planApprovalAboveMonths: '',
    remittanceIban: '',
    remittanceBic: '',
    secondaryColor: '',
    senderName: '',
    replyTo: '',
    signature: '',
    footer: '',
    retentionYears: '5',
  };
}

export function termsFromCreditor(creditor: Creditor, locale: Locale): TermsForm {
  const hundredths = (value: number | null) => (value === null ? '' : formatHundredths(value, locale));
  return {
    legalForm: creditor.legalForm ?? '',
    vatNumber: creditor.vatNumber ?? '',
    commissionPercent: hundredths(creditor.commission.percentBasisPoints),
    commissionFixed: hundredths(creditor.commission.fixedFeeCents),
    remittanceBasis: creditor.remittance.basis,
    remittanceFrequency: creditor.remittance.frequency,
    remittanceDelayDays: String(creditor.remittance.delayDays),
    longerDelayStipulated: creditor.remittance.longerDelayStipulated,
    planMaxMonths: String(creditor.paymentPlanRules.maxDurationMonths),
    planMinInstallment: hundredths(creditor.paymentPlanRules.minInstallmentCents),
    planMaxDiscount: hundredths(creditor.paymentPlanRules.maxAgentDiscountBasisPoints),
    planApprovalAboveAmount: hundredths(creditor.paymentPlanRules.managerApprovalAboveCents),
    planApprovalAboveMonths:
      creditor.paymentPlanRules.managerApprovalAboveMonths === null ? '' : String(creditor.paymentPlanRules.managerApprovalAboveMonths),
    remittanceIban: creditor.remittanceAccount?.iban ?? '',
    remittanceBic: creditor.remittanceAccount?.bic ?? '',
    secondaryColor: creditor.brand.secondaryColor ?? '',
    senderName: creditor.brand.senderName ?? '',
    replyTo: creditor.brand.replyTo ?? '',
    signature: creditor.brand.signature ?? '',
    footer: creditor.brand.footer ?? '',
    retentionYears: String(creditor.dataRetention.yearsAfterClose),
  };
}

export type TermsErrors = Partial<Record<keyof TermsForm, MessageKey<typeof creditorsMessages> | CommonKey>>;

type TermsBody = Pick<
  UpdateCreditorBody,
  'legalForm' | 'vatNumber' | 'commission' | 'remittance' | 'paymentPlanRules' | 'remittanceAccount' | 'dataRetention'
> & {
  brand: NonNullable<UpdateCreditorBody['brand']>;
};

const text = (value: string) => (value.trim() ? value.trim() : null);
const integer = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

/** The typed text read as numbers, and an error for each field that does not read or is out of range. */
function readTerms(form: TermsForm, mode: 'create' | 'edit') {
  const errors: TermsErrors = {};
  const amount = (field: keyof TermsForm, unit: '€' | '%') => {
    const raw = String(form[field]).trim();
    if (!raw) return null;
    const value = parseHundredths(raw, unit);
    if (value === null) errors[field] = 'creditors.terms.invalidNumber';
    return value;
  };
  const whole = (field: keyof TermsForm) => {
    const raw = String(form[field]).trim();
    if (!raw) return null;
    const value = integer(raw);
    if (value === null) errors[field] = 'creditors.terms.invalidInteger';
    return value;
  };

  const percent = amount('commissionPercent', '%');
  if (percent !== null && percent > 10_000) errors.commissionPercent = 'creditors.terms.invalidPercent';
  const fixed = amount('commissionFixed', '€');
  const delay = whole('remittanceDelayDays');
  const maxMonths = whole('planMaxMonths');
  const minInstallment = amount('planMinInstallment', '€');
  const maxDiscount = amount('planMaxDiscount', '%');
  if (maxDiscount !== null && maxDiscount > 10_000) errors.planMaxDiscount = 'creditors.terms.invalidPercent';
  const approvalAmount = amount('planApprovalAboveAmount', '€');
  const approvalMonths = whole('planApprovalAboveMonths');
  const secondary = form.secondaryColor.trim();
  if (secondary && !/^#[0-9a-fA-F]{6}$/.test(secondary)) errors.secondaryColor = 'creditors.terms.invalidColor';
  if (form.remittanceBic.trim() && !form.remittanceIban.trim()) errors.remittanceIban = 'common.required';
  if (mode === 'edit' && !form.remittanceDelayDays.trim()) errors.remittanceDelayDays = 'common.required';
  if (mode === 'edit' && !form.planMaxMonths.trim()) errors.planMaxMonths = 'common.required';

  const retention = whole('retentionYears');
  if (retention !== null && (retention < 1 || retention > 10)) errors.retentionYears = 'creditors.terms.invalidRetention';
  const values = { percent, fixed, delay, maxMonths, minInstallment, maxDiscount, approvalAmount, approvalMonths, secondary, retention };
  return { values, errors };
}

/** The parts both modes send the same way (the modes differ in how they send what is empty). */
function termsParts(form: TermsForm, values: ReturnType<typeof readTerms>['values']) {
  const { percent, fixed, delay, maxMonths, minInstallment, maxDiscount, secondary } = values;
  const iban = form.remittanceIban.replace(/\s/g, '');
  const account = iban ? { iban, bic: text(form.remittanceBic.toUpperCase()) } : null;
  const brandTexts = {
    secondaryColor: secondary ? secondary.toLowerCase() : null,
    senderName: text(form.senderName),
    replyTo: text(form.replyTo),
    signature: text(form.signature),
    footer: text(form.footer),
  };
  const commission = percent !== null || fixed !== null ? { percentBasisPoints: percent, fixedFeeCents: fixed } : undefined;
  const remittance = {
    basis: form.remittanceBasis,
    frequency: form.remittanceFrequency,
    ...(delay !== null ? { delayDays: delay } : {}),
    longerDelayStipulated: form.longerDelayStipulated,
  };
  const rules = {
    ...(maxMonths !== null ? { maxDurationMonths: maxMonths } : {}),
    ...(minInstallment !== null ? { minInstallmentCents: minInstallment } : {}),
    ...(maxDiscount !== null ? { maxAgentDiscountBasisPoints: maxDiscount } : {}),
  };
  return { account, brandTexts, commission, remittance, rules };
}

/**
 * Turns the typed text into the API's fields. `mode: 'create'` leaves out what was not filled
 * (the server applies its defaults); `mode: 'edit'` sends every field, empty ones as null.
 */
export function termsToBody(form: TermsForm, mode: 'create' | 'edit'): { body: TermsBody; errors: TermsErrors } {
  const { values, errors } = readTerms(form, mode);
  const { approvalAmount, approvalMonths, retention } = values;
  const { account, brandTexts, commission, remittance, rules } = termsParts(form, values);

  const body: TermsBody = { brand: {} };
  if (retention !== null) body.dataRetention = { yearsAfterClose: retention };
  if (mode === 'edit') {
    body.legalForm = text(form.legalForm);
    body.vatNumber = text(form.vatNumber.replace(/\s/g, '').toUpperCase());
    if (commission) body.commission = commission;
    body.remittance = remittance;
    body.paymentPlanRules = { ...rules, managerApprovalAboveCents: approvalAmount, managerApprovalAboveMonths: approvalMonths };
    body.remittanceAccount = account;
    body.brand = brandTexts;
  } else {
    if (text(form.legalForm)) body.legalForm = text(form.legalForm);
    if (text(form.vatNumber)) body.vatNumber = form.vatNumber.replace(/\s/g, '').toUpperCase();
    if (commission) body.commission = commission;
    body.remittance = remittance;
    body.paymentPlanRules = {
      ...rules,
      ...(approvalAmount !== null ? { managerApprovalAboveCents: approvalAmount } : {}),
      ...(approvalMonths !== null ? { managerApprovalAboveMonths: approvalMonths } : {}),
    };
    if (account) body.remittanceAccount = account;
    body.brand = Object.fromEntries(Object.entries(brandTexts).filter(([, value]) => value !== null));
  }
  return { body, errors };
}
