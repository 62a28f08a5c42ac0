import { Accordion, Checkbox, ColorInput, NativeSelect, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import type { Creditor, UpdateCreditorBody } from '@relance/contracts/creditors';
import { formatHundredths, parseHundredths } from '@relance/domain/money';
import { type CommonKey, type Locale, type MessageKey, useT } from '../../../shared/i18n.ts';
import { creditorsMessages } from '../messages.ts';

// The optional parts of a creditor (legal details, R124-3 terms, plan rules, remittance account,
// brand texts), shared by the creation and edit forms. Every value is kept as typed text and
// only turned into cents / basis points on submit (see parseHundredths in @relance/domain/money).

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

/**
 * Turns the typed text into the API's fields. `mode: 'create'` leaves out what was not filled
 * (the server applies its defaults); `mode: 'edit'` sends every field, empty ones as null.
 */
export function termsToBody(form: TermsForm, mode: 'create' | 'edit'): { body: TermsBody; errors: TermsErrors } {
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

  const body: TermsBody = { brand: {} };
  if (retention !== null) body.dataRetention = { yearsAfterClose: retention };
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

/** The collapsible sections; `prefix` keeps data-testids distinct between the two forms. */
export function CreditorTermsFields({
  form,
  onChange,
  errors,
  prefix,
  defaultOpen = [],
}: {
  form: TermsForm;
  onChange: (next: TermsForm) => void;
  errors: TermsErrors;
  prefix: string;
  defaultOpen?: string[];
}) {
  const t = useT(creditorsMessages);
  const set = <K extends keyof TermsForm>(field: K, value: TermsForm[K]) => onChange({ ...form, [field]: value });
  const field = (name: keyof TermsForm, testId: string) => ({
    value: String(form[name]),
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(name, event.currentTarget.value as never),
    error: errors[name] ? t(errors[name]) : null,
    'data-testid': `${prefix}-${testId}`,
  });

  return (
    <Accordion multiple variant="separated" radius="md" defaultValue={defaultOpen} data-testid={`${prefix}-sections`}>
      <Accordion.Item value="legal">
        <Accordion.Control data-testid={`${prefix}-section-legal`}>{t('creditors.terms.legal')}</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('creditors.terms.legalForm')} placeholder="SAS, SARL, SA, EI…" maxLength={60} {...field('legalForm', 'legal-form')} />
            <TextInput
              label={t('creditors.terms.vatNumber')}
              description={t('creditors.terms.vatHelp')}
              placeholder="FR32732829320"
              maxLength={20}
              {...field('vatNumber', 'vat')}
            />
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="commission">
        <Accordion.Control data-testid={`${prefix}-section-commission`}>{t('creditors.terms.commission')}</Accordion.Control>
        <Accordion.Panel>
          <Text size="xs" c="dimmed" mb="xs">
            {t('creditors.terms.commissionHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('creditors.terms.commissionPercent')} placeholder="12,5" rightSection="%" {...field('commissionPercent', 'commission-percent')} />
            <TextInput label={t('creditors.terms.commissionFixed')} placeholder="15,00" rightSection="€" {...field('commissionFixed', 'commission-fixed')} />
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="remittance">
        <Accordion.Control data-testid={`${prefix}-section-remittance`}>{t('creditors.terms.remittance')}</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('creditors.terms.basis')}
              value={form.remittanceBasis}
              onChange={(event) => set('remittanceBasis', event.currentTarget.value as TermsForm['remittanceBasis'])}
              data={[
                { value: 'net', label: t('creditors.terms.basis.net') },
                { value: 'gross', label: t('creditors.terms.basis.gross') },
              ]}
              data-testid={`${prefix}-remittance-basis`}
            />
            <NativeSelect
              label={t('creditors.terms.frequency')}
              value={form.remittanceFrequency}
              onChange={(event) => set('remittanceFrequency', event.currentTarget.value as TermsForm['remittanceFrequency'])}
              data={[
                { value: 'monthly', label: t('creditors.terms.frequency.monthly') },
                { value: 'weekly', label: t('creditors.terms.frequency.weekly') },
              ]}
              data-testid={`${prefix}-remittance-frequency`}
            />
            <TextInput
              label={t('creditors.terms.delayDays')}
              description={t('creditors.terms.delayHelp')}
              inputMode="numeric"
              {...field('remittanceDelayDays', 'remittance-delay')}
            />
          </SimpleGrid>
          <Checkbox
            mt="sm"
            label={t('creditors.terms.longerDelay')}
            checked={form.longerDelayStipulated}
            onChange={(event) => set('longerDelayStipulated', event.currentTarget.checked)}
            data-testid={`${prefix}-longer-delay`}
          />
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="plans">
        <Accordion.Control data-testid={`${prefix}-section-plans`}>{t('creditors.terms.plans')}</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('creditors.terms.maxMonths')} inputMode="numeric" {...field('planMaxMonths', 'plan-max-months')} />
            <TextInput label={t('creditors.terms.minInstallment')} rightSection="€" {...field('planMinInstallment', 'plan-min-installment')} />
            <TextInput label={t('creditors.terms.maxDiscount')} rightSection="%" {...field('planMaxDiscount', 'plan-max-discount')} />
            <TextInput
              label={t('creditors.terms.approvalAboveAmount')}
              rightSection="€"
              {...field('planApprovalAboveAmount', 'plan-approval-amount')}
            />
            <TextInput
              label={t('creditors.terms.approvalAboveMonths')}
              inputMode="numeric"
              {...field('planApprovalAboveMonths', 'plan-approval-months')}
            />
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="account">
        <Accordion.Control data-testid={`${prefix}-section-account`}>{t('creditors.terms.account')}</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="IBAN" placeholder="FR76 …" maxLength={42} style={{ gridColumn: 'span 2' }} {...field('remittanceIban', 'iban')} />
            <TextInput label="BIC" maxLength={11} {...field('remittanceBic', 'bic')} />
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="retention">
        <Accordion.Control data-testid={`${prefix}-section-retention`}>{t('creditors.terms.retention')}</Accordion.Control>
        <Accordion.Panel>
          <Text size="xs" c="dimmed" mb="xs">
            {t('creditors.terms.retentionHelp')}
          </Text>
          <NativeSelect
            label={t('creditors.terms.retentionYears')}
            value={form.retentionYears}
            onChange={(event) => set('retentionYears', event.currentTarget.value)}
            data={RETENTION_YEARS.map((years) => ({ value: years, label: t('creditors.terms.retentionOption', { years }) }))}
            error={errors.retentionYears ? t(errors.retentionYears) : null}
            maw={320}
            data-testid={`${prefix}-retention-years`}
          />
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="brand">
        <Accordion.Control data-testid={`${prefix}-section-brand`}>{t('creditors.terms.brandDetails')}</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ColorInput
              label={t('creditors.terms.secondaryColor')}
              description={t('creditors.terms.secondaryColorHelp')}
              format="hex"
              value={form.secondaryColor}
              onChange={(value) => set('secondaryColor', value)}
              error={errors.secondaryColor ? t(errors.secondaryColor) : null}
              data-testid={`${prefix}-secondary-color`}
            />
            <TextInput label={t('creditors.terms.senderName')} maxLength={120} {...field('senderName', 'sender-name')} />
            <TextInput label={t('creditors.terms.replyTo')} type="email" maxLength={254} {...field('replyTo', 'reply-to')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <Textarea label={t('creditors.terms.signature')} autosize minRows={3} maxLength={2000} {...field('signature', 'signature')} />
            <Textarea label={t('creditors.terms.footer')} autosize minRows={3} maxLength={2000} {...field('footer', 'footer')} />
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
