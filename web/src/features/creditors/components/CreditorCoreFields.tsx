import { Checkbox, ColorInput, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNatureLabels } from '../../../shared/claim-nature.ts';
import { DateField } from '../../../shared/components/DateField.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { creditorsMessages } from '../messages.ts';
import { type CoreForm, type CoreTextField, colorOk, DEFAULT_BRAND_COLOR, sirenOk } from './core-form.ts';

// The fields of the required parts of a creditor (identity, address, brand, R124-3 mandate),
// shared by the creation and edit forms. `prefix` names the data-testids (`creditor-legal-name`
// on creation, `edit-legal-name` on edit).

const swatches = ['#1c4e80', '#0b7285', '#2b8a3e', '#e8590c', '#c92a2a', '#5f3dc4', '#212529'];

/** What each group gets: the form, the props of a plain input, and its "required" error. */
interface GroupProps {
  form: CoreForm;
  onChange: (next: CoreForm) => void;
  touched: boolean;
  prefix: 'creditor' | 'edit';
  framed: boolean;
  input: (field: CoreTextField) => {
    value: string;
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
    'data-testid': string;
  };
  required: (value: string) => string | null;
}

export function CreditorCoreFields({
  form,
  onChange,
  touched,
  prefix,
  framed,
}: {
  form: CoreForm;
  onChange: (next: CoreForm) => void;
  /** Show "required" errors only once the user tried to submit. */
  touched: boolean;
  prefix: 'creditor' | 'edit';
  /** Each group in its own card (the creation page) or one flat list (inside the edit card). */
  framed: boolean;
}) {
  const t = useT(creditorsMessages, staffMessages);
  const input = (field: CoreTextField) => ({
    value: form[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      onChange({ ...form, [field]: event.currentTarget.value }),
    'data-testid': `${prefix}-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  });
  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const props: GroupProps = { form, onChange, touched, prefix, framed, input, required };

  return (
    <Stack gap="md">
      <IdentityGroup {...props} />
      <AddressGroup {...props} />
      <BrandGroup {...props} />
      <MandateGroup {...props} />
    </Stack>
  );
}

function FieldGroup({ framed, title, cols, children }: { framed: boolean; title: string; cols: number; children: ReactNode }) {
  return framed ? (
    <Paper p="lg">
      <Title order={4} mb="md">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: cols }}>{children}</SimpleGrid>
    </Paper>
  ) : (
    <SimpleGrid cols={{ base: 1, sm: cols }}>{children}</SimpleGrid>
  );
}

function IdentityGroup({ form, onChange, touched, prefix, framed, input, required }: GroupProps) {
  const t = useT(creditorsMessages, staffMessages);
  const natures = useNatureLabels();
  return (
    <FieldGroup framed={framed} title={t('creditors.identity')} cols={2}>
      <TextInput label={t('creditors.legalName')} required {...input('legalName')} error={required(form.legalName)} />
      <NativeSelect
        label={t('creditors.kind')}
        {...input('kind')}
        data={[
          { value: 'company', label: t('creditors.kind.company') },
          { value: 'private_individual', label: t('creditors.kind.private_individual') },
        ]}
      />
      <TextInput
        label={t('creditors.siren')}
        description={t('creditors.sirenHelp')}
        required={form.kind === 'company'}
        inputMode="numeric"
        maxLength={11}
        {...input('siren')}
        error={touched && !sirenOk(form) ? t('creditors.sirenHelp') : null}
      />
      {form.kind === 'private_individual' && (
        <Checkbox
          label={t('creditors.actsProfessionally')}
          description={t('creditors.actsProfessionallyHelp')}
          checked={form.actsProfessionally}
          onChange={(event) => onChange({ ...form, actsProfessionally: event.currentTarget.checked })}
          data-testid={`${prefix}-acts-professionally`}
        />
      )}
      <NativeSelect
        label={t('creditors.defaultNature')}
        description={t('creditors.defaultNatureHelp')}
        {...input('defaultNature')}
        data={[{ value: '', label: t('creditors.defaultNature.none') }, ...natures.options]}
      />
    </FieldGroup>
  );
}

function AddressGroup({ form, framed, input, required }: GroupProps) {
  const t = useT(creditorsMessages, staffMessages);
  return (
    <FieldGroup framed={framed} title={t('creditors.address')} cols={2}>
      <TextInput label={t('creditors.line1')} required {...input('line1')} error={required(form.line1)} />
      <TextInput label={t('creditors.line2')} {...input('line2')} />
      <TextInput label={t('creditors.postalCode')} required {...input('postalCode')} error={required(form.postalCode)} />
      <TextInput label={t('creditors.city')} required {...input('city')} error={required(form.city)} />
    </FieldGroup>
  );
}

function BrandGroup({ form, onChange, touched, prefix, framed, input, required }: GroupProps) {
  const t = useT(creditorsMessages, staffMessages);
  return (
    <FieldGroup framed={framed} title={t('creditors.brand')} cols={2}>
      <TextInput label={t('creditors.displayName')} required {...input('displayName')} error={required(form.displayName)} />
      <ColorInput
        label={t('creditors.primaryColor')}
        format="hex"
        value={form.primaryColor}
        onChange={(value) => onChange({ ...form, primaryColor: value })}
        placeholder={DEFAULT_BRAND_COLOR}
        swatches={swatches}
        error={touched && !colorOk(form) ? '#rrggbb' : null}
        data-testid={`${prefix}-color`}
      />
    </FieldGroup>
  );
}

function MandateGroup({ form, framed, input, required }: GroupProps) {
  const t = useT(creditorsMessages, staffMessages);
  return (
    <FieldGroup framed={framed} title={t('creditors.mandate')} cols={3}>
      <TextInput label={t('creditors.mandateRef')} required {...input('mandateRef')} error={required(form.mandateRef)} />
      <DateField label={t('creditors.mandateSigned')} required {...input('mandateSigned')} error={required(form.mandateSigned)} />
      <DateField label={t('creditors.mandateUntil')} {...input('mandateUntil')} />
    </FieldGroup>
  );
}
