import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { BankEntry, BankStatement } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { StatCard } from '../../../shared/components/StatCard.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { statementOptions } from '../api/money.ts';
import { Amount, EntryStatusBadge } from '../components/common.tsx';
import { UnmatchButton } from '../components/UnmatchButton.tsx';
import { moneyMessages } from '../messages.ts';

/** One statement: its balances and every entry with its status and the case it paid. */
export function StatementPage() {
  const t = useT(moneyMessages);
  const { id = '' } = useParams();
  const query = useQuery(statementOptions(id));
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/finance/bank" size="sm">
        ← {t('bank.backToList')}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <StatementView statement={query.data} />
      )}
    </Stack>
  );
}

function StatementView({ statement }: { statement: BankStatement }) {
  const t = useT(moneyMessages);
  const money = (cents: number) => formatMoney(cents, statement.currency, t.locale);
  return (
    <Stack gap="md" data-testid="bank-statement">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={3}>{t('bank.statement.title', { id: statement.statementIdentifier })}</Title>
          <Text size="sm" c="dimmed">
            {statement.accountIban} · {statement.schemaVersion} · {formatDate(statement.fromDate, t.locale)} →{' '}
            {formatDate(statement.toDate, t.locale)}
          </Text>
        </Stack>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t('bank.col.opening')} value={money(statement.openingBalanceCents)} valueSize={20} />
        <StatCard label={t('bank.col.closing')} value={money(statement.closingBalanceCents)} valueSize={20} />
        <StatCard label={t('bank.statement.matched')} value={String(statement.counts.matched)} color="teal.7" valueSize={20} testId="statement-matched" />
        <StatCard
          label={t('bank.statement.unmatched')}
          value={String(statement.counts.unmatched)}
          color={statement.counts.unmatched > 0 ? 'orange.7' : undefined}
          valueSize={20}
          testId="statement-unmatched"
        />
      </SimpleGrid>
      <Paper p="md">
        <Title order={4} mb="sm">
          {t('bank.statement.entries')}
        </Title>
        <EntriesTable entries={statement.entries} />
      </Paper>
    </Stack>
  );
}

function EntriesTable({ entries }: { entries: readonly BankEntry[] }) {
  const t = useT(moneyMessages);
  if (entries.length === 0) return <Text c="dimmed">{t('bank.statement.noEntries')}</Text>;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped="even" data-testid="bank-entries">
        <TableHead
          columns={[t('bank.col.booked'), t('bank.col.counterparty'), t('bank.col.reference'), numeric(t('bank.col.amount')), t('bank.col.status'), t('bank.col.case')]}
        />
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="bank-entry-row" data-status={entry.status}>
              <Table.Td>{formatDate(entry.bookedOn, t.locale)}</Table.Td>
              <Table.Td>
                <Text size="sm">{entry.counterpartyName ?? '—'}</Text>
                {entry.counterpartyIban && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {entry.counterpartyIban}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {entry.structuredReference ?? ''}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {entry.unstructuredText ?? ''}
                </Text>
              </Table.Td>
              <Table.Td className="num">
                <Amount cents={entry.direction === 'debit' ? -entry.amountCents : entry.amountCents} color={entry.direction === 'debit' ? 'red.7' : undefined} />
                {entry.currency !== 'EUR' && (
                  <Text size="xs" c="dimmed">
                    {entry.currency}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <EntryStatusBadge status={entry.status} />
              </Table.Td>
              <Table.Td>
                {entry.caseId ? (
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/cases/${entry.caseId}`} size="sm" data-testid="entry-case">
                      {entry.caseReference ?? entry.caseId}
                    </Anchor>
                    {entry.status === 'matched' && <UnmatchButton entry={entry} />}
                  </Group>
                ) : entry.status === 'unmatched' ? (
                  <Anchor component={Link} to="/finance/reconciliation" size="sm">
                    {t('bank.statement.toReconcile')}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
