import { ActionIcon, Group, SegmentedControl, Text } from '@mantine/core';
import { kpiPeriodKinds } from '@relance/domain/kpis';
import { DateField } from '../../../shared/components/DateField.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { reportsMessages } from '../messages.ts';
import { type KpiPeriod, periodFromParams, shiftPeriod } from './kpi-period.ts';

/** Month, quarter, year (with previous/next) or a custom range of two dates; every control is a native, keyboard-reachable one. */
export function PeriodPicker({ period, today, onChange }: { period: KpiPeriod; today: string; onChange: (period: KpiPeriod) => void }) {
  const t = useT(reportsMessages);
  const choose = (kind: string) => onChange(periodFromParams(new URLSearchParams(kind === 'custom' ? { period: kind, from: period.from, to: period.to } : { period: kind, from: period.from }), today));
  return (
    <Group gap="sm" wrap="wrap" data-testid="kpi-period">
      <SegmentedControl
        aria-label={t('kpis.period')}
        value={period.kind}
        onChange={choose}
        data={kpiPeriodKinds.map((kind) => ({ value: kind, label: t(`kpis.period.${kind}`) }))}
      />
      {period.kind === 'custom' ? (
        <>
          <DateField
            label={t('kpis.from')}
            value={period.from}
            onChange={(event) => event.currentTarget.value && onChange({ ...period, from: event.currentTarget.value })}
            data-testid="kpi-from"
          />
          <DateField
            label={t('kpis.to')}
            value={period.to}
            onChange={(event) => event.currentTarget.value && onChange({ ...period, to: event.currentTarget.value })}
            data-testid="kpi-to"
          />
        </>
      ) : (
        <Group gap={4}>
          <ActionIcon variant="default" aria-label={t('kpis.previous')} onClick={() => onChange(shiftPeriod(period, -1))} data-testid="kpi-previous">
            ‹
          </ActionIcon>
          <Text size="sm" fw={600} miw={180} ta="center">
            {formatDate(period.from, t.locale)} – {formatDate(period.to, t.locale)}
          </Text>
          <ActionIcon variant="default" aria-label={t('kpis.next')} onClick={() => onChange(shiftPeriod(period, 1))} data-testid="kpi-next">
            ›
          </ActionIcon>
        </Group>
      )}
    </Group>
  );
}
