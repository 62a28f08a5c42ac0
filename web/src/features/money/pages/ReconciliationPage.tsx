import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { recentlyMatchedOptions, unmatchedEntriesOptions } from '../api/money.ts';
import { EntryMatcher } from '../components/EntryMatcher.tsx';
import { UnmatchButton } from '../components/UnmatchButton.tsx';
import { moneyMessages } from '../messages.ts';

/** Arrow keys move between the queue's cards; Enter on a card goes to its first button (the best suggestion's "Match"). */
function moveInQueue(event: KeyboardEvent<HTMLDivElement>) {
  if (event.target !== event.currentTarget) return;
  const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="unmatched-entry"]')];
  const index = cards.indexOf(event.currentTarget);
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = cards[index + (event.key === 'ArrowDown' ? 1 : -1)];
    next?.focus();
    next?.scrollIntoView({ block: 'nearest' });
  } else if (event.key === 'Enter') {
    event.preventDefault();
    event.currentTarget.querySelector<HTMLElement>('button:not(:disabled), input')?.focus();
  }
}

/** The reconciliation work queue: every credit no reference matched, oldest first, each with its suggestions. */
export function ReconciliationPage() {
  const t = useT(moneyMessages);
  const query = useQuery(unmatchedEntriesOptions());
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('recon.help')}
        </Text>
        {query.data && (
          <Text size="sm" fw={600} data-testid="unmatched-count">
            {t('recon.count', { count: query.data.items.length })}
          </Text>
        )}
      </Group>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Paper>
          <EmptyBlock title={t('recon.empty')}>{t('recon.emptyHelp')}</EmptyBlock>
        </Paper>
      ) : (
        <Stack gap="sm" data-testid="unmatched-queue">
          {query.data.items.map((entry) => (
            <EntryMatcher key={entry.id} entry={entry} onKeyDown={moveInQueue} />
          ))}
        </Stack>
      )}
      <RecentlyMatched />
    </Stack>
  );
}

/** The latest matches, each with its case and an "Undo" (reversing entry, reason required). */
function RecentlyMatched() {
  const t = useT(moneyMessages);
  const query = useQuery(recentlyMatchedOptions());
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('recon.recent')}
      </Title>
      <Table data-testid="recently-matched" verticalSpacing={4}>
        <Table.Tbody>
          {items.map((entry) => (
            <Table.Tr key={entry.id} data-testid="recent-match" data-case-reference={entry.caseReference ?? ''}>
              <Table.Td>{formatDate(entry.bookedOn, t.locale)}</Table.Td>
              <Table.Td>{entry.counterpartyName ?? '—'}</Table.Td>
              <Table.Td className="num">{formatMoney(entry.amountCents, entry.currency, t.locale)}</Table.Td>
              <Table.Td>
                {entry.caseId && (
                  <Anchor component={Link} to={`/cases/${entry.caseId}`} size="sm">
                    {entry.caseReference}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <UnmatchButton entry={entry} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
