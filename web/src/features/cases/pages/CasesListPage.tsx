import { Button, Center, Group, Loader, NativeSelect, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { type CaseStatus, type CaseSummary, caseStatus } from '@relance/contracts/cases';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { type CaseFilters, casesListOptions } from '../api/cases.ts';
import { CasesTable } from '../components/CasesTable.tsx';
import { casesMessages } from '../messages.ts';

/** `actions`: buttons the app adds to the header (the queue's "next case" for staff). */
export function CasesListPage({ actions }: { actions?: ReactNode }) {
  const t = useT(casesMessages, staffMessages);
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const isStaff = user.role !== 'creditor';
  const isManager = user.role === 'manager' || user.role === 'admin';

  const filters: CaseFilters = {
    q: searchParams.get('q') ?? '',
    status: (caseStatus.options as readonly string[]).includes(searchParams.get('status') ?? '')
      ? (searchParams.get('status') as CaseStatus)
      : '',
    creditorId: searchParams.get('creditorId') ?? '',
    flag: isStaff && (searchParams.get('flag') === 'dispute_open' || (isManager && searchParams.get('flag') === 'vulnerable'))
      ? (searchParams.get('flag') as 'dispute_open' | 'vulnerable')
      : '',
  };

  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(0);

  function updateParam(name: string, value: string) {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the debounced text settles, not on every URL change
  useEffect(() => {
    if (debouncedSearch !== filters.q) updateParam('q', debouncedSearch);
  }, [debouncedSearch]);

  const query = useInfiniteQuery(casesListOptions(filters));
  const cases = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection goes back to the top whenever the filters change
  useEffect(() => setSelected(0), [filters.q, filters.status, filters.creditorId, filters.flag]);

  function open(item: CaseSummary | undefined) {
    if (!item) return;
    navigate(`/cases/${item.id}`, { state: { listSearch: location.search } });
  }

  function move(delta: number) {
    if (cases.length === 0) return;
    setSelected((index) => Math.min(cases.length - 1, Math.max(0, index + delta)));
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
        if (!document.activeElement?.classList.contains('clickable-row')) open(cases[selected]);
      },
    ],
    ['/', () => searchRef.current?.focus()],
  ]);

  const hasFilters = Boolean(filters.q || filters.status || filters.creditorId || filters.flag);

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        subtitle={t('cases.subtitle')}
        actions={
          <Group gap="md" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="md">
              {t('cases.keyboardHint')}
            </Text>
            {isStaff && actions}
          </Group>
        }
      />

      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          ref={searchRef}
          placeholder={t('cases.search')}
          aria-label={t('cases.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'Enter') {
              event.preventDefault();
              event.currentTarget.blur();
              if (event.key === 'Enter' && cases.length > 0 && debouncedSearch === search.trim()) open(cases[selected]);
            } else if (event.key === 'Escape') {
              event.currentTarget.blur();
            }
          }}
          rightSection={query.isFetching && !query.isFetchingNextPage ? <Loader size={14} /> : null}
          style={{ flex: 1, minWidth: 260 }}
          data-testid="cases-search"
        />
        <NativeSelect
          aria-label={t('cases.status')}
          value={filters.status}
          onChange={(event) => updateParam('status', event.currentTarget.value)}
          data={[
            { value: '', label: t('cases.allStatuses') },
            ...caseStatus.options.map((status) => ({ value: status, label: t.dyn(`status.${status}`, status) })),
          ]}
          data-testid="cases-status-filter"
        />
        {isStaff && (
          <CreditorSelect
            allowAll
            value={filters.creditorId}
            onChange={(creditorId) => updateParam('creditorId', creditorId)}
            testId="cases-creditor-filter"
          />
        )}
        {isStaff && (
          <NativeSelect
            aria-label={t('cases.flag')}
            value={filters.flag ?? ''}
            onChange={(event) => updateParam('flag', event.currentTarget.value)}
            data={[
              { value: '', label: t('cases.allFlags') },
              { value: 'dispute_open', label: t('cases.flagDispute') },
              ...(isManager ? [{ value: 'vulnerable', label: t('cases.flagVulnerable') }] : []),
            ]}
            data-testid="cases-flag-filter"
          />
        )}
      </Group>

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
          <CasesTable
            cases={cases}
            selected={selected}
            onSelect={setSelected}
            onOpen={open}
            showCreditor={isStaff}
          />
        )}
      </Paper>

      {cases.length > 0 && (
        <Group justify="space-between" mt="sm">
          <Text size="xs" c="dimmed" data-testid="cases-count">
            {t('cases.count', { count: formatNumber(cases.length, t.locale) })}
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
      {query.isError && cases.length > 0 && (
        <Center mt="sm">
          <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />
        </Center>
      )}
    </>
  );
}
