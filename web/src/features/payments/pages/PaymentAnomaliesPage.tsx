import { Anchor, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import type { PaymentAnomaly } from '@relance/contracts/payment-anomalies';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { type AnomalyFilter, anomaliesOptions, useResolveAnomaly } from '../api/anomalies.ts';
import { paymentsMessages } from '../messages.ts';

/** Managers and admins: card events that did not match their checkout session, to check and close with a note. */
export function PaymentAnomaliesPage() {
  const s = useT(paymentsMessages);
  const [filter, setFilter] = useState<AnomalyFilter>('open');
  const query = useInfiniteQuery(anomaliesOptions(filter));
  const [resolving, setResolving] = useState<PaymentAnomaly | null>(null);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title={s('anomalies.title')} subtitle={s('anomalies.subtitle')} />
      <Group mb="md">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value as AnomalyFilter)}
          data={(['open', 'resolved', 'all'] as const).map((value) => ({ value, label: s(`anomalies.filter.${value}`) }))}
          data-testid="anomalies-filter"
        />
      </Group>
      <Paper p="md" data-testid="payment-anomalies">
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="anomalies-empty">
            {filter === 'open' ? s('anomalies.empty') : s('anomalies.emptyAll')}
          </Text>
        ) : (
          <Stack gap="sm">
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing="sm" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{s('anomalies.col.date')}</Table.Th>
                    <Table.Th>{s('anomalies.col.kind')}</Table.Th>
                    <Table.Th>{s('anomalies.col.case')}</Table.Th>
                    <Table.Th ta="right">{s('anomalies.col.expected')}</Table.Th>
                    <Table.Th ta="right">{s('anomalies.col.received')}</Table.Th>
                    <Table.Th>{s('anomalies.col.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((anomaly) => (
                    <AnomalyRow key={anomaly.id} anomaly={anomaly} onResolve={() => setResolving(anomaly)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {query.hasNextPage && (
              <Group justify="center">
                <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {s('anomalies.loadMore')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Paper>
      {resolving && <ResolveModal anomaly={resolving} onClose={() => setResolving(null)} />}
    </>
  );
}

function AnomalyRow({ anomaly, onResolve }: { anomaly: PaymentAnomaly; onResolve: () => void }) {
  const s = useT(paymentsMessages);
  const amount = (terms: { amountCents: number; currency: string } | null) => (terms ? formatMoney(terms.amountCents, terms.currency, s.locale) : '—');
  return (
    <Table.Tr data-testid="anomaly-row">
      <Table.Td>
        <Text size="sm">{formatDateTime(anomaly.createdAt, s.locale)}</Text>
        <Text size="xs" c="dimmed" ff="monospace" truncate maw={200} title={anomaly.providerEventId}>
          {s('anomalies.event', { id: anomaly.providerEventId })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={anomaly.kind === 'amount_mismatch' || anomaly.kind === 'already_paid' ? 'red' : 'orange'} variant="light">
          {s(`anomalies.kind.${anomaly.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {anomaly.caseId ? (
          <Anchor component={Link} to={`/cases/${anomaly.caseId}`} size="sm">
            {anomaly.caseReference ?? anomaly.caseId}
          </Anchor>
        ) : (
          <Text size="sm">—</Text>
        )}
        <Text size="xs" c="dimmed">
          {anomaly.creditorName ?? ''}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{amount(anomaly.expected)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600}>
          {amount(anomaly.received)}
        </Text>
      </Table.Td>
      <Table.Td>
        {anomaly.resolvedAt ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {s('anomalies.resolvedBy', { name: anomaly.resolvedBy?.name ?? '', date: formatDateTime(anomaly.resolvedAt, s.locale) })}
            </Text>
            <Text size="sm" lineClamp={2} title={anomaly.resolutionNote ?? ''}>
              {anomaly.resolutionNote}
            </Text>
          </Stack>
        ) : (
          <Button size="compact-sm" variant="light" onClick={onResolve} data-testid="anomaly-resolve">
            {s('anomalies.resolve')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ResolveModal({ anomaly, onClose }: { anomaly: PaymentAnomaly; onClose: () => void }) {
  const s = useT(paymentsMessages);
  const t = useT();
  const mutation = useResolveAnomaly();
  const [note, setNote] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim().length < 3) return;
    mutation.mutate({ id: anomaly.id, note: note.trim() }, { onSuccess: onClose });
  }
  return (
    <Modal opened onClose={onClose} title={s('anomalies.resolveTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {s(`anomalies.kind.${anomaly.kind}`)} · {anomaly.caseReference ?? anomaly.providerSessionId}
          </Text>
          <Textarea
            label={s('anomalies.note')}
            placeholder={s('anomalies.notePlaceholder')}
            autosize
            minRows={3}
            maxLength={2000}
            required
            data-autofocus
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-testid="anomaly-note"
          />
          {mutation.isError && <ErrorState error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={note.trim().length < 3} data-testid="anomaly-resolve-submit">
              {s('anomalies.resolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
