import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { ImportSummary } from '@relance/contracts/imports';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatNumber, type Locale, useT } from '../../../shared/i18n.ts';
import { useCancelImport } from '../api/imports.ts';
import { importsMessages } from '../messages.ts';

function formatDuration(seconds: number, locale: Locale): string {
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest} s`;
  if (minutes < 60) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  return locale === 'fr' ? `${hours} h ${String(minutes % 60).padStart(2, '0')}` : `${hours} h ${minutes % 60} min`;
}

/** Live progress of a running import (the page polls GET /imports/{id} every second). */
export function ImportProgress({ summary }: { summary: ImportSummary }) {
  const t = useT(importsMessages);
  const cancel = useCancelImport(summary.id);
  const { phase, rowsDone, rowsTotal, rowsPerSecond, secondsLeft } = summary.progress;
  const n = (value: number) => formatNumber(value, t.locale);
  const percent = rowsTotal ? Math.min(100, (rowsDone / rowsTotal) * 100) : 0;

  return (
    <Paper p="md" data-testid="import-progress" aria-busy="true">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Stack gap={0}>
          <Title order={4}>{t('imports.running')}</Title>
          <Text size="sm" c="dimmed">
            {summary.fileName} · {t.dyn(`imports.phase.${phase}`, phase)}
          </Text>
        </Stack>
        <Button
          variant="default"
          color="red"
          onClick={() => cancel.mutate()}
          loading={cancel.isPending}
          data-testid="import-cancel"
        >
          {t('imports.cancel')}
        </Button>
      </Group>
      <Progress
        value={rowsTotal ? percent : 100}
        animated={!rowsTotal || phase !== 'done'}
        striped={!rowsTotal}
        size="lg"
        aria-label={t('imports.running')}
        data-testid="import-progress-bar"
      />
      <Group justify="space-between" mt="xs" wrap="wrap" aria-live="polite">
        <Text size="sm" data-testid="import-progress-rows" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {rowsTotal === null
            ? t('imports.progressRowsUnknown', { done: n(rowsDone) })
            : t('imports.progressRows', { done: n(rowsDone), total: n(rowsTotal) })}
        </Text>
        <Group gap="md">
          {rowsPerSecond !== null && (
            <Text size="sm" c="dimmed" data-testid="import-progress-rate">
              {t('imports.rate', { rate: n(rowsPerSecond) })}
            </Text>
          )}
          {secondsLeft !== null && (
            <Text size="sm" c="dimmed" data-testid="import-progress-eta">
              {t('imports.timeLeft', { time: formatDuration(secondsLeft, t.locale) })}
            </Text>
          )}
        </Group>
      </Group>
      {cancel.isError && <ErrorState error={cancel.error} />}
    </Paper>
  );
}
