import { Accordion, Checkbox, ColorInput, NativeSelect, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { creditorsMessages } from '../messages.ts';
import { RETENTION_YEARS, type TermsErrors, type TermsForm } from './terms-form.ts';

/** What each section gets: the form, a setter, and the props of a plain text field. */
interface SectionProps {
  form: TermsForm;
  set: <K extends keyof TermsForm>(field: K, value: TermsForm[K]) => void;
  field: (name: keyof TermsForm, testId: string) => {
    value: string;
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
    error: string | null;
    'data-testid': string;
  };
  errors: TermsErrors;
  prefix: string;
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
  const props: SectionProps = { form, set, field, errors, prefix };

  return (
    <Accordion multiple variant="separated" radius="md" defaultValue={defaultOpen} data-testid={`${prefix}-sections`}>
      <LegalSection {...props} />
      <CommissionSection {...props} />
      <RemittanceSection {...props} />
      <PlansSection {...props} />
      <AccountSection {...props} />
      <RetentionSection {...props} />
      <BrandSection {...props} />
    </Accordion>
  );
}

function Section({ value, prefix, title, children }: { value: string; prefix: string; title: string; children: ReactNode }) {
  return (
    <Accordion.Item value={value}>
      <Accordion.Control data-testid={`${prefix}-section-${value}`}>{title}</Accordion.Control>
      <Accordion.Panel>{children}</Accordion.Panel>
    </Accordion.Item>
  );
}

function LegalSection({ field, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="legal" prefix={prefix} title={t('creditors.terms.legal')}>
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
    </Section>
  );
}

function CommissionSection({ field, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="commission" prefix={prefix} title={t('creditors.terms.commission')}>
      <Text size="xs" c="dimmed" mb="xs">
        {t('creditors.terms.commissionHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('creditors.terms.commissionPercent')} placeholder="12,5" rightSection="%" {...field('commissionPercent', 'commission-percent')} />
        <TextInput label={t('creditors.terms.commissionFixed')} placeholder="15,00" rightSection="€" {...field('commissionFixed', 'commission-fixed')} />
      </SimpleGrid>
    </Section>
  );
}

function RemittanceSection({ form, set, field, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="remittance" prefix={prefix} title={t('creditors.terms.remittance')}>
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
    </Section>
  );
}

function PlansSection({ field, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="plans" prefix={prefix} title={t('creditors.terms.plans')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('creditors.terms.maxMonths')} inputMode="numeric" {...field('planMaxMonths', 'plan-max-months')} />
        <TextInput label={t('creditors.terms.minInstallment')} rightSection="€" {...field('planMinInstallment', 'plan-min-installment')} />
        <TextInput label={t('creditors.terms.maxDiscount')} rightSection="%" {...field('planMaxDiscount', 'plan-max-discount')} />
        <TextInput label={t('creditors.terms.approvalAboveAmount')} rightSection="€" {...field('planApprovalAboveAmount', 'plan-approval-amount')} />
        <TextInput label={t('creditors.terms.approvalAboveMonths')} inputMode="numeric" {...field('planApprovalAboveMonths', 'plan-approval-months')} />
      </SimpleGrid>
    </Section>
  );
}

function AccountSection({ field, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="account" prefix={prefix} title={t('creditors.terms.account')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="IBAN" placeholder="FR76 …" maxLength={42} style={{ gridColumn: 'span 2' }} {...field('remittanceIban', 'iban')} />
        <TextInput label="BIC" maxLength={11} {...field('remittanceBic', 'bic')} />
      </SimpleGrid>
    </Section>
  );
}

function RetentionSection({ form, set, errors, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="retention" prefix={prefix} title={t('creditors.terms.retention')}>
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
    </Section>
  );
}

function BrandSection({ form, set, field, errors, prefix }: SectionProps) {
  const t = useT(creditorsMessages);
  return (
    <Section value="brand" prefix={prefix} title={t('creditors.terms.brandDetails')}>
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
    </Section>
  );
}
