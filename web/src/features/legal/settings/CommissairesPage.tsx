import { Badge, Button, Group, Modal, Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CommissaireDto } from '@relance/contracts/legal-directory';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { type CommissaireFilters, commissaireListOptions, useSaveCommissaire } from './api.ts';
import { CommissaireForm } from './components/CommissaireForm.tsx';
import { SearchInput } from './components/SearchInput.tsx';
import { legalSettingsMessages } from './messages.ts';

/** Settings › Commissaires de justice: the études by district; added, edited, deactivated (never deleted). */
export function CommissairesPage() {
  const t = useT(legalSettingsMessages);
  const { params, setParam } = useUrlFilters();
  const active = params.get('active');
  const filters: CommissaireFilters = { q: params.get('q') ?? '', district: params.get('district') ?? '', active: active === 'true' || active === 'false' ? active : 'all' };
  const query = useQuery(commissaireListOptions(filters));
  // The districts known so far (from every commissaire listed without filter), to pick from.
  const all = useQuery(commissaireListOptions({ q: '', district: '', active: 'all' }));
  const districts = [...new Set((all.data?.items ?? []).flatMap((c) => c.courAppelDistricts))].sort((a, b) => a.localeCompare(b, 'fr'));
  const [editing, setEditing] = useState<CommissaireDto | 'new' | null>(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('commissaires.title')}
        subtitle={t('commissaires.subtitle')}
        actions={
          <Button onClick={() => setEditing('new')} data-testid="commissaire-add">
            {t('commissaires.add')}
          </Button>
        }
      />
      <Paper p="md">
        <Stack gap="sm">
          <Group gap="sm" align="flex-end">
            <SearchInput label={t('commissaires.search')} value={filters.q} onChange={(value) => setParam('q', value)} width={320} testId="commissaire-search" />
            <Select
              label={t('commissaires.district')}
              placeholder={t('commissaires.allDistricts')}
              data={districts}
              value={filters.district || null}
              onChange={(value) => setParam('district', value ?? '')}
              clearable
              searchable
              w={240}
              data-testid="commissaire-district-filter"
            />
            <SegmentedControl
              value={filters.active}
              onChange={(value) => setParam('active', value === 'all' ? '' : value)}
              data={(['all', 'true', 'false'] as const).map((value) => ({ value, label: t(`commissaires.status.${value}` as const) }))}
            />
          </Group>
          {query.isPending ? (
            <LoadingState />
          ) : query.isError ? (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          ) : query.data.items.length === 0 ? (
            <EmptyBlock title={t('commissaires.empty')}>{t('commissaires.emptyHint')}</EmptyBlock>
          ) : (
            <CommissaireTable items={query.data.items} onEdit={setEditing} />
          )}
        </Stack>
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('commissaires.add') : t('commissaires.editTitle')} size="lg">
        {editing !== null && (
          <CommissaireForm commissaire={editing === 'new' ? null : editing} districtChoices={districts} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}

function CommissaireTable({ items, onEdit }: { items: CommissaireDto[]; onEdit: (commissaire: CommissaireDto) => void }) {
  const t = useT(legalSettingsMessages);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped="even" highlightOnHover data-testid="commissaires-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('commissaires.etude')}</Table.Th>
            <Table.Th>{t('commissaires.address')}</Table.Th>
            <Table.Th>{t('commissaires.districts')}</Table.Th>
            <Table.Th>{t('commissaires.email')}</Table.Th>
            <Table.Th>{t('commissaires.status')}</Table.Th>
            <Table.Th>{t('commissaires.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((commissaire) => (
            <CommissaireRow key={commissaire.id} commissaire={commissaire} onEdit={() => onEdit(commissaire)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CommissaireRow({ commissaire, onEdit }: { commissaire: CommissaireDto; onEdit: () => void }) {
  const t = useT(legalSettingsMessages);
  const toggle = useSaveCommissaire(commissaire.id);
  const setActive = (active: boolean) =>
    toggle.mutate(
      { active },
      {
        onSuccess: () =>
          notifications.show({ color: active ? 'teal' : 'gray', message: t(active ? 'commissaires.reactivated' : 'commissaires.deactivated', { etude: commissaire.etude }), autoClose: 4000 }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  return (
    <Table.Tr data-testid="commissaire-row" style={{ opacity: commissaire.active ? 1 : 0.6 }}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {commissaire.etude}
        </Text>
        <Text size="xs" c="dimmed">
          {commissaire.name}
        </Text>
      </Table.Td>
      <Table.Td style={{ minWidth: 170 }}>
        <Text size="sm">{commissaire.addressLine1}</Text>
        <Text size="xs" c="dimmed">
          {commissaire.postalCode} {commissaire.city}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {commissaire.courAppelDistricts.map((district) => (
            <Badge key={district} variant="light" size="sm">
              {district}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{commissaire.email ?? '—'}</Text>
        <Text size="xs" c={commissaire.acceptsEmail ? 'teal.8' : 'dimmed'}>
          {commissaire.acceptsEmail ? t('commissaires.acceptsEmailShort') : t('commissaires.byPost')}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={600} c={commissaire.active ? 'teal.8' : 'dimmed'}>
          {commissaire.active ? t('commissaires.active') : t('commissaires.inactive')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="xs" variant="subtle" onClick={onEdit} data-testid="commissaire-edit">
            {t('commissaires.edit')}
          </Button>
          <Button size="xs" variant="subtle" color={commissaire.active ? 'red' : 'teal'} loading={toggle.isPending} onClick={() => setActive(!commissaire.active)} data-testid="commissaire-toggle">
            {commissaire.active ? t('commissaires.deactivate') : t('commissaires.reactivate')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
