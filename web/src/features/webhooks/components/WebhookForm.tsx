import { Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { CreatedWebhook, WebhookEventType } from '@relance/contracts/webhooks';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useCreateWebhook } from '../api/webhooks.ts';
import { webhooksMessages } from '../messages.ts';

/** A new endpoint: its URL, a description and the events it receives; the secret comes back once. */
export function WebhookForm({ creditorId, onCreated }: { creditorId: string; onCreated: (webhook: CreatedWebhook) => void }) {
  const t = useT(staffMessages, webhooksMessages);
  const create = useCreateWebhook(creditorId);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['case.created', 'payment.received', 'case.closed']);
  const [touched, setTouched] = useState(false);

  const urlOk = /^https?:\/\/\S+$/i.test(url.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!urlOk || events.length === 0) return;
    create.mutate(
      { url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (webhook) => {
          onCreated(webhook);
          setUrl('');
          setDescription('');
          setTouched(false);
        },
      },
    );
  }

  return (
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
        <EventsField value={events} onChange={setEvents} error={touched && events.length === 0 ? t('webhooks.eventsRequired') : null} />
        {create.isError && <ErrorState error={create.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="webhook-submit">
            {t('webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The events the endpoint receives, each with its name and its technical type. */
function EventsField({
  value,
  onChange,
  error,
}: {
  value: WebhookEventType[];
  onChange: (events: WebhookEventType[]) => void;
  error: string | null;
}) {
  const t = useT(staffMessages, webhooksMessages);
  return (
    <Checkbox.Group
      label={t('webhooks.events')}
      value={value}
      onChange={(next) => onChange(next as WebhookEventType[])}
      error={error}
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
  );
}
