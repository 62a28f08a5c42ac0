import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { DunningRun } from '@relance/contracts/dunning';
import { useQuery } from '@tanstack/react-query';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatNumber, type MessageKey, useT } from '../../../shared/i18n.ts';
import { runsOptions } from '../api/dunning.ts';
import { dunningMessages } from '../messages.ts';
import { channelGlyph } from './StepForm.tsx';

/** The past runs, newest first: when, who or the schedule, what went out per channel, what was deferred or paused. */
export function RunsPanel() {
  const t = useT(dunningMessages);
  const runs = useQuery(runsOptions());
  return (
    <Paper p="md" withBorder data-testid="dunning-runs">
      <Title order={3} mb="sm">
        {t('dunning.runs')}
      </Title>
      {runs.isPending ? (
        <LoadingState />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <EmptyBlock title={t('dunning.noRuns')} />
      ) : (
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dunning.run.started')}</Table.Th>
              <Table.Th>{t('dunning.run.channels')}</Table.Th>
              <Table.Th ta="right">{t('dunning.run.deferred')}</Table.Th>
              <Table.Th ta="right">{t('dunning.run.paused')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.items.map((run: DunningRun) => (
              <Table.Tr key={run.id}>
                <Table.Td>
                  {formatDateTime(run.startedAt ?? run.requestedAt, t.locale)}
                  <Text size="xs" c="dimmed">
                    {run.trigger === 'manual' ? t('dunning.run.manual', { name: run.startedByName ?? '' }) : t('dunning.run.cron')}
                    {run.status === 'completed' ? '' : ` · ${t(`dunning.run.status.${run.status}` as MessageKey<typeof dunningMessages>)}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {Object.entries(run.byChannel).length === 0 ? (
                    '—'
                  ) : (
                    <Group gap={4}>
                      {Object.entries(run.byChannel).map(([channel, n]) => (
                        <Badge key={channel} variant="light" title={t(`dunning.channel.${channel}` as MessageKey<typeof dunningMessages>)} aria-label={`${t(`dunning.channel.${channel}` as MessageKey<typeof dunningMessages>)} ${n}`}>
                          {channelGlyph[channel as keyof typeof channelGlyph] ?? ''} {formatNumber(n, t.locale)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td ta="right">{run.deferred}</Table.Td>
                <Table.Td ta="right">{run.paused}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
