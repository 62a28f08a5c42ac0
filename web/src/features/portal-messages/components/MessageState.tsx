import { Badge } from '@mantine/core';
import type { StaffPortalMessage } from '@relance/contracts/portal-talk';
import { useT } from '../../../shared/i18n.ts';
import { portalMessagesInboxMessages } from '../messages.ts';

/** Answered, read without an answer, or unread. */
export function MessageState({ message }: { message: StaffPortalMessage }) {
  const t = useT(portalMessagesInboxMessages);
  const state = message.answeredAt ? ('answered' as const) : message.readAt ? ('read' as const) : ('unread' as const);
  const color = state === 'answered' ? 'teal' : state === 'read' ? 'yellow' : 'red';
  return (
    <Badge color={color} variant={state === 'unread' ? 'filled' : 'light'} data-testid="debtor-message-state" data-state={state}>
      {t(`state.${state}` as const)}
    </Badge>
  );
}
