import { Group, Paper, Switch, Table, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { teamMessages } from '../messages.ts';

export type DataTable = { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A chart of the team board with its "data table" switch: the same figures as a table, for the keyboard and screen readers. */
export function TeamChartCard({ title, testId, empty, table, children }: { title: string; testId: string; empty: boolean; table: DataTable; children: ReactNode }) {
  const t = useT(teamMessages);
  const [asTable, setAsTable] = useState(false);
  return (
    <Paper p="md" h="100%" data-testid={testId}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={4}>{title}</Title>
        {!empty && <Switch label={t('team.dataTable')} checked={asTable} onChange={(event) => setAsTable(event.currentTarget.checked)} data-testid={`${testId}-table-toggle`} />}
      </Group>
      {empty ? <EmptyBlock title={t('team.noData')} /> : asTable ? <DataTableView table={table} testId={testId} /> : children}
    </Paper>
  );
}

function DataTableView({ table, testId }: { table: DataTable; testId: string }) {
  return (
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
  );
}
