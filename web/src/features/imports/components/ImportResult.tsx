import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportSummary } from '@relance/contracts/imports';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatNumber, useT } from '../../../shared/i18n.ts';
import { downloadRejections } from '../api/imports.ts';
import { importsMessages } from '../messages.ts';
import { ImportCount } from './ImportCount.tsx';

const statusColors: Record<ImportSummary['status'], string> = {
  pending: 'gray',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'orange',
};

export function ImportStatusBadge({ status }: { status: ImportSummary['status'] }) {
  const t = useT(importsMessages);
  return (
    <Badge variant="light" color={statusColors[status] ?? 'gray'} styles={{ label: { overflow: 'visible' } }} data-testid="import-status" data-status={status}>
      {t.dyn(`imports.status.${status}`, status)}
    </Badge>
  );
}

export function ImportResult({ summary, actions }: { summary: ImportSummary; actions?: ReactNode }) {
  const t = useT(importsMessages);
  const counts: { label: string; value: number; testId: string; color?: string }[] = [
    { label: t('imports.rows'), value: summary.counts.rows, testId: 'import-rows' },
    { label: t('imports.created'), value: summary.counts.created, testId: 'import-created', color: 'teal.7' },
    { label: t('imports.updated'), value: summary.counts.updated, testId: 'import-updated' },
    { label: t('imports.unchanged'), value: summary.counts.unchanged, testId: 'import-unchanged' },
    {
      label: t('imports.rejected'),
      value: summary.counts.rejected,
      testId: 'import-rejected',
      color: summary.counts.rejected > 0 ? 'red.7' : undefined,
    },
    { label: t('imports.casesCreated'), value: summary.casesCreated, testId: 'import-cases-created' },
  ];

  return (
    <Paper p="md" data-testid="import-result" data-status={summary.status}>
      <Group justify="space-between" mb="md" wrap="wrap" align="flex-start">
        <Stack gap={0}>
          <Title order={4}>{t('imports.result')}</Title>
          <Text size="sm" c="dimmed">
            {summary.fileName} · {formatDateTime(summary.finishedAt ?? summary.startedAt ?? summary.createdAt, t.locale)}
          </Text>
        </Stack>
        <Group gap="sm">
          <ImportStatusBadge status={summary.status} />
          {actions}
        </Group>
      </Group>

      {summary.status === 'failed' && (
        <Alert color="red" variant="light" mb="md" data-testid="import-failed">
          {t('imports.failedHelp', { error: summary.error ?? '—' })}
        </Alert>
      )}
      {summary.status === 'cancelled' && (
        <Alert color="orange" variant="light" mb="md" data-testid="import-cancelled">
          {t('imports.cancelledHelp')}
        </Alert>
      )}

      {summary.status === 'completed' && (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mb="md">
          {counts.map((count) => (
            <ImportCount key={count.testId} {...count} />
          ))}
        </SimpleGrid>
      )}

      {summary.status === 'completed' && <RejectionsSection summary={summary} />}
    </Paper>
  );
}

/** The rejected lines with their reason, and the full list to download. */
function RejectionsSection({ summary }: { summary: ImportSummary }) {
  const t = useT(importsMessages);
  const download = useMutation({ mutationFn: () => downloadRejections(summary.id) });
  return (
    <>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={5}>{t('imports.rejections')}</Title>
        {summary.counts.rejected > 0 && (
          <Button
            size="xs"
            variant="light"
            loading={download.isPending}
            onClick={() => download.mutate()}
            data-testid="import-rejections-download"
          >
            {t('imports.downloadRejections')}
          </Button>
        )}
      </Group>
      {download.isError && <ErrorState error={download.error} />}
      {summary.rejections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.noRejections')}
        </Text>
      ) : (
        <>
          <RejectionsTable summary={summary} />
          {summary.counts.rejected > summary.rejections.length && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('imports.rejectionsShown', { count: formatNumber(summary.rejections.length, t.locale) })}
            </Text>
          )}
        </>
      )}
    </>
  );
}

function RejectionsTable({ summary }: { summary: ImportSummary }) {
  const t = useT(importsMessages);
  return (
    <Table.ScrollContainer minWidth={520} mah={420}>
      <Table striped="even" stickyHeader data-testid="rejections-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="num" w={80}>
              {t('imports.line')}
            </Table.Th>
            <Table.Th w={200}>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.rejections.map((rejection) => (
            <Table.Tr key={`${rejection.line}-${rejection.column}-${rejection.reason}`} data-testid="rejection-row" data-reason={rejection.reason}>
              <Table.Td className="num">{rejection.line}</Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {rejection.column ?? '—'}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{rejection.message}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {rejection.reason}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
