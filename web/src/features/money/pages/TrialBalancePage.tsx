import '@mantine/charts/styles.css';
import { DonutChart } from '@mantine/charts';
import { Alert, Badge, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TrialBalance } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { DateField } from '../../../shared/components/DateField.tsx';
import { StatCard } from '../../../shared/components/StatCard.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { trialBalanceOptions } from '../api/money.ts';
import { Amount } from '../components/common.tsx';
import { moneyMessages } from '../messages.ts';

/** The trial balance at a date: totals, the client-funds check (CPCE R124-2), the accounts by book, each creditor's position. */
export function TrialBalancePage() {
  const t = useT(moneyMessages);
  const { params, setParam } = useUrlFilters();
  const asOf = params.get('asOf') ?? '';
  const query = useQuery(trialBalanceOptions(asOf));
  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between">
        <DateField
          label={t('tb.asOf')}
          description={t('tb.asOfHelp')}
          value={asOf}
          onChange={(event) => setParam('asOf', event.currentTarget.value)}
          data-testid="tb-as-of"
        />
        {query.data && (
          <Text size="sm" c="dimmed">
            {t('tb.shownAt', { date: formatDate(query.data.asOf, t.locale) })}
          </Text>
        )}
      </Group>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <TrialBalanceView balance={query.data} />
      )}
    </Stack>
  );
}

function TrialBalanceView({ balance }: { balance: TrialBalance }) {
  const t = useT(moneyMessages);
  const money = (cents: number) => formatMoney(cents, 'EUR', t.locale);
  const balanced = balance.totalDebitCents === balance.totalCreditCents;
  return (
    <Stack gap="md" data-testid="trial-balance">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard label={t('tb.totalDebit')} value={money(balance.totalDebitCents)} valueSize={22} testId="tb-total-debit" />
        <StatCard label={t('tb.totalCredit')} value={money(balance.totalCreditCents)} valueSize={22} testId="tb-total-credit" />
        <Paper p="md" bg={balanced ? 'teal.0' : 'red.0'} data-testid="tb-balanced" data-ok={balanced}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('tb.equality')}
          </Text>
          <Text fz={20} fw={700} c={balanced ? 'teal.8' : 'red.8'}>
            {balanced ? t('tb.balanced') : t('tb.unbalanced', { amount: money(balance.totalDebitCents - balance.totalCreditCents) })}
          </Text>
        </Paper>
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ClientFundsCheck balance={balance} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <HoldingsChart balance={balance} />
        </Grid.Col>
      </Grid>
      <AccountsByBook balance={balance} />
      <CreditorPositions balance={balance} />
    </Stack>
  );
}

