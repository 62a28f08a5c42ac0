import { Alert, Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { Invitation } from '@relance/contracts/creditors';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CopyBox } from '../../../shared/components/CopyBox.tsx';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { invitationsOptions } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';
import { InvitationForm } from './InvitationForm.tsx';

const statusColor: Record<Invitation['status'], string> = { pending: 'blue', accepted: 'teal', expired: 'gray' };

/** Invite a person to the creditor's users by e-mail; without SMTP the link is shown to hand over. */
export function CreditorInvitations({ creditorId }: { creditorId: string }) {
  const t = useT(creditorsMessages, staffMessages);
  const invitations = useQuery(invitationsOptions(creditorId));
  const [sent, setSent] = useState<Invitation | null>(null);

  return (
    <Paper p="md" data-testid="creditor-invitations">
      <Title order={4} mb="sm">
        {t('invitations.title')}
      </Title>
      <InvitationForm creditorId={creditorId} onSent={setSent} />

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
        {(items) => items.map((invitation) => <InvitationRow key={invitation.id} invitation={invitation} />)}
      </QueryTable>
    </Paper>
  );
}

function InvitationRow({ invitation }: { invitation: Invitation }) {
  const t = useT(creditorsMessages, staffMessages);
  return (
    <Table.Tr data-testid="invitation-row">
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
  );
}
