import '@mantine/charts/styles.css';
import { BarChart, BarsList } from '@mantine/charts';
import { Grid, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { CreditorDashboard } from '@relance/contracts/reports';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { StatCard } from '../../../shared/components/StatCard.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatMoney, formatMonth, formatNumber, formatPercent, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { creditorDashboardOptions } from '../api/reports.ts';
import { KpiSection } from '../components/KpiSection.tsx';
import { MonthlyReportCard } from '../components/MonthlyReportCard.tsx';
import { reportsMessages } from '../messages.ts';

const statusColors: Record<string, string> = {
  new: 'blue.2',
  amicable: 'indigo.2',
  promise: 'teal.2',
  payment_plan: 'cyan.2',
  disputed: 'orange.2',
  legal: 'grape.2',
  bailiff: 'red.2',
  closed: 'gray.2',
};

export function DashboardPage() {
  const t = useT(reportsMessages, staffMessages);
  const user = useUser();
  const isStaff = user.role !== 'creditor';
  const [searchParams, setSearchParams] = useSearchParams();
  // Staff land on every creditor at once (the KPIs of the whole portfolio); choosing one adds its detailed figures.
  const creditorId = isStaff ? (searchParams.get('creditorId') ?? '') : '';
  const allCreditors = isStaff && !creditorId;
  const query = useQuery({ ...creditorDashboardOptions(creditorId), enabled: !allCreditors });
  const choose = (value: string) =>
    setSearchParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (value) updated.set('creditorId', value);
        else updated.delete('creditorId');
        return updated;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={query.data && !allCreditors ? `${t('dashboard.title')} · ${query.data.creditorName}` : t('dashboard.title')}
        actions={isStaff ? <CreditorSelect value={creditorId} onChange={choose} allowAll testId="dashboard-creditor" /> : null}
      />
      {allCreditors ? (
        <Stack gap="xl">
          <Text size="sm" c="dimmed" data-testid="dashboard-all-creditors">
            {t('dashboard.allCreditors')}
          </Text>
          <KpiSection creditorId="" />
        </Stack>
      ) : query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="xl">
          <DashboardView dashboard={query.data} />
          <KpiSection creditorId={creditorId} />
          <MonthlyReportCard creditorId={creditorId} />
        </Stack>
      )}
    </>
  );
}

function DashboardView({ dashboard }: { dashboard: CreditorDashboard }) {
  return (
    <Stack gap="md" data-testid="dashboard">
      <DashboardFigures dashboard={dashboard} />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <MonthlyChart dashboard={dashboard} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <StatusBars dashboard={dashboard} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function DashboardFigures({ dashboard }: { dashboard: CreditorDashboard }) {
  const t = useT(reportsMessages, staffMessages);
  const money = (cents: number) => formatMoney(cents, dashboard.currency, t.locale);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <StatCard
        label={t('dashboard.casesPlaced')}
        value={formatNumber(dashboard.casesPlaced, t.locale)}
        note={t('dashboard.casesOpen', { count: formatNumber(dashboard.casesOpen, t.locale) })}
        valueSize={26}
        testId="dashboard-cases"
      />
      <StatCard label={t('dashboard.amountPlaced')} value={money(dashboard.amountPlacedCents)} valueSize={26} testId="dashboard-placed" />
      <StatCard
        label={t('dashboard.amountCollected')}
        value={money(dashboard.amountCollectedCents)}
        valueSize={26}
        testId="dashboard-collected"
        color="teal.7"
      />
      <StatCard label={t('dashboard.recoveryRate')} value={formatPercent(dashboard.recoveryRate, t.locale)} valueSize={26} testId="dashboard-rate" />
    </SimpleGrid>
  );
}

/** Placed and collected amounts per month. */
function MonthlyChart({ dashboard }: { dashboard: CreditorDashboard }) {
  const t = useT(reportsMessages, staffMessages);
  const euros = (value: number) =>
    new Intl.NumberFormat(t.locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency: dashboard.currency,
      maximumFractionDigits: 0,
    }).format(value);
  const monthly = dashboard.byMonth.map((row) => ({
    month: formatMonth(row.month, t.locale),
    placed: row.placedCents / 100,
    collected: row.collectedCents / 100,
  }));
  return (
    <Paper p="md" h="100%">
      <Title order={4} mb="md">
        {t('dashboard.byMonth')}
      </Title>
      {monthly.length === 0 ? (
        <EmptyBlock title={t('dashboard.noData')} />
      ) : (
        <BarChart
          h={300}
          data={monthly}
          dataKey="month"
          series={[
            { name: 'placed', label: t('dashboard.placed'), color: 'indigo.5' },
            { name: 'collected', label: t('dashboard.collected'), color: 'teal.5' },
          ]}
          valueFormatter={euros}
          // No animation: figures show at once, and printed reports (headless Chromium) are complete.
          barProps={{ isAnimationActive: false }}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          tickLine="y"
          gridAxis="y"
          yAxisProps={{ width: 90 }}
          data-testid="dashboard-chart"
        />
      )}
    </Paper>
  );
}

/** Open cases by status. */
function StatusBars({ dashboard }: { dashboard: CreditorDashboard }) {
  const t = useT(reportsMessages, staffMessages);
  const statuses = dashboard.byStatus
    .filter((row) => row.cases > 0)
    .map((row) => ({
      name: t.dyn(`status.${row.status}`, row.status),
      value: row.cases,
      color: statusColors[row.status] ?? 'gray.2',
    }));

  return (
    <Paper p="md" h="100%">
      <Title order={4} mb="md">
        {t('dashboard.byStatus')}
      </Title>
      {statuses.length === 0 ? (
        <EmptyBlock title={t('dashboard.noData')} />
      ) : (
        <BarsList data={statuses} barTextColor="dark.7" valueFormatter={(value) => formatNumber(value, t.locale)} data-testid="dashboard-statuses" />
      )}
    </Paper>
  );
}