/** bank = owed to creditors + owed to debtors + suspense + agency fees held; green when the difference is zero. */
function ClientFundsCheck({ balance }: { balance: TrialBalance }) {
  const t = useT(moneyMessages);
  const funds = balance.clientFunds;
  const ok = funds.differenceCents === 0;
  const rows: [string, number][] = [
    [t('tb.owedToCreditors'), funds.owedToCreditorsCents],
    [t('tb.owedToDebtors'), funds.owedToDebtorsCents],
    [t('tb.suspense'), funds.suspenseCents],
    [t('tb.agencyFeesHeld'), funds.agencyFeesHeldCents],
  ];
  const owed = rows.reduce((sum, [, cents]) => sum + cents, 0);
  return (
    <Alert
      color={ok ? 'teal' : 'red'}
      variant="light"
      title={ok ? t('tb.checkOk') : t('tb.checkKo', { amount: formatMoney(funds.differenceCents, 'EUR', t.locale) })}
      data-testid="client-funds-check"
      data-ok={ok}
      h="100%"
    >
      <Text size="xs" mb="xs">
        {t('tb.checkHelp')}
      </Text>
      <Table verticalSpacing={2} withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td fw={700}>{t('tb.bank')}</Table.Td>
            <Table.Td className="num" fw={700} data-testid="client-funds-bank">
              <Amount cents={funds.bankCents} />
            </Table.Td>
          </Table.Tr>
          {rows.map(([label, cents]) => (
            <Table.Tr key={label}>
              <Table.Td pl="lg">{label}</Table.Td>
              <Table.Td className="num">
                <Amount cents={cents} dimZero />
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-gray-4)' }}>
            <Table.Td fw={700}>{t('tb.owedTotal')}</Table.Td>
            <Table.Td className="num" fw={700}>
              <Amount cents={owed} />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Alert>
  );
}

function HoldingsChart({ balance }: { balance: TrialBalance }) {
  const t = useT(moneyMessages);
  const funds = balance.clientFunds;
  const data = [
    { name: t('tb.owedToCreditors'), value: funds.owedToCreditorsCents / 100, color: 'indigo.6' },
    { name: t('tb.owedToDebtors'), value: funds.owedToDebtorsCents / 100, color: 'orange.5' },
    { name: t('tb.suspense'), value: funds.suspenseCents / 100, color: 'yellow.5' },
    { name: t('tb.agencyFeesHeld'), value: funds.agencyFeesHeldCents / 100, color: 'teal.5' },
  ].filter((slice) => slice.value > 0);
  return (
    <Paper p="md" h="100%">
      <Title order={5} mb="xs">
        {t('tb.chart')}
      </Title>
      {data.length === 0 ? (
        <EmptyBlock title={t('tb.chartEmpty')} />
      ) : (
        <Group wrap="nowrap" align="center" data-testid="tb-chart">
          <DonutChart data={data} size={150} thickness={26} withTooltip valueFormatter={(value) => formatMoney(Math.round(value * 100), 'EUR', t.locale)} />
          <Stack gap={4}>
            {data.map((slice) => (
              <Group key={slice.name} gap={6} wrap="nowrap">
                <Badge color={slice.color} size="xs" circle> </Badge>
                <Text size="xs">
                  {slice.name} : <b>{formatMoney(Math.round(slice.value * 100), 'EUR', t.locale)}</b>
                </Text>
              </Group>
            ))}
          </Stack>
        </Group>
      )}
    </Paper>
  );
}

function AccountsByBook({ balance }: { balance: TrialBalance }) {
  const t = useT(moneyMessages);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {(['client', 'agency'] as const).map((book) => {
        const rows = balance.rows.filter((row) => row.book === book);
        return (
          <Paper p="md" key={book}>
            <Title order={5} mb="xs">
              {t.dyn(`book.${book}`, book)}
            </Title>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('tb.noMovement')}
              </Text>
            ) : (
              <Table verticalSpacing={4} data-testid={`tb-book-${book}`}>
                <TableHead columns={[t('tb.col.account'), numeric(t('tb.col.debit')), numeric(t('tb.col.credit')), numeric(t('tb.col.balance'))]} />
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={`${row.account}:${row.creditorId ?? ''}`}>
                      <Table.Td>
                        <Text size="sm">{t.dyn(`account.${row.account}`, row.account)}</Text>
                        {row.creditorName && (
                          <Text size="xs" c="dimmed">
                            {row.creditorName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className="num">
                        <Amount cents={row.debitCents} dimZero />
                      </Table.Td>
                      <Table.Td className="num">
                        <Amount cents={row.creditCents} dimZero />
                      </Table.Td>
                      <Table.Td className="num">
                        <Amount cents={row.balanceCents} strong color={row.balanceCents < 0 ? 'red.7' : undefined} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function CreditorPositions({ balance }: { balance: TrialBalance }) {
  const t = useT(moneyMessages);
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('tb.creditors')}
      </Title>
      {balance.creditors.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tb.noCreditor')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped="even" data-testid="tb-creditors">
            <TableHead
              columns={[
                t('common.creditor'),
                numeric(t('tb.payable')),
                numeric(t('tb.inTransit')),
                numeric(t('tb.refundsDue')),
                numeric(t('tb.commissionReceivable')),
                numeric(t('tb.legalCosts')),
              ]}
            />
            <Table.Tbody>
              {balance.creditors.map((row) => (
                <Table.Tr key={row.creditorId}>
                  <Table.Td>{row.creditorName}</Table.Td>
                  <Table.Td className="num">
                    <Amount cents={row.payableCents} dimZero strong />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={row.inTransitCents} dimZero />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={row.refundsDueCents} dimZero />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={row.commissionReceivableCents} dimZero />
                  </Table.Td>
                  <Table.Td className="num">
                    <Amount cents={row.legalCostsAdvancedCents} dimZero />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
