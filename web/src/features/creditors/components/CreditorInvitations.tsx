import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CreditorRole, Invitation } from '@relance/contracts/creditors';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CopyBox } from '../../../shared/components/CopyBox.tsx';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, type Locale, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { invitationsOptions, useCreateInvitation } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';

const statusColor: Record<Invitation['status'], string> = { pending: 'blue', accepted: 'teal', expired: 'gray' };

/** Invite a person to the creditor's users by e-mail; without SMTP the link is shown to hand over. */
export function CreditorInvitations({ creditorId }: { creditorId: string }) {
  const t = useT(creditorsMessages, staffMessages);
  const invitations = useQuery(invitationsOptions(creditorId));
  const mutation = useCreateInvitation(creditorId);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<CreditorRole>('uploader');
  const [locale, setLocale] = useState<Locale>(t.locale);
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState<Invitation | null>(null);

  const emailOk = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!emailOk || !name.trim()) return;
    mutation.mutate(
      { email: email.trim(), name: name.trim(), creditorRole: role, locale },
      {
        onSuccess: (invitation) => {
          setSent(invitation);
          notifications.show({ color: 'teal', message: t('invitations.sent', { email: invitation.email }) });
          setEmail('');
          setName('');
          setTouched(false);
        },
      },
    );
  }

  return (
    <Paper p="md" data-testid="creditor-invitations">
      <Title order={4} mb="sm">
        {t('invitations.title')}
      </Title>
      <form onSubmit={submit} noValidate data-testid="invite-form">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('creditors.userEmail')}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={touched && !emailOk ? t('invitations.emailInvalid') : null}
              data-testid="invite-email"
            />
            <TextInput
              label={t('creditors.userName')}
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={touched && !name.trim() ? t('common.required') : null}
              data-testid="invite-name"
            />
            <NativeSelect
              label={t('invitations.role')}
              description={t.dyn(`invitations.roleHelp.${role}`, '')}
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as CreditorRole)}
              data={[
                { value: 'uploader', label: t('invitations.role.uploader') },
                { value: 'viewer', label: t('invitations.role.viewer') },
              ]}
              data-testid="invite-role"
            />
            <NativeSelect
              label={t('creditors.userLocale')}
              value={locale}
              onChange={(event) => setLocale(event.currentTarget.value as Locale)}
              data={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
              data-testid="invite-locale"
            />
          </SimpleGrid>
          {mutation.isError && <ErrorState error={mutation.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="invite-submit">
              {t('invitations.send')}
            </Button>
          </Group>
        </Stack>
      </form>

      {sent?.outboxLink && (
        <Alert color="yellow" variant="light" mt="sm" title={t('invitations.outboxTitle')} data-testid="invite-outbox">
          <Text size="sm" mb={6}>
            {t('invitations.outboxText', { email: sent.email })}
          </Text>
          <CopyBox value={sent.outboxLink} testId="invite-outbox-link" />
        </Alert>
      )}

      <Text fw={600} size="sm" mt="md" mb={4}>
        {t('invitations.list')}
      </Text>
      <QueryTable
        query={invitations}
        items={(data) => data.items}
        empty={
          <Text size="sm" c="dimmed">
            {t('invitations.none')}
          </Text>
        }
        headers={[t('creditors.userName'), t('invitations.role'), t('invitations.status'), t('invitations.dates')]}
        minWidth={560}
        testId="invitations-table"
      >
        {(items) =>
        items.map((invitation) => (
          <Table.Tr key={invitation.id} data-testid="invitation-row">
            <Table.Td>
              <Text size="sm" fw={600}>
                {invitation.name}
              </Text>
              <Text size="xs" c="dimmed">
                {invitation.email}
              </Text>
            </Table.Td>
            <Table.Td>{t(`invitations.role.${invitation.creditorRole}`)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Badge variant="light" color={statusColor[invitation.status]} style={{ overflow: 'visible' }} data-testid="invitation-status">
                {t(`invitations.status.${invitation.status}`)}
              </Badge>
              {invitation.delivery === 'outbox' && invitation.status === 'pending' && (
                <Text size="xs" c="dimmed">
                  {t('invitations.notEmailed')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                {invitation.acceptedAt
                  ? t('invitations.acceptedAt', { date: formatDateTime(invitation.acceptedAt, t.locale) })
                  : t('invitations.expiresAt', { date: formatDateTime(invitation.expiresAt, t.locale) })}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))
        }
      </QueryTable>
    </Paper>
  );
}
