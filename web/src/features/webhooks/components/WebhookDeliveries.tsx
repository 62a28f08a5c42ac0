import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { WebhookDelivery } from '@relance/contracts/webhooks';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { deliveriesOptions } from '../api/webhooks.ts';
import { webhooksMessages } from '../messages.ts';

const deliveryColor: Record<WebhookDelivery['status'], string> = {
  pending: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

/** The delivery log of one endpoint: each event, its status and every attempt. */
export function DeliveriesTable({ creditorId, webhookId }: { creditorId: string; webhookId: string }) {
  const t = useT(staffMessages, webhooksMessages);
  const deliveries = useQuery(deliveriesOptions(creditorId, webhookId));
  if (deliveries.isPending) return <LoadingState />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  const items = deliveries.data.items;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" mt="sm" data-testid="webhook-deliveries-empty">
        {t('webhooks.noDeliveries')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640} mt="sm">
      <Table data-testid="webhook-deliveries" bg="white">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('webhooks.event')}</Table.Th>
            <Table.Th>{t('webhooks.status')}</Table.Th>
            <Table.Th>{t('webhooks.attempts')}</Table.Th>
            <Table.Th>{t('webhooks.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const t = useT(staffMessages, webhooksMessages);
  return (
    <Table.Tr data-testid="webhook-delivery-row">
      <Table.Td>
        <Text size="sm" ff="monospace">
          {delivery.eventType}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {delivery.eventId.slice(0, 8)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={deliveryColor[delivery.status]} data-testid="webhook-delivery-status">
          {t(`webhooks.status.${delivery.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <DeliveryAttempts attempts={delivery.attempts} />
      </Table.Td>
      <Table.Td>
        <Text size="xs">{formatDateTime(delivery.createdAt, t.locale)}</Text>
        {delivery.deliveredAt && (
          <Text size="xs" c="dimmed">
            {t('webhooks.deliveredAt', { date: formatDateTime(delivery.deliveredAt, t.locale) })}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function DeliveryAttempts({ attempts }: { attempts: WebhookDelivery['attempts'] }) {
  const t = useT(staffMessages, webhooksMessages);
  return (
    <Stack gap={2}>
      {attempts.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('webhooks.noAttempt')}
        </Text>
      ) : (
        attempts.map((attempt) => (
          <Group key={attempt.attempt} gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed" w={22}>
              #{attempt.attempt}
            </Text>
            <Badge size="xs" variant="light" color={attempt.succeeded ? 'teal' : 'red'} tt="none" miw={44}>
              {attempt.statusCode ?? t('webhooks.noAnswer')}
            </Badge>
            <Text size="xs">{attempt.durationMs} ms</Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(attempt.at, t.locale)}
            </Text>
            {attempt.error && (
              <Text size="xs" c="red" truncate maw={220} title={attempt.error}>
                {attempt.error}
              </Text>
            )}
          </Group>
        ))
      )}
    </Stack>
  );
}
