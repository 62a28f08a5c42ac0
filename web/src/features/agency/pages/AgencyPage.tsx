import { Alert, Badge, Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AgencyResponse } from '@relance/contracts/agency';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { agencyOptions, useUpdateAgency } from '../api/agency.ts';
import { AgencyIdentityCard, AgencyRecordsCard } from '../components/AgencyProfileFields.tsx';
import { AgencyStatusAlert } from '../components/AgencyStatusAlert.tsx';
import { type AgencyForm, agencyFormFrom, agencyFormToBody, agencySirenOk, isAgencyFormValid } from '../components/agency-form.ts';
import { BrandCard } from '../components/BrandCard.tsx';
import { ContactSettingsCard } from '../components/ContactSettingsCard.tsx';
import { LegalSettingsCard } from '../components/LegalSettingsCard.tsx';
import { SecuritySettingsCard } from '../components/SecuritySettingsCard.tsx';
import { agencyMessages } from '../messages.ts';

export function AgencyPage() {
  const t = useT(agencyMessages, staffMessages);
  const user = useUser();
  const query = useQuery(agencyOptions());
  const canEdit = user.role === 'admin';
  const profileForm = useAgencyProfileForm(query.data, canEdit);

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { status, profile } = query.data;

  return (
    <>
      <PageHeader
        title={t('agency.title')}
        subtitle={profile ? t('agency.updatedAt', { date: formatDateTime(profile.updatedAt, t.locale) }) : t('agency.noProfile')}
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
      <form onSubmit={profileForm.submit} noValidate data-testid="agency-form">
        <Stack gap="md" maw={900}>
          <AgencyIdentityCard {...profileForm.fields} />
          <AgencyRecordsCard input={profileForm.fields.input} />
          {profileForm.mutation.isError && <ErrorState error={profileForm.mutation.error} />}
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={profileForm.mutation.isPending} data-testid="agency-submit">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      <BrandCard profile={profile} canEdit={canEdit} />
      <ContactSettingsCard canEdit={user.role === 'admin' || user.role === 'manager'} />
      <LegalSettingsCard canEdit={user.role === 'admin' || user.role === 'manager'} />
      {user.role === 'admin' && <SecuritySettingsCard />}
    </>
  );
}

/** The profile's form state, filled from the stored profile, and its save. */
function useAgencyProfileForm(stored: AgencyResponse | undefined, canEdit: boolean) {
  const t = useT(agencyMessages, staffMessages);
  const mutation = useUpdateAgency();
  const [form, setForm] = useState<AgencyForm>(() => agencyFormFrom(null));
  const [touched, setTouched] = useState(false);

  // Fill the form once the profile arrives (and again after a save returns the stored values).
  useEffect(() => {
    if (stored) setForm(agencyFormFrom(stored.profile));
  }, [stored]);

  const input = (field: keyof AgencyForm) => ({
    value: form[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setForm((current) => ({ ...current, [field]: value }));
    },
    readOnly: !canEdit,
  });
  const required = (value: string) => (touched && !value.trim() ? t('common.required') : null);
  const sirenError = touched && !agencySirenOk(form) ? t('creditors.sirenHelp') : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!isAgencyFormValid(form)) return;
    mutation.mutate(agencyFormToBody(form), {
      onSuccess: () => {
        setTouched(false);
        notifications.show({ color: 'teal', message: t('agency.saved') });
      },
    });
  }

  return { fields: { form, input, required, sirenError }, submit, mutation };
}
