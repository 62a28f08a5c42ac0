import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { createTheme, type MantineColorsTuple, MantineProvider } from '@mantine/core';
import type { MonthlyReportPageData } from '@relance/contracts/reports';
import { readableBrandColour, shadesOf } from '@relance/domain/brand-colour';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MonthlyReportPrint } from '../../features/reports/pages/MonthlyReportPrint.tsx';
import { setLocale } from '../../shared/i18n.ts';

// The third entry (web/report.html): the monthly report page printed by the worker's Chromium.
// Its data is injected into the page (window.__RELANCE_REPORT__): no session, no API call, no
// router, no staff code beyond the reports feature's components.

const data = (window as unknown as { __RELANCE_REPORT__?: MonthlyReportPageData }).__RELANCE_REPORT__;
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from report.html');

function themeOf(colour: string | null) {
  const base = { fontFamily: 'ui-sans-serif, system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', components: { Paper: { defaultProps: { withBorder: true, radius: 'md' } } } };
  if (!colour) return createTheme({ ...base, primaryColor: 'indigo' });
  return createTheme({ ...base, colors: { brand: shadesOf(readableBrandColour(colour)) as unknown as MantineColorsTuple }, primaryColor: 'brand', primaryShade: 6 });
}

if (!data) {
  root.textContent = 'Les données du rapport sont absentes. / The report data is missing.';
  document.body.dataset.ready = 'error';
} else {
  setLocale(data.locale);
  document.title = `${data.creditorName} · ${data.month}`;
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={themeOf(data.agency.primaryColor)} defaultColorScheme="light">
        <MonthlyReportPrint data={data} />
      </MantineProvider>
    </StrictMode>,
  );
}
