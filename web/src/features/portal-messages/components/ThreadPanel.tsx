import { Anchor, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffPortalMessage } from '@relance/contracts/portal-talk';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { downloadFile } from '../../../shared/session.ts';
import { newReplyKey, threadOptions, useMarkAnswered, useMarkRead, useReply } from '../api/portal-messages.ts';
import { portalMessagesInboxMessages } from '../messages.ts';
import { MessageState } from './MessageState.tsx';
import { TopicBadge, TopicFlag } from './TopicBadge.tsx';

/**
 * A case's conversation with its debtor: every message (opening it marks the unread ones read),
 * the reply box (posted on the debtor's page) and "handled without a reply" for the last waiting one.
 */
export function ThreadPanel({ caseId }: { caseId: string }) {
  const t = useT(portalMessagesInboxMessages);
  const query = useQuery(threadOptions(caseId));
  const markRead = useMarkRead();
  const items = query.data?.items ?? [];
  const unread = items.filter((item) => item.direction === 'in' && !item.readAt).map((item) => item.id);
  // biome-ignore lint/correctness/useExhaustiveDependencies: marks what this opening shows as unread, once per list
  useEffect(() => {
    for (const id of unread) markRead.mutate(id);
  }, [unread.join(',')]);

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const first = items[0];
  const waiting = items.filter((item) => item.direction === 'in' && !item.answeredAt).at(-1);
  return (
    <Stack gap="md" data-testid="debtor-thread">
      {first && (
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Text fw={700} data-testid="debtor-thread-title">
              {t('thread.title', { debtor: first.debtorName })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('thread.case', { reference: first.caseReference, creditor: first.creditorName })}
            </Text>
          </Stack>
          <Anchor component={Link} to={`/cases/${caseId}`} size="sm" data-testid="debtor-thread-case">
            {t('thread.openCase')}
          </Anchor>
        </Group>
      )}
      {items.map((message) => (
        <ThreadMessage key={message.id} message={message} />
      ))}
      <ReplyBox caseId={caseId} waitingId={waiting?.id ?? null} />
    </Stack>
  );
}

function ThreadMessage({ message }: { message: StaffPortalMessage }) {
  const t = useT(portalMessagesInboxMessages);
  const incoming = message.direction === 'in';
  return (
    <Paper p="sm" withBorder bg={incoming ? undefined : 'gray.0'} ml={incoming ? 0 : 'lg'} mr={incoming ? 'lg' : 0} data-testid="debtor-thread-message" data-direction={message.direction}>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {incoming ? t('thread.debtor') : (message.authorName ?? t('thread.agency'))}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(message.createdAt, t.locale)}
          </Text>
          <TopicBadge topic={message.topic} />
          {incoming && <MessageState message={message} />}
        </Group>
        <TopicFlag topic={incoming ? message.topic : null} />
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.body}
        </Text>
        {message.attachment && <AttachmentLink attachment={message.attachment} />}
      </Stack>
    </Paper>
  );
}

function AttachmentLink({ attachment }: { attachment: NonNullable<StaffPortalMessage['attachment']> }) {
  const t = useT(portalMessagesInboxMessages);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(attachment.downloadUrl, attachment.fileName);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {attachment.fileName}
      </Text>
      <Button size="compact-xs" variant="light" loading={busy} onClick={() => void download()} data-testid="debtor-thread-download">
        {t('thread.download')}
      </Button>
    </Group>
  );
}

/** The reply (one Idempotency-Key per text: a retry after a lost answer posts it once). */
function ReplyBox({ caseId, waitingId }: { caseId: string; waitingId: string | null }) {
  const t = useT(portalMessagesInboxMessages);
  const reply = useReply(caseId);
  const answered = useMarkAnswered(caseId);
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const key = useRef<string>(newReplyKey());
  const send = () => {
    if (!body.trim()) {
      setMissing(true);
      return;
    }
    reply.mutate(
      { body: body.trim(), key: key.current },
      {
        onSuccess: () => {
          setBody('');
          key.current = newReplyKey();
          notifications.show({ color: 'teal', message: t('thread.sent'), autoClose: 3000 });
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      <Textarea
        label={t('thread.reply')}
        autosize
        minRows={3}
        maxLength={4000}
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          setMissing(false);
          key.current = newReplyKey();
        }}
        error={missing ? t('thread.replyRequired') : undefined}
        data-testid="debtor-thread-reply"
      />
      {reply.isError && <ErrorState error={reply.error} />}
      {answered.isError && <ErrorState error={answered.error} />}
      <Group gap="sm" wrap="wrap">
        <Button onClick={send} loading={reply.isPending} data-testid="debtor-thread-send">
          {t('thread.send')}
        </Button>
        {waitingId && (
          <Button
            variant="subtle"
            loading={answered.isPending}
            onClick={() => answered.mutate(waitingId, { onSuccess: () => notifications.show({ color: 'teal', message: t('thread.markedAnswered'), autoClose: 3000 }) })}
            data-testid="debtor-thread-answered"
          >
            {t('thread.markAnswered')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
