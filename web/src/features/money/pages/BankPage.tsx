import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { statementsOptions } from '../api/money.ts';
import { Amount } from '../components/common.tsx';
import { StatementUpload } from '../components/StatementUpload.tsx';
import { moneyMessages } from '../messages.ts';

/** Bank imports: upload a camt.053, then every statement imported with what became of its entries. */
export function BankPage() {
  const t = useT(moneyMessages);
  const query = useQuery(statementsOptions());
  return (
    <Stack gap="md">
      <StatementUpload />
      <Paper p="md">
        <Title order={4} mb="sm">
          {t('bank.list.title')}
        </Title>
        <QueryTable
          query={query}
          items={(page) => page.items}
          empty={<EmptyBlock title={t('bank.list.empty')}>{t('bank.list.emptyHelp')}</EmptyBlock>}
          headers={[
            t('bank.col.statement'),
            t('bank.col.period'),
            t('bank.col.account'),
            { label: t('bank.col.opening'), numeric: true },
            { label: t('bank.col.closing'), numeric: true },
            t('bank.col.entries'),
            t('bank.col.imported'),
          ]}
          minWidth={900}
          testId="bank-statements"
        >
          {(items) =>
            items.map((statement) => (
              <Table.Tr key={statement.id} data-testid="bank-statement-row">
                <Table.Td>
                  <Anchor component={Link} to={`/finance/bank/${statement.id}`} fw={600} size="sm">
                    {statement.statementIdentifier}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {statement.fileName} · {statement.schemaVersion}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {formatDate(statement.fromDate, t.locale)} → {formatDate(statement.toDate, t.locale)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {statement.accountIban}
                  </Text>
                </Table.Td>
                <Table.Td className="num">
                  <Amount cents={statement.openingBalanceCents} />
                </Table.Td>
                <Table.Td className="num">
                  <Amount cents={statement.closingBalanceCents} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color="gray">
                      {t('bank.count.entries', { count: statement.counts.entries })}
                    </Badge>
                    <Badge variant="light" color="teal">
                      {t('bank.count.matched', { count: statement.counts.matched })}
                    </Badge>
                    {statement.counts.unmatched > 0 && (
                      <Badge variant="light" color="orange">
                        {t('bank.count.unmatched', { count: statement.counts.unmatched })}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDateTime(statement.importedAt, t.locale)}</Table.Td>
              </Table.Tr>
            ))
          }
        </QueryTable>
      </Paper>
    </Stack>
  );
}
