import { Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { creditorKpisOptions } from '../api/reports.ts';
import { reportsMessages } from '../messages.ts';
import { AgeingChart, CohortChart, CollectedChart, FunnelChart } from './KpiCharts.tsx';
import { KpiExportButtons } from './KpiExportButtons.tsx';
import { KpiFigures } from './KpiFigures.tsx';
import { type KpiPeriod, periodFromParams, periodParams, todayInParis } from './kpi-period.ts';
import { PeriodPicker } from './PeriodPicker.tsx';

/** The KPIs of a period (kept in the URL) for a creditor: figures against targets, then the charts. */
export function KpiSection({ creditorId }: { creditorId: string }) {
  const t = useT(reportsMessages);
  const [params, setParams] = useSearchParams();
  const today = todayInParis();
  const period = periodFromParams(params, today);
  const query = useQuery(creditorKpisOptions(creditorId, period.from, period.to));
  const choose = (next: KpiPeriod) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const [name, value] of Object.entries(periodParams(next))) updated.set(name, value);
        return updated;
      },
      { replace: true },
    );
  return (
    <Stack gap="md" data-testid="kpis">
      <Group justify="space-between" align="end" wrap="wrap">
        <div>
          <Title order={3}>{t('kpis.title')}</Title>
          {query.data && (
            <Text size="sm" c="dimmed" data-testid="kpi-range">
              {t('kpis.range', { from: formatDate(query.data.from, t.locale), to: formatDate(query.data.to, t.locale), asOf: formatDate(query.data.asOf, t.locale) })}
            </Text>
          )}
          {/* The figures may come from a replica a little behind the primary: say up to when they are complete. */}
          {query.data?.dataAsOf && (
            <Text size="xs" c="dimmed" data-testid="kpi-data-as-of">
              {t('kpis.dataAsOf', { at: formatDateTime(query.data.dataAsOf, t.locale) })}
            </Text>
          )}
        </div>
        <Group gap="md" align="end" wrap="wrap">
          <PeriodPicker period={period} today={today} onChange={choose} />
          <KpiExportButtons creditorId={creditorId} from={period.from} to={period.to} />
        </Group>
      </Group>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <KpiFigures kpis={query.data} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <CohortChart kpis={query.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <CollectedChart kpis={query.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <AgeingChart kpis={query.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <FunnelChart kpis={query.data} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
