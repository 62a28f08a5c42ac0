import { Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { formatDateTime, formatNumber, useT } from '../../../shared/i18n.ts';
import { importsListOptions } from '../api/imports.ts';
import { importsMessages } from '../messages.ts';
import { ImportStatusBadge } from './ImportResult.tsx';

/** Step 4: earlier imports, newest first; a row reopens its result (or continues a pending import). */
export function ImportHistory({ activeId, onOpen }: { activeId: string | null; onOpen: (id: string) => void }) {
  const t = useT(importsMessages);
  const history = useQuery(importsListOptions());
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
        <QueryTable
          query={history}
          items={(data) => data.items}
          empty={<EmptyBlock title={t('imports.noHistory')} />}
          headers={[
            t('imports.createdAt'),
            t('imports.fileName'),
            t('imports.status'),
            ...(['rows', 'created', 'updated', 'unchanged', 'rejected'] as const).map((count) => ({ label: t(`imports.${count}`), numeric: true })),
            t('imports.finishedAt'),
          ]}
          minWidth={760}
          testId="imports-table"
          tableProps={{ highlightOnHover: true }}
        >
          {(imports) =>
          imports.map((item) => (
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
          ))
          }
        </QueryTable>
      </Paper>
    </>
  );
}
