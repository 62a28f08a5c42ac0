import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CreatedWebhook, Webhook } from '@relance/contracts/webhooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SecretShownOnce } from '../../../shared/components/SecretShownOnce.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useDeleteWebhook, webhooksOptions } from '../api/webhooks.ts';
import { webhooksMessages } from '../messages.ts';
import { DeliveriesTable } from './WebhookDeliveries.tsx';
import { WebhookForm } from './WebhookForm.tsx';

export function WebhooksPanel({ creditorId }: { creditorId: string }) {
  const t = useT(staffMessages, webhooksMessages);
  const webhooks = useQuery(webhooksOptions(creditorId));
  const remove = useDeleteWebhook(creditorId);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);

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
        <SecretShownOnce
          title={t('webhooks.createdTitle')}
          warning={t('webhooks.secretWarning')}
          help={t('webhooks.signatureHelp')}
          secret={created.secret}
          testIdPrefix="webhook"
          onDone={() => setCreated(null)}
        />
      )}

      <WebhookForm creditorId={creditorId} onCreated={setCreated} />
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
            <WebhookRow
              key={webhook.id}
              creditorId={creditorId}
              webhook={webhook}
              logOpen={openLog === webhook.id}
              onToggleLog={() => setOpenLog((current) => (current === webhook.id ? null : webhook.id))}
              deleting={remove.isPending && remove.variables === webhook.id}
              onDelete={() => confirmDelete(webhook)}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function WebhookRow({
  creditorId,
  webhook,
  logOpen,
  onToggleLog,
  deleting,
  onDelete,
}: {
  creditorId: string;
  webhook: Webhook;
  logOpen: boolean;
  onToggleLog: () => void;
  deleting: boolean;
  onDelete: () => void;
}) {
  const t = useT(staffMessages, webhooksMessages);
  return (
    <Paper p="sm" bg="gray.0" data-testid="webhook-row">
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
          <Button size="compact-xs" variant="light" onClick={onToggleLog} data-testid="webhook-deliveries-toggle">
            {logOpen ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
          </Button>
          <Button size="compact-xs" variant="light" color="red" loading={deleting} onClick={onDelete} data-testid="webhook-delete">
            {t('webhooks.delete')}
          </Button>
        </Group>
      </Group>
      {logOpen && <DeliveriesTable creditorId={creditorId} webhookId={webhook.id} />}
    </Paper>
  );
}
