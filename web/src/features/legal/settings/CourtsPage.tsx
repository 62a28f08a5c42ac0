import { Badge, Button, Drawer, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { CourtDto } from '@relance/contracts/legal-directory';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { courtListOptions } from './api.ts';
import { CourtDetail } from './components/CourtDetail.tsx';
import { CourtForm } from './components/CourtForm.tsx';
import { CourtImportCard } from './components/CourtImportCard.tsx';
import { CourtLookupBox } from './components/CourtLookupBox.tsx';
import { courtKindValues } from './components/court-form.ts';
import { SearchInput } from './components/SearchInput.tsx';
import { legalSettingsMessages } from './messages.ts';

/** Settings › Juridictions: the court directory (search, a court's communes), its import and manual rows (administrators). */
export function CourtsPage() {
  const t = useT(legalSettingsMessages);
  const isAdmin = useUser().role === 'admin';
  const { params, setParam } = useUrlFilters();
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const filters = { q: params.get('q') ?? '', kind: params.get('kind') ?? '', postalCode: params.get('postalCode') ?? '' };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('courts.title')}
        subtitle={t('courts.subtitle')}
        actions={
          isAdmin ? (
            <Button onClick={() => setAdding(true)} data-testid="court-add">
              {t('courts.add')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('courts.adminOnly')}
            </Text>
          )
        }
      />
      {isAdmin && <CourtImportCard />}
      <CourtLookupBox />
      <Paper p="md">
        <Stack gap="sm">
          <Group gap="sm" align="flex-end">
            <SearchInput label={t('courts.search')} value={filters.q} onChange={(value) => setParam('q', value)} width={340} testId="court-search" />
            <Select
              label={t('courts.kind')}
              placeholder={t('courts.allKinds')}
              data={courtKindValues.map((kind) => ({ value: kind, label: t(`courts.kind.${kind}` as const) }))}
              value={filters.kind || null}
              onChange={(value) => setParam('kind', value ?? '')}
              clearable
              w={280}
              data-testid="court-kind-filter"
            />
            <TextInput
              label={t('courts.postalCode')}
              value={filters.postalCode}
              onChange={(e) => setParam('postalCode', e.currentTarget.value.replace(/\D/g, '').slice(0, 5))}
              w={160}
              inputMode="numeric"
              data-testid="court-postal-filter"
            />
          </Group>
          <CourtTable filters={filters} onOpen={setOpenId} />
        </Stack>
      </Paper>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('courts.add')} size="lg">
        <CourtForm court={null} onSaved={(court) => { setAdding(false); setOpenId(court.id); }} onCancel={() => setAdding(false)} />
      </Modal>
      <Drawer opened={openId !== null} onClose={() => setOpenId(null)} position="right" size="lg" title={t('courts.detailTitle')}>
        {openId && <CourtDetail courtId={openId} canEdit={isAdmin} />}
      </Drawer>
    </Stack>
  );
}

function CourtTable({ filters, onOpen }: { filters: { q: string; kind: string; postalCode: string }; onOpen: (id: string) => void }) {
  const t = useT(legalSettingsMessages);
  const query = useInfiniteQuery(courtListOptions(filters));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const courts = query.data.pages.flatMap((page) => page.items);
  if (courts.length === 0) return <EmptyBlock title={t('courts.empty')}>{t('courts.emptyHint')}</EmptyBlock>;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={820}>
        <Table striped="even" highlightOnHover data-testid="courts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('courts.name')}</Table.Th>
              <Table.Th>{t('courts.kind')}</Table.Th>
              <Table.Th>{t('courts.city')}</Table.Th>
              <Table.Th>{t('courts.courAppel')}</Table.Th>
              <Table.Th className="num">{t('courts.communes')}</Table.Th>
              <Table.Th>{t('courts.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {courts.map((court) => (
              <CourtRow key={court.id} court={court} onOpen={() => onOpen(court.id)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('courts.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function CourtRow({ court, onOpen }: { court: CourtDto; onOpen: () => void }) {
  const t = useT(legalSettingsMessages);
  return (
    <Table.Tr
      data-testid="court-row"
      tabIndex={0}
      style={{ cursor: 'pointer' }}
      onClick={onOpen}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen();
        }
      }}
    >
      <Table.Td>
        <Text size="sm" fw={600}>
          {court.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {court.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={court.kind === 'tribunal_judiciaire' ? 'blue' : 'grape'}>
          {t(`courts.kind.${court.kind}` as const)}
        </Badge>
      </Table.Td>
      <Table.Td>{court.city}</Table.Td>
      <Table.Td>{court.courAppel ?? '—'}</Table.Td>
      <Table.Td className="num">{court.communes}</Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {t(`courts.source.${court.source}` as const)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
