import { Alert, Button, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Creditor } from '@relance/contracts/creditors';
import { useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useRevokeMandate, useUpdateCreditor } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';

/**
 * The mandate as the legal gate reads it (R124-3): in force, or why every contact with this
 * creditor's debtors is suspended; whether it covers judicial steps; and, for managers, recording
 * the creditor's revocation with its reason.
 */
export function MandateStanding({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const user = useUser();
  const canEdit = user.role === 'admin' || user.role === 'manager';
  const { mandate } = creditor;
  const update = useUpdateCreditor(creditor.id);
  return (
    <Paper p="md" data-testid="mandate-standing" data-state={mandate.state}>
      <Stack gap="sm">
        <Title order={4}>{t('creditors.mandateStanding')}</Title>
        {mandate.state !== 'in_force' && (
          <Alert color="red" variant="filled" title={t('creditors.mandateSuspendedTitle')} data-testid="creditor-mandate-alert">
            <Text size="sm">
              {mandate.state === 'revoked' && mandate.revokedAt
                ? t('creditors.mandateRevokedText', { date: formatDateTime(mandate.revokedAt, t.locale), reason: mandate.revokedReason ?? '' })
                : mandate.state === 'expired' && mandate.validUntil
                  ? t('creditors.mandateExpiredText', { date: formatDate(mandate.validUntil, t.locale) })
                  : t('creditors.mandateNotStartedText', { date: formatDate(mandate.signedOn, t.locale) })}
            </Text>
          </Alert>
        )}
        <Switch
          label={t('creditors.mandateCoversJudicial')}
          description={t('creditors.mandateCoversJudicialHelp')}
          checked={mandate.coversJudicial}
          disabled={!canEdit || update.isPending}
          onChange={(event) => update.mutate({ mandate: { coversJudicial: event.currentTarget.checked } })}
          data-testid="mandate-covers-judicial"
        />
        {update.isError && <ErrorState error={update.error} />}
        {canEdit && mandate.state !== 'revoked' && <RevokeMandate creditor={creditor} />}
      </Stack>
    </Paper>
  );
}

/** A manager records that the creditor ended the mandate, with the reason (audit trail; managers are notified). */
function RevokeMandate({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const revoke = useRevokeMandate(creditor.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button size="xs" color="red" variant="light" style={{ alignSelf: 'flex-start' }} onClick={() => setOpen(true)} data-testid="mandate-revoke-open">
        {t('creditors.mandateRevoke')}
      </Button>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{t('creditors.mandateRevokeWarning')}</Text>
      <Textarea
        required
        autosize
        minRows={2}
        label={t('creditors.mandateRevokeReason')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        data-testid="mandate-revoke-reason"
      />
      {revoke.isError && <ErrorState error={revoke.error} />}
      <Group gap="xs">
        <Button
          size="xs"
          color="red"
          disabled={reason.trim().length < 5}
          loading={revoke.isPending}
          onClick={() =>
            revoke.mutate(reason.trim(), {
              onSuccess: () => {
                setOpen(false);
                notifications.show({ color: 'red', message: t('creditors.mandateRevoked') });
              },
            })
          }
          data-testid="mandate-revoke-confirm"
        >
          {t('creditors.mandateRevokeConfirm')}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
