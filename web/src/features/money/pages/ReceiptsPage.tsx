import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import type { Receipt } from '@relance/contracts/money';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { DateField } from '../../../shared/components/DateField.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { type ReceiptFilters, receiptsOptions } from '../api/money.ts';
import { Amount, DownloadButton } from '../components/common.tsx';
import { moneyMessages } from '../messages.ts';

/** The receipts register (R124-6): every receipt and direct-payment acknowledgment, numbered, with its PDF. */
export function ReceiptsPage() {
  const t = useT(moneyMessages);
  const { params, setParam } = useUrlFilters();
  const filters: ReceiptFilters = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    creditorId: params.get('creditorId') ?? '',
    kind: params.get('kind') ?? '',
  };
  const query = useInfiniteQuery(receiptsOptions(filters));
  const receipts = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <DateField label={t('journal.from')} value={filters.from} onChange={(e) => setParam('from', e.currentTarget.value)} data-testid="receipts-from" />
        <DateField label={t('journal.to')} value={filters.to} onChange={(e) => setParam('to', e.currentTarget.value)} data-testid="receipts-to" />
        <NativeSelect
          label={t('receipts.kind')}
          value={filters.kind}
          onChange={(e) => setParam('kind', e.currentTarget.value)}
          data={[
            { value: '', label: t('receipts.allKinds') },
            { value: 'receipt', label: t('receiptKind.receipt') },
            { value: 'direct_payment_acknowledgment', label: t('receiptKind.direct_payment_acknowledgment') },
          ]}
        />
        <CreditorSelect label={t('common.creditor')} value={filters.creditorId ?? ''} onChange={(value) => setParam('creditorId', value)} allowAll />
      </Group>
      <Paper p="md">
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : receipts.length === 0 ? (
          <EmptyBlock title={t('receipts.empty')}>{t('receipts.emptyHelp')}</EmptyBlock>
        ) : (
          <ReceiptsTable receipts={receipts} />
        )}
        {query.hasNextPage && (
          <Group justify="center" mt="sm">
            <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}

function ReceiptsTable({ receipts }: { receipts: readonly Receipt[] }) {
  const t = useT(moneyMessages);
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped="even" data-testid="receipts">
        <TableHead
          columns={[t('receipts.col.number'), t('receipts.col.received'), t('rem.col.case'), t('common.creditor'), t('receipts.col.method'), numeric(t('rem.col.amount')), t('receipts.col.delivered'), '']}
        />
        <Table.Tbody>
          {receipts.map((receipt) => (
            <Table.Tr key={receipt.id} data-testid="receipt-row" data-cancelled={receipt.cancelledAt !== null}>
              <Table.Td>
                <Text size="sm" fw={600} ff="monospace" td={receipt.cancelledAt ? 'line-through' : undefined}>
                  {receipt.number ?? t('receiptKind.direct_payment_acknowledgment')}
                </Text>
                {receipt.cancelledAt && (
                  <Badge color="red" variant="light" size="sm" title={receipt.cancellationReason ?? undefined}>
                    {t('receipts.cancelled')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatDate(receipt.receivedOn, t.locale)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${receipt.caseId}`} size="sm">
                  {receipt.caseReference}
                </Anchor>
              </Table.Td>
              <Table.Td>{receipt.creditorName}</Table.Td>
              <Table.Td>{t.dyn(`method.${receipt.method}`, receipt.method)}</Table.Td>
              <Table.Td className="num">
                <Amount cents={receipt.amountCents} />
              </Table.Td>
              <Table.Td>{receipt.deliveredAt ? formatDateTime(receipt.deliveredAt, t.locale) : <Text size="xs" c="orange">{t('receipts.notDelivered')}</Text>}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <DownloadButton url={receipt.url} name={`${receipt.number ?? 'accuse'}.pdf`} label="PDF" />
                  {receipt.cancellationUrl && <DownloadButton url={receipt.cancellationUrl} name={`${receipt.number ?? 'accuse'}-annulation.pdf`} label={t('receipts.cancellation')} />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
