import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type Header, QueryTable } from '../../../shared/components/QueryTable.tsx';
import { useT } from '../../../shared/i18n.ts';
import { prescriptionMessages } from '../messages.ts';

/**
 * One of the managers' prescription lists: its title and help, the shared list states
 * (QueryTable: loading, error with retry, empty, the table) over every page loaded so far, and
 * "load more" while the cursor says there is more.
 */
export function ListPanel<TItem>({
  title,
  help,
  testId,
  emptyTestId,
  emptyText,
  query,
  headers,
  minWidth,
  children,
}: {
  title: string;
  help: string;
  testId: string;
  emptyTestId: string;
  emptyText: string;
  query: UseInfiniteQueryResult<InfiniteData<{ items: TItem[] }>>;
  headers: readonly Header[];
  minWidth: number;
  children: (items: readonly TItem[]) => ReactNode;
}) {
  const t = useT(prescriptionMessages);
  return (
    <Paper p="md" data-testid={testId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={4}>{title}</Title>
          <Text size="xs" c="dimmed">
            {help}
          </Text>
        </Stack>
        <QueryTable
          query={query as unknown as UseQueryResult<InfiniteData<{ items: TItem[] }>>}
          items={(data) => data.pages.flatMap((page) => page.items)}
          empty={
            <Text c="dimmed" ta="center" py="lg" data-testid={emptyTestId}>
              {emptyText}
            </Text>
          }
          headers={headers}
          minWidth={minWidth}
          tableProps={{ striped: false, verticalSpacing: 'sm', highlightOnHover: true }}
        >
          {children}
        </QueryTable>
        {query.hasNextPage && (
          <Group justify="center">
            <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
