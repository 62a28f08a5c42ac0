import { Button, ColorInput, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Creditor, CreditorKind, UpdateCreditorBody } from '@relance/contracts/creditors';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUpdateCreditor } from '../api/creditors.ts';
import { CreditorTermsFields, type TermsErrors, termsFromCreditor, termsToBody } from './CreditorTermsFields.tsx';

/** Edits a creditor (PATCH): identity, address, brand, mandate and the optional terms. */
export function CreditorEditForm({ creditor, onDone }: { creditor: Creditor; onDone: () => void }) {
  const t = useT();
  const mutation = useUpdateCreditor(creditor.id);
  const [form, setForm] = useState({
    legalName: creditor.legalName,
    kind: creditor.kind as CreditorKind,
    siren: creditor.siren ?? '',
    line1: creditor.address.line1,
    line2: creditor.address.line2 ?? '',
    postalCode: creditor.address.postalCode,
    city: creditor.address.city,
    displayName: creditor.brand.displayName,
    primaryColor: creditor.brand.primaryColor,
    mandateRef: creditor.mandate.reference,
    mandateSigned: creditor.mandate.signedOn,
    mandateUntil: creditor.mandate.validUntil ?? '',
  });
  const [terms, setTerms] = useState(() => termsFromCreditor(creditor, t.locale));
  const [termsErrors, setTermsErrors] = useState<TermsErrors>({});
  const [touched, setTouched] = useState(false);
  const input = (field: keyof typeof form) => ({
    value: form[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      const value = event.currentTarget.value;
      setForm((current) => ({ ...current, [field]: value }));
    },
  });
  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const sirenOk = form.kind !== 'company' || /^\d{9}$/.test(form.siren.replace(/\s/g, ''));
  const colorOk = /^#[0-9a-fA-F]{6}$/.test(form.primaryColor);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    const extra = termsToBody(terms, 'edit');
    setTermsErrors(extra.errors);
    const missing = [form.legalName, form.line1, form.postalCode, form.city, form.displayName, form.mandateRef, form.mandateSigned].some(
      (value) => !value.trim(),
    );
    if (missing || !sirenOk || !colorOk || Object.keys(extra.errors).length > 0) return;
    const { brand: brandExtra, ...termsExtra } = extra.body;
    const body: UpdateCreditorBody = {
      ...termsExtra,
      legalName: form.legalName.trim(),
      kind: form.kind,
      siren: form.siren.trim() ? form.siren.replace(/\s/g, '') : null,
      address: {
        line1: form.line1.trim(),
        line2: form.line2.trim() || null,
        postalCode: form.postalCode.trim(),
        city: form.city.trim(),
      },
      brand: { ...brandExtra, displayName: form.displayName.trim(), primaryColor: form.primaryColor.toLowerCase() },
      mandate: { reference: form.mandateRef.trim(), signedOn: form.mandateSigned, validUntil: form.mandateUntil || null },
    };
    mutation.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('creditors.saved') });
        onDone();
      },
    });
  }

  return (
    <Paper p="lg">
      <form onSubmit={submit} noValidate data-testid="creditor-edit-form">
        <Stack gap="md">
          <Title order={4}>{t('creditors.edit')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('creditors.legalName')} required {...input('legalName')} error={required(form.legalName)} data-testid="edit-legal-name" />
            <NativeSelect
              label={t('creditors.kind')}
              {...input('kind')}
              data={[
                { value: 'company', label: t('creditors.kind.company') },
                { value: 'private_individual', label: t('creditors.kind.private_individual') },
              ]}
              data-testid="edit-kind"
            />
            <TextInput
              label={t('creditors.siren')}
              required={form.kind === 'company'}
              inputMode="numeric"
              maxLength={11}
              {...input('siren')}
              error={touched && !sirenOk ? t('creditors.sirenHelp') : null}
              data-testid="edit-siren"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('creditors.line1')} required {...input('line1')} error={required(form.line1)} data-testid="edit-line1" />
            <TextInput label={t('creditors.line2')} {...input('line2')} data-testid="edit-line2" />
            <TextInput
              label={t('creditors.postalCode')}
              required
              {...input('postalCode')}
              error={required(form.postalCode)}
              data-testid="edit-postal-code"
            />
            <TextInput label={t('creditors.city')} required {...input('city')} error={required(form.city)} data-testid="edit-city" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('creditors.displayName')}
              required
              {...input('displayName')}
              error={required(form.displayName)}
              data-testid="edit-display-name"
            />
            <ColorInput
              label={t('creditors.primaryColor')}
              format="hex"
              value={form.primaryColor}
              onChange={(value) => setForm((current) => ({ ...current, primaryColor: value }))}
              error={touched && !colorOk ? '#rrggbb' : null}
              data-testid="edit-color"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('creditors.mandateRef')}
              required
              {...input('mandateRef')}
              error={required(form.mandateRef)}
              data-testid="edit-mandate-ref"
            />
            <TextInput
              type="date"
              label={t('creditors.mandateSigned')}
              required
              {...input('mandateSigned')}
              error={required(form.mandateSigned)}
              data-testid="edit-mandate-signed"
            />
            <TextInput type="date" label={t('creditors.mandateUntil')} {...input('mandateUntil')} data-testid="edit-mandate-until" />
          </SimpleGrid>
          <CreditorTermsFields form={terms} onChange={setTerms} errors={termsErrors} prefix="edit" />
          {mutation.isError && <ErrorState error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="edit-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
