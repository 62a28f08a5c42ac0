import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { downloadFile } from '../../../shared/session.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { kpiExportPath } from '../api/reports.ts';
import { reportsMessages } from '../messages.ts';

type Format = 'csv' | 'xlsx';

/** "Exporter CSV / XLSX": the KPIs of the period shown (and of the creditor chosen), the server's file. */
export function KpiExportButtons({ creditorId, from, to }: { creditorId: string; from: string; to: string }) {
  const t = useT(reportsMessages);
  const { download, downloading, error } = useDownload(
    (format: Format) => downloadFile(kpiExportPath(format, creditorId, from, to), `indicateurs-${from}-${to}.${format}`),
    (format) => format,
  );
  useEffect(() => {
    if (error) notifications.show({ color: 'red', message: t('kpis.exportFailed', { message: errorMessage(error) }) });
  }, [error, t]);
  return (
    <Group gap="xs" role="group" aria-label={t('kpis.export')}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          variant="default"
          size="sm"
          loading={downloading === format}
          onClick={() => void download(format)}
          data-testid={`kpi-export-${format}`}
        >
          {t(format === 'csv' ? 'kpis.exportCsv' : 'kpis.exportXlsx')}
        </Button>
      ))}
    </Group>
  );
}
