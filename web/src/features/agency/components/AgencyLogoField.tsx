import { Box, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useRemoveAgencyLogo, useUploadAgencyLogo } from '../api/brand.ts';
import { agencyMessages } from '../messages.ts';

/** The agency's logo: the stored one (its URL changes with its content), a file to upload, a removal. */
export function AgencyLogoField({ logoUrl, name, canEdit }: { logoUrl: string | null; name: string; canEdit: boolean }) {
  const t = useT(agencyMessages);
  const upload = useUploadAgencyLogo();
  const remove = useRemoveAgencyLogo();
  const pending = upload.isPending || remove.isPending;
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Center w={200} h={100} bg="gray.0" style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)' }}>
        {pending ? (
          <Loader size="sm" />
        ) : logoUrl ? (
          <img src={logoUrl} alt={name} style={{ maxWidth: 180, maxHeight: 80, objectFit: 'contain' }} data-testid="agency-logo-preview" />
        ) : (
          <Text size="sm" c="dimmed" ta="center" px="xs">
            {t('brand.noLogo')}
          </Text>
        )}
      </Center>
      <Stack gap={6} style={{ flex: 1, minWidth: 240 }}>
        <Text size="sm" fw={500}>
          {t('brand.logo')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('brand.logoHelp')}
        </Text>
        {canEdit && (
          <Box>
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp,image/svg+xml,.png,.jpg,.jpeg,.webp,.svg"
              aria-label={t('brand.logo')}
              disabled={pending}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) upload.mutate(file, { onSuccess: () => notifications.show({ color: 'teal', message: t('brand.logoSaved') }) });
              }}
              data-testid="agency-logo-input"
            />
          </Box>
        )}
        {canEdit && logoUrl && (
          <Group>
            <Button variant="subtle" color="red" size="compact-sm" onClick={() => remove.mutate()} disabled={pending} data-testid="agency-logo-remove">
              {t('brand.removeLogo')}
            </Button>
          </Group>
        )}
        {upload.isError && <ErrorState error={upload.error} />}
        {remove.isError && <ErrorState error={remove.error} />}
      </Stack>
    </Group>
  );
}
