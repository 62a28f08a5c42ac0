import { Badge, Paper, Text } from '@mantine/core';
import type { KpiFigure } from '@relance/contracts/reports';
import { KPI_DEFINITIONS } from '@relance/domain/kpis';
import type { ReactNode } from 'react';
import { formatNumber, formatPercent, useT } from '../../../shared/i18n.ts';
import { reportsMessages } from '../messages.ts';

/** A ratio as a percent, days as whole days. */
export function useKpiFormat() {
  const t = useT(reportsMessages);
  return (value: number, unit: 'ratio' | 'days') =>
    unit === 'days' ? t('kpis.days', { days: formatNumber(Math.round(value), t.locale) }) : formatPercent(value, t.locale);
}

/** One KPI: its figure, its target and whether it is met, and its definition in one sentence. */
export function KpiFigureCard({ figure, note }: { figure: KpiFigure; note?: ReactNode }) {
  const t = useT(reportsMessages);
  const format = useKpiFormat();
  const unit = figure.target?.unit ?? (figure.key.startsWith('collectionDelay') ? 'days' : 'ratio');
  const target = figure.target ? t(figure.target.direction === 'min' ? 'kpis.above' : 'kpis.below', { value: format(figure.target.threshold, figure.target.unit) }) : null;
  return (
    <Paper p="md" data-testid={`kpi-${figure.key}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t.dyn(`kpi.${figure.key}`, figure.key)}
      </Text>
      <Text fz={26} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`kpi-${figure.key}-value`}>
        {figure.value === null ? '—' : format(figure.value, unit)}
      </Text>
      <Text size="xs" c="dimmed">
        {target ? t('kpis.target', { target }) : t('kpis.noTarget')}
      </Text>
      {figure.value === null ? (
        <Badge color="gray" variant="light" mt={4}>
          {t('kpis.noValue')}
        </Badge>
      ) : figure.met !== null ? (
        <Badge color={figure.met ? 'teal' : 'red'} variant="light" mt={4} data-testid={`kpi-${figure.key}-met`}>
          {figure.met ? t('kpis.met') : t('kpis.notMet')}
        </Badge>
      ) : null}
      {note && (
        <Text size="xs" mt={4}>
          {note}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={6}>
        {KPI_DEFINITIONS[figure.key][t.locale]}
      </Text>
    </Paper>
  );
}
