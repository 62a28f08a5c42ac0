import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { CommissionInvoice } from '@relance/contracts/money';
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import type { Page } from '../../../shared/http.ts';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { moneyMessages } from '../messages.ts';
import { Amount, DownloadButton } from './common.tsx';
import { InvoicePaymentButton } from './InvoicePaymentButton.tsx';

const settlementColors: Record<CommissionInvoice['settlement'], string> = { deducted: 'teal', to_pay: 'orange', partly_deducted: 'yellow', paid: 'teal' };

/** Commission invoices (number, dates, HT/TVA/TTC, disbursements, how settled) with their PDF; staff and creditors alike. */
export function InvoicesTable({ query, showCreditor }: { query: UseInfiniteQueryResult<{ pages: Page<CommissionInvoice>[] }>; showCreditor: boolean }) {
  const t = useT(moneyMessages);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const invoices = query.data.pages.flatMap((page) => page.items);
  if (invoices.length === 0) return <EmptyBlock title={t('invoices.empty')}>{t('invoices.emptyHelp')}</EmptyBlock>;
  return (
    <>
      <Table.ScrollContainer minWidth={1060}>
        <Table striped="even" data-testid="invoices">
          <TableHead
            columns={[
              t('invoices.col.number'),
              ...(showCreditor ? [t('common.creditor')] : []),
              t('invoices.col.issued'),
              t('invoices.col.due'),
              numeric(t('invoices.col.ht')),
              numeric(t('invoices.col.vat')),
              numeric(t('invoices.col.ttc')),
              numeric(t('invoices.col.disbursements')),
              numeric(t('invoices.col.outstanding')),
              t('invoices.col.settlement'),
              '',
            ]}
          />
          <Table.Tbody>
            {invoices.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid="invoice-row">
                <Table.Td>
                  <Text size="sm" fw={600} ff="monospace">
                    {invoice.number}
                  </Text>
                </Table.Td>
                {showCreditor && <Table.Td>{invoice.creditorName}</Table.Td>}
                <Table.Td>{formatDate(invoice.issuedOn, t.locale)}</Table.Td>
                <Table.Td>{formatDate(invoice.dueOn, t.locale)}</Table.Td>
                <Table.Td className="num">
                  <Amount cents={invoice.htCents} />
                </Table.Td>
                <Table.Td className="num">
                  <Amount cents={invoice.vatCents} />
                </Table.Td>
                <Table.Td className="num">
                  <Amount cents={invoice.ttcCents} strong />
                </Table.Td>
                <Table.Td className="num">
                  <Amount cents={invoice.disbursementsCents} dimZero />
                </Table.Td>
                <Table.Td className="num">
                  <Amount cents={invoice.outstandingCents} dimZero />
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={settlementColors[invoice.settlement]} miw="max-content">
                    {t.dyn(`settlement.${invoice.settlement}`, invoice.settlement)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <DownloadButton url={invoice.url} name={`${invoice.number}.pdf`} label="PDF" testId="invoice-pdf" />
                    {showCreditor && invoice.outstandingCents > 0 && <InvoicePaymentButton invoice={invoice} />}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
