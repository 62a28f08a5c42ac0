import { Alert, Button, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useT } from '../../../shared/i18n.ts';
import { authMessages } from '../messages.ts';

/** The recovery codes, shown once, to copy and keep; `onDone` when the user says they have kept them. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const s = useT(authMessages);
  const t = useT();
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Text fw={600}>{s('recovery.title')}</Text>
      <Alert color="yellow" variant="light">
        {s('recovery.help')}
      </Alert>
      <SimpleGrid cols={2} spacing={6} verticalSpacing={4} style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
        {codes.map((code) => (
          <Text key={code} size="sm" ta="center" bg="gray.0" py={4} style={{ borderRadius: 4 }} data-testid="recovery-code">
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('common.copied') : s('recovery.copyAll')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone} data-testid="recovery-codes-done">
          {s('recovery.continue')}
        </Button>
      </Group>
    </Stack>
  );
}
