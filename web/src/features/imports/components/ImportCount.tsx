import { Paper, Text } from '@mantine/core';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { importsMessages } from '../messages.ts';

/** One count of an import (rows, created, rejected...) on a grey tile. */
export function ImportCount({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  const t = useT(importsMessages);
  return (
    <Paper p="sm" bg="gray.0" withBorder={false}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatNumber(value, t.locale)}
      </Text>
    </Paper>
  );
}
