import { SimpleGrid } from '@mantine/core';
import type { CreditorKpis } from '@relance/contracts/reports';
import { StatCard } from '../../../shared/components/StatCard.tsx';
import { formatMoney, formatNumber, useT } from '../../../shared/i18n.ts';
import { reportsMessages } from '../messages.ts';
import { KpiFigureCard } from './KpiFigureCard.tsx';

/** The period's amounts, then every KPI against its target. */
export function KpiFigures({ kpis }: { kpis: CreditorKpis }) {
  const t = useT(reportsMessages);
  const money = (cents: number) => formatMoney(cents, kpis.currency, t.locale);
  const notes: Partial<Record<string, string>> = {
    disputeRate: t('kpis.disputes', kpis.disputes),
    costRatio: t('kpis.costs', {
      commission: money(kpis.costs.commissionCents),
      borne: money(kpis.costs.legalCostsBorneCents),
      advanced: money(kpis.costs.legalCostsAdvancedCents),
    }),
  };
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard
          label={t('kpis.placed')}
          value={money(kpis.placed.amountCents)}
          note={t('kpis.placedCases', { count: formatNumber(kpis.placed.cases, t.locale) })}
          valueSize={22}
          testId="kpi-placed"
        />
        <StatCard label={t('kpis.collectedInPeriod')} value={money(kpis.collectedInPeriodCents)} valueSize={22} color="teal.7" testId="kpi-collected" />
        <StatCard label={t('kpis.remitted')} value={money(kpis.remittedCents)} valueSize={22} testId="kpi-remitted" />
        <StatCard label={t('kpis.awaiting')} value={money(kpis.awaitingRemittanceCents)} valueSize={22} testId="kpi-awaiting" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {kpis.figures.map((figure) => (
          <KpiFigureCard key={figure.key} figure={figure} note={notes[figure.key]} />
        ))}
      </SimpleGrid>
    </>
  );
}
