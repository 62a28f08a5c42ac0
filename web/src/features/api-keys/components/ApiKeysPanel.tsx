import { Badge, Button, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import type { ApiKey, CreatedApiKey } from '@relance/contracts/api-keys';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { SecretShownOnce } from '../../../shared/components/SecretShownOnce.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { apiKeysOptions, useCreateApiKey, useRevokeApiKey } from '../api/api-keys.ts';
import { apiKeysMessages } from '../messages.ts';

export function ApiKeysPanel({ creditorId }: { creditorId: string }) {
  const t = useT(apiKeysMessages, staffMessages);
  const keys = useQuery(apiKeysOptions(creditorId));
  const revoke = useRevokeApiKey(creditorId);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  function confirmRevoke(keyId: string, keyName: string) {
    if (window.confirm(t('apiKeys.revokeConfirm', { name: keyName }))) revoke.mutate(keyId);
  }

  return (
    <Paper p="md" data-testid="api-keys">
      <Title order={4}>{t('apiKeys.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('apiKeys.help')}
      </Text>

      {created && (
        <SecretShownOnce
          title={t('apiKeys.createdTitle', { name: created.name })}
          warning={t('apiKeys.secretWarning')}
          help={t('apiKeys.usage')}
          secret={created.secret}
          testIdPrefix="api-key"
          onDone={() => setCreated(null)}
        />
      )}

      <ApiKeyForm creditorId={creditorId} onCreated={setCreated} />
      {revoke.isError && <ErrorState error={revoke.error} />}

      <QueryTable
        query={keys}
        items={(data) => data.items}
        empty={
          <Text size="sm" c="dimmed">
            {t('apiKeys.none')}
          </Text>
        }
        headers={[t('apiKeys.name'), t('apiKeys.prefix'), t('apiKeys.createdAt'), t('apiKeys.lastUsedAt'), '']}
        minWidth={560}
        testId="api-keys-table"
      >
        {(items) =>
          items.map((key) => (
            <ApiKeyRow
              key={key.id}
              apiKey={key}
              revoking={revoke.isPending && revoke.variables === key.id}
              onRevoke={() => confirmRevoke(key.id, key.name)}
            />
          ))
        }
      </QueryTable>
    </Paper>
  );
}

function ApiKeyRow({ apiKey, revoking, onRevoke }: { apiKey: ApiKey; revoking: boolean; onRevoke: () => void }) {
  const t = useT(apiKeysMessages, staffMessages);
  return (
    <Table.Tr data-testid="api-key-row" style={apiKey.revokedAt ? { opacity: 0.6 } : undefined}>
      <Table.Td fw={600}>{apiKey.name}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {apiKey.prefix}…
        </Text>
      </Table.Td>
      <Table.Td>{formatDateTime(apiKey.createdAt, t.locale)}</Table.Td>
      <Table.Td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt, t.locale) : t('apiKeys.neverUsed')}</Table.Td>
      <Table.Td ta="right">
        {apiKey.revokedAt ? (
          <Badge color="gray" variant="light">
            {t('apiKeys.revokedAt', { date: formatDateTime(apiKey.revokedAt, t.locale) })}
          </Badge>
        ) : (
          <Button size="compact-xs" color="red" variant="light" loading={revoking} onClick={onRevoke} data-testid="api-key-revoke">
            {t('apiKeys.revoke')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A new key is only a name; its secret comes back once. */
function ApiKeyForm({ creditorId, onCreated }: { creditorId: string; onCreated: (key: CreatedApiKey) => void }) {
  const t = useT(apiKeysMessages, staffMessages);
  const create = useCreateApiKey(creditorId);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (key) => {
          onCreated(key);
          setName('');
          setTouched(false);
        },
      },
    );
  }

  return (
    <>
      <form onSubmit={submit} noValidate data-testid="api-key-form">
        <Group align="flex-start" gap="sm" mb="md">
          <TextInput
            style={{ flex: 1 }}
            label={t('apiKeys.name')}
            placeholder={t('apiKeys.namePlaceholder')}
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={touched && !name.trim() ? t('common.required') : null}
            data-testid="api-key-name"
          />
          <Button type="submit" mt={25} loading={create.isPending} data-testid="api-key-submit">
            {t('apiKeys.create')}
          </Button>
        </Group>
      </form>
      {create.isError && <ErrorState error={create.error} />}
    </>
  );
}
