import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatMoney, formatNumber, useT } from '../../../shared/i18n.ts';
import { queueHealthOptions } from '../api/team.ts';
import { teamMessages } from '../messages.ts';

/** Queue health: open cases by days since the agency last acted on them, and stale cases per creditor. */
export function QueueHealthCard() {
  const t = useT(teamMessages);
  const query = useQuery(queueHealthOptions());
  const n = (value: number) => formatNumber(value, t.locale);
  return (
    <Paper p="md" mt="md" data-testid="queue-health">
      <Group justify="space-between" mb={4}>
        <Title order={4}>{t('team.health.title')}</Title>
        {query.data && <Badge variant="light">{t('team.health.open', { count: n(query.data.openCases) })}</Badge>}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('team.health.help')}
      </Text>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <BarChart
            // No animation: figures show at once (and screenshots are complete).
            barProps={{ isAnimationActive: false }}
            h={220}
            mb="md"
            data={query.data.bands.map((band) => ({
              band: band.band === 'never' ? t('team.health.never') : t('team.health.days', { band: band.band }),
              cases: band.cases,
            }))}
            dataKey="band"
            series={[{ name: 'cases', label: t('team.health.cases'), color: 'orange.6' }]}
            valueFormatter={(value) => n(value)}
            data-testid="queue-health-chart"
          />
          <QueryTable
            query={query}
            items={(data) => data.byCreditor}
            empty={null}
            headers={[t('team.health.creditor'), { label: t('team.health.openCases'), numeric: true }, { label: t('team.health.stale'), numeric: true }]}
            testId="queue-health-creditors"
          >
            {(rows) =>
              rows.map((row) => (
                <Table.Tr key={row.creditorId} data-testid="queue-health-row">
                  <Table.Td>{row.name}</Table.Td>
                  <Table.Td className="num">{n(row.openCases)}</Table.Td>
                  <Table.Td className="num">
                    <Text span size="sm" c={row.staleCases > 0 ? 'orange.8' : undefined} fw={row.staleCases > 0 ? 600 : undefined}>
                      {n(row.staleCases)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))
            }
          </QueryTable>
          <Text size="xs" c="dimmed" mt="xs">
            {t('team.health.balance', {
              amount: formatMoney(
                query.data.bands.filter((band) => band.band === '31-60' || band.band === '61+' || band.band === 'never').reduce((total, band) => total + band.balanceCents, 0),
                'EUR',
                t.locale,
              ),
            })}
          </Text>
        </>
      )}
    </Paper>
  );
}
