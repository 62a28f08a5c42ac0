import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AgencyProfile, UpdateAgencyBody } from '@relance/contracts/agency';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { agencyOptions, useUpdateAgency } from '../api/agency.ts';
import { AgencyStatusAlert } from '../components/AgencyStatusAlert.tsx';
import { ContactSettingsCard } from '../components/ContactSettingsCard.tsx';
import { SecuritySettingsCard } from '../components/SecuritySettingsCard.tsx';
import { agencyMessages } from '../messages.ts';

type FormState = Record<
  | 'name'
  | 'legalForm'
  | 'siren'
  | 'line1'
  | 'line2'
  | 'postalCode'
  | 'city'
  | 'insurer'
  | 'policyNumber'
  | 'expiresOn'
  | 'iban'
  | 'bic'
  | 'procureurDeclaredOn',
  string
>;

function toForm(profile: AgencyProfile | null): FormState {
  return {
    name: profile?.name ?? '',
    legalForm: profile?.legalForm ?? '',
    siren: profile?.siren ?? '',
    line1: profile?.address.line1 ?? '',
    line2: profile?.address.line2 ?? '',
    postalCode: profile?.address.postalCode ?? '',
    city: profile?.address.city ?? '',
    insurer: profile?.insurance.insurer ?? '',
    policyNumber: profile?.insurance.policyNumber ?? '',
    expiresOn: profile?.insurance.expiresOn ?? '',
    iban: profile?.clientFundsAccount.iban ?? '',
    bic: profile?.clientFundsAccount.bic ?? '',
    procureurDeclaredOn: profile?.procureurDeclaredOn ?? '',
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export function AgencyPage() {
  const t = useT(agencyMessages, staffMessages);
  const user = useUser();
  const query = useQuery(agencyOptions());
  const mutation = useUpdateAgency();
  const canEdit = user.role === 'admin';
  const [form, setForm] = useState<FormState>(() => toForm(null));
  const [touched, setTouched] = useState(false);
  const profile = query.data?.profile ?? null;

  // Fill the form once the profile arrives (and again after a save returns the stored values).
  useEffect(() => {
    if (query.data) setForm(toForm(query.data.profile));
  }, [query.data]);

  const input = (field: keyof FormState) => ({
    value: form[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setForm((current) => ({ ...current, [field]: value }));
    },
    readOnly: !canEdit,
  });
  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const sirenOk = /^\d{9}$/.test(form.siren.replace(/\s/g, ''));

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if ([form.name, form.line1, form.postalCode, form.city].some((value) => !value.trim()) || !sirenOk) return;
    const body: UpdateAgencyBody = {
      name: form.name.trim(),
      legalForm: orNull(form.legalForm),
      siren: form.siren.replace(/\s/g, ''),
      address: {
        line1: form.line1.trim(),
        line2: orNull(form.line2),
        postalCode: form.postalCode.trim(),
        city: form.city.trim(),
        country: 'FR',
      },
      insurance: { insurer: orNull(form.insurer), policyNumber: orNull(form.policyNumber), expiresOn: form.expiresOn || null },
      clientFundsAccount: { iban: orNull(form.iban.replace(/\s/g, '')), bic: orNull(form.bic.toUpperCase()) },
      procureurDeclaredOn: form.procureurDeclaredOn || null,
    };
    mutation.mutate(body, {
      onSuccess: () => {
        setTouched(false);
        notifications.show({ color: 'teal', message: t('agency.saved') });
      },
    });
  }

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { status } = query.data;

  return (
    <>
      <PageHeader
        title={t('agency.title')}
        subtitle={
          profile ? t('agency.updatedAt', { date: formatDateTime(profile.updatedAt, t.locale) }) : t('agency.noProfile')
        }
        actions={
          <Badge size="lg" variant="light" color={status.compliant ? (status.expiringSoon ? 'yellow' : 'teal') : 'red'}>
            {status.compliant ? t('agency.compliant') : t('agency.notCompliant')} · {formatDate(status.asOf, t.locale)}
          </Badge>
        }
      />
      <AgencyStatusAlert linkToProfile={false} />
      {!canEdit && (
        <Alert color="gray" variant="light" mb="md">
          {t('agency.readOnly')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate data-testid="agency-form">
        <Stack gap="md" maw={900}>
          <Paper p="lg">
            <Title order={4} mb="md">
              {t('agency.identity')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('agency.name')} required {...input('name')} error={required(form.name)} data-testid="agency-name" />
              <TextInput label={t('agency.legalForm')} placeholder="SAS" {...input('legalForm')} data-testid="agency-legal-form" />
              <TextInput
                label={t('creditors.siren')}
                description={t('creditors.sirenHelp')}
                required
                inputMode="numeric"
                maxLength={11}
                {...input('siren')}
                error={touched && !sirenOk ? t('creditors.sirenHelp') : null}
                data-testid="agency-siren"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
              <TextInput label={t('creditors.line1')} required {...input('line1')} error={required(form.line1)} data-testid="agency-line1" />
              <TextInput label={t('creditors.line2')} {...input('line2')} data-testid="agency-line2" />
              <TextInput
                label={t('creditors.postalCode')}
                required
                {...input('postalCode')}
                error={required(form.postalCode)}
                data-testid="agency-postal-code"
              />
              <TextInput label={t('creditors.city')} required {...input('city')} error={required(form.city)} data-testid="agency-city" />
            </SimpleGrid>
          </Paper>

          <Paper p="lg">
            <Title order={4}>{t('agency.records')}</Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('agency.recordsHelp')}
            </Text>
            <Text fw={600} size="sm" mb={6}>
              {t('agency.insurance')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('agency.insurer')} {...input('insurer')} data-testid="agency-insurer" />
              <TextInput label={t('agency.policyNumber')} {...input('policyNumber')} data-testid="agency-policy-number" />
              <TextInput type="date" label={t('agency.expiresOn')} {...input('expiresOn')} data-testid="agency-insurance-expires" />
            </SimpleGrid>
            <Text fw={600} size="sm" mt="md" mb={6}>
              {t('agency.clientFunds')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="IBAN"
                placeholder="FR76 …"
                {...input('iban')}
                style={{ gridColumn: 'span 2' }}
                data-testid="agency-iban"
              />
              <TextInput label="BIC" maxLength={11} {...input('bic')} data-testid="agency-bic" />
            </SimpleGrid>
            <Text fw={600} size="sm" mt="md" mb={6}>
              {t('agency.procureur')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                type="date"
                label={t('agency.procureurDeclaredOn')}
                {...input('procureurDeclaredOn')}
                data-testid="agency-procureur-date"
              />
            </SimpleGrid>
          </Paper>

          {mutation.isError && <ErrorState error={mutation.error} />}
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={mutation.isPending} data-testid="agency-submit">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      <ContactSettingsCard canEdit={user.role === 'admin' || user.role === 'manager'} />
      {user.role === 'admin' && <SecuritySettingsCard />}
    </>
  );
}
