import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Remittance } from '@relance/contracts/money';
import { useInfiniteQuery } from '@tanstack/react-query';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { invoicesOptions, ownRemittancesOptions } from '../api/money.ts';
import { Amount, DownloadButton, FlowStatusBadge } from '../components/common.tsx';
import { InvoicesTable } from '../components/InvoicesTable.tsx';
import { moneyMessages } from '../messages.ts';

/** A creditor's "Reversements": what the agency remitted to it (statement PDFs) and its commission invoices. */
export function CreditorRemittancesPage() {
  const t = useT(moneyMessages);
  const remittances = useInfiniteQuery(ownRemittancesOptions());
  const invoices = useInfiniteQuery(invoicesOptions({}));
  return (
    <>
      <PageHeader title={t('own.title')} subtitle={t('own.subtitle')} />
      <Stack gap="md">
        <Paper p="md">
          <Title order={4} mb="xs">
            {t('own.remittances')}
          </Title>
          {remittances.isPending ? (
            <LoadingState />
          ) : remittances.isError ? (
            <ErrorState error={remittances.error} onRetry={() => void remittances.refetch()} />
          ) : (
            <OwnRemittances items={remittances.data.pages.flatMap((page) => page.items)} />
          )}
          {remittances.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button variant="default" onClick={() => void remittances.fetchNextPage()} loading={remittances.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Paper>
        <Paper p="md">
          <Title order={4} mb="xs">
            {t('own.invoices')}
          </Title>
          <InvoicesTable query={invoices} showCreditor={false} />
        </Paper>
      </Stack>
    </>
  );
}

function OwnRemittances({ items }: { items: readonly Remittance[] }) {
  const t = useT(moneyMessages);
  if (items.length === 0) return <EmptyBlock title={t('own.empty')}>{t('own.emptyHelp')}</EmptyBlock>;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped="even" data-testid="own-remittances">
        <TableHead
          columns={[t('own.col.period'), t('rem.col.payments'), numeric(t('rem.col.gross')), numeric(t('rem.col.deducted')), numeric(t('rem.col.net')), t('rem.col.status'), '']}
        />
        <Table.Tbody>
          {items.map((remittance) => (
            <Table.Tr key={remittance.id} data-testid="own-remittance">
              <Table.Td>
                <Text size="sm">{t('own.since', { date: formatDate(remittance.oldestReceivedOn, t.locale) })}</Text>
                {remittance.invoice && (
                  <Badge variant="light" color="gray" size="sm">
                    {remittance.invoice.number}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{remittance.paymentCount}</Table.Td>
              <Table.Td className="num">
                <Amount cents={remittance.grossCents} />
              </Table.Td>
              <Table.Td className="num">
                <Amount cents={remittance.deductedCents} dimZero />
              </Table.Td>
              <Table.Td className="num">
                <Amount cents={remittance.netCents} strong />
              </Table.Td>
              <Table.Td>
                <FlowStatusBadge status={remittance.status} />
              </Table.Td>
              <Table.Td>
                <DownloadButton url={remittance.statementUrl} name={`releve-${remittance.id}.pdf`} label={t('rem.statementPdf')} testId="own-statement-pdf" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
