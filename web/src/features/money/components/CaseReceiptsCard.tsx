import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { Receipt } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { moneyKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';
import { moneyMessages } from '../messages.ts';
import { Amount, DownloadButton } from './common.tsx';

/** A case's receipts (R124-6) on the case screen, for the finance roles: number, date, amount, PDF, cancellation. */
export function CaseReceiptsCard({ caseId }: { caseId: string }) {
  const t = useT(moneyMessages);
  const query = useQuery({
    queryKey: moneyKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<{ items: Receipt[] }>(`/api/v1/cases/${caseId}/receipts`, { signal }),
  });
  return (
    <Paper p="md" data-testid="case-receipts">
      <Title order={5} mb="xs">
        {t('receipts.ofCase')}
      </Title>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('receipts.noneOnCase')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {query.data.items.map((receipt) => (
              <Table.Tr key={receipt.id} data-testid="case-receipt">
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" ff="monospace" fw={600} td={receipt.cancelledAt ? 'line-through' : undefined}>
                      {receipt.number ?? t('receiptKind.direct_payment_acknowledgment')}
                    </Text>
                    {receipt.cancelledAt && (
                      <Badge size="xs" color="red" variant="light">
                        {t('receipts.cancelled')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDate(receipt.receivedOn, t.locale)}</Table.Td>
                <Table.Td className="num">
                  <Amount cents={receipt.amountCents} />
                </Table.Td>
                <Table.Td>
                  <DownloadButton url={receipt.url} name={`${receipt.number ?? 'accuse'}.pdf`} label="PDF" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
