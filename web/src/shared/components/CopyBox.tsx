import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useT } from '../i18n.ts';

/** A value to copy (a secret shown once, a link to hand over), with a copy button. */
export function CopyBox({ value, testId }: { value: string; testId?: string }) {
  const t = useT();
  return (
    <Group gap="xs" wrap="nowrap" align="stretch">
      <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy} style={{ alignSelf: 'center' }}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
