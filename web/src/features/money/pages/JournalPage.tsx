import { Anchor, Badge, Button, CloseButton, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { type JournalTransaction, ledgerAccount, ledgerTransactionKind } from '@relance/contracts/money';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { DateField } from '../../../shared/components/DateField.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { type JournalFilters, journalOptions } from '../api/money.ts';
import { Amount } from '../components/common.tsx';
import { moneyMessages } from '../messages.ts';

const filterNames = ['from', 'to', 'kind', 'account', 'creditorId', 'caseId'] as const;

/** The journal: every transaction with its lines, filtered by the URL's parameters (shareable, kept by "back"). */
export function JournalPage() {
  const t = useT(moneyMessages);
  const { params, setParam } = useUrlFilters();
  const filters: JournalFilters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as JournalFilters;
  const query = useInfiniteQuery(journalOptions(filters));
  const transactions = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <JournalFiltersBar filters={filters} setParam={setParam} />
      <Paper p="md">
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : transactions.length === 0 ? (
          <EmptyBlock title={t('journal.empty')}>{t('journal.emptyHelp')}</EmptyBlock>
        ) : (
          <JournalTable transactions={transactions} onCase={(caseId) => setParam('caseId', caseId)} />
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

function JournalFiltersBar({ filters, setParam }: { filters: JournalFilters; setParam: (name: string, value: string) => void }) {
  const t = useT(moneyMessages);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="journal-filters">
      <DateField label={t('journal.from')} value={filters.from} onChange={(e) => setParam('from', e.currentTarget.value)} data-testid="journal-from" />
      <DateField label={t('journal.to')} value={filters.to} onChange={(e) => setParam('to', e.currentTarget.value)} data-testid="journal-to" />
      <NativeSelect
        label={t('journal.kind')}
        value={filters.kind}
        onChange={(e) => setParam('kind', e.currentTarget.value)}
        data={[{ value: '', label: t('journal.allKinds') }, ...ledgerTransactionKind.options.map((kind) => ({ value: kind, label: t.dyn(`kind.${kind}`, kind) }))]}
        data-testid="journal-kind"
      />
      <NativeSelect
        label={t('journal.account')}
        value={filters.account}
        onChange={(e) => setParam('account', e.currentTarget.value)}
        data={[{ value: '', label: t('journal.allAccounts') }, ...ledgerAccount.options.map((account) => ({ value: account, label: t.dyn(`account.${account}`, account) }))]}
        data-testid="journal-account"
      />
      <CreditorSelect label={t('common.creditor')} value={filters.creditorId ?? ''} onChange={(value) => setParam('creditorId', value)} allowAll testId="journal-creditor" />
      {filters.caseId && (
        <Badge size="lg" variant="light" rightSection={<CloseButton size="xs" aria-label={t('journal.clearCase')} onClick={() => setParam('caseId', '')} />}>
          {t('journal.caseFilter')}
        </Badge>
      )}
    </Group>
  );
}

function JournalTable({ transactions, onCase }: { transactions: readonly JournalTransaction[]; onCase: (caseId: string) => void }) {
  const t = useT(moneyMessages);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table data-testid="journal" verticalSpacing={4}>
        <TableHead columns={[t('journal.col.date'), t('journal.col.entry'), t('journal.col.account'), numeric(t('journal.col.debit')), numeric(t('journal.col.credit'))]} />
        <Table.Tbody>
          {transactions.map((tx) => (
            <Fragment key={tx.id}>
              <TransactionHeader tx={tx} onCase={onCase} />
              {tx.lines.map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a transaction's lines are fixed, in their order
                <Table.Tr key={index} data-testid="journal-line">
                  <Table.Td />
                  {/* Credits indented under the debits, as a French journal writes them. */}
                  <Table.Td colSpan={2} pl={line.creditCents > 0 ? 48 : 'md'}>
                    <Text size="sm">{t.dyn(`account.${line.account}`, line.account)}</Text>
                  </Table.Td>
                  <Table.Td className="num">{line.debitCents > 0 ? <Amount cents={line.debitCents} /> : ''}</Table.Td>
                  <Table.Td className="num">{line.creditCents > 0 ? <Amount cents={line.creditCents} /> : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TransactionHeader({ tx, onCase }: { tx: JournalTransaction; onCase: (caseId: string) => void }) {
  const t = useT(moneyMessages);
  const { caseId } = tx;
  return (
    <Table.Tr id={`tx-${tx.id}`} bg="gray.0" data-testid="journal-transaction" data-kind={tx.kind}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {formatDate(tx.bookedOn, t.locale)}
        </Text>
        <Text size="xs" c="dimmed">
          n° {tx.seq}
        </Text>
      </Table.Td>
      <Table.Td colSpan={4}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color={tx.kind === 'reversal' ? 'grape' : 'indigo'}>
            {t.dyn(`kind.${tx.kind}`, tx.kind)}
          </Badge>
          <Text size="sm">{tx.description}</Text>
          {tx.creditorName && (
            <Text size="xs" c="dimmed">
              {tx.creditorName}
            </Text>
          )}
          {caseId && (
            <Group gap={4}>
              <Anchor component={Link} to={`/cases/${caseId}`} size="xs">
                {tx.caseReference ?? t('journal.case')}
              </Anchor>
              <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => onCase(caseId)}>
                ({t('journal.onlyThisCase')})
              </Anchor>
            </Group>
          )}
          {tx.reversesId && (
            <Anchor href={`#tx-${tx.reversesId}`} size="xs" c="grape" data-testid="journal-reverses">
              {t('journal.reverses')}
            </Anchor>
          )}
          {tx.reversedById && (
            <Anchor href={`#tx-${tx.reversedById}`} size="xs" c="grape" data-testid="journal-reversed-by">
              {t('journal.reversedBy')}
            </Anchor>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
