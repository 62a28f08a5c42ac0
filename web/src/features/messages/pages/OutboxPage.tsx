import { Anchor, Badge, Button, Center, Group, NativeSelect, Paper, Table, Text } from '@mantine/core';
import { type Message, type MessageStatus, messageChannels, messageStatuses } from '@relance/contracts/messages';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { type OutboxFilters, outboxOptions } from '../api/messages.ts';
import { MessagePreviewModal } from '../components/MessagePreviewModal.tsx';
import { MessageStatusBadge } from '../components/MessageStatusBadge.tsx';
import { messagesFeatureMessages } from '../messages.ts';

/**
 * Every message to debtors (e-mails, SMS, letters), newest first, as the debtor saw it: in demo
 * mode the e-mails really went over SMTP to the app's own mail server; statuses move on as the
 * providers report (delivered, acknowledgment of receipt, bounce) and blocked messages say why.
 */
export function OutboxPage() {
  const t = useT(messagesFeatureMessages);
  const { params: searchParams, setParam: updateParam } = useUrlFilters();
  const channel = searchParams.get('channel') ?? '';
  const status = searchParams.get('status') ?? '';
  const creditorId = searchParams.get('creditorId') ?? '';
  const filters: OutboxFilters = {
    ...((messageChannels as readonly string[]).includes(channel) ? { channel: channel as Message['channel'] } : {}),
    ...((messageStatuses as readonly string[]).includes(status) ? { status: status as MessageStatus } : {}),
    ...(creditorId ? { creditorId } : {}),
  };
  const query = useInfiniteQuery(outboxOptions(filters));
  const messages = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const [shown, setShown] = useState<Message | null>(null);

  return (
    <>
      <PageHeader title={t('messages.outbox')} subtitle={t('messages.outboxHelp')} />
      <OutboxFilterBar channel={channel} status={status} creditorId={creditorId} updateParam={updateParam} />
      <Paper p={0}>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : messages.length === 0 ? (
          <EmptyBlock title={t('messages.emptyOutbox')}>{t('messages.emptyOutboxHelp')}</EmptyBlock>
        ) : (
          <OutboxTable messages={messages} onView={setShown} />
        )}
        {query.hasNextPage && (
          <Center p="sm">
            <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="outbox-more">
              {t('common.loadMore')}
            </Button>
          </Center>
        )}
      </Paper>
      <MessagePreviewModal message={shown} onClose={() => setShown(null)} />
    </>
  );
}

function OutboxFilterBar({
  channel,
  status,
  creditorId,
  updateParam,
}: {
  channel: string;
  status: string;
  creditorId: string;
  updateParam: (name: string, value: string) => void;
}) {
  const t = useT(messagesFeatureMessages);
  return (
    <Paper p="md" mb="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('messages.channel')}
          value={channel}
          onChange={(event) => updateParam('channel', event.currentTarget.value)}
          data={[{ value: '', label: t('messages.allChannels') }, ...messageChannels.map((value) => ({ value, label: t.dyn(`messages.channel.${value}`, value) }))]}
          data-testid="outbox-channel"
        />
        <NativeSelect
          label={t('messages.statusLabel')}
          value={status}
          onChange={(event) => updateParam('status', event.currentTarget.value)}
          data={[{ value: '', label: t('messages.allStatuses') }, ...messageStatuses.map((value) => ({ value, label: t.dyn(`messages.status.${value}`, value) }))]}
          data-testid="outbox-status"
        />
        <CreditorSelect value={creditorId} onChange={(value) => updateParam('creditorId', value)} allowAll label={t('common.creditor')} testId="outbox-creditor" />
      </Group>
    </Paper>
  );
}

function OutboxTable({ messages, onView }: { messages: Message[]; onView: (message: Message) => void }) {
  const t = useT(messagesFeatureMessages);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="outbox-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('messages.queuedAt')}</Table.Th>
            <Table.Th>{t('messages.case')}</Table.Th>
            <Table.Th>{t('messages.channel')}</Table.Th>
            <Table.Th>{t('messages.templateLabel')}</Table.Th>
            <Table.Th>{t('messages.to')}</Table.Th>
            <Table.Th>{t('messages.statusLabel')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
        {messages.map((message) => (
          <OutboxRow key={message.id} message={message} onView={() => onView(message)} />
        ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One message: when, which case, which channel and template, to whom, its status and why. */
function OutboxRow({ message, onView }: { message: Message; onView: () => void }) {
  const t = useT(messagesFeatureMessages);
  return (
    <Table.Tr key={message.id} data-testid="outbox-row" data-status={message.status} data-channel={message.channel}>
      <Table.Td>
        <Text size="sm">{formatDateTime(message.queuedAt, t.locale)}</Text>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/cases/${message.caseId}`} size="sm">
          {message.caseReference}
        </Anchor>
        <Text size="xs" c="dimmed">
          {message.creditorName} · {message.debtorName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="outline" color="gray">
          {t.dyn(`messages.channel.${message.channel}`, message.channel)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t.dyn(`messages.template.${message.template}`, message.template)}</Text>
      </Table.Td>
      <Table.Td maw={220}>
        <Text size="sm" truncate title={message.recipient ?? ''}>
          {message.recipient?.split('\n')[0] ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <MessageStatusBadge status={message.status} />
        {message.statusReason && (
          <Text size="xs" c={message.status === 'blocked' ? 'red' : 'dimmed'} lineClamp={2} title={message.statusReason} data-testid="outbox-reason">
            {message.statusReason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant="light" onClick={onView} data-testid="outbox-view">
          {t('messages.view')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
