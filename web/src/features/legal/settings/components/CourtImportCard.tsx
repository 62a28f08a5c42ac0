import { Alert, Badge, Button, FileInput, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import type { CourtImportReportDto } from '@relance/contracts/legal-directory';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../../shared/components/states.tsx';
import { TitleWithHelp } from '../../../../shared/components/TitleWithHelp.tsx';
import { useT } from '../../../../shared/i18n.ts';
import { useCourtImport } from '../api.ts';
import { legalSettingsMessages } from '../messages.ts';

/** The Ministry of Justice's file: chosen, sent with its progress, then the report and its rejected lines. */
export function CourtImportCard() {
  const t = useT(legalSettingsMessages);
  const [file, setFile] = useState<File | null>(null);
  const { state, upload } = useCourtImport();
  const busy = state.status === 'uploading' || state.status === 'processing';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file && !busy) void upload(file);
  }

  return (
    <Paper p="md" data-testid="court-import">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TitleWithHelp title={t('import.title')} help={t('import.help')} helpWidth={640} />
          <Group align="flex-end" gap="sm">
            <FileInput
              label={t('import.choose')}
              accept=".csv,text/csv"
              value={file}
              onChange={setFile}
              clearable
              w={360}
              data-testid="court-import-file"
            />
            <Button type="submit" disabled={!file} loading={busy} data-testid="court-import-submit">
              {t('import.send')}
            </Button>
          </Group>
          {state.status === 'uploading' && (
            <Stack gap={4}>
              <Progress value={state.percent} animated />
              <Text size="xs" c="dimmed">
                {t('import.uploading', { percent: state.percent })}
              </Text>
            </Stack>
          )}
          {state.status === 'processing' && (
            <Stack gap={4}>
              <Progress value={100} animated striped />
              <Text size="xs" c="dimmed">
                {t('import.processing')}
              </Text>
            </Stack>
          )}
          {state.status === 'error' && <ErrorState error={state.error} />}
          {state.status === 'done' && <ImportReport report={state.report} />}
        </Stack>
      </form>
    </Paper>
  );
}

function ImportReport({ report }: { report: CourtImportReportDto }) {
  const t = useT(legalSettingsMessages);
  return (
    <Stack gap="xs" data-testid="court-import-report">
      <Alert color={report.rejected > 0 ? 'yellow' : 'teal'} variant="light" title={t('import.done')}>
        <Text size="sm">
          {t('import.summary', { lines: report.lines, accepted: report.accepted, skipped: report.skipped, rejected: report.rejected })}
        </Text>
        <Text size="sm">
          {t('import.changes', { created: report.courtsCreated, updated: report.courtsUpdated, added: report.competenceAdded, moved: report.competenceMoved })}
        </Text>
      </Alert>
      {report.problems.length > 0 && (
        <>
          <Text fw={600} size="sm">
            {t('import.problems')}
          </Text>
          <Table striped="even" withTableBorder data-testid="court-import-problems">
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="num">{t('import.line')}</Table.Th>
                <Table.Th>{t('import.reason')}</Table.Th>
                <Table.Th>{t('import.column')}</Table.Th>
                <Table.Th>{t('import.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.problems.map((problem) => (
                <Table.Tr key={`${problem.line}:${problem.column}`} data-testid="court-import-problem">
                  <Table.Td className="num">{problem.line}</Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light">
                      {t(`import.reason.${problem.reason}` as const)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {problem.column ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{problem.value ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
