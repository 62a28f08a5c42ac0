import { Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import type { TeamBoard } from '@relance/contracts/team';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { DateField } from '../../../shared/components/DateField.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { isBusinessDate, todayInParis } from '../../../shared/dates.ts';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { teamBoardOptions } from '../api/team.ts';
import { FigureCells, FigureHeads } from '../components/FigureCells.tsx';
import { PortfolioTable } from '../components/PortfolioTable.tsx';
import { QueueHealthCard } from '../components/QueueHealthCard.tsx';
import { TeamCharts } from '../components/TeamCharts.tsx';
import { teamMessages } from '../messages.ts';

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function periodOf(preset: string, today: string): { from: string; to: string } {
  if (preset === 'today') return { from: today, to: today };
  if (preset === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  return { from: addDays(today, -6), to: today };
}

/** Per agent over a period (managers and admins): activity, promises, plans, money collected. */
export function TeamPage() {
  const t = useT(staffMessages, teamMessages);
  const today = todayInParis();
  const [searchParams, setSearchParams] = useSearchParams();
  const preset = searchParams.get('period') ?? 'week';
  const fallback = periodOf(preset === 'custom' ? 'week' : preset, today);
  const from = preset === 'custom' && isBusinessDate(searchParams.get('from') ?? '') ? (searchParams.get('from') as string) : fallback.from;
  const to = preset === 'custom' && isBusinessDate(searchParams.get('to') ?? '') ? (searchParams.get('to') as string) : fallback.to;
  const query = useQuery(teamBoardOptions(from, to));

  function setCustom(next: { from?: string; to?: string }) {
    setSearchParams({ period: 'custom', from: next.from ?? from, to: next.to ?? to }, { replace: true });
  }

  return (
    <>
      <PageHeader
        title={t('team.title')}
        subtitle={t('team.subtitle')}
        actions={
          <Group gap="sm" align="flex-end" wrap="wrap" data-testid="team-period">
            <SegmentedControl
              value={preset === 'custom' ? '' : preset}
              onChange={(value) => setSearchParams({ period: value }, { replace: true })}
              data={[
                { value: 'today', label: t('team.period.today') },
                { value: 'week', label: t('team.period.week') },
                { value: 'month', label: t('team.period.month') },
              ]}
            />
            <DateField label={t('team.from')} value={from} max={to} onChange={(e) => setCustom({ from: e.currentTarget.value })} data-testid="team-from" />
            <DateField label={t('team.to')} value={to} min={from} onChange={(e) => setCustom({ to: e.currentTarget.value })} data-testid="team-to" />
          </Group>
        }
      />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Board board={query.data} />
      )}
      <QueueHealthCard />
    </>
  );
}

function Board({ board }: { board: TeamBoard }) {
  const t = useT(staffMessages, teamMessages);
  if (board.agents.length === 0) {
    return (
      <Paper>
        <EmptyBlock title={t('team.empty')} />
      </Paper>
    );
  }
  return (
    <>
      <Paper p={0} style={{ overflow: 'hidden' }} mb="md">
        <Table.ScrollContainer minWidth={900}>
          <Table striped="even" data-testid="team-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.agent')}</Table.Th>
                <FigureHeads />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {board.agents.map((agent) => (
                <Table.Tr key={agent.agentId} data-testid="team-row">
                  <Table.Td>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {agent.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t.dyn(`role.${agent.role}`, agent.role)}
                    </Text>
                  </Table.Td>
                  <FigureCells figures={agent} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr data-testid="team-total" fw={700}>
                <Table.Td>{t('team.total')}</Table.Td>
                <FigureCells figures={board.team} />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <PortfolioTable rows={board.byPortfolio} />
      <TeamCharts board={board} />
    </>
  );
}
