import { Badge, Button, Group, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { GateOverride } from '@relance/contracts/contact-rules';
import { type Message, type MessageTemplateName, messageChannels, messageTemplates } from '@relance/contracts/messages';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { caseMessagesOptions, useQueueMessage, useResendMessage } from '../api/messages.ts';
import { messagesFeatureMessages } from '../messages.ts';
import { GateRefusalAlert } from './GateRefusalAlert.tsx';
import { gateRefusalOf } from './gate-refusal.ts';
import { MessagePreviewModal } from './MessagePreviewModal.tsx';
import { MessageStatusBadge } from './MessageStatusBadge.tsx';

/** The case's messages with their status and reason; staff send one now, resend one, or look at it as the debtor did. */
export function CaseMessagesPanel({ caseId }: { caseId: string }) {
  const t = useT(messagesFeatureMessages);
  const user = useUser();
  const isStaff = user.role !== 'creditor';
  const isManager = user.role === 'manager' || user.role === 'admin';
  const query = useQuery(caseMessagesOptions(caseId));
  const resend = useResendMessage();
  const queue = useQueueMessage(caseId);
  const [shown, setShown] = useState<Message | null>(null);

  return (
    <Paper p="md" data-testid="case-messages">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={4}>{t('messages.caseTitle')}</Title>
        {isStaff && <SendControls queue={queue} />}
      </Group>
      {queue.isError && <SendError error={queue.error} canOverride={isManager} queue={queue} />}
      {resend.isError && <SendError error={resend.error} canOverride={false} />}
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyBlock title={t('messages.emptyCase')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} data-testid="case-messages-table">
            <Table.Tbody>
              {query.data.items.map((message) => (
                <CaseMessageRow key={message.id} message={message} isStaff={isStaff} resend={resend} onView={() => setShown(message)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MessagePreviewModal message={shown} onClose={() => setShown(null)} />
    </Paper>
  );
}

/**
 * A send that did not go: the legal gate's refusal in words (with the manager's override when only
 * the window or the cap stands in the way, sent again with the same channel and template), or any
 * other error.
 */
function SendError({ error, canOverride, queue }: { error: unknown; canOverride: boolean; queue?: ReturnType<typeof useQueueMessage> }) {
  const t = useT(messagesFeatureMessages);
  const refusal = gateRefusalOf(error);
  if (!refusal) return <ErrorState error={error} />;
  const last = queue?.variables;
  return (
    <GateRefusalAlert
      refusal={refusal}
      canOverride={canOverride && last !== undefined}
      overriding={queue?.isPending ?? false}
      {...(queue && last
        ? {
            onOverride: (override: GateOverride) =>
              queue.mutate({ ...last, override }, { onSuccess: () => notifications.show({ color: 'teal', message: t('messages.queued') }) }),
          }
        : {})}
    />
  );
}

/** Staff send a message now: a channel, a template, in the user's language. */
function SendControls({ queue }: { queue: ReturnType<typeof useQueueMessage> }) {
  const t = useT(messagesFeatureMessages);
  const [channel, setChannel] = useState<Message['channel']>('email');
  const [template, setTemplate] = useState<MessageTemplateName>('first_letter');
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <NativeSelect
        aria-label={t('messages.channel')}
        size="xs"
        value={channel}
        onChange={(event) => setChannel(event.currentTarget.value as Message['channel'])}
        data={messageChannels.map((value) => ({ value, label: t.dyn(`messages.channel.${value}`, value) }))}
        data-testid="send-channel"
      />
      <NativeSelect
        aria-label={t('messages.templateLabel')}
        size="xs"
        value={template}
        onChange={(event) => setTemplate(event.currentTarget.value as MessageTemplateName)}
        data={messageTemplates.map((value) => ({ value, label: t.dyn(`messages.template.${value}`, value) }))}
        data-testid="send-template"
      />
      <Button
        size="xs"
        loading={queue.isPending}
        onClick={() =>
          queue.mutate(
            { channel, template, locale: t.locale },
            { onSuccess: () => notifications.show({ color: 'teal', message: t('messages.queued') }) },
          )
        }
        data-testid="send-message"
      >
        {t('messages.send')}
      </Button>
    </Group>
  );
}

function CaseMessageRow({
  message,
  isStaff,
  resend,
  onView,
}: {
  message: Message;
  isStaff: boolean;
  resend: ReturnType<typeof useResendMessage>;
  onView: () => void;
}) {
  const t = useT(messagesFeatureMessages);
  return (
    <Table.Tr key={message.id} data-testid="case-message-row" data-status={message.status}>
      <Table.Td>
        <Text size="sm">{t.dyn(`messages.template.${message.template}`, message.template)}</Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(message.sentAt ?? message.queuedAt, t.locale)}
          {message.reference ? ` · ${message.reference}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="outline" color="gray">
          {t.dyn(`messages.channel.${message.channel}`, message.channel)}
        </Badge>
      </Table.Td>
      <Table.Td maw={300}>
        <MessageStatusBadge status={message.status} />
        {message.presentedAt && (
          <Text size="xs" c="dimmed" data-testid="case-message-presented">
            {t('messages.presentedAt')} {formatDateTime(message.presentedAt, t.locale)}
          </Text>
        )}
        {message.acknowledgedAt && (
          <Text size="xs" c="teal">
            {t('messages.acknowledgedAt')} {formatDateTime(message.acknowledgedAt, t.locale)}
          </Text>
        )}
        {message.statusReason && (
          <Text size="xs" c={message.status === 'blocked' ? 'red' : 'dimmed'} lineClamp={3} data-testid="case-message-reason">
            {message.statusReason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {isStaff && (
            <Button size="compact-xs" variant="subtle" onClick={onView} data-testid="case-message-view">
              {t('messages.view')}
            </Button>
          )}
          {isStaff && message.status !== 'queued' && (
            <Button
              size="compact-xs"
              variant="light"
              loading={resend.isPending && resend.variables === message.id}
              onClick={() => resend.mutate(message.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('messages.resent') }) })}
              data-testid="case-message-resend"
            >
              {t('messages.resend')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
