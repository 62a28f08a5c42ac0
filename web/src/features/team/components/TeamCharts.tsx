import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import type { TeamBoard } from '@relance/contracts/team';
import { ChartCard } from '../../../shared/components/ChartCard.tsx';
import { formatMoney, formatNumber, formatPercent, useT } from '../../../shared/i18n.ts';
import { teamMessages } from '../messages.ts';
import { anyFigure, planOnScheduleRate, promiseKeptRate } from './team-charts.ts';

// The board's charts, each with its data table. No animation: figures show at once.

/** Collected per agent, promises kept rate per agent, and per portfolio: collected and cases worked. */
export function TeamCharts({ board }: { board: TeamBoard }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
      <CollectedChart board={board} />
      <PromiseRateChart board={board} />
      <PortfolioChart board={board} />
    </SimpleGrid>
  );
}

function CollectedChart({ board }: { board: TeamBoard }) {
  const t = useT(teamMessages);
  const money = (cents: number) => formatMoney(cents, 'EUR', t.locale);
  return (
    <ChartCard
      title={t('team.chart')}
      testId="team-chart"
      empty={!anyFigure(board.agents, (agent) => agent.collectedCents)}
      table={{ head: [t('team.agent'), t('team.collected')], rows: board.agents.map((agent) => [agent.name, money(agent.collectedCents)]) }}
    >
      <BarChart
        barProps={{ isAnimationActive: false }}
        h={260}
        data={board.agents.map((agent) => ({ name: agent.name, collected: agent.collectedCents / 100 }))}
        dataKey="name"
        series={[{ name: 'collected', label: t('team.collected'), color: 'indigo.6' }]}
        valueFormatter={(value) => money(Math.round(value * 100))}
      />
    </ChartCard>
  );
}

function PromiseRateChart({ board }: { board: TeamBoard }) {
  const t = useT(teamMessages);
  const rate = (value: number | null) => (value === null ? '—' : formatPercent(value, t.locale));
  const n = (value: number) => formatNumber(value, t.locale);
  return (
    <ChartCard
      title={t('team.chart.promiseRate')}
      testId="team-promise-rate"
      empty={!anyFigure(board.agents, (agent) => agent.promisesMade)}
      table={{
        head: [t('team.agent'), t('team.promises'), t('team.promiseRate'), t('team.plans'), t('team.planRate')],
        rows: board.agents.map((agent) => [
          agent.name,
          `${n(agent.promisesKept)} / ${n(agent.promisesMade)}`,
          rate(promiseKeptRate(agent)),
          `${n(agent.plansKept)} / ${n(agent.plansAgreed)}`,
          rate(planOnScheduleRate(agent)),
        ]),
      }}
    >
      <BarChart
        barProps={{ isAnimationActive: false }}
        h={260}
        data={board.agents.map((agent) => ({ name: agent.name, promises: promiseKeptRate(agent), plans: planOnScheduleRate(agent) }))}
        dataKey="name"
        series={[
          { name: 'promises', label: t('team.promiseRate'), color: 'teal.6' },
          { name: 'plans', label: t('team.planRate'), color: 'orange.6' },
        ]}
        yAxisProps={{ domain: [0, 1] }}
        valueFormatter={(value) => formatPercent(value, t.locale)}
        withLegend
      />
    </ChartCard>
  );
}

function PortfolioChart({ board }: { board: TeamBoard }) {
  const t = useT(teamMessages);
  const money = (cents: number) => formatMoney(cents, 'EUR', t.locale);
  const nameOf = (row: TeamBoard['byPortfolio'][number]) => row.name ?? t('team.noPortfolio');
  return (
    <ChartCard
      title={t('team.chart.portfolios')}
      testId="team-portfolio-chart"
      empty={!anyFigure(board.byPortfolio, (row) => row.collectedCents + row.casesWorked)}
      table={{
        head: [t('team.portfolio'), t('team.casesWorked'), t('team.collected')],
        rows: board.byPortfolio.map((row) => [nameOf(row), formatNumber(row.casesWorked, t.locale), money(row.collectedCents)]),
      }}
    >
      <BarChart
        barProps={{ isAnimationActive: false }}
        h={260}
        data={board.byPortfolio.map((row) => ({ name: nameOf(row), collected: row.collectedCents / 100 }))}
        dataKey="name"
        series={[{ name: 'collected', label: t('team.collected'), color: 'grape.6' }]}
        valueFormatter={(value) => money(Math.round(value * 100))}
      />
    </ChartCard>
  );
}
