import { Anchor, Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { Receipt } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { useDownload } from '../../../shared/useDownload.ts';
import { caseReceiptsOptions, downloadReceipt } from '../api/receipts.ts';
import { casesMessages } from '../messages.ts';

type Wanted = { receipt: Receipt; cancellation: boolean };

/** The case's receipts (CPCE R124-6): number, payment date and amount, whether issued or cancelled, each PDF. */
export function ReceiptsCard({ caseId }: { caseId: string }) {
  const t = useT(casesMessages);
  const query = useQuery(caseReceiptsOptions(caseId));
  const { download, downloading, error } = useDownload(downloadReceipt, ({ receipt, cancellation }: Wanted) => `${receipt.id}:${cancellation}`);
  return (
    <Paper p="md" data-testid="case-receipts">
      <Title order={4} mb={4}>
        {t('receipts.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('receipts.help')}
      </Text>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('receipts.empty')}
        </Text>
      ) : (
        <Table striped="even" data-testid="receipts-table">
          <TableHead columns={[t('receipts.number'), t('case.receivedOn'), t('receipts.status'), numeric(t('case.amount')), '']} />
          <Table.Tbody>
            {query.data.items.map((receipt) => (
              <Table.Tr key={receipt.id} data-testid="receipt-row">
                <Table.Td ff={receipt.number ? 'monospace' : undefined} fz="sm">
                  {receipt.number ?? t('receipts.acknowledgment')}
                </Table.Td>
                <Table.Td>{formatDate(receipt.receivedOn, t.locale)}</Table.Td>
                <Table.Td>
                  {receipt.cancelledAt ? (
                    <Badge size="sm" color="red" variant="light" title={receipt.cancellationReason ?? undefined}>
                      {t('receipts.cancelled')}
                    </Badge>
                  ) : (
                    <Badge size="sm" color={receipt.deliveredAt ? 'teal' : 'gray'} variant="light">
                      {receipt.deliveredAt ? t('receipts.delivered') : t('receipts.pending')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="num">{formatMoney(receipt.amountCents, receipt.currency, t.locale)}</Table.Td>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Anchor component="button" type="button" size="sm" disabled={downloading !== null} onClick={() => void download({ receipt, cancellation: false })}>
                      {t('receipts.download')}
                    </Anchor>
                    {receipt.cancellationUrl && (
                      <Anchor component="button" type="button" size="sm" disabled={downloading !== null} onClick={() => void download({ receipt, cancellation: true })}>
                        {t('receipts.downloadCancellation')}
                      </Anchor>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {error != null && <ErrorState error={error} />}
    </Paper>
  );
}
