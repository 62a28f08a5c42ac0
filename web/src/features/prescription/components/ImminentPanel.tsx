import { Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ImminentPrescription } from '@relance/contracts/prescription';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { imminentOptions } from '../api/prescription.ts';
import { prescriptionMessages } from '../messages.ts';

/** Claims that prescribe within 90 days, nearest first, with what would interrupt each. */
export function ImminentPanel() {
  const t = useT(prescriptionMessages);
  const query = useInfiniteQuery(imminentOptions());
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper p="md" data-testid="imminent-prescriptions">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={4}>{t('imminent.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('imminent.help')}
          </Text>
        </Stack>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" data-testid="imminent-empty">
            {t('imminent.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" highlightOnHover>
              <TableHead columns={[t('col.case'), t('col.claim'), t('imminent.lastDay'), numeric(t('imminent.owed')), t('imminent.toDo')]} />
              <Table.Tbody>
                {items.map((item) => (
                  <ImminentRow key={`${item.caseId}:${item.claimRef}`} item={item} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
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

function ImminentRow({ item }: { item: ImminentPrescription }) {
  const t = useT(prescriptionMessages);
  return (
    <Table.Tr data-testid="imminent-row" data-case-id={item.caseId} data-claim-ref={item.claimRef}>
      <Table.Td valign="top">
        <Anchor component={Link} to={`/cases/${item.caseId}`} size="sm" ff="monospace">
          {item.reference}
        </Anchor>
        <Text size="sm">{item.debtorName}</Text>
        <Text size="xs" c="dimmed">
          {item.creditorName}
        </Text>
      </Table.Td>
      <Table.Td valign="top">
        <Text size="sm" ff="monospace">
          {item.claimRef}
        </Text>
        <Text size="xs" c="dimmed">
          {t.dyn(`nature.${item.nature}`, item.nature)} · {item.basis}
        </Text>
      </Table.Td>
      <Table.Td valign="top">
        <Text size="sm">{formatDate(item.prescriptionDate, t.locale)}</Text>
        <Badge color={item.daysLeft <= 30 ? 'red' : 'orange'} variant="light" size="sm" data-testid="imminent-days-left">
          {t('imminent.daysLeft', { days: item.daysLeft })}
        </Badge>
      </Table.Td>
      <Table.Td className="num" valign="top">
        {item.owedCents === null ? '—' : formatMoney(item.owedCents, item.currency, t.locale)}
      </Table.Td>
      <Table.Td valign="top">
        <List size="xs" spacing={2}>
          {item.actions.map(({ action, article }) => (
            <List.Item key={action}>
              {t(`action.${action}`)}{' '}
              <Text span size="xs" c="dimmed">
                ({article})
              </Text>
            </List.Item>
          ))}
        </List>
        {item.forclusion && (
          <Text size="xs" c="orange.8" mt={4}>
            {t('imminent.forclusion')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
