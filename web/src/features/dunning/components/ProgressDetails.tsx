import { Group, Text } from '@mantine/core';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { dunningMessages } from '../messages.ts';

/**
 * Under a progress bar (a run, a preview being computed): the phase, the cases and steps counted so
 * far, and the last error while the worker retries.
 */
export function ProgressDetails({
  phase,
  phaseTestId,
  cases,
  casesTestId,
  stepsDue,
  error,
  size,
}: {
  phase: string;
  phaseTestId: string;
  /** The cases line, when the count is known. */
  cases: string | null;
  casesTestId?: string;
  stepsDue: number | null;
  error: string | null;
  /** The size of the counts. */
  size: 'xs' | 'sm';
}) {
  const t = useT(dunningMessages);
  return (
    <>
      <Group justify="space-between" wrap="wrap" aria-live="polite">
        <Text size="sm" data-testid={phaseTestId}>
          {phase}
        </Text>
        <Group gap="md">
          {cases !== null ? (
            <Text size={size} c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={casesTestId}>
              {cases}
            </Text>
          ) : null}
          {stepsDue !== null ? (
            <Text size={size} c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('dunning.run.stepsDue', { count: formatNumber(stepsDue, t.locale) })}
            </Text>
          ) : null}
        </Group>
      </Group>
      {error ? (
        <Text size="sm" c="orange.9">
          {t('dunning.run.retrying', { error })}
        </Text>
      ) : null}
    </>
  );
}
