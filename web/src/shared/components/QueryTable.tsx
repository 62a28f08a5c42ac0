import { Table, type TableProps } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from './states.tsx';

export type Header = string | { label: string; numeric?: boolean };

/**
 * The states every list of the app goes through, in one place: loading, error with a retry,
 * empty (the caller's words: what is missing and what to do), then the table with its header.
 * The caller renders the rows only.
 */
export function QueryTable<TData, TItem>({
  query,
  items,
  empty,
  headers,
  minWidth = 560,
  testId,
  tableProps,
  children,
}: {
  query: UseQueryResult<TData>;
  /** The rows inside the query's data. */
  items: (data: TData) => readonly TItem[];
  empty: ReactNode;
  /** Column headers; an empty string leaves an unlabelled column (e.g. for actions); numeric columns align right. */
  headers: readonly Header[];
  minWidth?: number;
  testId?: string;
  tableProps?: TableProps;
  children: (items: readonly TItem[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const rows = items(query.data);
  if (rows.length === 0) return <>{empty}</>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped="even" data-testid={testId} {...tableProps}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, index) =>
              typeof header === 'string' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers are a fixed list, in a fixed order
                <Table.Th key={index}>{header}</Table.Th>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers are a fixed list, in a fixed order
                <Table.Th key={index} className={header.numeric ? 'num' : undefined}>
                  {header.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children(rows)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
