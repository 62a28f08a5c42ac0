import { Group, Loader, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type CaseStatus, caseStatus, type DebtorKind, debtorKind } from '@relance/contracts/cases';
import { AGE_BANDS, AMOUNT_BANDS } from '@relance/domain/case-bands';
import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useState } from 'react';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import type { CaseFilters } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';

/** The list's filters live in the URL (shareable, kept by "back to list"); flags only for staff, "vulnerable" only for managers. */
export function useCaseFilters(isStaff: boolean, isManager: boolean) {
  const { params: searchParams, setParam: updateParam } = useUrlFilters();
  const filters: CaseFilters = {
    q: searchParams.get('q') ?? '',
    status: (caseStatus.options as readonly string[]).includes(searchParams.get('status') ?? '')
      ? (searchParams.get('status') as CaseStatus)
      : '',
    creditorId: searchParams.get('creditorId') ?? '',
    flag: isStaff && (searchParams.get('flag') === 'dispute_open' || (isManager && searchParams.get('flag') === 'vulnerable'))
      ? (searchParams.get('flag') as 'dispute_open' | 'vulnerable')
      : '',
    debtorKind: oneOf(searchParams.get('debtorKind'), debtorKind.options) as DebtorKind | '',
    disputed: oneOf(searchParams.get('disputed'), ['true', 'false'] as const),
    age: oneOf(searchParams.get('age'), AGE_BANDS.map((band) => band.code)),
    amount: oneOf(searchParams.get('amount'), AMOUNT_BANDS.map((band) => band.code)),
    assignedTo: isManager && /^(none|[0-9a-f-]{36})$/i.test(searchParams.get('assignedTo') ?? '') ? (searchParams.get('assignedTo') as string) : '',
  };

  return { filters, updateParam };
}

/** A URL value kept only when it is one of the choices ('' otherwise: a hand-edited URL filters nothing). */
function oneOf<T extends string>(value: string | null, choices: readonly T[]): T | '' {
  return choices.includes(value as T) ? (value as T) : '';
}

/** Whether any filter narrows the list (the empty state says so). */
export function hasCaseFilters(filters: CaseFilters): boolean {
  return Boolean(filters.q || filters.status || filters.creditorId || filters.flag || filters.debtorKind || filters.disputed || filters.age || filters.amount || filters.assignedTo);
}

/** The search box's text, written to the URL once typing settles; `settled` once the list follows the text typed. */
export function useSearchText(q: string, updateParam: (name: string, value: string) => void) {
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the debounced text settles, not on every URL change
  useEffect(() => {
    if (debouncedSearch !== q) updateParam('q', debouncedSearch);
  }, [debouncedSearch]);

  return { search, setSearch, settled: debouncedSearch === search.trim() };
}

export function CasesFilterBar({
  filters,
  updateParam,
  isStaff,
  isManager,
  search,
  onSearch,
  onSearchKeyDown,
  searchRef,
  searching,
  agentFilter,
}: {
  filters: CaseFilters;
  updateParam: (name: string, value: string) => void;
  isStaff: boolean;
  isManager: boolean;
  search: string;
  onSearch: (search: string) => void;
  onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  searching: boolean;
  /** Managers: the filter on the assigned agent (the app's agents list comes with it). */
  agentFilter?: ReactNode;
}) {
  const t = useT(casesMessages, staffMessages);
  return (
    <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        ref={searchRef}
        placeholder={t('cases.search')}
        aria-label={t('cases.search')}
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
        onKeyDown={onSearchKeyDown}
        rightSection={searching ? <Loader size={14} /> : null}
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
      {agentFilter}
      <CaseBandFilters filters={filters} updateParam={updateParam} />
    </Group>
  );
}

/** Debtor kind, open dispute, age since placement and amount placed: for everyone, creditors included. */
function CaseBandFilters({ filters, updateParam }: { filters: CaseFilters; updateParam: (name: string, value: string) => void }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <>
      <NativeSelect
        aria-label={t('cases.debtorKind')}
        value={filters.debtorKind ?? ''}
        onChange={(event) => updateParam('debtorKind', event.currentTarget.value)}
        data={[
          { value: '', label: t('cases.allDebtorKinds') },
          ...debtorKind.options.map((kind) => ({ value: kind, label: t.dyn(`cases.debtorKind.${kind}`, kind) })),
        ]}
        data-testid="cases-debtor-kind-filter"
      />
      <NativeSelect
        aria-label={t('cases.disputed')}
        value={filters.disputed ?? ''}
        onChange={(event) => updateParam('disputed', event.currentTarget.value)}
        data={[
          { value: '', label: t('cases.allDisputes') },
          { value: 'true', label: t('cases.disputed.true') },
          { value: 'false', label: t('cases.disputed.false') },
        ]}
        data-testid="cases-disputed-filter"
      />
      <NativeSelect
        aria-label={t('cases.age')}
        value={filters.age ?? ''}
        onChange={(event) => updateParam('age', event.currentTarget.value)}
        data={[{ value: '', label: t('cases.allAges') }, ...AGE_BANDS.map((band) => ({ value: band.code, label: t.dyn(`cases.age.${band.code}`, band.code) }))]}
        data-testid="cases-age-filter"
      />
      <NativeSelect
        aria-label={t('cases.amount')}
        value={filters.amount ?? ''}
        onChange={(event) => updateParam('amount', event.currentTarget.value)}
        data={[
          { value: '', label: t('cases.allAmounts') },
          ...AMOUNT_BANDS.map((band) => ({ value: band.code, label: t.dyn(`cases.amount.${band.code}`, band.code) })),
        ]}
        data-testid="cases-amount-filter"
      />
    </>
  );
}
