import { Anchor, Button, Code, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { fixedImportColumns, type ImportSummary } from '@relance/contracts/imports';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatNumber, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { importsListOptions, useUploadImport } from '../api/imports.ts';
import { ImportResult, ImportStatusBadge } from '../components/ImportResult.tsx';

const sampleRows = [
  ['FA-2025-0412', '15/01/2025', '14/02/2025', '1 250,00', 'societe', 'Boulangerie Martin SARL', '732829320', 'compta@boulangerie-martin.fr', '0142424242', '12 rue des Lilas', '75011', 'Paris'],
  ['FA-2025-0413', '2025-02-03', '2025-03-05', '89.90', 'particulier', 'Julie Durand', '', 'julie.durand@example.fr', '0612345678', '4 allée des Pins', '33000', 'Bordeaux'],
];
const sampleCsv = `${[fixedImportColumns.join(';'), ...sampleRows.map((row) => row.join(';'))].join('\n')}\n`;

export function ImportsPage() {
  const t = useT();
  const user = useUser();
  const isStaff = user.role !== 'creditor';
  const [creditorId, setCreditorId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<{ creditor?: string; file?: string }>({});
  const [shown, setShown] = useState<ImportSummary | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const upload = useUploadImport();
  const history = useQuery(importsListOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof problem = {};
    if (isStaff && !creditorId) next.creditor = t('imports.creditorRequired');
    if (!file) next.file = t('imports.fileRequired');
    setProblem(next);
    if (!file || next.creditor) return;
    upload.mutate(
      { file, creditorId: isStaff ? creditorId : undefined },
      {
        onSuccess: (summary) => {
          setShown(summary);
          setFile(null);
          if (fileRef.current) fileRef.current.value = '';
        },
      },
    );
  }

  const imports = history.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper p="md">
            <form onSubmit={submit} noValidate data-testid="import-form">
              <Stack gap="sm">
                {isStaff && (
                  <CreditorSelect
                    label={t('common.creditor')}
                    value={creditorId}
                    onChange={(value) => {
                      setCreditorId(value);
                      setProblem((current) => ({ ...current, creditor: undefined }));
                    }}
                    testId="import-creditor"
                    error={problem.creditor}
                  />
                )}
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('imports.file')}
                  </Text>
                  <input
                    ref={fileRef}
                    type="file"
                    accept=".csv,text/csv"
                    aria-label={t('imports.file')}
                    onChange={(event) => {
                      setFile(event.currentTarget.files?.[0] ?? null);
                      setProblem((current) => ({ ...current, file: undefined }));
                    }}
                    data-testid="import-file"
                  />
                  {problem.file && (
                    <Text size="xs" c="red">
                      {problem.file}
                    </Text>
                  )}
                </Stack>
                {upload.isError && <ErrorState error={upload.error} />}
                <Group justify="flex-end">
                  <Button type="submit" loading={upload.isPending} data-testid="import-submit">
                    {t('imports.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper p="md">
            <Title order={5} mb={4}>
              {t('imports.expected')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('imports.expectedHelp')}
            </Text>
            <Group gap={4} mb="sm" data-testid="import-columns">
              {fixedImportColumns.map((column, index) => (
                <Code key={column}>
                  {index + 1}. {column}
                </Code>
              ))}
            </Group>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t('imports.sample')}
              </Text>
              <Anchor
                size="sm"
                href={`data:text/csv;charset=utf-8,${encodeURIComponent(sampleCsv)}`}
                download="exemple-import.csv"
              >
                {t('imports.downloadSample')}
              </Anchor>
            </Group>
            <Code block fz={11} style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
              {sampleCsv}
            </Code>
          </Paper>
        </Grid.Col>
      </Grid>

      {shown && (
        <div style={{ marginTop: 16 }}>
          <ImportResult summary={shown} />
        </div>
      )}

      <Title order={4} mt="xl" mb="sm">
        {t('imports.history')}
      </Title>
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {history.isPending ? (
          <LoadingState />
        ) : history.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={history.error} onRetry={() => void history.refetch()} />
          </div>
        ) : imports.length === 0 ? (
          <EmptyBlock title={t('imports.noHistory')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover striped="even" data-testid="imports-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.date')}</Table.Th>
                  <Table.Th>{t('imports.fileName')}</Table.Th>
                  <Table.Th>{t('imports.status')}</Table.Th>
                  <Table.Th className="num">{t('imports.rows')}</Table.Th>
                  <Table.Th className="num">{t('imports.created')}</Table.Th>
                  <Table.Th className="num">{t('imports.updated')}</Table.Th>
                  <Table.Th className="num">{t('imports.rejected')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.map((item) => (
                  <Table.Tr
                    key={item.id}
                    className="clickable-row"
                    data-selected={shown?.id === item.id}
                    tabIndex={0}
                    onClick={() => setShown(item)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') setShown(item);
                    }}
                    data-testid="import-row"
                  >
                    <Table.Td>{formatDateTime(item.startedAt, t.locale)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={260}>
                        {item.fileName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ImportStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td className="num">{formatNumber(item.counts.rows, t.locale)}</Table.Td>
                    <Table.Td className="num">{formatNumber(item.counts.created, t.locale)}</Table.Td>
                    <Table.Td className="num">{formatNumber(item.counts.updated, t.locale)}</Table.Td>
                    <Table.Td className="num">
                      <Text span size="sm" c={item.counts.rejected > 0 ? 'red.7' : undefined}>
                        {formatNumber(item.counts.rejected, t.locale)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
