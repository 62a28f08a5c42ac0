import { Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import type { CaseSummary } from '@relance/contracts/cases';
import { useEffect, useRef } from 'react';
import { formatMoney, formatNumber, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';
import type { CaseSelection } from './CaseAssignment.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** Managers: the assigned agent's column and a checkbox per row (bulk reassignment). */
export type ManagerColumns = { agentName: (id: string | null) => string | null; selection: CaseSelection };

export function CasesTable({
  cases,
  selected,
  onSelect,
  onOpen,
  showCreditor,
  manager,
}: {
  cases: CaseSummary[];
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (item: CaseSummary) => void;
  showCreditor: boolean;
  manager?: ManagerColumns | null;
}) {
  const t = useT(casesMessages);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  // Keep the keyboard selection visible and focused.
  useEffect(() => {
    const row = rows.current[selected];
    if (row && document.activeElement !== row && isNavigatingTable()) row.focus({ preventScroll: false });
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover striped="even" stickyHeader data-testid="cases-table">
        <Table.Thead>
          <Table.Tr>
            {manager && <SelectAllHeader ids={cases.map((c) => c.id)} selection={manager.selection} />}
            <Table.Th>{t('cases.reference')}</Table.Th>
            <Table.Th>{t('cases.debtor')}</Table.Th>
            {showCreditor && <Table.Th>{t('cases.creditor')}</Table.Th>}
            <Table.Th>{t('cases.status')}</Table.Th>
            {manager && <Table.Th>{t('cases.assignedTo')}</Table.Th>}
            <Table.Th className="num">{t('cases.claims')}</Table.Th>
            <Table.Th className="num">{t('cases.balance')}</Table.Th>
            <Table.Th className="num">{t('cases.daysPastDue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((item, index) => (
            <CaseRow
              key={item.id}
              item={item}
              selected={index === selected}
              rowRef={(element) => {
                rows.current[index] = element;
              }}
              onOpen={() => onOpen(item)}
              onFocus={() => onSelect(index)}
              showCreditor={showCreditor}
              manager={manager ?? null}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One case; the roving tab index keeps a single row in the tab order, Enter opens the case. */
function CaseRow({
  item,
  selected,
  rowRef,
  onOpen,
  onFocus,
  showCreditor,
  manager,
}: {
  item: CaseSummary;
  selected: boolean;
  rowRef: (element: HTMLTableRowElement | null) => void;
  onOpen: () => void;
  onFocus: () => void;
  showCreditor: boolean;
  manager: ManagerColumns | null;
}) {
  const t = useT(casesMessages);
  return (
    <Table.Tr
      ref={rowRef}
      className="clickable-row"
      data-selected={selected}
      data-testid="case-row"
      data-case-id={item.id}
      tabIndex={selected ? 0 : -1}
      aria-selected={selected}
      onClick={onOpen}
      onFocus={onFocus}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          onOpen();
        }
      }}
    >
      {manager && <SelectCell item={item} selection={manager.selection} />}
      <Table.Td>
        <Text size="sm" ff="monospace" fw={500}>
          {item.reference}
        </Text>
      </Table.Td>
      <DebtorCell item={item} />
      {showCreditor && (
        <Table.Td>
          <Text size="sm" lineClamp={1}>
            {item.creditorName}
          </Text>
        </Table.Td>
      )}
      <Table.Td>
        <StatusBadge status={item.status} outcome={item.closedOutcome} />
      </Table.Td>
      {manager && <AgentCell name={manager.agentName(item.assignedAgentId)} />}
      <Table.Td className="num">{formatNumber(item.claimCount, t.locale)}</Table.Td>
      {/* Today's décompte balance; principal minus payments when it cannot be computed (a rate missing). */}
      <Table.Td className="num" data-testid="case-balance" data-source={item.outstandingCents === null ? 'principal' : 'statement'} fw={600}>
        {formatMoney(item.outstandingCents ?? item.balanceCents, item.currency, t.locale)}
        {item.outstandingCents === null && (
          <Text size="xs" c="dimmed" fw={400}>
            {t('cases.balanceWithoutInterest')}
          </Text>
        )}
      </Table.Td>
      <Table.Td className="num">
        <Text span size="sm" c={item.daysPastDue > 180 ? 'red.7' : item.daysPastDue > 60 ? 'orange.7' : undefined}>
          {formatNumber(item.daysPastDue, t.locale)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function DebtorCell({ item }: { item: CaseSummary }) {
  const t = useT(casesMessages);
  return (
    <Table.Td>
      <Text size="sm" fw={600} lineClamp={1}>
        {item.debtorName}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {item.debtorKind === 'company' ? t('case.company') : t('case.person')}
        </Text>
        {item.disputeOpen && (
          <Badge size="xs" color="orange" variant="light" style={{ flexShrink: 0 }} data-testid="row-flag-dispute">
            {t('caseWork.badgeDispute')}
          </Badge>
        )}
        {item.vulnerable && (
          <Badge size="xs" color="pink" variant="light" style={{ flexShrink: 0 }} data-testid="row-flag-vulnerable">
            {t('caseWork.badgeVulnerable')}
          </Badge>
        )}
      </Group>
    </Table.Td>
  );
}

function isNavigatingTable() {
  const active = document.activeElement;
  return !active || active === document.body || active.classList.contains('clickable-row');
}

function SelectAllHeader({ ids, selection }: { ids: string[]; selection: CaseSelection }) {
  const t = useT(casesMessages);
  const checked = ids.length > 0 && ids.every((id) => selection.ids.has(id));
  const some = ids.some((id) => selection.ids.has(id));
  return (
    <Table.Th w={40}>
      <Checkbox
        checked={checked}
        indeterminate={some && !checked}
        onChange={() => selection.setAll(ids, !checked)}
        aria-label={t('cases.selectAll')}
        data-testid="cases-select-all"
      />
    </Table.Th>
  );
}

/** The checkbox is its own control: clicking it or pressing Space on it never opens the case. */
function SelectCell({ item, selection }: { item: CaseSummary; selection: CaseSelection }) {
  const t = useT(casesMessages);
  return (
    <Table.Td onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      <Checkbox checked={selection.ids.has(item.id)} onChange={() => selection.toggle(item.id)} aria-label={t('cases.selectCase', { reference: item.reference })} data-testid="case-select" />
    </Table.Td>
  );
}

function AgentCell({ name }: { name: string | null }) {
  const t = useT(casesMessages);
  return (
    <Table.Td data-testid="case-agent">
      <Text size="sm" c={name ? undefined : 'dimmed'} lineClamp={1}>
        {name ?? t('cases.unassigned')}
      </Text>
    </Table.Td>
  );
}
