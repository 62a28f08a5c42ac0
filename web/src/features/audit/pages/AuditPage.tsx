import { Anchor, Badge, Button, CloseButton, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { type AuditEvent, knownAuditActions } from '@relance/contracts/audit';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { DateField } from '../../../shared/components/DateField.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { isBusinessDate } from '../../../shared/dates.ts';
import { formatDateTime, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { type AuditFilters, auditActorsOptions, auditOptions } from '../api/audit.ts';
import { AuditChanges } from '../components/AuditChanges.tsx';
import { AuditExportButton } from '../components/AuditExportButton.tsx';
import { auditMessages } from '../messages.ts';

const FILTER_KEYS = ['caseId', 'actorId', 'action', 'from', 'to'] as const;

/** Where a detail's value has a name on the screens (the rest is shown as recorded). */
const VALUE_KEYS: Record<string, string> = { kind: 'rgpd.kind', outcome: 'rgpd.outcome', channel: 'rgpd.channel', reason: 'audit.reason', refusalCode: 'audit.refusal' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Details worth a glance, as "label: value" (ids and nested objects stay in the API). */
function detailsText(details: Record<string, unknown>, t: Translate<MessageKey<typeof auditMessages>>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value)) && !(typeof value === 'string' && UUID.test(value)))
    .map(([key, value]) => {
      const text = Array.isArray(value)
        ? value.map((item) => t.dyn(`rgpd.field.${String(item)}`, String(item))).join(', ')
        : VALUE_KEYS[key]
          ? t.dyn(`${VALUE_KEYS[key]}.${String(value)}`, String(value))
          : String(value);
      return `${t.dyn(`audit.detail.${key}`, key)} : ${text}`;
    })
    .join(' · ');
}

type SetFilter = (key: (typeof FILTER_KEYS)[number], value: string) => void;

/** The filters, read from and written to the URL (replacing the entry: filtering is not navigating). */
function useAuditFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: AuditFilters = {
    caseId: searchParams.get('caseId') ?? '',
    actorId: searchParams.get('actorId') ?? '',
    action: searchParams.get('action') ?? '',
    from: isBusinessDate(searchParams.get('from') ?? '') ? (searchParams.get('from') as string) : '',
    to: isBusinessDate(searchParams.get('to') ?? '') ? (searchParams.get('to') as string) : '',
  };
  const setFilter: SetFilter = (key, value) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };
  return { filters, setFilter };
}

/**
 * The audit trail for managers and admins: who read or changed what, when (reads of debtor files by
 * staff, exports, RGPD requests, settings), filtered by case, person, action and days; newest first.
 * The filters live in the URL, so a case screen links to its own trail.
 */
