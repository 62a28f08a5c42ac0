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
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={valueSize} fw={700} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}
