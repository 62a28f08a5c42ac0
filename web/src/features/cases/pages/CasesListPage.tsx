import { Button, Center, Group, Paper, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CaseSummary } from '@relance/contracts/cases';
import { type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { casesListOptions } from '../api/cases.ts';
import { AssignedToFilter, BulkAssignBar, useManagerCaseTools } from '../components/CaseAssignment.tsx';
import { CasesFilterBar, hasCaseFilters, useCaseFilters, useSearchText } from '../components/CasesFilters.tsx';
import { CasesTable } from '../components/CasesTable.tsx';
import { ExportMenu } from '../components/ExportMenu.tsx';
import { SavedFiltersMenu } from '../components/SavedFiltersMenu.tsx';
import { casesMessages } from '../messages.ts';

/** `actions`: buttons the app adds to the header (the queue's "next case" for staff). */
export function CasesListPage({ actions }: { actions?: ReactNode }) {
  const t = useT(casesMessages, staffMessages);
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const isStaff = user.role !== 'creditor';
  const isManager = user.role === 'manager' || user.role === 'admin';
  const { filters, updateParam } = useCaseFilters(isStaff, isManager);

  const { search, setSearch, settled } = useSearchText(filters.q, updateParam);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(0);

  const query = useInfiniteQuery(casesListOptions(filters));
  const manager = useManagerCaseTools(isManager);
  const cases = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection goes back to the top whenever the filters change
  useEffect(() => setSelected(0), [filters.q, filters.status, filters.creditorId, filters.flag, filters.debtorKind, filters.disputed, filters.age, filters.amount, filters.assignedTo]);

  function open(item: CaseSummary | undefined) {
    if (item) navigate(`/cases/${item.id}`, { state: { listSearch: location.search } });
  }

  useListKeys(cases.length, setSelected, () => open(cases[selected]), () => searchRef.current?.focus());

  function searchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      event.currentTarget.blur();
      if (event.key === 'Enter' && cases.length > 0 && settled) open(cases[selected]);
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  }

  const hasFilters = hasCaseFilters(filters);
  return (
    <>
      <ListHeader
        actions={
          <>
            <SavedFiltersMenu />
            <ExportMenu filters={filters} />
            {isStaff && actions}
          </>
        }
      />
      <CasesFilterBar
        filters={filters}
        updateParam={updateParam}
        isStaff={isStaff}
        isManager={isManager}
        search={search}
        onSearch={setSearch}
        onSearchKeyDown={searchKeyDown}
        searchRef={searchRef}
        searching={query.isFetching && !query.isFetchingNextPage}
        agentFilter={manager && <AssignedToFilter value={filters.assignedTo ?? ''} choices={manager.choices} onChange={(v) => updateParam('assignedTo', v)} />}
      />
      {manager && <BulkAssignBar selection={manager.selection} choices={manager.choices} />}

      <Paper p={0} style={{ overflow: 'hidden' }}>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError && cases.length === 0 ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </div>
        ) : cases.length === 0 ? (
          <EmptyBlock title={t('cases.empty')}>{hasFilters ? t('cases.emptySearch') : t('cases.emptyAll')}</EmptyBlock>
        ) : (
          <CasesTable cases={cases} selected={selected} onSelect={setSelected} onOpen={open} showCreditor={isStaff} manager={manager} />
        )}
      </Paper>

      <ListFooter query={query} count={cases.length} />
    </>
  );
}

function ListHeader({ actions }: { actions: ReactNode }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <PageHeader
      title={t('cases.title')}
      subtitle={t('cases.subtitle')}
      actions={
        <Group gap="md" wrap="nowrap">
          <Text size="xs" c="dimmed" visibleFrom="md">
            {t('cases.keyboardHint')}
          </Text>
          {actions}
        </Group>
      }
    />
  );
}

/** j/k and the arrows move the selection, Enter opens the selected case, / goes to the search box. */
function useListKeys(count: number, setSelected: (update: (index: number) => number) => void, openSelected: () => void, focusSearch: () => void) {
  function move(delta: number) {
    if (count === 0) return;
    setSelected((index) => Math.min(count - 1, Math.max(0, index + delta)));
    (document.activeElement as HTMLElement | null)?.blur?.();
  }

  useHotkeys([
    ['j', () => move(1)],
    ['ArrowDown', () => move(1)],
    ['k', () => move(-1)],
    ['ArrowUp', () => move(-1)],
    [
      'Enter',
      () => {
        // A focused row handles Enter itself.
        if (!document.activeElement?.classList.contains('clickable-row')) openSelected();
      },
    ],
    ['/', focusSearch],
  ]);
}

/** How many cases are shown, "load more", and the error of a failed next page. */
function ListFooter({
  query,
  count,
}: {
  query: Pick<UseInfiniteQueryResult, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage' | 'isError' | 'error'>;
  count: number;
}) {
  const t = useT(casesMessages, staffMessages);
  return (
    <>
      {count > 0 && (
        <Group justify="space-between" mt="sm">
          <Text size="xs" c="dimmed" data-testid="cases-count">
            {t('cases.count', { count: formatNumber(count, t.locale) })}
          </Text>
          {query.hasNextPage && (
            <Button
              variant="default"
              size="xs"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
              data-testid="cases-load-more"
            >
              {t('common.loadMore')}
            </Button>
          )}
        </Group>
      )}
      {query.isError && count > 0 && (
        <Center mt="sm">
          <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />
        </Center>
      )}
    </>
  );
}
