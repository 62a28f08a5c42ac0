import { Button, Checkbox, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useCreatePortalLink } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';

export function PortalLinkCard({ caseId }: { caseId: string }) {
  const t = useT(casesMessages);
  const mutation = useCreatePortalLink(caseId);
  const link = mutation.data;
  const [keepPrevious, setKeepPrevious] = useState(false);
  return (
    <Paper p="md">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={4}>{t('case.portalLink')}</Title>
          <Text size="xs" c="dimmed">
            {t('case.portalLinkHelp')}
          </Text>
        </Stack>
        {link && (
          <Stack gap={4}>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                readOnly
                value={link.url}
                onFocus={(event) => event.currentTarget.select()}
                style={{ flex: 1 }}
                aria-label={t('case.portalLink')}
                data-testid="portal-link-url"
              />
              <CopyButton value={link.url}>
                {({ copied, copy }) => (
                  <Button variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : undefined} onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t('case.portalLinkExpires', { date: formatDateTime(link.expiresAt, t.locale) })}
            </Text>
          </Stack>
        )}
        {mutation.isError && <ErrorState error={mutation.error} />}
        <Checkbox
          size="xs"
          label={t('case.portalLinkKeepPrevious')}
          checked={keepPrevious}
          onChange={(event) => setKeepPrevious(event.currentTarget.checked)}
          data-testid="portal-link-keep-previous"
        />
        <Button
          variant="light"
          onClick={() => mutation.mutate({ keepPrevious })}
          loading={mutation.isPending}
          data-testid="portal-link-generate"
        >
          {t('case.portalLinkGenerate')}
        </Button>
      </Stack>
    </Paper>
  );
}
