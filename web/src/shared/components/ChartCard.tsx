import { Group, Paper, Switch, Table, Text, Title } from '@mantine/core';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { useT } from '../i18n.ts';
import { staffMessages } from '../staff-messages.ts';
import { EmptyBlock } from './states.tsx';

export type DataTable = { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** Printing (the monthly report): every chart shows with its data table under it, no switch. */
export const PrintMode = createContext(false);

/** A chart (KPI dashboard, monthly report, team board) with its "data table" switch: the same figures as a table, for the keyboard and screen readers. */
export function ChartCard({ title, testId, empty, table, children }: { title: string; testId: string; empty: boolean; table: DataTable; children: ReactNode }) {
  const t = useT(staffMessages);
  const [asTable, setAsTable] = useState(false);
  if (useContext(PrintMode)) return <PrintedChart title={title} testId={testId} empty={empty} table={table} chart={children} />;
  return (
    <Paper p="md" h="100%" data-testid={testId}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={4}>{title}</Title>
        {!empty && <Switch label={t('chart.dataTable')} checked={asTable} onChange={(event) => setAsTable(event.currentTarget.checked)} data-testid={`${testId}-table-toggle`} />}
      </Group>
      {empty ? (
        <EmptyBlock title={t('chart.noData')} />
      ) : asTable ? (
        <DataTableView table={table} testId={testId} />
      ) : (
        children
      )}
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

/** A chart as printed: its title, the chart (vector SVG), then its figures as text. */
function PrintedChart({ title, testId, empty, table, chart }: { title: string; testId: string; empty: boolean; table: DataTable; chart: ReactNode }) {
  const t = useT(staffMessages);
  return (
    <Paper p="md" data-testid={testId} style={{ breakInside: 'avoid' }}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('chart.noData')}
        </Text>
      ) : (
        <>
          {chart}
          <DataTableView table={table} testId={testId} />
        </>
      )}
    </Paper>
  );
}
