import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { CreatedApiKey } from '@relance/contracts/api-keys';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CopyBox } from '../../../shared/components/CopyBox.tsx';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { apiKeysOptions, useCreateApiKey, useRevokeApiKey } from '../api/api-keys.ts';
import { apiKeysMessages } from '../messages.ts';

export function ApiKeysPanel({ creditorId }: { creditorId: string }) {
  const t = useT(apiKeysMessages, staffMessages);
  const keys = useQuery(apiKeysOptions(creditorId));
  const create = useCreateApiKey(creditorId);
  const revoke = useRevokeApiKey(creditorId);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (key) => {
          setCreated(key);
          setName('');
          setTouched(false);
        },
      },
    );
  }

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
        <Alert color="orange" variant="light" mb="md" title={t('apiKeys.createdTitle', { name: created.name })} data-testid="api-key-created">
          <Stack gap={6}>
            <Text size="sm">{t('apiKeys.secretWarning')}</Text>
            <CopyBox value={created.secret} testId="api-key-secret" />
            <Text size="xs" c="dimmed">
              {t('apiKeys.usage')}
            </Text>
            <Group justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setCreated(null)} data-testid="api-key-secret-done">
                {t('apiKeys.secretSaved')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

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
          <Table.Tr key={key.id} data-testid="api-key-row" style={key.revokedAt ? { opacity: 0.6 } : undefined}>
            <Table.Td fw={600}>{key.name}</Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {key.prefix}…
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(key.createdAt, t.locale)}</Table.Td>
            <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, t.locale) : t('apiKeys.neverUsed')}</Table.Td>
            <Table.Td ta="right">
              {key.revokedAt ? (
                <Badge color="gray" variant="light">
                  {t('apiKeys.revokedAt', { date: formatDateTime(key.revokedAt, t.locale) })}
                </Badge>
              ) : (
                <Button
                  size="compact-xs"
                  color="red"
                  variant="light"
                  loading={revoke.isPending && revoke.variables === key.id}
                  onClick={() => confirmRevoke(key.id, key.name)}
                  data-testid="api-key-revoke"
                >
                  {t('apiKeys.revoke')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))
        }
      </QueryTable>
    </Paper>
  );
}
