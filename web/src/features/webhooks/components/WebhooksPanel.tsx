import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { CreatedWebhook, Webhook, WebhookDelivery, WebhookEventType } from '@relance/contracts/webhooks';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CopyBox } from '../../../shared/components/CopyBox.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { deliveriesOptions, useCreateWebhook, useDeleteWebhook, webhooksOptions } from '../api/webhooks.ts';
import { webhooksMessages } from '../messages.ts';

const deliveryColor: Record<WebhookDelivery['status'], string> = {
  pending: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

export function WebhooksPanel({ creditorId }: { creditorId: string }) {
  const t = useT(staffMessages, webhooksMessages);
  const webhooks = useQuery(webhooksOptions(creditorId));
  const create = useCreateWebhook(creditorId);
  const remove = useDeleteWebhook(creditorId);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['case.created', 'payment.received', 'case.closed']);
  const [touched, setTouched] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);

  const urlOk = /^https?:\/\/\S+$/i.test(url.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!urlOk || events.length === 0) return;
    create.mutate(
      { url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (webhook) => {
          setCreated(webhook);
          setUrl('');
          setDescription('');
          setTouched(false);
        },
      },
    );
  }

  function confirmDelete(webhook: Webhook) {
    if (window.confirm(t('webhooks.deleteConfirm', { url: webhook.url }))) {
      remove.mutate(webhook.id, { onSuccess: () => setOpenLog((current) => (current === webhook.id ? null : current)) });
    }
  }

  const items = webhooks.data?.items ?? [];
  return (
    <Paper p="md" data-testid="webhooks">
      <Title order={4}>{t('webhooks.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('webhooks.help')}
      </Text>

      {created && (
        <Alert color="orange" variant="light" mb="md" title={t('webhooks.createdTitle')} data-testid="webhook-created">
          <Stack gap={6}>
            <Text size="sm">{t('webhooks.secretWarning')}</Text>
            <CopyBox value={created.secret} testId="webhook-secret" />
            <Text size="xs" c="dimmed">
              {t('webhooks.signatureHelp')}
            </Text>
            <Group justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setCreated(null)} data-testid="webhook-secret-done">
                {t('apiKeys.secretSaved')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      <form onSubmit={submit} noValidate data-testid="webhook-form">
        <Stack gap="sm" mb="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('webhooks.url')}
              placeholder="https://erp.example.fr/relance/events"
              required
              maxLength={2000}
              value={url}
              onChange={(event) => setUrl(event.currentTarget.value)}
              error={touched && !urlOk ? t('webhooks.urlInvalid') : null}
              data-testid="webhook-url"
            />
            <TextInput
              label={t('webhooks.description')}
              maxLength={200}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              data-testid="webhook-description"
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('webhooks.events')}
            value={events}
            onChange={(value) => setEvents(value as WebhookEventType[])}
            error={touched && events.length === 0 ? t('webhooks.eventsRequired') : null}
            data-testid="webhook-events"
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt={6} spacing={6}>
              {webhookEventTypes.map((type) => (
                <Checkbox
                  key={type}
                  value={type}
                  label={
                    <span>
                      {t.dyn(`webhooks.event.${type}`, type)}{' '}
                      <Text span size="xs" c="dimmed" ff="monospace">
                        {type}
                      </Text>
                    </span>
                  }
                  data-testid={`webhook-event-${type}`}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {create.isError && <ErrorState error={create.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="webhook-submit">
              {t('webhooks.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      {remove.isError && <ErrorState error={remove.error} />}

      {webhooks.isPending ? (
        <LoadingState />
      ) : webhooks.isError ? (
        <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('webhooks.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((webhook) => (
            <Paper key={webhook.id} p="sm" bg="gray.0" data-testid="webhook-row">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {webhook.url}
                  </Text>
                  {webhook.description && (
                    <Text size="xs" c="dimmed">
                      {webhook.description}
                    </Text>
                  )}
                  <Group gap={4}>
                    {webhook.events.map((type) => (
                      <Badge key={type} size="xs" variant="outline" color="gray" tt="none">
                        {type}
                      </Badge>
                    ))}
                  </Group>
                </Stack>
                <Group gap={6} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => setOpenLog((current) => (current === webhook.id ? null : webhook.id))}
                    data-testid="webhook-deliveries-toggle"
                  >
                    {openLog === webhook.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="red"
                    loading={remove.isPending && remove.variables === webhook.id}
                    onClick={() => confirmDelete(webhook)}
                    data-testid="webhook-delete"
                  >
                    {t('webhooks.delete')}
                  </Button>
                </Group>
              </Group>
              {openLog === webhook.id && <DeliveriesTable creditorId={creditorId} webhookId={webhook.id} />}
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function DeliveriesTable({ creditorId, webhookId }: { creditorId: string; webhookId: string }) {
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
            <Table.Tr key={delivery.id} data-testid="webhook-delivery-row">
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
                <Stack gap={2}>
                  {delivery.attempts.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('webhooks.noAttempt')}
                    </Text>
                  ) : (
                    delivery.attempts.map((attempt) => (
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
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
