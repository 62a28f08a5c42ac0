import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { downloadFile } from '../../../shared/session.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { type AuditFilters, auditExportPath } from '../api/audit.ts';
import { auditMessages } from '../messages.ts';

/** "Exporter CSV": every record the filters shown select, as the server's file. */
export function AuditExportButton({ filters }: { filters: AuditFilters }) {
  const t = useT(auditMessages);
  const { download, downloading, error } = useDownload(
    (current: AuditFilters) => downloadFile(auditExportPath(current), 'journal-audit.csv'),
    () => 'csv',
  );
  useEffect(() => {
    if (error) notifications.show({ color: 'red', message: t('audit.exportFailed', { message: errorMessage(error) }) });
  }, [error, t]);
  return (
    <Button variant="default" size="sm" loading={downloading === 'csv'} onClick={() => void download(filters)} data-testid="audit-export-csv">
      {t('audit.exportCsv')}
    </Button>
  );
}
