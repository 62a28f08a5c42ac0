import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { BankEntry } from '@relance/contracts/money';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { caseSearchOptions, useMatchEntry } from '../api/money.ts';
import { moneyMessages } from '../messages.ts';

type Suggestion = BankEntry['suggestions'][number];

/**
 * One unmatched credit of the work queue: what the bank says, the cases it may belong to (best
 * first, with why), and a search by case reference or debtor name. The card is focusable: the
 * queue moves between cards with the arrow keys, Enter goes to the card's first "Match" button.
 */
export function EntryMatcher({ entry, onKeyDown }: { entry: BankEntry; onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void }) {
  const t = useT(moneyMessages);
  const match = useMatchEntry();
  function matchTo(caseId: string, reference: string) {
    match.mutate(
      { entryId: entry.id, caseId },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('recon.matched', { reference }) }) },
    );
  }
  return (
    <Paper
      p="md"
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="unmatched-entry"
      data-entry-id={entry.id}
      aria-label={t('recon.entryLabel', { amount: formatMoney(entry.amountCents, entry.currency, t.locale), date: formatDate(entry.bookedOn, t.locale) })}
      className="recon-entry"
    >
      <Stack gap="sm">
        <EntryHeader entry={entry} />
        <Suggestions suggestions={entry.suggestions} busy={match.isPending} onMatch={matchTo} />
        <CaseSearch busy={match.isPending} onMatch={matchTo} />
        {match.isError && <ErrorState error={match.error} />}
      </Stack>
    </Paper>
  );
}

function EntryHeader({ entry }: { entry: BankEntry }) {
  const t = useT(moneyMessages);
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={2}>
        <Text fw={600}>{entry.counterpartyName ?? t('recon.unknownPayer')}</Text>
        <Text size="sm" c="dimmed">
          {formatDate(entry.bookedOn, t.locale)}
          {entry.counterpartyIban ? ` · ${entry.counterpartyIban}` : ''}
        </Text>
        {entry.unstructuredText && (
          <Text size="sm" data-testid="entry-text">
            « {entry.unstructuredText} »
          </Text>
        )}
        {entry.structuredReference && (
          <Text size="xs" ff="monospace" c="dimmed">
            {entry.structuredReference}
          </Text>
        )}
      </Stack>
      <Text fz={22} fw={700} className="num" data-testid="entry-amount">
        {formatMoney(entry.amountCents, entry.currency, t.locale)}
      </Text>
    </Group>
  );
}

function scoreColor(score: number) {
  return score >= 70 ? 'teal' : score >= 40 ? 'yellow' : 'gray';
}

function Suggestions({ suggestions, busy, onMatch }: { suggestions: readonly Suggestion[]; busy: boolean; onMatch: (caseId: string, reference: string) => void }) {
  const t = useT(moneyMessages);
  if (suggestions.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="no-suggestion">
        {t('recon.noSuggestion')}
      </Text>
    );
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('recon.suggestions')}
      </Text>
      {suggestions.map((suggestion) => (
        <Group key={suggestion.caseId} justify="space-between" wrap="nowrap" data-testid="suggestion" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Badge color={scoreColor(suggestion.score)} variant="filled" w={48} title={t('recon.score')}>
              {Math.round(suggestion.score)}
            </Badge>
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {suggestion.caseReference} · {suggestion.debtorName}
              </Text>
              <Text size="xs" c="dimmed">
                {suggestion.creditorName} · {t('recon.balance', { amount: formatMoney(suggestion.balanceCents, 'EUR', t.locale) })}
              </Text>
              <Text size="xs">{suggestion.reasons.map((reason) => t.dyn(`reason.${reason}`, reason)).join(' · ')}</Text>
            </Stack>
          </Group>
          <Button size="xs" disabled={busy} onClick={() => onMatch(suggestion.caseId, suggestion.caseReference)} data-testid="suggestion-match">
            {t('recon.match')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function CaseSearch({ busy, onMatch }: { busy: boolean; onMatch: (caseId: string, reference: string) => void }) {
  const t = useT(moneyMessages);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const results = useQuery(caseSearchOptions(debounced));
  const items = debounced.trim().length >= 2 ? (results.data?.items ?? []) : [];
  return (
    <Stack gap={6}>
      <TextInput
        size="xs"
        label={t('recon.search')}
        placeholder={t('recon.searchPlaceholder')}
        value={q}
        onChange={(event) => setQ(event.currentTarget.value)}
        data-testid="case-search"
        maw={420}
      />
      {results.isError && <ErrorState error={results.error} />}
      {items.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={4} data-testid="case-search-results">
          <Table.Tbody>
            {items.map((found) => (
              <Table.Tr key={found.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {found.reference}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{found.debtorName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {found.creditorName}
                  </Text>
                </Table.Td>
                <Table.Td className="num">{formatMoney(found.outstandingCents ?? found.balanceCents, found.currency, t.locale)}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" disabled={busy} onClick={() => onMatch(found.id, found.reference)} data-testid="search-match">
                    {t('recon.match')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {debounced.trim().length >= 2 && results.isSuccess && items.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('recon.searchNone')}
        </Text>
      )}
    </Stack>
  );
}
