import { ColorInput, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { Creditor, CreditorKind } from '@relance/contracts/creditors';
import type { ReactNode } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { creditorsMessages } from '../messages.ts';

// The required parts of a creditor (identity, address, brand, R124-3 mandate), shared by the
// creation and edit forms: one state shape, one validation, one body, one set of fields.
// `prefix` names the data-testids (`creditor-legal-name` on creation, `edit-legal-name` on edit).

export interface CoreForm {
  legalName: string;
  kind: CreditorKind;
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
}

/** An empty colour falls back to a sober default; the form starts empty so typing never appends. */
export const DEFAULT_BRAND_COLOR = '#1c4e80';
const swatches = ['#1c4e80', '#0b7285', '#2b8a3e', '#e8590c', '#c92a2a', '#5f3dc4', '#212529'];

export function emptyCoreForm(): CoreForm {
  return {
    legalName: '',
    kind: 'company',
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
  };
}

export function coreFormFromCreditor(creditor: Creditor): CoreForm {
  return {
    legalName: creditor.legalName,
    kind: creditor.kind,
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
  };
}

const colorOf = (form: CoreForm) => form.primaryColor.trim() || DEFAULT_BRAND_COLOR;
const sirenOk = (form: CoreForm) => form.kind !== 'company' || /^\d{9}$/.test(form.siren.replace(/\s/g, ''));
const colorOk = (form: CoreForm) => /^#[0-9a-fA-F]{6}$/.test(colorOf(form));

/** Whether the required parts can be sent (the server checks the rest: Luhn, contrast…). */
export function isCoreFormValid(form: CoreForm): boolean {
  const required = [form.legalName, form.line1, form.postalCode, form.city, form.displayName, form.mandateRef, form.mandateSigned];
  return required.every((value) => value.trim() !== '') && sirenOk(form) && colorOk(form);
}

export function coreFormToBody(form: CoreForm) {
  return {
    legalName: form.legalName.trim(),
    kind: form.kind,
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
  };
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
  const input = (field: keyof CoreForm) => ({
    value: form[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      onChange({ ...form, [field]: event.currentTarget.value }),
    'data-testid': `${prefix}-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  });
  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const group = (title: string, cols: number, children: ReactNode) =>
    framed ? (
      <Paper p="lg">
        <Title order={4} mb="md">
          {title}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: cols }}>{children}</SimpleGrid>
      </Paper>
    ) : (
      <SimpleGrid cols={{ base: 1, sm: cols }}>{children}</SimpleGrid>
    );

  return (
    <Stack gap="md">
      {group(
        t('creditors.identity'),
        2,
        <>
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
        </>,
      )}
      {group(
        t('creditors.address'),
        2,
        <>
          <TextInput label={t('creditors.line1')} required {...input('line1')} error={required(form.line1)} />
          <TextInput label={t('creditors.line2')} {...input('line2')} />
          <TextInput label={t('creditors.postalCode')} required {...input('postalCode')} error={required(form.postalCode)} />
          <TextInput label={t('creditors.city')} required {...input('city')} error={required(form.city)} />
        </>,
      )}
      {group(
        t('creditors.brand'),
        2,
        <>
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
        </>,
      )}
      {group(
        t('creditors.mandate'),
        3,
        <>
          <TextInput label={t('creditors.mandateRef')} required {...input('mandateRef')} error={required(form.mandateRef)} />
          <TextInput
            type="date"
            label={t('creditors.mandateSigned')}
            required
            {...input('mandateSigned')}
            error={required(form.mandateSigned)}
          />
          <TextInput type="date" label={t('creditors.mandateUntil')} {...input('mandateUntil')} />
        </>,
      )}
    </Stack>
  );
}
