import { Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatNumber, useT } from '../../../shared/i18n.ts';
import { importsListOptions } from '../api/imports.ts';
import { ImportStatusBadge } from './ImportResult.tsx';

/** Step 4: earlier imports, newest first; a row reopens its result (or continues a pending import). */
export function ImportHistory({ activeId, onOpen }: { activeId: string | null; onOpen: (id: string) => void }) {
  const t = useT();
  const history = useQuery(importsListOptions());
  const imports = history.data?.items ?? [];
  const n = (value: number) => formatNumber(value, t.locale);

  return (
    <>
      <Title order={4} mt="xl" mb={2}>
        {t('imports.history')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('imports.historyHelp')}
      </Text>
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
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover striped="even" data-testid="imports-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.createdAt')}</Table.Th>
                  <Table.Th>{t('imports.fileName')}</Table.Th>
                  <Table.Th>{t('imports.status')}</Table.Th>
                  <Table.Th className="num">{t('imports.rows')}</Table.Th>
                  <Table.Th className="num">{t('imports.created')}</Table.Th>
                  <Table.Th className="num">{t('imports.updated')}</Table.Th>
                  <Table.Th className="num">{t('imports.unchanged')}</Table.Th>
                  <Table.Th className="num">{t('imports.rejected')}</Table.Th>
                  <Table.Th>{t('imports.finishedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.map((item) => (
                  <Table.Tr
                    key={item.id}
                    className="clickable-row"
                    data-selected={activeId === item.id}
                    aria-selected={activeId === item.id}
                    tabIndex={0}
                    onClick={() => onOpen(item.id)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        onOpen(item.id);
                      }
                    }}
                    data-testid="import-row"
                    data-status={item.status}
                    data-id={item.id}
                  >
                    <Table.Td>{formatDateTime(item.createdAt, t.locale)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={260}>
                        {item.fileName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ImportStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td className="num">{n(item.counts.rows)}</Table.Td>
                    <Table.Td className="num">{n(item.counts.created)}</Table.Td>
                    <Table.Td className="num">{n(item.counts.updated)}</Table.Td>
                    <Table.Td className="num">{n(item.counts.unchanged)}</Table.Td>
                    <Table.Td className="num">
                      <Text span size="sm" c={item.counts.rejected > 0 ? 'red.7' : undefined}>
                        {n(item.counts.rejected)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{item.finishedAt ? formatDateTime(item.finishedAt, t.locale) : '—'}</Table.Td>
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
