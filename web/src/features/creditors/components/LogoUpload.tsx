import { Box, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Creditor } from '@relance/contracts/creditors';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUploadLogo } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';

export function LogoUpload({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const mutation = useUploadLogo(creditor.id);
  const [localPreview, setLocalPreview] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => () => {
    if (localPreview) URL.revokeObjectURL(localPreview);
  }, [localPreview]);

  function upload(file: File | undefined) {
    if (!file) return;
    setLocalPreview(URL.createObjectURL(file));
    mutation.mutate(file, {
      onSuccess: () => {
        setVersion(Date.now());
        notifications.show({ color: 'teal', message: t('creditors.logoUploaded') });
      },
      onError: () => setLocalPreview(null),
    });
  }

  // The logo URL may stay the same after a new upload: a version parameter defeats the cache.
  const serverLogo = creditor.brand.logoUrl
    ? `${creditor.brand.logoUrl}${version ? `${creditor.brand.logoUrl.includes('?') ? '&' : '?'}v=${version}` : ''}`
    : null;
  const preview = mutation.isPending ? localPreview : (serverLogo ?? localPreview);

  return (
    <Paper p="md">
      <Title order={4} mb="sm">
        {t('creditors.logo')}
      </Title>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <LogoPreview preview={preview} pending={mutation.isPending} alt={creditor.brand.displayName} />
        <Stack gap={6} style={{ flex: 1, minWidth: 240 }}>
          <Text size="sm" c="dimmed">
            {t('creditors.logoHelp')}
          </Text>
          <Box>
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp,image/svg+xml,.png,.jpg,.jpeg,.webp,.svg"
              aria-label={t('creditors.logo')}
              onChange={(event) => {
                upload(event.currentTarget.files?.[0]);
                event.currentTarget.value = '';
              }}
              disabled={mutation.isPending}
              data-testid="logo-input"
            />
          </Box>
          {mutation.isPending && (
            <Text size="xs" c="dimmed">
              {t('creditors.uploading')}
            </Text>
          )}
          {mutation.isError && <ErrorState error={mutation.error} />}
        </Stack>
      </Group>
    </Paper>
  );
}

/** The logo: the chosen file while it uploads, then the stored one (or a placeholder). */
function LogoPreview({ preview, pending, alt }: { preview: string | null; pending: boolean; alt: string }) {
  const t = useT(creditorsMessages);
  return (
    <Center
      w={200}
      h={100}
      bg="gray.0"
      style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)' }}
    >
      {pending ? (
        <Loader size="sm" />
      ) : preview ? (
        <img
          src={preview}
          alt={alt}
          style={{ maxWidth: 180, maxHeight: 80, objectFit: 'contain' }}
          data-testid="logo-preview"
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('creditors.noLogo')}
        </Text>
      )}
    </Center>
  );
}
