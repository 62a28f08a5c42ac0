import { Badge, Tooltip } from '@mantine/core';
import type { MessageStatus } from '@relance/contracts/messages';
import { useT } from '../../../shared/i18n.ts';
import { messagesFeatureMessages } from '../messages.ts';

const colors: Record<MessageStatus, string> = {
  queued: 'gray',
  blocked: 'red',
  sent: 'blue',
  delivered: 'teal',
  bounced: 'orange',
  failed: 'red',
};

export function MessageStatusBadge({ status, reason }: { status: MessageStatus; reason?: string | null }) {
  const t = useT(messagesFeatureMessages);
  const badge = (
    <Badge color={colors[status]} variant={status === 'blocked' ? 'filled' : 'light'} data-testid="message-status" data-status={status}>
      {t.dyn(`messages.status.${status}`, status)}
    </Badge>
  );
  return reason ? (
    <Tooltip label={reason} multiline w={320} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
