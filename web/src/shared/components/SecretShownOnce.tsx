import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useT } from '../i18n.ts';
import { staffMessages } from '../staff-messages.ts';
import { CopyBox } from './CopyBox.tsx';

/**
 * A secret the server returns once (an API key, a webhook's signing secret): the warning, the value
 * to copy, how to use it, and "I saved it" to dismiss. Test ids: `<testIdPrefix>-created`,
 * `<testIdPrefix>-secret`, `<testIdPrefix>-secret-done`.
 */
export function SecretShownOnce({
  title,
  warning,
  help,
  secret,
  testIdPrefix,
  onDone,
}: {
  title: string;
  warning: string;
  help: string;
  secret: string;
  testIdPrefix: string;
  onDone: () => void;
}) {
  const t = useT(staffMessages);
  return (
    <Alert color="orange" variant="light" mb="md" title={title} data-testid={`${testIdPrefix}-created`}>
      <Stack gap={6}>
        <Text size="sm">{warning}</Text>
        <CopyBox value={secret} testId={`${testIdPrefix}-secret`} />
        <Text size="xs" c="dimmed">
          {help}
        </Text>
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone} data-testid={`${testIdPrefix}-secret-done`}>
            {t('apiKeys.secretSaved')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
