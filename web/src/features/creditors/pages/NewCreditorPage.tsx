import {
  Anchor,
  Button,
  ColorInput,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CreditorKind } from '@relance/contracts/creditors';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { type NewCreditor, useCreateCreditor } from '../api/creditors.ts';
import { CreditorTermsFields, emptyTerms, type TermsErrors, termsToBody } from '../components/CreditorTermsFields.tsx';

// An empty colour falls back to a sober default; the form starts empty so typing never appends.
const defaultColor = '#1c4e80';

export function NewCreditorPage() {
  const t = useT();
  const navigate = useNavigate();
  const mutation = useCreateCreditor();
  const [form, setForm] = useState({
    legalName: '',
    kind: 'company' as CreditorKind,
    siren: '',
    line1: '',
    line2: '',
    postalCode: '',
    city: '',
    displayName: '',
    primaryColor: '',
    mandateRef: '',
    mandateSigned: '',
    mandateUntil: '',
  });
  const [touched, setTouched] = useState(false);
  const [terms, setTerms] = useState(emptyTerms);
  const [termsErrors, setTermsErrors] = useState<TermsErrors>({});
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const input = (field: keyof typeof form) => ({
    value: form[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(field)(event.currentTarget.value),
  });

  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const sirenError =
    touched && form.kind === 'company' && !/^\d{9}$/.test(form.siren.replace(/\s/g, '')) ? t('creditors.sirenHelp') : null;
  const color = form.primaryColor.trim() || defaultColor;
  const colorError = touched && !/^#[0-9a-fA-F]{6}$/.test(color) ? '#rrggbb' : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    const missing = [form.legalName, form.line1, form.postalCode, form.city, form.displayName, form.mandateRef, form.mandateSigned].some(
      (value) => !value.trim(),
    );
    const sirenOk = form.kind !== 'company' || /^\d{9}$/.test(form.siren.replace(/\s/g, ''));
    const extra = termsToBody(terms, 'create');
    setTermsErrors(extra.errors);
    if (missing || !sirenOk || !/^#[0-9a-fA-F]{6}$/.test(color) || Object.keys(extra.errors).length > 0) return;
    const { brand: brandExtra, ...termsExtra } = extra.body;
    const body: NewCreditor = {
      ...(termsExtra as Partial<NewCreditor>),
      legalName: form.legalName.trim(),
      kind: form.kind,
      siren: form.siren.trim() ? form.siren.replace(/\s/g, '') : null,
      address: {
        line1: form.line1.trim(),
        line2: form.line2.trim() || null,
        postalCode: form.postalCode.trim(),
        city: form.city.trim(),
        country: 'FR',
      },
      brand: { ...brandExtra, displayName: form.displayName.trim(), primaryColor: color.toLowerCase() },
      mandate: { reference: form.mandateRef.trim(), signedOn: form.mandateSigned, validUntil: form.mandateUntil || null },
    };
    mutation.mutate(body, {
      onSuccess: (creditor) => {
        notifications.show({ color: 'teal', message: t('creditors.created') });
        navigate(`/creditors/${creditor.id}`);
      },
    });
  }

  return (
    <>
      <Anchor component={Link} to="/creditors" size="sm">
        ← {t('creditors.title')}
      </Anchor>
      <PageHeader title={t('creditors.new')} />
      <form onSubmit={submit} noValidate data-testid="creditor-form">
        <Stack gap="md" maw={860}>
          <Paper p="lg">
            <Title order={4} mb="md">
              {t('creditors.identity')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('creditors.legalName')}
                required
                {...input('legalName')}
                error={required(form.legalName)}
                data-testid="creditor-legal-name"
              />
              <NativeSelect
                label={t('creditors.kind')}
                {...input('kind')}
                data={[
                  { value: 'company', label: t('creditors.kind.company') },
                  { value: 'private_individual', label: t('creditors.kind.private_individual') },
                ]}
                data-testid="creditor-kind"
              />
              <TextInput
                label={t('creditors.siren')}
                description={t('creditors.sirenHelp')}
                required={form.kind === 'company'}
                inputMode="numeric"
                maxLength={11}
                {...input('siren')}
                error={sirenError}
                data-testid="creditor-siren"
              />
            </SimpleGrid>
          </Paper>

          <Paper p="lg">
            <Title order={4} mb="md">
              {t('creditors.address')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('creditors.line1')} required {...input('line1')} error={required(form.line1)} data-testid="creditor-line1" />
              <TextInput label={t('creditors.line2')} {...input('line2')} data-testid="creditor-line2" />
              <TextInput
                label={t('creditors.postalCode')}
                required
                {...input('postalCode')}
                error={required(form.postalCode)}
                data-testid="creditor-postal-code"
              />
              <TextInput label={t('creditors.city')} required {...input('city')} error={required(form.city)} data-testid="creditor-city" />
            </SimpleGrid>
          </Paper>

          <Paper p="lg">
            <Title order={4} mb="md">
              {t('creditors.brand')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('creditors.displayName')}
                required
                {...input('displayName')}
                error={required(form.displayName)}
                data-testid="creditor-display-name"
              />
              <ColorInput
                label={t('creditors.primaryColor')}
                format="hex"
                value={form.primaryColor}
                onChange={set('primaryColor')}
                placeholder={defaultColor}
                swatches={['#1c4e80', '#0b7285', '#2b8a3e', '#e8590c', '#c92a2a', '#5f3dc4', '#212529']}
                error={colorError}
                data-testid="creditor-color"
              />
            </SimpleGrid>
          </Paper>

          <Paper p="lg">
            <Title order={4} mb="md">
              {t('creditors.mandate')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('creditors.mandateRef')}
                required
                {...input('mandateRef')}
                error={required(form.mandateRef)}
                data-testid="creditor-mandate-ref"
              />
              <TextInput
                type="date"
                label={t('creditors.mandateSigned')}
                required
                {...input('mandateSigned')}
                error={required(form.mandateSigned)}
                data-testid="creditor-mandate-signed"
              />
              <TextInput
                type="date"
                label={t('creditors.mandateUntil')}
                {...input('mandateUntil')}
                data-testid="creditor-mandate-until"
              />
            </SimpleGrid>
          </Paper>

          <Stack gap={4}>
            <Title order={4}>{t('creditors.terms.optional')}</Title>
            <Text size="sm" c="dimmed">
              {t('creditors.terms.optionalHelp')}
            </Text>
          </Stack>
          <CreditorTermsFields form={terms} onChange={setTerms} errors={termsErrors} prefix="creditor" />

          {mutation.isError && <ErrorState error={mutation.error} />}
          <Group justify="flex-end">
            <Button component={Link} to="/creditors" variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="creditor-submit">
              {t('creditors.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
