import { Paper, Text } from '@mantine/core';

/** One figure on a card: a small uppercase label, the value in large tabular digits, an optional note under it. */
export function StatCard({
  label,
  value,
  note,
  color,
  highlighted,
  valueSize,
  testId,
}: {
  label: string;
  value: string;
  note?: string | undefined;
  color?: string;
  /** A tinted card, for the figure that matters most. */
  highlighted?: boolean;
  valueSize: number;
  testId?: string;
}) {
  return (
    <Paper p="md" bg={highlighted ? 'var(--mantine-primary-color-light)' : undefined}>
      {/* On the tinted card the grey would be too faint: the text colour there. */}
      <Text size="xs" c={highlighted ? 'var(--mantine-color-text)' : 'dimmed'} tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={valueSize} fw={700} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c={highlighted ? 'var(--mantine-color-text)' : 'dimmed'}>
          {note}
        </Text>
      )}
    </Paper>
  );
}
