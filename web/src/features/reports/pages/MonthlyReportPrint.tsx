import { Box, Group, Image, Stack, Text, Title } from '@mantine/core';
import type { MonthlyReportPageData } from '@relance/contracts/reports';
import { reportMonthLabel } from '@relance/domain/report-month';
import { useEffect } from 'react';
import { PrintMode } from '../../../shared/components/ChartCard.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { productName } from '../../../shared/product.ts';
import { AgeingChart, CohortChart, CollectedChart, FunnelChart } from '../components/KpiCharts.tsx';
import { KpiFigures } from '../components/KpiFigures.tsx';
import { reportsMessages } from '../messages.ts';

// The monthly report as Chromium prints it (web/report.html, server/src/features/reports/printer.ts):
// the agency as the sender, the creditor, the month, every KPI against its target and the charts,
// each with its figures as text, all from the dashboard's own components. A4 less the margins is
// 186 mm wide: the page is laid out at that width on screen and on paper alike.

/** Tells the printer the page is complete: the charts drawn (recharts measures its box first). */
function useReadyWhenDrawn() {
  useEffect(() => {
    let tries = 0;
    const check = () => {
      const containers = [...document.querySelectorAll('.recharts-responsive-container')];
      const drawn = containers.every((container) => container.querySelector('svg.recharts-surface'));
      if ((drawn && tries > 1) || tries > 50) {
        void document.fonts.ready.then(() => {
          document.body.dataset.ready = '1';
        });
        return;
      }
      tries += 1;
      window.setTimeout(check, 60);
    };
    check();
  }, []);
}

function ReportHeader({ data }: { data: MonthlyReportPageData }) {
  const t = useT(reportsMessages);
  const { agency, kpis } = data;
  return (
    <Box pb="md" mb="md" style={{ borderBottom: `4px solid ${agency.primaryColor ?? 'var(--mantine-color-indigo-6)'}` }}>
      <Group justify="space-between" align="start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" data-testid="report-sender">
          {agency.logoDataUrl && <Image src={agency.logoDataUrl} alt={agency.name} h={40} w="auto" maw={160} fit="contain" />}
          <div>
            <Text fw={700} size="lg">
              {agency.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t('report.sender', { agency: agency.name })}
            </Text>
          </div>
        </Group>
        <Stack gap={2} align="end">
          <Title order={2} data-testid="report-title">
            {t('report.heading', { month: reportMonthLabel(data.month, data.locale) })}
          </Title>
          <Text fw={600}>{t('report.creditor', { name: data.creditorName })}</Text>
          <Text size="sm" c="dimmed">
            {t('report.period', { from: formatDate(kpis.from, t.locale), to: formatDate(kpis.to, t.locale) })}
          </Text>
        </Stack>
      </Group>
    </Box>
  );
}

/** The whole report: header, the figures against their targets, then each chart with its table. */
export function MonthlyReportPrint({ data }: { data: MonthlyReportPageData }) {
  const t = useT(reportsMessages);
  useReadyWhenDrawn();
  return (
    <PrintMode.Provider value={true}>
      <Box w="186mm" data-testid="monthly-report">
        <ReportHeader data={data} />
        <Title order={3} mb="sm">
          {t('report.figures')}
        </Title>
        <Stack gap="md">
          <KpiFigures kpis={data.kpis} />
          <Title order={3} mt="md" style={{ breakBefore: 'page' }}>
            {t('report.charts')}
          </Title>
          <AgeingChart kpis={data.kpis} />
          <FunnelChart kpis={data.kpis} />
          <Text size="sm" c="dimmed" style={{ breakBefore: 'page' }}>
            {t('report.trend', { from: formatDate(data.trend.from, t.locale), to: formatDate(data.trend.to, t.locale) })}
          </Text>
          <CollectedChart kpis={data.trend} />
          <CohortChart kpis={data.trend} />
        </Stack>
        {data.agency.poweredByVisible && (
          <Text size="xs" c="dimmed" ta="center" mt="lg">
            {t('report.poweredBy', { product: productName })}
          </Text>
        )}
      </Box>
    </PrintMode.Provider>
  );
}
