import { Alert, Button, ColorInput, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AgencyProfile } from '@relance/contracts/agency';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useSaveBrand } from '../api/brand.ts';
import { agencyMessages } from '../messages.ts';
import { AgencyLogoField } from './AgencyLogoField.tsx';
import { type BrandForm, brandColourOk, brandFormFrom, brandFormToBody, darkenedColourOf } from './brand-form.ts';

/**
 * The agency's brand (issue 19): display name, colour, "propulsé par" line, logo. Administrators
 * edit it; the others read it. Needs a saved profile (the brand is part of it).
 */
export function BrandCard({ profile, canEdit }: { profile: AgencyProfile | null; canEdit: boolean }) {
  const t = useT(agencyMessages);
  return (
    <Paper p="lg" maw={900} mt="md" data-testid="agency-brand">
      <Title order={4}>{t('brand.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('brand.help')}
      </Text>
      {profile ? (
        <Stack gap="md">
          <BrandFields profile={profile} canEdit={canEdit} />
          <AgencyLogoField logoUrl={profile.brand.logoUrl} name={profile.brand.displayName ?? profile.name} canEdit={canEdit} />
        </Stack>
      ) : (
        <Alert color="gray" variant="light">
          {t('brand.needsProfile')}
        </Alert>
      )}
    </Paper>
  );
}

function BrandFields({ profile, canEdit }: { profile: AgencyProfile; canEdit: boolean }) {
  const t = useT(agencyMessages);
  const mutation = useSaveBrand();
  const [form, setForm] = useState<BrandForm>(() => brandFormFrom(profile));
  useEffect(() => setForm(brandFormFrom(profile)), [profile]);
  const colourError = brandColourOk(form) ? null : t('brand.colourInvalid');
  const darkened = darkenedColourOf(form);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (colourError) return;
    mutation.mutate(brandFormToBody(profile, form), { onSuccess: () => notifications.show({ color: 'teal', message: t('brand.saved') }) });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="brand-form">
      <Stack gap="sm">
        <TextInput
          label={t('brand.displayName')}
          description={t('brand.displayNameHelp', { name: profile.name })}
          value={form.displayName}
          onChange={(event) => setForm({ ...form, displayName: event.currentTarget.value })}
          readOnly={!canEdit}
          maxLength={120}
          data-testid="brand-display-name"
        />
        <ColorInput
          label={t('brand.colour')}
          description={darkened ? t('brand.colourDarkened', { colour: darkened }) : t('brand.colourHelp')}
          format="hex"
          value={form.primaryColor}
          onChange={(value) => setForm({ ...form, primaryColor: value })}
          error={colourError}
          readOnly={!canEdit}
          disallowInput={!canEdit}
          withPicker={canEdit}
          data-testid="brand-colour"
        />
        <Switch
          label={t('brand.poweredBy')}
          checked={form.poweredByVisible}
          onChange={(event) => setForm({ ...form, poweredByVisible: event.currentTarget.checked })}
          disabled={!canEdit}
          data-testid="brand-powered-by"
        />
        {mutation.isError && <ErrorState error={mutation.error} />}
        {canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="brand-submit">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
