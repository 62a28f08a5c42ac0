import { Badge, Text } from '@mantine/core';
import type { PortalMessageTopic } from '@relance/contracts/portal-talk';
import { useT } from '../../../shared/i18n.ts';
import { portalMessagesInboxMessages } from '../messages.ts';

const COLORS: Record<PortalMessageTopic, string> = {
  hardship: 'orange',
  wrong_address: 'grape',
  already_paid: 'teal',
  question: 'blue',
  other: 'gray',
};

/** The topic the debtor chose, coloured so the inbox reads at a glance. */
export function TopicBadge({ topic }: { topic: PortalMessageTopic | null }) {
  const t = useT(portalMessagesInboxMessages);
  if (!topic) return null;
  return (
    <Badge color={COLORS[topic]} variant="light" data-testid="debtor-message-topic" data-topic={topic}>
      {t.dyn(`topic.${topic}`, topic)}
    </Badge>
  );
}

/** What the topic asks of the agent (hardship: a plan or a vulnerability flag; an address to check; a payment to match). */
export function TopicFlag({ topic }: { topic: PortalMessageTopic | null }) {
  const t = useT(portalMessagesInboxMessages);
  if (topic !== 'hardship' && topic !== 'wrong_address' && topic !== 'already_paid') return null;
  return (
    <Text size="xs" c="dimmed" data-testid="debtor-message-flag">
      {t(`flag.${topic}` as const)}
    </Text>
  );
}
