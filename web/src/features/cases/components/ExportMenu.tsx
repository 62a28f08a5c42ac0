import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { downloadFile } from '../../../shared/session.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { type CaseFilters, type ExportFormat, type ExportKind, exportPath } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';

type Choice = { kind: ExportKind; format: ExportFormat; label: 'exports.casesCsv' | 'exports.casesXlsx' | 'exports.paymentsCsv' | 'exports.paymentsXlsx' };

const CHOICES: readonly Choice[] = [
  { kind: 'cases', format: 'csv', label: 'exports.casesCsv' },
  { kind: 'cases', format: 'xlsx', label: 'exports.casesXlsx' },
  { kind: 'payments', format: 'csv', label: 'exports.paymentsCsv' },
  { kind: 'payments', format: 'xlsx', label: 'exports.paymentsXlsx' },
];

/** "Exporter": the cases or their payments, as CSV or Excel, with the filters the list shows (a keyboard-reachable menu). */
export function ExportMenu({ filters }: { filters: CaseFilters }) {
  const t = useT(casesMessages);
  const { download, downloading, error } = useDownload(
    (choice: Choice) => downloadFile(exportPath(choice.kind, choice.format, filters), `${choice.kind === 'cases' ? 'dossiers' : 'paiements'}.${choice.format}`),
    (choice) => `${choice.kind}.${choice.format}`,
  );

  useEffect(() => {
    if (error) notifications.show({ color: 'red', message: t('exports.failed', { message: errorMessage(error) }) });
  }, [error, t]);

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={downloading !== null} aria-label={t('exports.label')} data-testid="cases-export">
          {t('exports.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('exports.help')}</Menu.Label>
        {CHOICES.map((choice) => (
          <Menu.Item key={`${choice.kind}.${choice.format}`} onClick={() => void download(choice)} data-testid={`export-${choice.kind}-${choice.format}`}>
            <Text size="sm">{t(choice.label)}</Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