export function AuditPage() {
  const t = useT(auditMessages, staffMessages);
  const { filters, setFilter } = useAuditFilters();
  const query = useInfiniteQuery(auditOptions(filters));
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const caseReference = items.find((item) => item.caseId === filters.caseId)?.caseReference ?? null;

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} actions={<AuditExportButton filters={filters} />} />
      <AuditFiltersBar filters={filters} setFilter={setFilter} caseReference={caseReference} />
      <Paper p="md">
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock title={t('audit.empty')}>{t('audit.emptyHelp')}</EmptyBlock>
        ) : (
          <Stack gap="sm">
            <AuditTable items={items} filters={filters} setFilter={setFilter} />
            {query.hasNextPage && (
              <Group justify="center">
                <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="audit-more">
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Paper>
    </>
  );
}

function AuditFiltersBar({ filters, setFilter, caseReference }: { filters: AuditFilters; setFilter: SetFilter; caseReference: string | null }) {
  const t = useT(auditMessages, staffMessages);
  const actors = useQuery(auditActorsOptions());
  return (
    <Paper p="md" mb="md">
      <Group gap="sm" align="flex-end" wrap="wrap" data-testid="audit-filters">
        <NativeSelect
          label={t('audit.filter.actor')}
          value={filters.actorId}
          onChange={(event) => setFilter('actorId', event.currentTarget.value)}
          data={[
            { value: '', label: t('audit.filter.anyActor') },
            ...(actors.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${t.dyn(`role.${user.role}`, user.role)})` })),
          ]}
          miw={220}
          data-testid="audit-actor"
        />
        <NativeSelect
          label={t('audit.filter.action')}
          value={filters.action}
          onChange={(event) => setFilter('action', event.currentTarget.value)}
          data={[{ value: '', label: t('audit.filter.anyAction') }, ...knownAuditActions.map((action) => ({ value: action, label: t.dyn(`audit.action.${action}`, action) }))]}
          miw={240}
          data-testid="audit-action"
        />
        <DateField label={t('audit.filter.from')} value={filters.from} max={filters.to || undefined} onChange={(event) => setFilter('from', event.currentTarget.value)} data-testid="audit-from" />
        <DateField label={t('audit.filter.to')} value={filters.to} min={filters.from || undefined} onChange={(event) => setFilter('to', event.currentTarget.value)} data-testid="audit-to" />
        {filters.caseId && (
          <Badge
            size="lg"
            variant="light"
            mb={4}
            rightSection={<CloseButton size="xs" aria-label={t('audit.filter.caseClear')} onClick={() => setFilter('caseId', '')} />}
            styles={{ label: { textTransform: 'none' } }}
            data-testid="audit-case-filter"
          >
            {t('audit.filter.case')} {caseReference ?? filters.caseId.slice(0, 8)}
          </Badge>
        )}
      </Group>
    </Paper>
  );
}

function AuditTable({ items, filters, setFilter }: { items: AuditEvent[]; filters: AuditFilters; setFilter: SetFilter }) {
  const t = useT(auditMessages, staffMessages);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped="even" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.col.when')}</Table.Th>
            <Table.Th>{t('audit.col.who')}</Table.Th>
            <Table.Th>{t('audit.col.action')}</Table.Th>
            <Table.Th>{t('audit.col.case')}</Table.Th>
            <Table.Th>{t('audit.col.creditor')}</Table.Th>
            <Table.Th>{t('audit.col.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <AuditRow key={item.id} item={item} filters={filters} setFilter={setFilter} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AuditRow({ item, filters, setFilter }: { item: AuditEvent; filters: AuditFilters; setFilter: SetFilter }) {
  const t = useT(auditMessages, staffMessages);
  return (
    <Table.Tr data-testid="audit-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.occurredAt, t.locale)}</Table.Td>
      <Table.Td>
        {item.actorName ? (
          <Anchor component="button" type="button" size="sm" onClick={() => item.actorId && setFilter('actorId', item.actorId)}>
            {item.actorName}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t('audit.system')}
          </Text>
        )}
        {item.actorRole && (
          <Text size="xs" c="dimmed">
            {t.dyn(`role.${item.actorRole}`, item.actorRole)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge
          variant="light"
          color={item.action.endsWith('_viewed') || item.action.endsWith('_downloaded') ? 'gray' : 'indigo'}
          miw="max-content"
          styles={{ label: { textTransform: 'none' } }}
        >
          {t.dyn(`audit.action.${item.action}`, item.action)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {item.caseId ? (
          <Stack gap={0}>
            <Anchor component={Link} to={`/cases/${item.caseId}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
              {item.caseReference ?? item.caseId.slice(0, 8)}
            </Anchor>
            {item.caseId !== filters.caseId && (
              <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => item.caseId && setFilter('caseId', item.caseId)}>
                {t('audit.onlyThisCase')}
              </Anchor>
            )}
          </Stack>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{item.creditorName ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {detailsText(item.details, t) || '—'}
        </Text>
        <AuditChanges details={item.details} />
      </Table.Td>
    </Table.Tr>
  );
}
