import { Badge, Button, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { CourtDetailDto } from '@relance/contracts/legal-directory';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../../shared/components/states.tsx';
import { useT } from '../../../../shared/i18n.ts';
import { courtOptions } from '../api.ts';
import { legalSettingsMessages } from '../messages.ts';
import { CourtForm } from './CourtForm.tsx';

/** One court: its details and the communes of its ressort; an administrator may correct it. */
export function CourtDetail({ courtId, canEdit }: { courtId: string; canEdit: boolean }) {
  const query = useQuery(courtOptions(courtId));
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (editing) return <CourtForm court={query.data} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  return <CourtView court={query.data} canEdit={canEdit} onEdit={() => setEditing(true)} />;
}

function CourtView({ court, canEdit, onEdit }: { court: CourtDetailDto; canEdit: boolean; onEdit: () => void }) {
  const t = useT(legalSettingsMessages);
  const line = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </Group>
  );
  return (
    <Stack gap="sm" data-testid="court-detail">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={700}>{court.name}</Text>
          <Group gap={6}>
            <Badge variant="light">{t(`courts.kind.${court.kind}` as const)}</Badge>
            <Badge variant="outline" color="gray">
              {t(`courts.source.${court.source}` as const)}
            </Badge>
          </Group>
        </Stack>
        {canEdit && (
          <Button size="xs" variant="light" onClick={onEdit} data-testid="court-edit">
            {t('courts.edit')}
          </Button>
        )}
      </Group>
      {line(t('courts.code'), court.code)}
      {line(t('courts.address'), `${court.addressLine1}, ${court.postalCode} ${court.city}`)}
      {line(t('courts.courAppel'), court.courAppel)}
      {line(t('courts.email'), court.email)}
      {line(t('courts.phone'), court.phone)}
      <Text fw={600} size="sm" mt="sm">
        {t('courts.competence', { count: court.communes })}
      </Text>
      {court.competence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('courts.competenceEmpty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420}>
          <Table striped="even" data-testid="court-communes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courts.courtPostalCode')}</Table.Th>
                <Table.Th>{t('courts.commune')}</Table.Th>
                <Table.Th>{t('courts.communeCode')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {court.competence.map((commune) => (
                <Table.Tr key={`${commune.communeCode}:${commune.postalCode}`}>
                  <Table.Td>{commune.postalCode}</Table.Td>
                  <Table.Td>{commune.communeName}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {commune.communeCode}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
