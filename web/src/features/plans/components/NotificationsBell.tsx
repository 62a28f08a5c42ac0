import { ActionIcon, Anchor, Box, Button, Divider, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import type { Notification } from '@relance/contracts/plans';
import { useQuery } from '@tanstack/react-query';
import type { ComponentPropsWithRef } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, useT } from '../../../shared/i18n.ts';
import { approvalsOptions, notificationsOptions, useMarkNotificationRead } from '../api/plans.ts';
import { plansMessages } from '../messages.ts';

/** The signed-in user's notifications (plan approved / refused, a creditor's mandate revoked or ending): unread count and a dropdown list. */
export function NotificationsBell() {
  const t = useT(plansMessages);
  const query = useQuery(notificationsOptions());
  const markRead = useMarkNotificationRead();
  const items = query.data?.items ?? [];
  const unread = items.filter((item) => !item.readAt).length;

  return (
    <Popover width={340} position="bottom-end" shadow="md" withArrow>
      {/* The button is the popover's target (its aria-haspopup and aria-expanded belong on a button). */}
      <Indicator label={unread} size={16} disabled={unread === 0} offset={4} color="red">
        <Popover.Target>
          <BellIcon label={t('notifications.title')} unread={unread} />
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} data-testid="notifications-list">
        <Text fw={600} size="sm" p="sm">
          {t('notifications.title')}
        </Text>
        <Divider />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={360}>
            <Stack gap={0}>
              {items.map((item) => (
                <NotificationItem key={item.id} item={item} onRead={() => markRead.mutate(item.id)} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function BellIcon({ label, unread, ...target }: { label: string; unread: number } & ComponentPropsWithRef<'button'>) {
  // `target`: the ref, aria attributes and click handler Popover.Target gives its child.
  return (
    <ActionIcon
      {...target}
      variant="subtle"
      color="gray"
      size="lg"
      aria-label={label}
      data-testid="notifications-bell"
      data-unread={unread}
    >
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
    </ActionIcon>
  );
}

/** One notification; opening its case marks it read. */
function NotificationItem({ item, onRead }: { item: Notification; onRead: () => void }) {
  const t = useT(plansMessages);
  return (
    <Box
      key={item.id}
      p="sm"
      bg={item.readAt ? undefined : 'indigo.0'}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="notification-item"
      data-read={Boolean(item.readAt)}
    >
      <Text size="sm">{item.text}</Text>
      <Text size="xs" c="dimmed">
        {formatDateTime(item.createdAt, t.locale)}
      </Text>
      <Box mt={4} style={{ display: 'flex', gap: 12 }}>
        {item.caseId && (
          <Anchor
            component={Link}
            to={`/cases/${item.caseId}`}
            size="xs"
            onClick={() => !item.readAt && onRead()}
          >
            {t('notifications.openCase')}
          </Anchor>
        )}
        {item.creditorId && (
          <Anchor component={Link} to={`/creditors/${item.creditorId}`} size="xs" onClick={() => !item.readAt && onRead()}>
            {t('notifications.openCreditor')}
          </Anchor>
        )}
        {!item.readAt && (
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={onRead}
            data-testid="notification-read"
          >
            {t('notifications.markRead')}
          </Button>
        )}
      </Box>
    </Box>
  );
}

/** Pending proposals, for the navbar badge (managers and admins only). */
export function ApprovalsCount() {
  const query = useQuery(approvalsOptions());
  const count = query.data?.items.length ?? 0;
  if (count === 0) return null;
  return (
    <Text span size="xs" fw={700} c="white" bg="orange.6" px={6} style={{ borderRadius: 10 }} data-testid="approvals-count">
      {formatNumber(count)}
    </Text>
  );
}
