import { BarChart, BarsList, LineChart } from '@mantine/charts';
import type { CreditorKpis } from '@relance/contracts/reports';
import { ChartCard } from '../../../shared/components/ChartCard.tsx';
import { formatMoney, formatMonth, formatNumber, formatPercent, useT } from '../../../shared/i18n.ts';
import { reportsMessages } from '../messages.ts';

// The dashboard's charts, each with its data table. No animation: figures show at once, and a
// printed report (headless Chromium) is complete.

const palette = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'red.6', 'lime.7', 'pink.6', 'blue.6', 'yellow.7', 'violet.6', 'green.7'];

function useEuros(currency: string) {
  const t = useT(reportsMessages);
  return (value: number) =>
    new Intl.NumberFormat(t.locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

/** Cumulative share collected by months since placement, one line per placement month. */
export function CohortChart({ kpis }: { kpis: CreditorKpis }) {
  const t = useT(reportsMessages);
  const longest = Math.max(0, ...kpis.cohorts.map((cohort) => cohort.points.length));
  const data = Array.from({ length: longest }, (_, monthsSince) => ({
    offset: t('kpis.monthOffset', { months: monthsSince }),
    ...Object.fromEntries(kpis.cohorts.map((cohort) => [cohort.month, cohort.points[monthsSince]?.rate ?? null])),
  }));
  const rows = kpis.cohorts.flatMap((cohort) =>
    cohort.points.map((point) => [formatMonth(cohort.month, t.locale), t('kpis.monthOffset', { months: point.monthsSince }), formatMoney(point.collectedCents, kpis.currency, t.locale), point.rate === null ? '—' : formatPercent(point.rate, t.locale)]),
  );
  return (
    <ChartCard
      title={t('kpis.cohorts')}
      testId="kpi-cohorts"
      empty={kpis.cohorts.length === 0}
      table={{ head: [t('kpis.cohortMonth'), t('kpis.monthsSince'), t('kpis.collected'), '%'], rows }}
    >
      <LineChart
        h={280}
        data={data}
        dataKey="offset"
        series={kpis.cohorts.map((cohort, index) => ({ name: cohort.month, label: formatMonth(cohort.month, t.locale), color: palette[index % palette.length] ?? 'gray.6' }))}
        valueFormatter={(value) => formatPercent(value, t.locale)}
        yAxisProps={{ domain: [0, 1], width: 60 }}
        lineProps={{ isAnimationActive: false }}
        connectNulls={false}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
      />
    </ChartCard>
  );
}

/** The open balance by days past due. */
export function AgeingChart({ kpis }: { kpis: CreditorKpis }) {
  const t = useT(reportsMessages);
  const euros = useEuros(kpis.currency);
  const data = kpis.ageing.map((row) => ({ bucket: t.dyn(`bucket.${row.bucket}`, row.bucket), amount: row.openCents / 100 }));
  return (
    <ChartCard
      title={t('kpis.ageing')}
      testId="kpi-ageing"
      empty={kpis.ageing.every((row) => row.cases === 0)}
      table={{
        head: [t('kpis.bucket'), t('kpis.cases'), t('kpis.openBalance')],
        rows: kpis.ageing.map((row) => [t.dyn(`bucket.${row.bucket}`, row.bucket), formatNumber(row.cases, t.locale), formatMoney(row.openCents, kpis.currency, t.locale)]),
      }}
    >
      <BarChart
        h={260}
        data={data}
        dataKey="bucket"
        series={[{ name: 'amount', label: t('kpis.openBalance'), color: 'orange.6' }]}
        valueFormatter={euros}
        barProps={{ isAnimationActive: false }}
        yAxisProps={{ width: 90 }}
      />
    </ChartCard>
  );
}

/** Where the period's cases stand, stage by stage. */
export function FunnelChart({ kpis }: { kpis: CreditorKpis }) {
  const t = useT(reportsMessages);
  const rows = kpis.funnel.map((row) => ({ name: t.dyn(`stage.${row.stage}`, row.stage), value: row.cases }));
  return (
    <ChartCard
      title={t('kpis.funnel')}
      testId="kpi-funnel"
      empty={kpis.funnel.every((row) => row.cases === 0)}
      table={{ head: [t('kpis.stage'), t('kpis.cases')], rows: rows.map((row) => [row.name, formatNumber(row.value, t.locale)]) }}
    >
      <BarsList
        data={rows.map((row, index) => ({ ...row, color: palette[index % palette.length] ?? 'gray.6' })).filter((row) => row.value > 0)} barTextColor="white" valueFormatter={(value) => formatNumber(value, t.locale)} />
    </ChartCard>
  );
}

/** Collected and remitted per month of the period. */
export function CollectedChart({ kpis }: { kpis: CreditorKpis }) {
  const t = useT(reportsMessages);
  const euros = useEuros(kpis.currency);
  const data = kpis.byMonth.map((row) => ({ month: formatMonth(row.month, t.locale), collected: row.collectedCents / 100, remitted: row.remittedCents / 100 }));
  return (
    <ChartCard
      title={t('kpis.byMonth')}
      testId="kpi-by-month"
      empty={kpis.byMonth.length === 0}
      table={{
        head: [t('kpis.month'), t('kpis.collected'), t('kpis.remittedShort')],
        rows: kpis.byMonth.map((row) => [formatMonth(row.month, t.locale), formatMoney(row.collectedCents, kpis.currency, t.locale), formatMoney(row.remittedCents, kpis.currency, t.locale)]),
      }}
    >
      <BarChart
        h={260}
        data={data}
        dataKey="month"
        series={[
          { name: 'collected', label: t('kpis.collected'), color: 'teal.6' },
          { name: 'remitted', label: t('kpis.remittedShort'), color: 'indigo.6' },
        ]}
        valueFormatter={euros}
        barProps={{ isAnimationActive: false }}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisProps={{ width: 90 }}
      />
    </ChartCard>
  );
}
