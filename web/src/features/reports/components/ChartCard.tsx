import { Group, Paper, Switch, Table, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { reportsMessages } from '../messages.ts';

export type DataTable = { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A chart with its "data table" switch: the same figures as a table, for the keyboard and screen readers. */
export function ChartCard({ title, testId, empty, table, children }: { title: string; testId: string; empty: boolean; table: DataTable; children: ReactNode }) {
  const t = useT(reportsMessages);
  const [asTable, setAsTable] = useState(false);
  return (
    <Paper p="md" h="100%" data-testid={testId}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={4}>{title}</Title>
        {!empty && <Switch label={t('kpis.dataTable')} checked={asTable} onChange={(event) => setAsTable(event.currentTarget.checked)} data-testid={`${testId}-table-toggle`} />}
      </Group>
      {empty ? (
        <EmptyBlock title={t('kpis.noData')} />
      ) : asTable ? (
        <Table striped data-testid={`${testId}-table`}>
          <Table.Thead>
            <Table.Tr>
              {table.head.map((cell) => (
                <Table.Th key={cell}>{cell}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row) => (
              <Table.Tr key={row.join('|')}>
                {row.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns of a row are fixed
                  <Table.Td key={index}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        children
      )}
    </Paper>
  );
}
